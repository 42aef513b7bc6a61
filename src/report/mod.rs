//! Renderers: one per output format. Each turns values from the library into text;
//! none of them decides anything.

pub mod calibrate;
pub mod catalog_yaml;
pub mod compare;
pub mod diagnostics_json;
pub mod diff;
pub mod github;
pub mod human;
pub mod markdown;
pub mod models;
pub mod plan;
pub mod printable;
pub mod route;
pub mod rules;
pub mod sarif;
pub mod status;

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
    /// Fits a table to the terminal's width; off a terminal rows run full length, since
    /// a pipe or a CI log wraps nothing and wrapped cells only split names.
    pub fn fit(&self, table: &mut comfy_table::Table) {
        if self.terminal {
            table
                .set_width(u16::try_from(self.width.max(60)).unwrap_or(u16::MAX))
                .set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
        }
    }

    /// No colour, 80 columns: the style of snapshots and pipes.
    pub const PLAIN: Style = Style {
        color: false,
        width: 80,
        terminal: false,
    };
}
