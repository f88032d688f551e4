//! Line shapes that recur across the documents of a batch: the evidence of site templates
//! that the generic boilerplate stage reads.
//!
//! [`ShapeCounter`] counts, per group (a site, when URLs are known), how many documents
//! hold each line shape, in bounded memory, the same way as the `rules suggest` counter
//! (Misra-Gries), but keyed by a 64-bit hash of the shape instead of its text: the stage
//! only asks "how many documents hold a line like this one", never for the line itself,
//! so the batch's first pass allocates nothing per line. [`ShapeCounter::recurring`] then
//! keeps the shapes found in enough documents as [`RecurringLines`].

use rustc_hash::{FxHashMap, FxHashSet};

use super::is_trivial;

/// Counts, with bounded memory, how many documents of each group hold each line shape.
#[derive(Debug)]
pub struct ShapeCounter {
    capacity: usize,
    counts: FxHashMap<(usize, u64), usize>,
    /// Group names; groups are few, so a linear lookup is fine.
    groups: Vec<Option<String>>,
    /// Shapes of the document being added: a line repeated in one document counts once.
    in_document: FxHashSet<u64>,
}

impl ShapeCounter {
    /// A counter of at most `capacity` (group, shape) counts (at least 1). Counts are
    /// exact while the distinct shapes fit; beyond that, the rarest are forgotten and
    /// every count may fall short by at most (lines counted) / (capacity + 1).
    pub fn new(capacity: usize) -> ShapeCounter {
        ShapeCounter {
            capacity: capacity.max(1),
            counts: FxHashMap::default(),
            groups: Vec::new(),
            in_document: FxHashSet::default(),
        }
    }

    /// Adds one document's lines; `group` is its site (`None` when unknown). Lines
    /// without a letter and with at most three visible characters are not counted.
    pub fn add_document<'a>(&mut self, group: Option<&str>, lines: impl Iterator<Item = &'a str>) {
        let group = match self.groups.iter().position(|g| g.as_deref() == group) {
            Some(id) => id,
            None => {
                self.groups.push(group.map(str::to_string));
                self.groups.len() - 1
            }
        };
        self.in_document.clear();
        for line in lines.filter(|l| !is_trivial(l)) {
            self.in_document.insert(shape_hash(line));
        }
        let shapes = std::mem::take(&mut self.in_document);
        for &shape in &shapes {
            self.count((group, shape));
        }
        self.in_document = shapes;
    }

    /// One more document for `key`; when the counter is full and `key` is new, every
    /// count goes down by one instead and the counts at zero are dropped (Misra-Gries).
    fn count(&mut self, key: (usize, u64)) {
        if let Some(documents) = self.counts.get_mut(&key) {
            *documents += 1;
        } else if self.counts.len() < self.capacity {
            self.counts.insert(key, 1);
        } else {
            self.counts.retain(|_, documents| {
                *documents -= 1;
                *documents > 0
            });
        }
    }

    /// The shapes held by at least `min_docs` (and at least 2) documents of their group.
    pub fn recurring(&self, min_docs: usize) -> RecurringLines {
        let floor = min_docs.max(2);
        let mut by_group: FxHashMap<Option<String>, FxHashMap<u64, usize>> = FxHashMap::default();
        for (&(group, shape), &documents) in &self.counts {
            if documents >= floor {
                by_group
                    .entry(self.groups[group].clone())
                    .or_default()
                    .insert(shape, documents);
            }
        }
        RecurringLines { by_group }
    }
}

/// Line shapes that recur across the documents of a batch, per group, with the number
/// of documents holding each: made by [`ShapeCounter::recurring`]. Shapes are kept as
/// hashes (see [`shape_hash`]), so looking a line up allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct RecurringLines {
    by_group: FxHashMap<Option<String>, FxHashMap<u64, usize>>,
}

impl RecurringLines {
    /// Whether nothing recurs (always so for a batch of one document).
    pub fn is_empty(&self) -> bool {
        self.by_group.is_empty()
    }

    /// The recurring shapes of one group, if it has any.
    pub fn group(&self, group: Option<&str>) -> Option<RecurringInGroup<'_>> {
        self.by_group
            .get(&group.map(str::to_string))
            .map(|shapes| RecurringInGroup { shapes })
    }
}

/// The recurring line shapes of one group of documents.
#[derive(Debug, Clone, Copy)]
pub struct RecurringInGroup<'a> {
    shapes: &'a FxHashMap<u64, usize>,
}

impl RecurringInGroup<'_> {
    /// In how many documents of the group a line of `text`'s shape occurs; 0 when it
    /// was not seen recurring.
    pub fn documents(&self, text: &str) -> usize {
        if is_trivial(text) {
            return 0;
        }
        self.shapes.get(&shape_hash(text)).copied().unwrap_or(0)
    }
}

/// A hash of a line's shape: equal for two lines that differ only in runs of ASCII
/// digits (`Page 2 of 9`, `Page 10 of 12`), as `rules suggest` folds them. The text
/// between digit runs is hashed eight bytes at a time, with its length, so that moving a
/// run changes the hash.
pub fn shape_hash(text: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mix = |hash: u64, word: u64| (hash ^ word).wrapping_mul(PRIME).rotate_left(23);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut rest = text.as_bytes();
    loop {
        let end = rest
            .iter()
            .position(u8::is_ascii_digit)
            .unwrap_or(rest.len());
        let mut chunks = rest[..end].chunks_exact(8);
        for chunk in &mut chunks {
            hash = mix(
                hash,
                u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
            );
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        hash = mix(hash, u64::from_le_bytes(tail));
        hash = mix(hash, end as u64);
        if end == rest.len() {
            return hash;
        }
        // A digit run: one marker, whatever its digits.
        hash = mix(hash, u64::MAX);
        let digits = rest[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        rest = &rest[end + digits..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_fold_digit_runs_and_nothing_else() {
        assert_eq!(shape_hash("Page 2 of 9"), shape_hash("Page 10 of 123"));
        assert_ne!(shape_hash("Page 2 of 9"), shape_hash("Page 2 of"));
        assert_ne!(shape_hash("ab1c"), shape_hash("a1bc"));
        assert_ne!(shape_hash("Share"), shape_hash("share"));
        assert_ne!(shape_hash(""), shape_hash("1"));
        assert_ne!(
            shape_hash("A long line of text past eight bytes"),
            shape_hash("A long line of text past eight bytes.")
        );
    }

    #[test]
    fn a_line_counts_once_per_document_and_per_group() {
        let mut counter = ShapeCounter::new(100);
        counter.add_document(
            None,
            ["Skip to content", "Skip to content", "|"].into_iter(),
        );
        counter.add_document(None, ["Skip to content", "Page 1 of 3"].into_iter());
        counter.add_document(Some("a.example"), ["Page 2 of 3"].into_iter());
        counter.add_document(Some("a.example"), ["Page 3 of 3"].into_iter());
        let recurring = counter.recurring(2);
        let unnamed = recurring
            .group(None)
            .expect("the unnamed group has a recurring line");
        assert_eq!(unnamed.documents("Skip to content"), 2);
        assert_eq!(unnamed.documents("Page 9 of 9"), 0);
        assert_eq!(unnamed.documents("|"), 0);
        let site = recurring
            .group(Some("a.example"))
            .expect("the site has one");
        assert_eq!(site.documents("Page 7 of 7"), 2);
        assert!(recurring.group(Some("b.example")).is_none());
    }

    #[test]
    fn a_full_counter_forgets_rare_shapes_not_common_ones() {
        let mut counter = ShapeCounter::new(4);
        for i in 0..50 {
            let unique = format!("line {}", "x".repeat(i));
            counter.add_document(None, ["Sign in", unique.as_str()].into_iter());
        }
        let recurring = counter.recurring(2);
        let group = recurring.group(None).expect("a shape recurs");
        // 100 lines counted with 4 counters: each count is short by at most 100 / 5.
        let signed_in = group.documents("Sign in");
        assert!((50 - 100 / 5..=50).contains(&signed_in), "{signed_in}");
        assert_eq!(group.documents("line xx"), 0);
    }
}
