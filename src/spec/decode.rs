//! A value's decode error, as data: its check code, place, message and help.
//!
//! serde's `Error::custom` takes only a `Display`, so a typed error cannot travel
//! through serde-saphyr's error. Instead a value that fails [`raise`](DecodeError::raise)s
//! its error: the error is recorded on this thread, and serde gets a plain custom error
//! with the same message. The loader, which runs deserialization inside [`recording`],
//! takes the recorded error back and builds its diagnostic from the fields — no code is
//! ever written into a message or read back out of one.

use std::cell::RefCell;
use std::fmt;

use crate::diagnostic::CheckCode;
use crate::source::Span;

/// Why a value could not be read: what the loader turns into a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub code: CheckCode,
    /// Where the error is, when the value knows better than the parser: an error raised
    /// by a list's visitor is otherwise placed at the list's start.
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

impl DecodeError {
    pub fn new(code: CheckCode, message: impl Into<String>) -> Self {
        Self {
            code,
            span: None,
            message: message.into(),
            help: None,
        }
    }

    /// A value that does not parse (E005).
    pub fn invalid(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self::new(CheckCode::InvalidValue, message).with_help(help)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Records this error for the loader (when one is [`recording`]) and returns the
    /// serde error that stops deserialization, which carries the message alone.
    pub(crate) fn raise<E: serde::de::Error>(self) -> E {
        let error = E::custom(&self.message);
        RECORDED.with(|recorded| {
            if let Some(slot) = recorded.borrow_mut().as_mut() {
                *slot = Some(self);
            }
        });
        error
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

thread_local! {
    /// `Some` while a [`recording`] call runs on this thread: then the last error a value
    /// raised, if any. Outside one, raised errors are not kept.
    static RECORDED: RefCell<Option<Option<DecodeError>>> = const { RefCell::new(None) };
}

/// Runs `deserialize`, returning its result and the last decode error a value raised
/// during it. The previous recording state comes back afterwards, even on a panic, so
/// calls may nest.
pub(crate) fn recording<T>(deserialize: impl FnOnce() -> T) -> (T, Option<DecodeError>) {
    struct Restore(Option<Option<DecodeError>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            RECORDED.with(|recorded| *recorded.borrow_mut() = previous);
        }
    }
    let _restore = Restore(RECORDED.with(|recorded| recorded.replace(Some(None))));
    let result = deserialize();
    let raised = RECORDED.with(|recorded| recorded.borrow_mut().as_mut().and_then(Option::take));
    (result, raised)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::Error as PlainError;

    #[test]
    fn a_raised_error_is_kept_only_while_recording() {
        let _: PlainError = DecodeError::new(CheckCode::OutOfRange, "outside").raise();
        let ((), raised) = recording(|| ());
        assert_eq!(
            raised, None,
            "an error raised outside a recording is not kept"
        );

        let (error, raised) =
            recording(|| DecodeError::invalid("bad", "fix it").raise::<PlainError>());
        assert_eq!(error.to_string(), "bad");
        assert_eq!(raised, Some(DecodeError::invalid("bad", "fix it")));
    }

    #[test]
    fn recordings_nest() {
        let ((), outer) = recording(|| {
            let _: PlainError = DecodeError::new(CheckCode::InputLimit, "outer").raise();
            let ((), inner) = recording(|| ());
            assert_eq!(inner, None);
        });
        assert_eq!(outer.map(|error| error.code), Some(CheckCode::InputLimit));
    }
}
