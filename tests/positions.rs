//! Every output format puts a diagnostic at the same line and column, whatever the
//! file's line breaks, byte-order mark, tabs or non-ASCII text; one unknown key
//! anywhere in a valid spec is reported once, exactly where it is; and a malformed
//! value of a key a shot must have does not hide the shot's other problems.

use proptest::prelude::*;
use shotlist::pipeline::{Limits, Loaded};
use shotlist::report::human::render_diagnostics;
use shotlist::report::{Style, diagnostics_json, github, sarif};

/// Several problems, after tabs and non-ASCII text on their lines and the lines before.
const SPEC: &str = "version: 1
production:
  title: \"Café\tdu port — ü\"
  runtim: 5m
segments:
  - {id: s1,\tduration: 10s, script: \"Élan\"}
shots:
  - {id: é, segment: s1, type: heroo, duration: 5s, prompt: \"Vagues 🌊\",\tcolour: grey}
  - id: b
    segment: s1
    type: hero
    duration: 5s
    prompt: \"Rocher ü\"
    audio: yes
";

/// Each format's `(line, column)` of each diagnostic, in order.
fn positions(name: &str, text: &str) -> [Vec<(u64, u64)>; 4] {
    let loaded = Loaded::from_text(name, text, Limits::default());
    let Err(diagnostics) = loaded.check(None) else {
        panic!("{name}: the spec has problems");
    };
    let source = &loaded.source;

    let human = render_diagnostics(&diagnostics, source, Style::PLAIN)
        .lines()
        .filter_map(|line| {
            line.split_once(&format!("─[{name}:"))?
                .1
                .strip_suffix(']')
                .map(str::to_owned)
        })
        .map(|place| {
            let (line, column) = place.split_once(':').expect("line:column");
            (line.parse().unwrap(), column.parse().unwrap())
        })
        .collect();

    let entries = diagnostics_json::diagnostic_values(&diagnostics, source);
    let json = entries
        .iter()
        .map(|entry| {
            assert!(
                !entry.path.is_empty(),
                "{name}: `{}` has no path",
                entry.message
            );
            (entry.line as u64, entry.column as u64)
        })
        .collect();

    let github = github::render(&diagnostics, source)
        .lines()
        .map(|line| {
            let field = |key: &str| -> u64 {
                let rest = line.split_once(&format!(",{key}=")).expect(key).1;
                rest.split([',', ':']).next().unwrap().parse().unwrap()
            };
            (field("line"), field("col"))
        })
        .collect();

    let sarif: serde_json::Value = serde_json::from_str(&sarif::document(
        &[(source, &diagnostics)],
        std::path::Path::new("/"),
    ))
    .expect("SARIF");
    let sarif = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|result| {
            let region = &result["locations"][0]["physicalLocation"]["region"];
            (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    [human, json, github, sarif]
}

#[test]
fn every_format_agrees_on_every_position() {
    let lf = positions("lf.yaml", SPEC);
    let expected = lf[1].clone();
    // runtim; heroo and colour, after `é`, `🌊` (one column each) and a tab; audio.
    assert_eq!(expected, [(4, 3), (8, 32), (8, 73), (14, 12)], "{lf:?}");
    let variants = [
        ("crlf.yaml", SPEC.replace('\n', "\r\n")),
        ("cr.yaml", SPEC.replace('\n', "\r")),
        ("bom.yaml", format!("\u{feff}{SPEC}")),
        (
            "bom-crlf.yaml",
            format!("\u{feff}{}", SPEC.replace('\n', "\r\n")),
        ),
    ];
    for [human, json, github, sarif] in
        std::iter::once(lf).chain(variants.iter().map(|(name, text)| positions(name, text)))
    {
        assert_eq!(json, expected, "JSON");
        assert_eq!(human, expected, "human");
        assert_eq!(github, expected, "GitHub");
        assert_eq!(sarif, expected, "SARIF");
    }
}

/// The places in `spec` where a key can be inserted into a mapping whose keys are all
/// named by the format: before a block key, or just inside a flow mapping's brace.
/// `routing.by_type` and `models` take any key, so they are left out.
fn insertion_points(spec: &str) -> Vec<(usize, String)> {
    let mut points = Vec::new();
    let mut offset = 0;
    for line in spec.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let key = rest.split(':').next().unwrap_or("");
        if !rest.starts_with('#')
            && !rest.starts_with('-')
            && !key.is_empty()
            && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            points.push((offset, format!("{}{{key}}: 1\n", " ".repeat(indent))));
        }
        if !rest.starts_with("by_type:") {
            for (brace, _) in line.match_indices('{') {
                points.push((offset + brace + 1, "{key}: 1, ".to_owned()));
            }
        }
        offset += line.len();
    }
    points
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_unknown_key_is_one_diagnostic_at_the_key(
        pick in any::<prop::sample::Index>(),
        name in "x_[a-z]{2,8}",
        shots in 1usize..12,
    ) {
        let spec = shotlist::generate::spec_yaml(shots);
        let points = insertion_points(&spec);
        let (offset, template) = &points[pick.index(points.len())];
        let insert = template.replace("{key}", &name);
        let text = format!("{}{insert}{}", &spec[..*offset], &spec[*offset..]);
        let key_offset = offset + insert.find(&name).unwrap();
        let before = &text[..key_offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;

        let loaded = Loaded::from_text("t.yaml", text.clone(), Limits::default());
        let diagnostics = loaded.check(None).err().unwrap_or_default();
        prop_assert_eq!(diagnostics.len(), 1, "{:?}\n{}", diagnostics, text);
        let diagnostic = &diagnostics[0];
        prop_assert_eq!(diagnostic.code.id, "E002");
        prop_assert_eq!(diagnostic.line_column(&loaded.source), (line, column));
        prop_assert!(diagnostic.path.ends_with(&name), "{}", diagnostic.path);
    }

    /// A shot whose `type`, `duration` or `prompt` is malformed and whose segment is
    /// unknown gets both diagnostics, each at its value: the malformed value is read
    /// as a stand-in and the rest of the shot is still checked.
    #[test]
    fn a_malformed_required_value_and_a_dangling_reference_are_both_reported(
        pick in any::<prop::sample::Index>(),
        key in prop::sample::select(vec!["type", "duration", "prompt"]),
        shots in 2usize..12,
    ) {
        let spec = shotlist::generate::spec_yaml(shots);
        let lines: Vec<&str> = spec.lines().collect();
        let shot_lines: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with("  - {id: shot-"))
            .collect();
        let index = pick.index(shot_lines.len());
        let line = lines[shot_lines[index]];
        let field = |name: &str| {
            let start = line.find(&format!("{name}: ")).unwrap() + name.len() + 2;
            let end = if line[start..].starts_with('"') {
                start + 1 + line[start + 1..].find('"').unwrap() + 1
            } else {
                start + line[start..].find([',', '}']).unwrap()
            };
            (start, end)
        };
        let (value_start, value_end) = field(key);
        let malformed = match key {
            "type" => format!("{}z", &line[value_start..value_end]),
            "duration" => "5q".to_owned(),
            _ => "[Waves]".to_owned(),
        };
        let (segment_start, segment_end) = field("segment");
        let mut edited = line.to_owned();
        // The later field first, so that the earlier one's offsets still hold.
        let mut edits = [
            (value_start, value_end, malformed.as_str()),
            (segment_start, segment_end, "nowhere"),
        ];
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
        for (start, end, text) in edits {
            edited.replace_range(start..end, text);
        }
        let column_of = |text: &str| edited.find(text).unwrap() + 1;
        let mut expected = vec![
            (if key == "prompt" { "E004" } else { "E005" }, format!("shots[{index}].{key}"), column_of(&malformed)),
            ("E102", format!("shots[{index}].segment"), column_of("nowhere")),
        ];
        expected.sort_by_key(|(_, _, column)| *column);
        let mut lines = lines.clone();
        lines[shot_lines[index]] = &edited;
        let text = lines.join("\n") + "\n";

        let loaded = Loaded::from_text("t.yaml", text.clone(), Limits::default());
        let diagnostics = loaded.check(None).err().unwrap_or_default();
        let found: Vec<(&str, String, usize)> = diagnostics
            .iter()
            .map(|d| {
                let (line, column) = d.line_column(&loaded.source);
                prop_assert_eq!(line, shot_lines[index] + 1);
                Ok((d.code.id, d.path.clone(), column))
            })
            .collect::<Result<_, TestCaseError>>()?;
        prop_assert_eq!(found, expected, "{}", edited);
    }
}
