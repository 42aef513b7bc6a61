//! "Did you mean" suggestions for misspelt keys, ids and names.

/// The candidate closest to `input`, if it is close enough to be a plausible typo:
/// within a third of the input's length in edits (at least one), or equal ignoring
/// case and separators.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let normalized_input = normalize(input);
    let allowed = (input.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|candidate| {
            if normalize(candidate) == normalized_input {
                return Some((0, candidate));
            }
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
}
