//! Reading a spec's bytes from a file or stdin, within the byte cap, as UTF-8 text.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::CheckCode;
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};

/// The default cap on input size. A 100,000-shot spec — the most shots `--max-shots`
/// lets a spec hold — is about 18 MiB, so real specs fit with room to spare; and the
/// cap bounds the parser's worst case: one scalar folded over many lines costs it about
/// four times its size (the scanner's copy grows by doubling, and an error quotes it), so
/// the largest input the cap lets through stays under 200 MB. A stray video file is
/// refused at once.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Why a spec could not be read at all (the CLI exits 2 for these).
#[derive(Debug)]
pub enum SourceError {
    Io { name: String, error: std::io::Error },
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            SourceError::Io { name, error } => write!(f, "cannot read `{name}`: {error}"),
        }
    }
}

impl std::error::Error for SourceError {}

impl SourceError {
    /// The error as a diagnostic on an empty source of the file's name, so that a
    /// command reading several files reports it among the others' results.
    pub fn into_diagnostic(self) -> (Source, Diagnostic) {
        match self {
            SourceError::Io { name, error } => {
                let diagnostic = Diagnostic::error(
                    CheckCode::UnreadableFile,
                    format!("cannot read `{name}`: {error}"),
                )
                .with_label(Span::new(0, 0), "not read")
                .with_help("check the path, and that it names a file you may read");
                (Source::new(name, String::new()), diagnostic)
            }
        }
    }
}

/// The refusal of an input over `max_bytes`, read from a file or handed over as text.
pub fn too_large(max_bytes: u64) -> Diagnostic {
    Diagnostic::error(
        CheckCode::InputTooLarge,
        format!("input is larger than the {} limit", byte_size(max_bytes)),
    )
    .with_help("pass `--max-bytes` with a larger limit if this really is a spec")
}

/// Reads a spec from `path` (`-` for stdin), refusing more than `max_bytes`. Content
/// problems (too large, not UTF-8) come back as a diagnostic on a readable source.
pub fn read_source(
    path: &Path,
    max_bytes: u64,
    stdin: &mut dyn Read,
) -> Result<Result<Source, (Source, Diagnostic)>, SourceError> {
    let name = if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let io_error = |error| SourceError::Io {
        name: name.clone(),
        error,
    };
    let too_large = |name: String| {
        Ok(Err((
            Source::new(name, String::new()),
            too_large(max_bytes),
        )))
    };
    let mut bytes = Vec::new();
    // Read one byte past the cap so that "exactly at the cap" and "over it" differ.
    let limit = max_bytes.saturating_add(1);
    if path == Path::new("-") {
        stdin
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        // A regular file's size is known before reading: one over the cap is refused
        // without reading it, and one under it is read into a buffer of its size rather
        // than one grown by doubling, which would hold up to twice the file at its peak.
        let size = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        if size.is_some_and(|size| size > max_bytes) {
            return too_large(name);
        }
        let capacity = size.unwrap_or(0).min(limit);
        bytes.reserve_exact(usize::try_from(capacity).unwrap_or(0));
        file.take(limit).read_to_end(&mut bytes).map_err(io_error)?;
    }
    if bytes.len() as u64 > max_bytes {
        return too_large(name);
    }
    if let Some((encoding, bom)) = wide_encoding(&bytes) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (message, span, label) = if bom > 0 {
            (
                format!("input is {encoding}, not UTF-8"),
                Span::new(0, bom),
                format!("{encoding} byte-order mark"),
            )
        } else {
            (
                format!("input is {encoding} without a byte-order mark, not UTF-8"),
                Span::new(0, 1),
                "NUL bytes between the characters".to_owned(),
            )
        };
        let diagnostic = Diagnostic::error(CheckCode::InvalidUtf8, message)
            .with_label(span, label)
            .with_help("save the spec as UTF-8 text");
        return Ok(Err((Source::new(name, text), diagnostic)));
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(error) => {
            let position = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = Source::new(name, text);
            let span = Span::new(u32::try_from(position).unwrap_or(u32::MAX), 1);
            let diagnostic = Diagnostic::error(
                CheckCode::InvalidUtf8,
                format!("input is not valid UTF-8 at byte {position}"),
            )
            .with_label(span, "invalid byte")
            .with_help("save the spec as UTF-8 text");
            Err((source, diagnostic))
        }
    })
}

/// The UTF-16 or UTF-32 encoding `bytes` are in, and its byte-order mark's length (0
/// when it has none), told by the mark or, without one, by where the NUL bytes of an
/// ASCII first character fall. A spec in UTF-8 never starts with a NUL byte: YAML does
/// not allow one anywhere.
fn wide_encoding(bytes: &[u8]) -> Option<(&'static str, u32)> {
    Some(match bytes {
        [0xff, 0xfe, 0, 0, ..] => ("UTF-32LE", 4),
        [0, 0, 0xfe, 0xff, ..] => ("UTF-32BE", 4),
        [0xff, 0xfe, ..] => ("UTF-16LE", 2),
        [0xfe, 0xff, ..] => ("UTF-16BE", 2),
        [first, 0, 0, 0, ..] if *first != 0 => ("UTF-32LE", 0),
        [0, 0, 0, last, ..] if *last != 0 => ("UTF-32BE", 0),
        [first, 0, ..] if *first != 0 => ("UTF-16LE", 0),
        [0, second, ..] if *second != 0 => ("UTF-16BE", 0),
        _ => return None,
    })
}

/// A byte count as people read it: `64 MiB` when it is a whole number of MiB or KiB,
/// else exact (`1000-byte`).
fn byte_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes}-byte")
    }
}
