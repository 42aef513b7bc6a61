//! "Did you mean" suggestions for misspelt keys, ids and names.

/// Longest name, in characters, measured by edit distance: a typo is made in a name
/// someone types. A longer one is only matched ignoring case and separators, which
/// costs time linear in its length where edits cost its length squared.
const MAX_EDITED_CHARS: usize = 256;

/// Cells of edit-distance tables one suggestion may fill over all its candidates: a
/// few milliseconds, whatever the number and length of the names.
const MAX_CELLS: usize = 4_000_000;

/// The candidate closest to `input`, if it is close enough to be a plausible typo:
/// within a third of the input's length in edits (at least one), or equal ignoring
/// case and separators.
///
/// The work is bounded: a candidate whose length alone puts it further than that is
/// skipped before any distance is computed, names longer than [`MAX_EDITED_CHARS`]
/// are matched only ignoring case and separators, and the distances stop at
/// [`MAX_CELLS`] (the closest candidate found by then is the answer).
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let normalized_input = normalize(input);
    let length = input.chars().count();
    let allowed = (length / 3).max(1);
    let mut cells_left = MAX_CELLS;
    candidates
        .into_iter()
        .filter_map(|candidate| {
            if normalize(candidate) == normalized_input {
                return Some((0, candidate));
            }
            if length > MAX_EDITED_CHARS {
                return None;
            }
            // Each edit changes the length by at most one.
            let candidate_length = candidate.chars().count();
            if candidate_length.abs_diff(length) > allowed {
                return None;
            }
            cells_left = cells_left.checked_sub(length.saturating_mul(candidate_length))?;
            // Optimal string alignment: transpositions count as one edit, as in true
            // Damerau-Levenshtein, without its per-call hash map.
            let distance = strsim::osa_distance(input, candidate);
            (distance <= allowed).then_some((distance, candidate))
        })
        .min_by_key(|&(distance, candidate)| (distance, candidate))
        .map(|(_, candidate)| candidate)
}
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' ' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["duration", "segment", "characters", "resolution"];
        assert_eq!(did_you_mean("duraton", keys), Some("duration"));
        assert_eq!(did_you_mean("charaters", keys), Some("characters"));
        assert_eq!(did_you_mean("Segment", keys), Some("segment"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(
            did_you_mean("kling26", ["kling-2.6-standard", "kling-2.6"]),
            Some("kling-2.6")
        );
    }

    #[test]
    fn lengths_alone_rule_candidates_out() {
        assert_eq!(did_you_mean("ab", ["abcd", "abc"]), Some("abc"));
        assert_eq!(did_you_mean("abcdef", ["abcdefghij"]), None);
    }

    #[test]
    fn long_names_match_only_ignoring_case_and_separators() {
        let known = "s".repeat(300);
        let typo = format!("{}t", "s".repeat(299));
        let shouted = "S".repeat(300);
        assert_eq!(did_you_mean(&typo, [known.as_str()]), None);
        assert_eq!(
            did_you_mean(&shouted, [known.as_str()]),
            Some(known.as_str())
        );
    }
}
