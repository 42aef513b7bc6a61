//! The collection pass: every structural problem of a spec whose typed load failed.
//!
//! serde stops at the first malformed value, so when the typed load fails the document
//! is read again — by the same parser, within the same budgets — into a tree of nodes
//! that carry their spans, and that tree is walked against the schema generated from
//! the spec's types (the one `schema/shotlist.schema.json` is), as taplo does for TOML.
//! Each problem becomes a diagnostic with our code, our wording, its YAML path and its
//! span; durations, decimals, percents and dates are judged by the parsers the typed
//! load uses, so both passes agree on what a value means. Valid specs never come here:
//! the typed load runs first, and this pass costs only a spec that failed it.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::span::Spanned;
use super::types::Spec;
use super::values::{Date, Dec, Duration, Percent};
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::source::Span;
use crate::suggest::did_you_mean;

/// A YAML node as the collection pass sees it: its kind and, for scalars, enough to
/// judge the value. Aliases and merge keys arrive expanded, as the typed load sees them.
#[derive(Debug)]
pub(super) enum Node {
    Null,
    Bool,
    Int(i128),
    Float,
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Bool)
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
                Ok(Node::Int(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
                Ok(Node::Int(i128::try_from(v).unwrap_or(i128::MAX)))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Float)
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// The spec's schema as JSON, generated once from the types.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::to_value(schemars::schema_for!(Spec)).unwrap_or_default())
}

/// Every structural problem of `root` (the document read as nodes from `text`), in
/// document order.
pub(super) fn collect(root: &Spanned<Node>, text: &str) -> Vec<Diagnostic> {
    let schema = schema();
    let empty = Map::new();
    let defs = schema
        .get("$defs")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut walker = Walker {
        defs,
        text,
        found: Vec::new(),
    };
    walker.walk(schema, root, "");
    let mut found = walker.found;
    found.sort_by_key(|d| d.primary_span().map(|span| span.offset));
    found
}

/// The YAML path of the deepest node that starts at or before `offset`: where a problem
/// found by the typed load lies.
pub(super) fn path_at(root: &Spanned<Node>, offset: u32) -> String {
    let mut path = String::new();
    let mut node = root;
    loop {
        match &node.value {
            Node::Map(entries) => {
                let Some((key, value)) = entries
                    .iter()
                    .filter(|(key, _)| key.span.offset <= offset)
                    .max_by_key(|(key, _)| key.span.offset)
                else {
                    return path;
                };
                path = child_path(&path, &key_text(key));
                node = value;
            }
            Node::Seq(items) => {
                let Some((index, item)) = items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| item.span.offset <= offset)
                    .max_by_key(|(_, item)| item.span.offset)
                else {
                    return path;
                };
                path = format!("{path}[{index}]");
                node = item;
            }
            _ => return path,
        }
    }
}

/// One step down a YAML path: a mapping's entry, or a list's item.
#[derive(Clone, Copy)]
pub(super) enum Step<'n> {
    Entry {
        key: &'n Spanned<Node>,
        value: &'n Spanned<Node>,
    },
    Item(&'n Spanned<Node>),
}

impl<'n> Step<'n> {
    /// The node this step reaches.
    pub(super) fn node(&self) -> &'n Spanned<Node> {
        match *self {
            Step::Entry { value, .. } => value,
            Step::Item(item) => item,
        }
    }
}

/// The steps from `root` down to the node at `path` (as the walk writes paths:
/// `shots[3].model`), or `None` when no node is there.
pub(super) fn steps<'n>(root: &'n Spanned<Node>, path: &str) -> Option<Vec<Step<'n>>> {
    let mut found = Vec::new();
    let mut node = root;
    if path.is_empty() {
        return Some(found);
    }
    for part in path.split('.') {
        let (name, mut indices) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            let Node::Map(entries) = &node.value else {
                return None;
            };
            let (key, value) = entries.iter().find(|(key, _)| key_text(key) == name)?;
            found.push(Step::Entry { key, value });
            node = value;
        }
        while let Some(rest) = indices.strip_prefix('[') {
            let (index, after) = rest.split_once(']')?;
            let Node::Seq(items) = &node.value else {
                return None;
            };
            node = items.get(index.parse::<usize>().ok()?)?;
            found.push(Step::Item(node));
            indices = after;
        }
    }
    Some(found)
}

fn child_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn key_text(key: &Spanned<Node>) -> String {
    match &key.value {
        Node::Str(text) => text.clone(),
        Node::Null => "~".to_owned(),
        _ => String::new(),
    }
}

struct Walker<'a> {
    defs: &'a Map<String, Value>,
    text: &'a str,
    found: Vec<Diagnostic>,
}

/// The value types the schema names by reference, judged by their own parsers.
const VALUE_TYPES: [&str; 4] = ["Duration", "Decimal", "Percent", "Date"];

impl Walker<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match reference(schema) {
            Some(name) if !VALUE_TYPES.contains(&name) => {
                self.defs.get(name).map_or(schema, |def| self.resolve(def))
            }
            _ => schema,
        }
    }

    /// A scalar's text as the typed load reads it: a string's value, else its source.
    fn scalar_text<'n>(&'n self, node: &'n Spanned<Node>) -> Cow<'n, str> {
        match &node.value {
            Node::Str(text) => Cow::Borrowed(text),
            _ => Cow::Borrowed(
                self.text
                    .get(node.span.offset as usize..node.span.end() as usize)
                    .unwrap_or_default()
                    .trim(),
            ),
        }
    }

    fn walk(&mut self, schema: &Value, node: &Spanned<Node>, path: &str) {
        if self.tagged(schema, node, path) {
            return;
        }
        if let Some(name) = reference(schema) {
            if VALUE_TYPES.contains(&name) {
                self.value(name, node, path);
            } else if let Some(def) = self.defs.get(name) {
                self.walk(def, node, path);
            }
            return;
        }
        if let Some(values) = self.choices(schema) {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            self.choice(&values, node, path);
            return;
        }
        let branches = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array);
        if let Some(branches) = branches {
            self.branches(schema, branches, node, path);
            return;
        }
        if !self.accepts(schema, node) {
            self.wrong_type(schema, node, path);
            return;
        }
        match &node.value {
            Node::Map(entries) => self.mapping(schema, entries, node.span, path),
            Node::Seq(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.walk(item_schema, item, &format!("{path}[{index}]"));
                    }
                }
            }
            Node::Int(value)
                if schema.get("format").and_then(Value::as_str) == Some("uint32")
                    && u32::try_from(*value).is_err() =>
            {
                self.wrong_type(schema, node, path);
            }
            // Read as a whole number by the parser, but not by YAML 1.2 (`1_000`).
            Node::Int(_) | Node::Str(_)
                if schema.get("format").and_then(Value::as_str) == Some("uint32") =>
            {
                let text = self.scalar_text(node);
                if let Some(problem) = super::describe::not_a_yaml_1_2_number(&text, node.span) {
                    self.found.push(problem.with_path(path));
                }
            }
            _ => {}
        }
    }

    /// Reports a scalar with a core tag the typed load refuses on text (`!!int 5` where
    /// a string or a duration is read), as the typed load reports it.
    fn tagged(&mut self, schema: &Value, node: &Spanned<Node>, path: &str) -> bool {
        if matches!(node.value, Node::Null | Node::Seq(_) | Node::Map(_)) {
            return false;
        }
        let refused = tag_before(self.text, node.span.offset)
            .is_some_and(|tag| matches!(tag, "!!int" | "!!float" | "!!bool" | "!!timestamp"));
        let textual = reference(schema).is_some_and(|name| VALUE_TYPES.contains(&name))
            || types(self.resolve(schema)).contains(&"string");
        if refused && textual {
            self.found
                .push(super::describe::tagged_value(Some(node.span)).with_path(path));
        }
        refused && textual
    }

    fn branches(&mut self, schema: &Value, branches: &[Value], node: &Spanned<Node>, path: &str) {
        if matches!(node.value, Node::Null) && branches.iter().any(|b| self.accepts_null(b)) {
            return;
        }
        let candidates: Vec<&Value> = branches
            .iter()
            .filter(|branch| self.accepts(branch, node))
            .collect();
        let mut best: Option<Vec<Diagnostic>> = None;
        for candidate in candidates {
            let outer = std::mem::take(&mut self.found);
            self.walk(candidate, node, path);
            let found = std::mem::replace(&mut self.found, outer);
            if found.is_empty() {
                return;
            }
            if best.as_ref().is_none_or(|best| found.len() < best.len()) {
                best = Some(found);
            }
        }
        match best {
            Some(found) => self.found.extend(found),
            None => self.wrong_type(schema, node, path),
        }
    }

    fn mapping(
        &mut self,
        schema: &Value,
        entries: &[(Spanned<Node>, Spanned<Node>)],
        span: Span,
        path: &str,
    ) {
        let empty = Map::new();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let additional = schema.get("additionalProperties");
        for (key, value) in entries {
            let name = key_text(key);
            let here = child_path(path, &name);
            if let Some(property) = properties.get(&name) {
                self.walk(property, value, &here);
            } else if let Some(additional) = additional.filter(|a| a.is_object()) {
                self.walk(additional, value, &here);
            } else if additional.is_some_and(|a| a == &Value::Bool(false)) {
                let known: Vec<&str> = properties.keys().map(String::as_str).collect();
                let help = match did_you_mean(&name, known.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("expected one of {}", list(&known)),
                };
                self.found.push(
                    Diagnostic::error(CheckCode::UnknownKey, format!("unknown key `{name}`"))
                        .with_help(help)
                        .with_label(key.span, "not a key here")
                        .with_path(here),
                );
            }
        }
        let required = schema.get("required").and_then(Value::as_array);
        // Labelled on the mapping's first key: its first line, whatever follows.
        let at = entries.first().map_or(span, |(key, _)| key.span);
        for name in required.into_iter().flatten().filter_map(Value::as_str) {
            if entries.iter().any(|(key, _)| key_text(key) == name) {
                continue;
            }
            let this = what(path);
            self.found.push(
                Diagnostic::error(
                    CheckCode::MissingKey,
                    format!("missing required key `{name}`"),
                )
                .with_help(format!("add `{name}:` to {this}"))
                .with_label(at, format!("{this} has no `{name}`"))
                .with_path(path),
            );
        }
    }

    fn value(&mut self, name: &str, node: &Spanned<Node>, path: &str) {
        let accepted = match &node.value {
            Node::Str(_) => true,
            Node::Int(_) | Node::Float => name != "Date",
            _ => false,
        };
        if !accepted {
            let schema = serde_json::json!({ "$ref": format!("#/$defs/{name}") });
            self.wrong_type(&schema, node, path);
            return;
        }
        let text = self.scalar_text(node);
        let result = match name {
            "Duration" => text.parse::<Duration>().err(),
            "Decimal" => text.parse::<Dec>().err(),
            "Percent" => text.parse::<Percent>().err(),
            _ => text.parse::<Date>().err(),
        };
        if let Some(error) = result {
            let label = match error.code {
                CheckCode::OutOfRange => "out of range",
                _ => "invalid value",
            };
            let diagnostic = Diagnostic::error(error.code, error.message)
                .with_label(error.span.unwrap_or(node.span), label)
                .with_path(path);
            self.found.push(match error.help {
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            });
        }
    }

    /// The strings a schema allows, when it is a choice among strings alone.
    fn choices(&self, schema: &Value) -> Option<Vec<String>> {
        let schema = self.resolve(schema);
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect();
        }
        if let Some(value) = schema.get("const") {
            return value.as_str().map(|value| vec![value.to_owned()]);
        }
        let branches = schema.get("oneOf").or_else(|| schema.get("anyOf"))?;
        let mut all = Vec::new();
        for branch in branches.as_array()? {
            all.extend(self.choices(branch)?);
        }
        Some(all)
    }

    fn choice(&mut self, values: &[&str], node: &Spanned<Node>, path: &str) {
        let Node::Str(value) = &node.value else {
            let help = format!("write one of {}", list(values));
            self.found.push(
                Diagnostic::error(
                    CheckCode::WrongType,
                    format!(
                        "expected one of {}, found {}",
                        list(values),
                        kind(&node.value)
                    ),
                )
                .with_help(help)
                .with_label(node.span, "not allowed here")
                .with_path(path),
            );
            return;
        };
        if values.contains(&value.as_str()) {
            return;
        }
        let help = match did_you_mean(value, values.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("expected one of {}", list(values)),
        };
        self.found.push(
            Diagnostic::error(CheckCode::InvalidValue, format!("unknown value `{value}`"))
                .with_help(help)
                .with_label(node.span, "not allowed here")
                .with_path(path),
        );
    }

    fn accepts_null(&self, schema: &Value) -> bool {
        let schema = self.resolve(schema);
        types(schema).contains(&"null")
    }

    /// Whether the schema could take a node of this kind (its value aside).
    fn accepts(&self, schema: &Value, node: &Spanned<Node>) -> bool {
        if let Some(name) = reference(schema).filter(|name| VALUE_TYPES.contains(name)) {
            return match node.value {
                Node::Str(_) => true,
                Node::Int(_) | Node::Float => name != "Date",
                _ => false,
            };
        }
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            return branches.iter().any(|branch| self.accepts(branch, node));
        }
        if schema.get("enum").is_some() || schema.get("const").is_some() {
            return matches!(node.value, Node::Str(_));
        }
        let types = types(schema);
        if types.is_empty() {
            return true;
        }
        types.iter().any(|ty| match (*ty, &node.value) {
            ("null", Node::Null) => true,
            // A null list or mapping is read as an empty one.
            ("object", Node::Map(_) | Node::Null) | ("array", Node::Seq(_) | Node::Null) => true,
            // A plain scalar reads as a string whatever it looks like.
            ("string", Node::Str(_) | Node::Int(_) | Node::Float | Node::Bool) => true,
            ("number", Node::Int(_) | Node::Float) => true,
            ("integer", Node::Int(value)) => *value >= 0,
            ("boolean", Node::Bool) => true,
            _ => false,
        })
    }

    fn wrong_type(&mut self, schema: &Value, node: &Spanned<Node>, path: &str) {
        let wanted = self.expected(schema);
        if wanted.starts_with("a whole number")
            && let Some(problem) =
                super::describe::not_a_yaml_1_2_number(&self.scalar_text(node), node.span)
        {
            self.found.push(problem.with_path(path));
            return;
        }
        if wanted.starts_with("a whole number")
            && let Some((message, help)) = super::describe::leading_zero(&self.scalar_text(node))
        {
            self.found.push(
                Diagnostic::error(CheckCode::WrongType, message)
                    .with_help(help)
                    .with_label(node.span, format!("not {wanted}"))
                    .with_path(path),
            );
            return;
        }
        let help = match wanted.as_str() {
            "a list" => "write a list, such as `[mara, tom]` or one `- item` per line".to_owned(),
            "a mapping" => "write a mapping of `key: value` pairs".to_owned(),
            "`true` or `false`" => {
                "shotlist reads booleans strictly: write `true` or `false`, not `yes`, `on` or `1`"
                    .to_owned()
            }
            _ => format!("write {wanted} here"),
        };
        self.found.push(
            Diagnostic::error(
                CheckCode::WrongType,
                format!("expected {wanted}, found {}", kind(&node.value)),
            )
            .with_help(help)
            .with_label(node.span, format!("expected {wanted}"))
            .with_path(path),
        );
    }

    /// What a schema expects, as a user would say it.
    fn expected(&self, schema: &Value) -> String {
        match reference(schema) {
            Some("Duration") => return "a duration such as `5s`".to_owned(),
            Some("Decimal") => return "a decimal number".to_owned(),
            Some("Percent") => return "a percentage such as `25%`".to_owned(),
            Some("Date") => return "a date such as `2026-01-31`".to_owned(),
            _ => {}
        }
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            let wanted: Vec<String> = branches
                .iter()
                .filter(|branch| {
                    !self.accepts_null(branch) || types(self.resolve(branch)).len() > 1
                })
                .map(|branch| self.expected(branch))
                .collect();
            return wanted.join(" or ");
        }
        let types = types(schema);
        match types.iter().find(|ty| **ty != "null").copied() {
            Some("object") => "a mapping".to_owned(),
            Some("array") => "a list".to_owned(),
            Some("string") => "a string".to_owned(),
            Some("boolean") => "`true` or `false`".to_owned(),
            Some("integer") if schema.get("format").and_then(Value::as_str) == Some("uint32") => {
                "a whole number from 0 to 4,294,967,295".to_owned()
            }
            Some("integer") => "a whole number".to_owned(),
            Some("number") => "a number".to_owned(),
            _ => "a different value".to_owned(),
        }
    }
}

fn reference(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(ty)) => vec![ty.as_str()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn kind(node: &Node) -> &'static str {
    match node {
        Node::Null => "nothing",
        Node::Bool => "a boolean",
        Node::Int(_) | Node::Float => "a number",
        Node::Str(_) => "a string",
        Node::Seq(_) => "a list",
        Node::Map(_) => "a mapping",
    }
}

/// The mapping at `path`, as a label names it: `this shot`, `\`production\``.
fn what(path: &str) -> String {
    if path.is_empty() {
        return "the spec".to_owned();
    }
    if let Some(list) = path
        .strip_suffix(']')
        .and_then(|p| p.rsplit_once('['))
        .map(|(l, _)| l)
    {
        let name = list.rsplit('.').next().unwrap_or(list);
        let singular = match name {
            "shots" => "shot",
            "segments" => "segment",
            "characters" => "character",
            "locations" => "location",
            "props" => "prop",
            other => other,
        };
        return format!("this {singular}");
    }
    format!("`{path}`")
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tag written before the node that starts at `offset`, past any anchor: `!!int` in
/// `duration: !!int 5` or `[!!int &a 5]`.
fn tag_before(text: &str, offset: u32) -> Option<&str> {
    let mut before = text.get(..offset as usize)?;
    loop {
        let trimmed = before.trim_end_matches([' ', '\t']);
        let start = trimmed
            .rfind(|c: char| c.is_whitespace() || matches!(c, '[' | '{' | ','))
            .map_or(0, |at| at.saturating_add(1));
        let token = &trimmed[start..];
        if token.starts_with('&') {
            before = &trimmed[..start];
        } else {
            return token.starts_with('!').then_some(token);
        }
    }
}
