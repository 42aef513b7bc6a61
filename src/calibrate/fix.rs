//! `shotlist calibrate --fix`: a calibration's suggestion written into the spec's own
//! text. `assumptions.takes` and `takes_worst`, and each suggested type's under
//! `assumptions.by_type`, are set by byte span where they are written and added in
//! their mapping's own style (flow or block) where they are not; a `yield` where the
//! suggestion puts `takes` becomes `takes` (both would be an error); `assumptions:` is
//! created when the spec has none. No other byte changes. The result is loaded and
//! checked again before anyone writes it, and refused unless it checks clean and plans
//! with the suggested takes. A value shared through an anchor, an alias or a merge key
//! is refused: rewriting it would change what else shares it.

use super::{Suggested, Suggestion};
use crate::plan::fix::{Fixed, Refusal, recheck, reload};
use crate::plan::{assumed_takes, assumed_takes_worst, production_takes, production_takes_worst};
use crate::source::{Source, Span};
use crate::spec::edit::{self, Edit, Place, Value, Written};
use crate::spec::outline::{Entry, Kind, Outline, outline};
use crate::spec::{ShotType, parse_decimal};
use crate::validate::Checked;

/// Top-level keys that come after `assumptions` in the format's order: a new
/// `assumptions:` goes before the first of them the spec has.
const AFTER_ASSUMPTIONS: [&str; 9] = [
    "models",
    "routing",
    "characters",
    "locations",
    "props",
    "segments",
    "shots",
    "lint",
    "ledger",
];

/// Writes `suggestion` into `source`, the text `checked` was loaded from, and verifies
/// the result. With nothing to suggest, or a spec that already says it all, the
/// result has no edits and the text is the original.
pub fn fix(
    source: &Source,
    checked: &Checked<'_>,
    suggestion: &Suggestion,
) -> Result<Fixed, Refusal> {
    let text = source.text.as_str();
    let unchanged = || Fixed {
        text: text.to_owned(),
        edits: Vec::new(),
        notes: Vec::new(),
    };
    if suggestion.is_empty() {
        return Ok(unchanged());
    }
    let root = outline(text)
        .filter(|root| matches!(root.kind, Kind::Mapping(_)))
        .ok_or_else(|| Refusal("the spec is not a mapping; please report this bug".to_owned()))?;
    let step = indent_step(text, &root);
    let mut edits = Vec::new();
    let mut notes = Vec::new();
    match root.get("assumptions") {
        Some(entry) => {
            refuse_shared(text, &entry.value, "assumptions")?;
            match &entry.value.kind {
                Kind::Mapping(_) => {
                    assumptions_edits(
                        text,
                        &entry.value,
                        suggestion,
                        step,
                        &mut edits,
                        &mut notes,
                    )?;
                }
                Kind::Null => edits.push(
                    edit::fill_empty(
                        text,
                        entry.key_span,
                        entry.value.span,
                        &assumptions_values(suggestion),
                        step,
                    )
                    .ok_or_else(|| unplaceable("assumptions"))?,
                ),
                Kind::Scalar | Kind::List => {
                    return Err(Refusal(
                        "`assumptions` is not a mapping; please report this bug".to_owned(),
                    ));
                }
            }
        }
        None => edits.push(create(text, &root, suggestion, step)?),
    }
    if edits.is_empty() {
        return Ok(unchanged());
    }
    let fixed =
        edit::apply(text, &edits).ok_or_else(|| Refusal("two edits would overlap".to_owned()))?;
    verify(source, checked, &fixed, suggestion)?;
    Ok(Fixed {
        text: fixed,
        edits,
        notes,
    })
}

fn unplaceable(path: &str) -> Refusal {
    Refusal(format!(
        "cannot write into `{path}` without guessing at its layout; write the suggestion by hand"
    ))
}

/// `takes` and `takes_worst` as they are written.
fn takes_values(suggested: &Suggested) -> Vec<(String, Value)> {
    vec![
        (
            "takes".to_owned(),
            Value::Number(suggested.takes.to_string()),
        ),
        (
            "takes_worst".to_owned(),
            Value::Number(suggested.takes_worst.to_string()),
        ),
    ]
}

/// The suggested types, each with its `takes` and `takes_worst`.
fn type_values(by_type: &[(ShotType, Suggested)]) -> Vec<(String, Value)> {
    by_type
        .iter()
        .map(|(shot_type, suggested)| {
            (
                shot_type.name().to_owned(),
                Value::Mapping(takes_values(suggested)),
            )
        })
        .collect()
}

/// Everything `assumptions` gets when the spec has none to edit.
fn assumptions_values(suggestion: &Suggestion) -> Vec<(String, Value)> {
    let mut values = suggestion
        .overall
        .as_ref()
        .map(takes_values)
        .unwrap_or_default();
    if !suggestion.by_type.is_empty() {
        values.push((
            "by_type".to_owned(),
            Value::Mapping(type_values(&suggestion.by_type)),
        ));
    }
    values
}

/// Columns a nested block mapping is indented by in this spec: the first block
/// mapping under a top-level key tells, else 2.
fn indent_step(text: &str, root: &Outline) -> usize {
    let column = |offset: u32| {
        let offset = offset as usize;
        let start = text
            .get(..offset)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |newline| newline.saturating_add(1));
        offset.saturating_sub(start)
    };
    root.entries()
        .iter()
        .filter(|entry| matches!(entry.value.kind, Kind::Mapping(_)))
        .filter(|entry| text.as_bytes().get(entry.value.span.offset as usize) != Some(&b'{'))
        .map(|entry| column(entry.value.span.offset).saturating_sub(column(entry.key_span.offset)))
        .find(|step| *step > 0)
        .unwrap_or(2)
}

/// Refuses when `node`, or anything in it, is an alias, is merged from elsewhere or
/// carries an anchor: an edit there would change, or miss, what shares it.
fn refuse_shared(text: &str, node: &Outline, path: &str) -> Result<(), Refusal> {
    let shared = |how: String| {
        Refusal(format!(
            "cannot rewrite `{path}`: {how}, which other parts of the spec may share; write the suggestion by hand"
        ))
    };
    let at = node.span.offset as usize;
    if text.get(at..).is_some_and(|rest| rest.starts_with('*')) {
        return Err(match edit::written(text, node.span) {
            Some(Written::Merged(name)) => shared(format!("it is merged from `&{name}`")),
            Some(Written::Alias(name)) => shared(format!("it is the alias `*{name}`")),
            _ => shared("it is an alias".to_owned()),
        });
    }
    if let Some((name, _)) = edit::anchor_ending(text, at) {
        return Err(shared(format!("it is anchored as `&{name}`")));
    }
    for entry in node.entries() {
        refuse_shared(text, &entry.value, &format!("{path}.{}", entry.key))?;
    }
    Ok(())
}

/// The edits that write `suggested` into the mapping `mapping` (at `path`): values
/// set where they are written, `yield` renamed `takes`, missing keys added. Keys to
/// add are pushed onto `adds`, with the entry they go after, for the caller to add
/// with whatever else the mapping gets.
fn takes_edits<'o>(
    text: &str,
    mapping: &'o Outline,
    suggested: &Suggested,
    path: &str,
    edits: &mut Vec<Edit>,
    adds: &mut Vec<(String, Value)>,
) -> Result<Option<&'o Entry>, Refusal> {
    let takes = suggested.takes.to_string();
    let worst = suggested.takes_worst.to_string();
    // A value that already says the number (`3` for `3`, `"4.5"` for `4.50`) stays as
    // it is written.
    let set = |entry: &Entry, value: &str, edits: &mut Vec<Edit>| {
        let says = text
            .get(entry.value.span.offset as usize..entry.value.span.end() as usize)
            .map(|written| written.trim().trim_matches(['"', '\'']))
            .and_then(|written| parse_decimal(written).ok());
        if says.is_some() && says == parse_decimal(value).ok() {
            return Ok(());
        }
        let edit = edit::set_number(text, entry.value.span, value)
            .ok_or_else(|| unplaceable(&format!("{path}.{}", entry.key)))?;
        edits.push(edit);
        Ok(())
    };
    let mut written = Vec::new();
    match (mapping.get("takes"), mapping.get("yield")) {
        (Some(entry), _) => {
            set(entry, &takes, edits)?;
            written.push(entry);
        }
        (None, Some(entry)) => {
            // `yield` is the other way to write `takes`: it becomes `takes`.
            edits.push(Edit {
                range: entry.key_span.offset as usize..entry.key_span.end() as usize,
                text: "takes".to_owned(),
            });
            let edit = edit::set_number(text, entry.value.span, &takes)
                .ok_or_else(|| unplaceable(&format!("{path}.yield")))?;
            edits.push(edit);
            written.push(entry);
        }
        (None, None) => adds.push(("takes".to_owned(), Value::Number(takes))),
    }
    match mapping.get("takes_worst") {
        Some(entry) => {
            set(entry, &worst, edits)?;
            written.push(entry);
        }
        None => adds.push(("takes_worst".to_owned(), Value::Number(worst))),
    }
    Ok(written
        .into_iter()
        .max_by_key(|entry| entry.key_span.offset))
}

/// Adds `adds` to `mapping` (at `path`): after `after`, the last of the take keys it
/// has, else before its first entry.
fn add(
    text: &str,
    mapping: &Outline,
    after: Option<&Entry>,
    adds: &[(String, Value)],
    step: usize,
    path: &str,
) -> Result<Edit, Refusal> {
    let place = match after {
        Some(entry) => Place::After {
            key: &entry.key,
            value: entry.value.span,
        },
        None => Place::First,
    };
    edit::add_values(text, mapping.span, place, adds, step).ok_or_else(|| unplaceable(path))
}

fn assumptions_edits(
    text: &str,
    assumptions: &Outline,
    suggestion: &Suggestion,
    step: usize,
    edits: &mut Vec<Edit>,
    notes: &mut Vec<String>,
) -> Result<(), Refusal> {
    let mut adds = Vec::new();
    let mut after = None;
    if let Some(overall) = &suggestion.overall {
        if assumptions.get("yield").is_some() && assumptions.get("takes").is_none() {
            notes.push("`assumptions.yield` becomes `takes`".to_owned());
        }
        after = takes_edits(text, assumptions, overall, "assumptions", edits, &mut adds)?;
    }
    if !suggestion.by_type.is_empty() {
        match assumptions.get("by_type") {
            None => adds.push((
                "by_type".to_owned(),
                Value::Mapping(type_values(&suggestion.by_type)),
            )),
            Some(entry) => match &entry.value.kind {
                Kind::Mapping(_) => {
                    by_type_edits(text, &entry.value, &suggestion.by_type, step, edits, notes)?;
                }
                Kind::Null => edits.push(
                    edit::fill_empty(
                        text,
                        entry.key_span,
                        entry.value.span,
                        &type_values(&suggestion.by_type),
                        step,
                    )
                    .ok_or_else(|| unplaceable("assumptions.by_type"))?,
                ),
                Kind::Scalar | Kind::List => return Err(unplaceable("assumptions.by_type")),
            },
        }
    }
    if !adds.is_empty() {
        edits.push(add(text, assumptions, after, &adds, step, "assumptions")?);
    }
    Ok(())
}

fn by_type_edits(
    text: &str,
    by_type: &Outline,
    suggested: &[(ShotType, Suggested)],
    step: usize,
    edits: &mut Vec<Edit>,
    notes: &mut Vec<String>,
) -> Result<(), Refusal> {
    let mut new_types = Vec::new();
    for (shot_type, suggested) in suggested {
        let path = format!("assumptions.by_type.{}", shot_type.name());
        let Some(entry) = by_type.get(shot_type.name()) else {
            new_types.push((*shot_type, *suggested));
            continue;
        };
        match &entry.value.kind {
            Kind::Mapping(_) => {
                if entry.value.get("yield").is_some() && entry.value.get("takes").is_none() {
                    notes.push(format!("`{path}.yield` becomes `takes`"));
                }
                let mut adds = Vec::new();
                let after = takes_edits(text, &entry.value, suggested, &path, edits, &mut adds)?;
                if !adds.is_empty() {
                    edits.push(add(text, &entry.value, after, &adds, step, &path)?);
                }
            }
            Kind::Null => edits.push(
                edit::fill_empty(
                    text,
                    entry.key_span,
                    entry.value.span,
                    &takes_values(suggested),
                    step,
                )
                .ok_or_else(|| unplaceable(&path))?,
            ),
            Kind::Scalar | Kind::List => return Err(unplaceable(&path)),
        }
    }
    if !new_types.is_empty() {
        edits.push(
            edit::add_values(
                text,
                by_type.span,
                Place::First,
                &type_values(&new_types),
                step,
            )
            .ok_or_else(|| unplaceable("assumptions.by_type"))?,
        );
    }
    Ok(())
}

/// The edit that gives a spec without `assumptions` one, before the first top-level
/// key that comes after it in the format's order.
fn create(
    text: &str,
    root: &Outline,
    suggestion: &Suggestion,
    step: usize,
) -> Result<Edit, Refusal> {
    let next: Option<Span> = root
        .entries()
        .iter()
        .find(|entry| AFTER_ASSUMPTIONS.contains(&entry.key.as_str()))
        .map(|entry| entry.key_span);
    let key = next.ok_or_else(|| unplaceable("assumptions"))?;
    let values = [(
        "assumptions".to_owned(),
        Value::Mapping(assumptions_values(suggestion)),
    )];
    edit::add_values(text, root.span, Place::Before { key }, &values, step)
        .ok_or_else(|| unplaceable("assumptions"))
}

/// Loads and checks `fixed` again, and refuses it unless it checks clean and assumes
/// the suggested takes.
fn verify(
    source: &Source,
    checked: &Checked<'_>,
    fixed: &str,
    suggestion: &Suggestion,
) -> Result<(), Refusal> {
    let spec = reload(source, fixed)?;
    let rechecked = recheck(&spec, checked)?;
    let assumptions = &rechecked.spec().assumptions;
    let is = |ratio: crate::catalog::ratio::Ratio, wanted: rust_decimal::Decimal| {
        ratio.value() == Some(wanted)
    };
    let overall_holds = suggestion.overall.is_none_or(|wanted| {
        is(production_takes(assumptions), wanted.takes)
            && is(
                production_takes_worst(assumptions),
                wanted.takes_worst.into(),
            )
    });
    let types_hold = suggestion.by_type.iter().all(|(shot_type, wanted)| {
        is(assumed_takes(assumptions, *shot_type), wanted.takes)
            && is(
                assumed_takes_worst(assumptions, *shot_type),
                wanted.takes_worst.into(),
            )
    });
    if !overall_holds || !types_hold {
        return Err(Refusal(
            "the rewritten spec does not assume the suggested takes; please report this bug"
                .to_owned(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    const SHOTS: &str = "# The script.
segments:
  - {id: s1, duration: 10s}
shots:
  - {id: a, segment: s1, type: hero, duration: 5s, prompt: p}
  - {id: b, segment: s1, type: b-roll, duration: 5s, prompt: p}
";

    fn spec(assumptions: &str) -> String {
        format!("version: 1\nproduction:\n  title: Harbour\n{assumptions}{SHOTS}")
    }

    fn suggested(takes: &str, takes_worst: u64) -> Suggested {
        Suggested {
            takes: takes.parse().unwrap(),
            takes_worst,
        }
    }

    /// Overall 3.21 takes, 6 at worst; heroes 4.50, 6 at worst.
    fn suggestion() -> Suggestion {
        Suggestion {
            overall: Some(suggested("3.21", 6)),
            by_type: vec![(ShotType::Hero, suggested("4.50", 6))],
        }
    }

    fn fixed_with(text: &str, suggestion: &Suggestion) -> Result<Fixed, Refusal> {
        let source = Source::new("spec.yaml", text);
        let spec = crate::spec::load(&source).expect("the spec loads");
        let checked = crate::pipeline::check(&spec, None).expect("the spec checks");
        fix(&source, &checked, suggestion)
    }

    fn fixed(text: &str) -> String {
        fixed_with(text, &suggestion())
            .unwrap_or_else(|refusal| panic!("{refusal}"))
            .text
    }

    fn refusal(text: &str) -> String {
        match fixed_with(text, &suggestion()) {
            Ok(fixed) => panic!("expected a refusal, got:\n{}", fixed.text),
            Err(refusal) => refusal.0,
        }
    }

    #[test]
    fn block_values_are_set_in_place_and_by_type_added_after_them() {
        let text = spec(
            "assumptions:\n  takes: 3   # from the last production\n  takes_worst: 5\n  grid_options: 4\n",
        );
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions:\n  takes: 3.21   # from the last production\n  takes_worst: 6\n  by_type:\n    hero:\n      takes: 4.50\n      takes_worst: 6\n  grid_options: 4\n"
            )
        );
    }

    #[test]
    fn a_flow_mapping_gets_flow_entries() {
        let text = spec("assumptions: {grid_options: 4, takes: \"3\"}\n");
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions: {grid_options: 4, takes: \"3.21\", takes_worst: 6, by_type: {hero: {takes: 4.50, takes_worst: 6}}}\n"
            )
        );
        let text = spec("assumptions: {}\n");
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions: {takes: 3.21, takes_worst: 6, by_type: {hero: {takes: 4.50, takes_worst: 6}}}\n"
            )
        );
    }

    #[test]
    fn a_spec_without_assumptions_gets_them_before_segments_and_their_comment() {
        let text = spec("");
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions:\n  takes: 3.21\n  takes_worst: 6\n  by_type:\n    hero:\n      takes: 4.50\n      takes_worst: 6\n"
            )
        );
        // Four-space indentation is kept, and so are CRLF line ends.
        let text = spec("")
            .replace("  title", "    title")
            .replace('\n', "\r\n");
        assert_eq!(
            fixed(&text),
            spec("assumptions:\n    takes: 3.21\n    takes_worst: 6\n    by_type:\n        hero:\n            takes: 4.50\n            takes_worst: 6\n")
                .replace("  title", "    title")
                .replace('\n', "\r\n")
        );
    }

    #[test]
    fn an_empty_assumptions_key_is_filled() {
        let text = spec("assumptions: # to measure\n");
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions: # to measure\n  takes: 3.21\n  takes_worst: 6\n  by_type:\n    hero:\n      takes: 4.50\n      takes_worst: 6\n"
            )
        );
        let text = spec("assumptions: ~\n");
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions: {takes: 3.21, takes_worst: 6, by_type: {hero: {takes: 4.50, takes_worst: 6}}}\n"
            )
        );
    }

    #[test]
    fn yield_becomes_takes_at_the_top_and_per_type() {
        let text = spec(
            "assumptions:\n  yield: 25%\n  by_type:\n    insert: {takes: 2}\n    hero: {yield: \"20%\", takes_worst: 9}\n",
        );
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions:\n  takes: 3.21\n  takes_worst: 6\n  by_type:\n    insert: {takes: 2}\n    hero: {takes: \"4.50\", takes_worst: 6}\n"
            )
        );
        let notes = fixed_with(&text, &suggestion()).unwrap().notes;
        assert_eq!(
            notes,
            [
                "`assumptions.yield` becomes `takes`",
                "`assumptions.by_type.hero.yield` becomes `takes`"
            ]
        );
    }

    #[test]
    fn a_new_type_goes_first_in_by_type() {
        let text = spec("assumptions:\n  by_type:\n    insert:\n      takes: 2\n");
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions:\n  takes: 3.21\n  takes_worst: 6\n  by_type:\n    hero:\n      takes: 4.50\n      takes_worst: 6\n    insert:\n      takes: 2\n"
            )
        );
        let text = spec("assumptions:\n  by_type: {insert: {takes: 2}, hero: }\n  handles: 1s\n");
        let refused = fixed_with(&text, &suggestion());
        assert_eq!(
            refused.map(|fixed| fixed.text),
            Err(Refusal(
                "cannot write into `assumptions.by_type.hero` without guessing at its layout; write the suggestion by hand".to_owned()
            ))
        );
        let text = spec("assumptions:\n  by_type:\n    hero: ~\n");
        assert_eq!(
            fixed(&text),
            spec(
                "assumptions:\n  takes: 3.21\n  takes_worst: 6\n  by_type:\n    hero: {takes: 4.50, takes_worst: 6}\n"
            )
        );
    }

    #[test]
    fn values_that_already_say_the_number_are_left_as_written() {
        let text = spec(
            "assumptions:\n  takes: \"3.210\"\n  takes_worst: 6\n  by_type: {hero: {takes: 4.5, takes_worst: 6}}\n",
        );
        let unchanged = fixed_with(&text, &suggestion()).unwrap();
        assert_eq!(unchanged.text, text);
        assert!(unchanged.edits.is_empty());
    }

    #[test]
    fn nothing_to_suggest_changes_nothing() {
        let text = spec("assumptions: {takes: 3}\n");
        let unchanged = fixed_with(&text, &Suggestion::default()).unwrap();
        assert_eq!(
            (unchanged.text.as_str(), unchanged.edits.len()),
            (text.as_str(), 0)
        );
        // Only overall figures: `by_type` is not created.
        let overall = Suggestion {
            overall: Some(suggested("2.00", 4)),
            by_type: Vec::new(),
        };
        assert_eq!(
            fixed_with(&text, &overall).unwrap().text,
            spec("assumptions: {takes: 2.00, takes_worst: 4}\n")
        );
    }

    #[test]
    fn shared_values_are_refused() {
        let anchored =
            spec("assumptions: &base {takes: 3}\n").replace("shots:", "lint: {}\nshots:");
        assert_eq!(
            refusal(&anchored),
            "cannot rewrite `assumptions`: it is anchored as `&base`, which other parts of the spec may share; write the suggestion by hand"
        );
        let text = spec("assumptions:\n  takes: &t 3\n")
            .replace("hero, duration: 5s,", "hero, duration: 5s, takes: *t,");
        assert_eq!(
            refusal(&text),
            "cannot rewrite `assumptions.takes`: it is anchored as `&t`, which other parts of the spec may share; write the suggestion by hand"
        );
        // An anchor comes before its aliases and merges, so the anchored value is what
        // the refusal names.
        let merged = spec(
            "assumptions:\n  by_type:\n    insert: &i {takes: 2}\n    action:\n      <<: *i\n",
        );
        assert_eq!(
            refusal(&merged),
            "cannot rewrite `assumptions.by_type.insert`: it is anchored as `&i`, which other parts of the spec may share; write the suggestion by hand"
        );
        let aliased = spec("assumptions:\n  by_type:\n    action: &a {takes: 2}\n    insert: *a\n");
        assert!(refusal(&aliased).contains("anchored as `&a`"));
    }

    #[test]
    fn the_rewritten_spec_plans_with_the_suggested_takes() {
        let text = fixed(&spec("assumptions: {takes: 2}\n"));
        let source = Source::new("spec.yaml", text);
        let spec = crate::spec::load(&source).unwrap();
        let checked = crate::pipeline::check(&spec, None).unwrap();
        let plan = crate::plan::plan(&checked).unwrap();
        let takes: Vec<(Decimal, Decimal)> = plan
            .all_jobs()
            .map(|job| match job.unwrap().work {
                crate::plan::Work::Shot(shot) => (shot.takes, shot.worst_takes),
                crate::plan::Work::Sheet(_) => panic!("no sheets"),
            })
            .collect();
        let dec = |text: &str| text.parse::<Decimal>().unwrap();
        assert_eq!(takes, [(dec("4.50"), dec("6")), (dec("3.21"), dec("6"))]);
    }
}
