//! The shot list's storage: shots in order, in fixed-size chunks.

use super::shot::Shot;
use super::span::Spanned;

/// Shots per chunk: a chunk is about 80 KB, so a spec wastes at most that much.
const CHUNK: usize = 256;

/// A spec's shots, in the order written.
///
/// Why chunks rather than a `Vec`: serde grows a list by doubling, and a list of
/// 300-byte shots so grown copies them all at each step and holds up to twice their
/// size. Boxing each shot avoids that but scatters the shots over the heap among their
/// strings, and every pass over them (the checks, each lint rule, the plan) then misses
/// the cache once a shot at 100,000 shots, where BENCHMARKS.md measured lint's time
/// growing 14x for 10x the shots. A chunk is allocated once, at its full size, and
/// never moves: memory stays within one chunk of exact, and passes read it in order.
#[derive(Debug, Clone, Default)]
pub struct ShotList {
    chunks: Vec<Vec<Spanned<Shot>>>,
    len: usize,
}

impl ShotList {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, index: usize) -> Option<&Spanned<Shot>> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)
    }

    pub fn push(&mut self, shot: Spanned<Shot>) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < CHUNK => chunk.push(shot),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(shot);
                self.chunks.push(chunk);
            }
        }
        self.len = self.len.saturating_add(1);
    }

    /// Gives back the unused end of the last chunk, once no shot will be added: a spec
    /// of a few shots would otherwise hold a whole chunk.
    pub fn shrink_to_fit(&mut self) {
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.shrink_to_fit();
        }
        self.chunks.shrink_to_fit();
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            shots: self.chunks.iter().flatten(),
            left: self.len,
        }
    }
}

impl std::ops::Index<usize> for ShotList {
    type Output = Spanned<Shot>;

    /// The shot at `index`; panics past the end, like a slice.
    fn index(&self, index: usize) -> &Spanned<Shot> {
        match self.get(index) {
            Some(shot) => shot,
            None => panic!("shot {index} of a list of {}", self.len),
        }
    }
}

impl<'a> IntoIterator for &'a ShotList {
    type Item = &'a Spanned<Shot>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The shots of a [`ShotList`] in order; it knows its length, so it can be reversed
/// after `enumerate`.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    shots: std::iter::Flatten<std::slice::Iter<'a, Vec<Spanned<Shot>>>>,
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Spanned<Shot>;

    fn next(&mut self) -> Option<Self::Item> {
        let shot = self.shots.next()?;
        self.left = self.left.saturating_sub(1);
        Some(shot)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let shot = self.shots.next_back()?;
        self.left = self.left.saturating_sub(1);
        Some(shot)
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::{CHUNK, ShotList};
    use crate::source::Source;
    use crate::spec::load;

    /// A spec with `count` shots, loaded: shots are only built by deserializing.
    fn spec_with(count: usize) -> crate::spec::Spec {
        let source = Source::new("t.yaml", crate::generate::spec_yaml(count));
        load(&source).unwrap_or_else(|d| panic!("{}", d.message))
    }

    #[test]
    fn shots_keep_their_order_and_index_across_chunks() {
        let spec = spec_with(CHUNK * 2 + 3);
        let shots = &spec.shots;
        assert_eq!(shots.len(), CHUNK * 2 + 3);
        let offsets: Vec<u32> = shots.iter().map(|shot| shot.span.offset).collect();
        assert!(
            offsets.windows(2).all(|pair| pair[0] < pair[1]),
            "in file order"
        );
        for (index, offset) in offsets.iter().enumerate() {
            assert_eq!(shots[index].span.offset, *offset);
            assert_eq!(shots.get(index).map(|s| s.span.offset), Some(*offset));
        }
        assert!(shots.get(shots.len()).is_none());
    }

    #[test]
    fn the_iterator_counts_down_from_both_ends() {
        let spec = spec_with(CHUNK + 1);
        let mut iter = spec.shots.iter();
        assert_eq!(iter.len(), CHUNK + 1);
        let last = iter.next_back().map(|shot| shot.id.as_str());
        assert_eq!(last, Some(spec.shots[CHUNK].id.as_str()));
        iter.next();
        assert_eq!(iter.len(), CHUNK - 1);
        let reversed: Vec<usize> = spec
            .shots
            .iter()
            .enumerate()
            .rev()
            .map(|(i, _)| i)
            .collect();
        assert_eq!(reversed.first(), Some(&CHUNK));
        assert_eq!(reversed.last(), Some(&0));
    }

    #[test]
    fn a_loaded_list_holds_no_spare_room() {
        let spec = spec_with(CHUNK + 5);
        assert_eq!(spec.shots.chunks.len(), 2);
        assert_eq!(spec.shots.chunks.last().map(Vec::capacity), Some(5));
        assert!(ShotList::new().is_empty());
        assert!(!spec.shots.is_empty());
    }

    #[test]
    #[should_panic(expected = "shot 3 of a list of 3")]
    fn indexing_past_the_end_panics_with_the_length() {
        let spec = spec_with(3);
        let _ = &spec.shots[3];
    }
}
