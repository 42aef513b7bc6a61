//! Renderers: one per output format. Each turns values from the library into text;
//! none of them decides anything.

pub mod diagnostics_json;
pub mod diff;
pub mod github;
pub mod human;
pub mod models;
pub mod plan;
pub mod route;
pub mod rules;
pub mod sarif;

/// How to render for a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
    /// Whether output goes to a terminal: tables fit its width there and run long in a
    /// pipe, where nothing wraps them awkwardly.
    pub terminal: bool,
}

impl Style {
    /// No colour, 80 columns: the style of snapshots and pipes.
    pub const PLAIN: Style = Style {
        color: false,
        width: 80,
        terminal: false,
    };
}
