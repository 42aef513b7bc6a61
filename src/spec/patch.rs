//! The unified diff of a spec's text and its edited copy, as `shotlist route --diff`
//! prints it, in time linear in the text. A line diff of the whole texts (Myers, or
//! patience, which falls back to it between unique lines) costs the lines times the
//! changes, and `route` changes lines all through a long spec: 100,000 shots took 16 s
//! in the diff alone. The edits say where the texts differ, so only the lines they
//! touch are diffed, each run of them on its own, and every other line is equal.

use std::ops::Range;

use similar::udiff::UnifiedHunkHeader;
use similar::{Algorithm, ChangeTag, DiffOp, DiffableStr, capture_diff_slices, group_diff_ops};

use super::edit::Edit;

/// Lines of context around each change, as `diff -u` and `git diff` show.
const CONTEXT: usize = 3;

/// The unified diff from `original` to `edited`, the text `edits` make of it (as
/// [`super::edit::apply`] applies them), both files named `name`; empty when nothing
/// changes. Lines end as YAML's do (LF, CRLF or a lone CR) and keep their ends. The
/// edits only say where to look: the text between them is compared, so a diff is
/// always one of the two texts, and `None` says the texts differ outside the edits.
pub fn unified_diff(original: &str, edited: &str, edits: &[Edit], name: &str) -> Option<String> {
    let old_lines = original.tokenize_lines();
    let new_lines = edited.tokenize_lines();
    let old_starts = line_starts(&old_lines);
    let new_starts = line_starts(&new_lines);
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start, edit.range.end));

    let mut ops = Vec::new();
    // Where the last changed run ends, in both texts, as bytes and as lines.
    let (mut old_done, mut new_done) = (0, 0);
    let (mut old_line_done, mut new_line_done) = (0, 0);
    // Bytes the edits so far add and remove: a byte of `original` past them is at
    // its offset plus `added` minus `removed` in `edited`.
    let (mut added, mut removed) = (0usize, 0usize);
    let mut rest = sorted.as_slice();
    while let Some((first, _)) = rest.split_first() {
        let mut lines = touched_lines(&old_lines, &old_starts, &first.range);
        // The first edit is in the run, whatever lines it touches.
        let mut taken = 1;
        let (old_bytes, new_bytes) = loop {
            // Every edit on a line of the run joins it; one on the next line starts
            // a run of its own, so that the lines diffed together stay few.
            while let Some(edit) = rest.get(taken) {
                let touched = touched_lines(&old_lines, &old_starts, &edit.range);
                if touched.start >= lines.end {
                    break;
                }
                lines.end = lines.end.max(touched.end);
                taken = taken.checked_add(1)?;
            }
            let (run_added, run_removed) = rest.get(..taken)?.iter().try_fold(
                (added, removed),
                |(added, removed), edit| {
                    Some((
                        added.checked_add(edit.text.len())?,
                        removed.checked_add(edit.range.len())?,
                    ))
                },
            )?;
            let old_bytes = byte_range(&old_starts, original, lines.clone())?;
            let new_bytes = old_bytes.start.checked_add(added)?.checked_sub(removed)?
                ..old_bytes
                    .end
                    .checked_add(run_added)?
                    .checked_sub(run_removed)?;
            // The edited run must end a line of `edited` as the run ends one of
            // `original`; otherwise the next line joins it.
            let next_line = old_lines.get(lines.end);
            let ends_a_line = match edited.as_bytes().get(..new_bytes.end)?.last() {
                _ if new_bytes.is_empty() => true,
                Some(b'\n') => true,
                Some(b'\r') => !next_line.is_some_and(|line| line.starts_with('\n')),
                _ => next_line.is_none(),
            };
            if ends_a_line {
                (added, removed) = (run_added, run_removed);
                break (old_bytes, new_bytes);
            }
            lines.end = lines.end.checked_add(1)?;
        };
        rest = rest.get(taken..)?;

        // The lines between the runs are equal: the same bytes at the same lines.
        let new_lines_of = line_range(&new_starts, edited, new_bytes.clone())?;
        push_equal(
            &mut ops,
            (
                original.get(old_done..old_bytes.start)?,
                edited.get(new_done..new_bytes.start)?,
            ),
            (old_line_done, new_line_done),
            (lines.start, new_lines_of.start),
        )?;
        let run = capture_diff_slices(
            Algorithm::Myers,
            old_lines.get(lines.clone())?,
            new_lines.get(new_lines_of.clone())?,
        );
        let mut at = (lines.start, new_lines_of.start);
        for op in run {
            push(&mut ops, placed(op, &mut at)?)?;
        }
        if at != (lines.end, new_lines_of.end) {
            return None;
        }
        (old_done, new_done) = (old_bytes.end, new_bytes.end);
        (old_line_done, new_line_done) = (lines.end, new_lines_of.end);
    }
    push_equal(
        &mut ops,
        (original.get(old_done..)?, edited.get(new_done..)?),
        (old_line_done, new_line_done),
        (old_lines.len(), new_lines.len()),
    )?;
    Some(render(&old_lines, &new_lines, ops, name))
}

/// Pushes the lines from `start` to `end` (old and new line indices) as equal, once
/// they are: the same `texts` (old, new) over as many lines on each side. `None` when
/// they are not, and the rewrite's edits do not describe it.
fn push_equal(
    ops: &mut Vec<DiffOp>,
    (old_text, new_text): (&str, &str),
    (old_start, new_start): (usize, usize),
    (old_end, new_end): (usize, usize),
) -> Option<()> {
    let len = old_end.checked_sub(old_start)?;
    if old_text != new_text || new_end.checked_sub(new_start)? != len {
        return None;
    }
    push(
        ops,
        DiffOp::Equal {
            old_index: old_start,
            new_index: new_start,
            len,
        },
    )
}

/// Appends `op`, joined with the op before it when both are equal lines or both are
/// changes: hunks are cut at long runs of equal lines, which must not come in pieces,
/// and changes on consecutive lines, diffed as runs of their own, read as one block
/// of removed lines then one of added lines, as a diff of the whole texts shows them.
fn push(ops: &mut Vec<DiffOp>, op: DiffOp) -> Option<()> {
    let Some(before) = ops.last_mut() else {
        if !matches!(op, DiffOp::Equal { len: 0, .. }) {
            ops.push(op);
        }
        return Some(());
    };
    match (&mut *before, op) {
        (_, DiffOp::Equal { len: 0, .. }) => {}
        (DiffOp::Equal { len: before, .. }, DiffOp::Equal { len, .. }) => {
            *before = before.checked_add(len)?;
        }
        (DiffOp::Equal { .. }, op) | (_, op @ DiffOp::Equal { .. }) => ops.push(op),
        (changed, op) => {
            let (old, new) = (changed.old_range(), changed.new_range());
            let (old_len, new_len) = (
                op.old_range().end.checked_sub(old.start)?,
                op.new_range().end.checked_sub(new.start)?,
            );
            *changed = match (old_len, new_len) {
                (0, new_len) => DiffOp::Insert {
                    old_index: old.start,
                    new_index: new.start,
                    new_len,
                },
                (old_len, 0) => DiffOp::Delete {
                    old_index: old.start,
                    old_len,
                    new_index: new.start,
                },
                (old_len, new_len) => DiffOp::Replace {
                    old_index: old.start,
                    old_len,
                    new_index: new.start,
                    new_len,
                },
            };
        }
    }
    Some(())
}

/// Where each line starts, and one past the last line: the text's length.
fn line_starts(lines: &[&str]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(lines.len().saturating_add(1));
    let mut offset = 0usize;
    starts.push(offset);
    for line in lines {
        offset = offset.saturating_add(line.len());
        starts.push(offset);
    }
    starts
}

/// The lines an edit of `range` changes: those its bytes are on, or the line it
/// inserts into, and when it starts a line, the line before if that one ends in a
/// lone CR, which an inserted LF would join, or ends the text with no line end, which
/// anything added would extend. An edit that ends a line's end joins it with the next
/// line, which the caller adds when it sees the edited text.
fn touched_lines(lines: &[&str], starts: &[usize], range: &Range<usize>) -> Range<usize> {
    let line_of = |offset: usize| {
        starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    };
    let on = line_of(range.start);
    let first = match on.checked_sub(1) {
        Some(before)
            if starts.get(on) == Some(&range.start)
                && lines.get(before).is_some_and(|line| !line.ends_with('\n')) =>
        {
            before
        }
        _ => on,
    };
    let last = match range.end.checked_sub(1) {
        Some(last_byte) if !range.is_empty() => line_of(last_byte),
        _ => on,
    };
    first.min(lines.len())
        ..last
            .saturating_add(1)
            .min(lines.len())
            .max(first.min(lines.len()))
}

/// The bytes of `lines`.
fn byte_range(starts: &[usize], text: &str, lines: Range<usize>) -> Option<Range<usize>> {
    let start = *starts.get(lines.start)?;
    let end = *starts.get(lines.end)?;
    (end <= text.len()).then_some(start..end)
}

/// The lines `bytes` cover; `None` unless they start and end where lines do.
fn line_range(starts: &[usize], text: &str, bytes: Range<usize>) -> Option<Range<usize>> {
    if bytes.end > text.len() {
        return None;
    }
    let start = starts.binary_search(&bytes.start).ok()?;
    let end = starts.binary_search(&bytes.end).ok()?;
    Some(start..end)
}

/// `op`, from a diff of slices, at the lines `at` says the slices are up to, and
/// those moved past it. The positions come from the lengths alone: `similar`'s Myers
/// diff can give an op the other text's position of a neighbour (a delete before an
/// equal line at the equal line's new index), and a hunk headed by it says the wrong
/// line.
fn placed(op: DiffOp, at: &mut (usize, usize)) -> Option<DiffOp> {
    let (old_index, new_index) = *at;
    let (op, old_len, new_len) = match op {
        DiffOp::Equal { len, .. } => (
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            },
            len,
            len,
        ),
        DiffOp::Delete { old_len, .. } => (
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            },
            old_len,
            0,
        ),
        DiffOp::Insert { new_len, .. } => (
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            },
            0,
            new_len,
        ),
        DiffOp::Replace {
            old_len, new_len, ..
        } => (
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            },
            old_len,
            new_len,
        ),
    };
    *at = (
        old_index.checked_add(old_len)?,
        new_index.checked_add(new_len)?,
    );
    Some(op)
}

/// The hunks of `ops` as `similar`'s unified diff writes them for a line diff: a
/// header naming the files, `@@` ranges, and a marker after a last line with no end.
fn render(old: &[&str], new: &[&str], ops: Vec<DiffOp>, name: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (index, hunk) in group_diff_ops(ops, CONTEXT).into_iter().enumerate() {
        if hunk.is_empty() {
            continue;
        }
        // Writing to a String cannot fail.
        if index == 0 {
            let _ = writeln!(out, "--- {name}\n+++ {name}");
        }
        let _ = writeln!(out, "{}", UnifiedHunkHeader::new(&hunk));
        for op in &hunk {
            for change in op.iter_changes(old, new) {
                let tag = match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                };
                out.push(tag);
                out.push_str(change.value());
                if !change.value().ends_with(['\r', '\n']) {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::edit::apply;

    fn edit(range: Range<usize>, text: &str) -> Edit {
        Edit {
            range,
            text: text.to_owned(),
        }
    }

    /// The diff of the edits, and `similar`'s diff of the whole texts, which on a
    /// change this small is the one minimal diff.
    fn both(original: &str, edits: &[Edit]) -> (String, String) {
        let edited = apply(original, edits).expect("the edits apply");
        let ours = unified_diff(original, &edited, edits, "spec.yaml").expect("diffs");
        let whole = similar::TextDiff::from_lines(original, edited.as_str())
            .unified_diff()
            .header("spec.yaml", "spec.yaml")
            .to_string();
        (ours, whole)
    }

    #[test]
    fn a_changed_value_far_from_another_is_two_hunks_as_a_whole_diff_makes() {
        let lines: Vec<String> = (0..30).map(|n| format!("key{n}: value{n}\n")).collect();
        let original = lines.concat();
        let at = |line: usize, what: &str| {
            let start = lines[..line].concat().len() + lines[line].find(what).unwrap();
            start..start + what.len()
        };
        let edits = [
            edit(at(3, "value3"), "new3"),
            edit(at(25, "value25"), "new25"),
        ];
        let (ours, whole) = both(&original, &edits);
        assert_eq!(ours, whole);
        assert_eq!(ours.matches("@@ -").count(), 2, "{ours}");
        // Close changes share a hunk.
        let edits = [edit(at(3, "value3"), "new3"), edit(at(8, "value8"), "new8")];
        let (ours, whole) = both(&original, &edits);
        assert_eq!(ours, whole);
        assert_eq!(ours.matches("@@ -").count(), 1, "{ours}");
    }

    #[test]
    fn entries_added_after_a_line_are_insertions() {
        let original = "shots:\n  - id: a\n    type: hero\n  - id: b\n    type: hero\n";
        let after_type = original.find("hero\n").unwrap() + "hero".len();
        let edits = [edit(after_type..after_type, "\n    model: cheap")];
        let (ours, whole) = both(original, &edits);
        assert_eq!(ours, whole);
        assert!(ours.contains("\n+    model: cheap\n"), "{ours}");
        assert!(!ours.contains("\n-"), "{ours}");
    }

    #[test]
    fn line_ends_and_a_last_line_without_one_are_kept() {
        for original in [
            "a: 1\r\nb: 2\r\nc: 3",
            "a: 1\rb: 2\rc: 3\r",
            "a: 1\nb: 2\nc: 3",
            "",
        ] {
            let edits = match original.find('2') {
                Some(two) => vec![
                    edit(two..two + 1, "22"),
                    edit(original.len()..original.len(), "\nd: 4"),
                ],
                None => vec![edit(0..0, "d: 4")],
            };
            let (ours, whole) = both(original, &edits);
            assert_eq!(ours, whole, "{original:?}");
            assert!(ours.contains("\\ No newline at end of file"), "{ours}");
        }
    }

    #[test]
    fn an_inserted_line_feed_after_a_lone_carriage_return_joins_the_lines() {
        // `a\r` and `\nb` become one CRLF line, so the line before the edit changes too.
        let original = "a: 1\rb: 2\n";
        let edits = [edit(5..5, "\n")];
        let (ours, whole) = both(original, &edits);
        assert_eq!(ours, whole);
        // An edit that removes a line's end joins it with the next, unedited, line.
        let original = "a: 1\nb: 2\nc: 3\n";
        let edits = [edit(4..5, " ")];
        let (ours, whole) = both(original, &edits);
        assert_eq!(ours, whole);
        assert!(ours.contains("+a: 1 b: 2\n"), "{ours}");
    }

    #[test]
    fn a_hunk_starts_at_its_first_line_where_the_whole_diff_misplaces_it() {
        // `similar`'s diff of the whole texts heads this hunk `@@ -1 +2 @@`.
        let original = "\n\r\n";
        let edits = [edit(0..1, "\r\n")];
        let (ours, _) = both(original, &edits);
        assert_eq!(
            ours,
            "--- spec.yaml\n+++ spec.yaml\n@@ -1,2 +1,2 @@\n-\n+\r\n \r\n"
        );
    }

    #[test]
    fn no_change_makes_no_diff_and_a_text_changed_elsewhere_none() {
        let original = "a: 1\nb: 2\n";
        assert_eq!(
            unified_diff(original, original, &[], "spec.yaml").as_deref(),
            Some("")
        );
        let edits = [edit(3..4, "9")];
        assert_eq!(
            unified_diff(original, "a: 9\nb: 3\n", &edits, "spec.yaml"),
            None
        );
        assert_eq!(
            unified_diff(original, "a: 9\nb: 2\nc: 3\n", &edits, "spec.yaml"),
            None
        );
        // An edit that changes nothing makes no hunk.
        assert_eq!(
            unified_diff(original, original, &edits, "spec.yaml").as_deref(),
            Some("")
        );
    }
}
