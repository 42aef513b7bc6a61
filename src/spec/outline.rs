//! Where the mappings of a spec's text are written: each key and each value with its
//! byte span, for edits by byte span that must find a mapping, or the place of a key it
//! lacks, without the typed load (which keeps no span for a struct's keys). Lists are
//! kept as their span alone: no edit here reaches into one.

use super::collect::Node;
use super::span::Spanned;
use crate::source::Span;

/// A value as written: its span and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub span: Span,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// An empty value or `~`/`null`.
    Null,
    Scalar,
    List,
    Mapping(Vec<Entry>),
}

/// One key of a mapping and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key as the loader reads it.
    pub key: String,
    pub key_span: Span,
    pub value: Outline,
}

impl Outline {
    /// The entries of a mapping; none for any other value.
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            Kind::Mapping(entries) => entries,
            _ => &[],
        }
    }

    /// The entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|entry| entry.key == key)
    }
}

/// The outline of `text`, read by the loader's parser within its budgets; `None` when
/// the text does not parse. Aliases and merge keys arrive expanded, as the typed load
/// sees them: [`super::edit::written`] tells them apart by their spans.
pub fn outline(text: &str) -> Option<Outline> {
    let root =
        serde_saphyr::from_str_with_options::<Spanned<Node>>(text, super::load::options()).ok()?;
    Some(convert(root))
}

fn convert(node: Spanned<Node>) -> Outline {
    let kind = match node.value {
        Node::Null => Kind::Null,
        Node::Bool | Node::Int(_) | Node::Float | Node::Str(_) => Kind::Scalar,
        Node::Seq(_) => Kind::List,
        Node::Map(entries) => Kind::Mapping(
            entries
                .into_iter()
                .map(|(key, value)| Entry {
                    key: match key.value {
                        Node::Str(text) => text,
                        _ => String::new(),
                    },
                    key_span: key.span,
                    value: convert(value),
                })
                .collect(),
        ),
    };
    Outline {
        span: node.span,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(text: &str, span: Span) -> &str {
        &text[span.offset as usize..span.end() as usize]
    }

    #[test]
    fn keys_and_values_keep_their_spans() {
        let text = "version: 1\nassumptions:\n  takes: 3 # why\n  by_type: {hero: {takes: 5}}\nempty:\nshots: [a]\n";
        let root = outline(text).expect("parses");
        let assumptions = root.get("assumptions").expect("assumptions");
        assert_eq!(text_at(text, assumptions.key_span), "assumptions");
        let takes = assumptions.value.get("takes").expect("takes");
        assert_eq!(text_at(text, takes.key_span), "takes");
        assert_eq!(text_at(text, takes.value.span), "3");
        let by_type = &assumptions.value.get("by_type").expect("by_type").value;
        assert!(text_at(text, by_type.span).starts_with('{'));
        let hero = &by_type.get("hero").expect("hero").value;
        assert_eq!(
            text_at(text, hero.get("takes").expect("takes").value.span),
            "5"
        );
        assert_eq!(root.get("empty").expect("empty").value.kind, Kind::Null);
        assert_eq!(root.get("shots").expect("shots").value.kind, Kind::List);
        assert!(outline("a: [").is_none());
    }
}
