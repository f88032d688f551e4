use super::TEXT_TRIGRAMS_SIZE;
use super::Trigram;
use crate::core::LowercaseText;
use crate::utils::is_stop_char;

pub struct TrigramsWithPositions {
    pub(crate) _total_trigrams: u32,
    /// The text's most frequent trigrams (at most `TEXT_TRIGRAMS_SIZE`), each with its
    /// rank: by count, most frequent first, ties broken by the greater trigram first.
    pub(crate) trigram_positions: Vec<(Trigram, u32)>,
}

#[inline]
pub fn get_trigrams_with_positions(text: &LowercaseText) -> TrigramsWithPositions {
    // presswash: upstream counts in a hash map and sorts (count, trigram) pairs; packing
    // each trigram into one integer that orders like the trigram and sorting those gives
    // the same ranks for a fraction of the cost.
    let mut packed: Vec<u64> = Vec::with_capacity(text.len());
    let mut chars_iter = text.chars().map(to_trigram_char).chain(Some(' '));
    let mut c1 = ' ';
    // unwrap is safe, because we always chain a space character on the end of the iterator
    let mut c2 = chars_iter.next().unwrap();
    for c3 in chars_iter {
        if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
            packed.push(pack(c1, c2, c3));
        }
        c1 = c2;
        c2 = c3;
    }
    let total_trigrams = packed.len() as u32;
    packed.sort_unstable();

    let mut counted: Vec<(u32, u64)> = Vec::with_capacity(packed.len());
    for key in packed {
        match counted.last_mut() {
            Some((count, last)) if *last == key => *count += 1,
            _ => counted.push((1, key)),
        }
    }
    // Descending by count, then by trigram, as upstream's `b.cmp(a)` on (count, trigram).
    let trigram_positions = rank_by_count(&counted)
        .take(TEXT_TRIGRAMS_SIZE) // we're interested only in the first 600 (2 * MAX_TRIGRAM_DISTANCE)
        .enumerate()
        .map(|(i, key)| (unpack(key), i as u32))
        .collect();
    TrigramsWithPositions {
        _total_trigrams: total_trigrams,
        trigram_positions,
    }
}

/// The keys of `counted` (ascending by key) by descending count, ties by descending key.
/// Counts are small, so a counting sort does it in one pass (the keys are visited from
/// the greatest down and keep that order within a count); a text with a trigram repeated
/// more than `MAX_BUCKETS` times is sorted instead.
fn rank_by_count(counted: &[(u32, u64)]) -> impl Iterator<Item = u64> {
    const MAX_BUCKETS: usize = 64;
    let max = counted.iter().map(|&(count, _)| count).max().unwrap_or(0) as usize;
    let mut ranked = vec![0u64; counted.len()];
    if max < MAX_BUCKETS {
        // starts[c]: where the keys counted c times begin, the greatest count first.
        let mut starts = [0usize; MAX_BUCKETS + 1];
        for &(count, _) in counted {
            starts[count as usize] += 1;
        }
        let mut next = 0;
        for c in (1..=max).rev() {
            let n = starts[c];
            starts[c] = next;
            next += n;
        }
        for &(count, key) in counted.iter().rev() {
            ranked[starts[count as usize]] = key;
            starts[count as usize] += 1;
        }
    } else {
        let mut pairs = counted.to_vec();
        pairs.sort_unstable_by(|a, b| b.cmp(a));
        for (slot, (_, key)) in ranked.iter_mut().zip(pairs) {
            *slot = key;
        }
    }
    ranked.into_iter()
}

/// One trigram as one integer, ordered as `Trigram` is (a `char` fits in 21 bits).
#[inline]
pub(crate) fn pack(c1: char, c2: char, c3: char) -> u64 {
    ((c1 as u64) << 42) | ((c2 as u64) << 21) | c3 as u64
}

#[inline]
fn unpack(key: u64) -> Trigram {
    let char_at = |shift: u32| char::from_u32(((key >> shift) & 0x1F_FFFF) as u32).unwrap_or(' ');
    Trigram(char_at(42), char_at(21), char_at(0))
}

// Convert punctuations and digits to a space.
#[inline]
fn to_trigram_char(ch: char) -> char {
    if is_stop_char(ch) { ' ' } else { ch }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_valuable_trigram_chars(chars: &[char]) {
        for &ch in chars.iter() {
            assert_eq!(to_trigram_char(ch), ch);
        }
    }

    fn assert_not_valuable_trigram_chars(chars: &[char]) {
        for &ch in chars.iter() {
            assert_eq!(to_trigram_char(ch), ' ');
        }
    }

    #[test]
    fn test_to_trigram_char() {
        // valuable chars, that matters
        assert_valuable_trigram_chars(&['a', 'z', 'A', 'Z', 'Ж', 'ß']);

        // punctuations, digits, etc..
        //
        // 0x00 - 0x40
        assert_not_valuable_trigram_chars(&['\t', '\n', ' ', '.', '0', '9', ',', '@']);
        // 0x5B - 0x60
        assert_not_valuable_trigram_chars(&['[', ']', '^', '\\', '`']);
        // 0x7B - 0x7E
        assert_not_valuable_trigram_chars(&['[', '|', '{', '}', '~']);
    }

    /// Upstream's counting and ranking, kept to check the sort-based ranking against.
    fn upstream_positions(text: &str) -> (u32, Vec<(Trigram, u32)>) {
        use hashbrown::HashMap;
        let text = LowercaseText::new(text);
        let mut occurrences: HashMap<Trigram, u32> = HashMap::new();
        let mut total = 0;
        let mut chars_iter = text.chars().map(to_trigram_char).chain(Some(' '));
        let mut c1 = ' ';
        let mut c2 = chars_iter.next().unwrap();
        for c3 in chars_iter {
            if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
                *occurrences.entry(Trigram(c1, c2, c3)).or_insert(0) += 1;
                total += 1;
            }
            c1 = c2;
            c2 = c3;
        }
        let mut count_vec: Vec<_> = occurrences.into_iter().map(|(t, n)| (n, t)).collect();
        count_vec.sort_unstable_by(|a, b| b.cmp(a));
        let positions = count_vec
            .into_iter()
            .take(TEXT_TRIGRAMS_SIZE)
            .enumerate()
            .map(|(i, (_, t))| (t, i as u32))
            .collect();
        (total, positions)
    }

    #[test]
    fn ranks_match_upstream() {
        let long = "Die Ordnung muss für immer in diesem Codebase bleiben. ".repeat(40);
        // More than 64 of one trigram: the sorted path.
        let bananas = "banana ".repeat(100);
        let texts = [
            "",
            ",",
            "a",
            "-a-",
            "yes",
            "Give - IT...",
            "There is no reason not to learn Esperanto.",
            "Ĉu vi ne volas eklerni Esperanton? Bonvolu! Estas unu de la plej bonaj aferoj!",
            "Привет! Как дела? Что нового? Я помню чудное мгновенье.",
            "Le gouvernement a annoncé mardi une réforme des retraites très contestée.",
            "日本ごです。 とても素敵な言葉ですね",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝔱𝔯𝔦𝔤𝔯𝔞𝔪𝔰 ẞ ǅ İ",
            long.as_str(),
            bananas.as_str(),
        ];
        for text in texts {
            let ours = get_trigrams_with_positions(&LowercaseText::new(text));
            let (total, positions) = upstream_positions(text);
            assert_eq!(ours._total_trigrams, total, "{text:?}");
            assert_eq!(ours.trigram_positions, positions, "{text:?}");
        }
    }

    #[test]
    fn test_get_trigrams_with_positions() {
        let lowercase_text = LowercaseText::new("xaaaaabbbb    d");
        let TrigramsWithPositions {
            _total_trigrams,
            trigram_positions,
        } = get_trigrams_with_positions(&lowercase_text);

        assert_eq!(trigram_positions[0], (Trigram('a', 'a', 'a'), 0));
        assert_eq!(trigram_positions[1], (Trigram('b', 'b', 'b'), 1));
        assert_eq!(_total_trigrams, 11);
    }
}
