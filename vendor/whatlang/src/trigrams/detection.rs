use std::sync::LazyLock;

use hashbrown::HashMap;

use super::LangProfileList;
use super::utils::{TrigramsWithPositions, get_trigrams_with_positions, pack};
use super::{ARABIC_LANGS, CYRILLIC_LANGS, DEVANAGARI_LANGS, HEBREW_LANGS, LATIN_LANGS};
use super::{MAX_TOTAL_DISTANCE, MAX_TRIGRAM_DISTANCE, Trigram};
use crate::Lang;
use crate::core::{FilterList, Info, InternalQuery, Text, calculate_confidence};
use crate::scripts::grouping::MultiLangScript;

#[derive(Debug)]
pub struct RawOutcome {
    pub trigrams_count: usize,
    #[allow(dead_code)]
    pub raw_distances: Vec<(Lang, u32)>,
    pub scores: Vec<(Lang, f64)>,
}

#[inline]
pub fn detect(iquery: &InternalQuery) -> Option<Info> {
    let raw_outcome = raw_detect(iquery);
    let RawOutcome {
        trigrams_count,
        scores,
        ..
    } = raw_outcome;

    let mut raw_scores_iter = scores.into_iter();

    let opt_lang_score1 = raw_scores_iter.next();
    let opt_lang_score2 = raw_scores_iter.next();

    // TODO: Logic is duplicated in alphabets. Consider refactoring
    opt_lang_score1.map(|(lang1, score1)| {
        let script = iquery.multi_lang_script.to_script();
        let confidence = if let Some((_, score2)) = opt_lang_score2 {
            calculate_confidence(score1, score2, trigrams_count)
        } else {
            1.0
        };
        Info::new(script, lang1, confidence)
    })
}

#[inline]
pub fn raw_detect(iquery: &InternalQuery) -> RawOutcome {
    calculate_scores_in_profiles(&iquery.text, iquery.filter_list, iquery.multi_lang_script)
}

fn script_to_lang_profile_list(script: MultiLangScript) -> LangProfileList {
    use MultiLangScript as MLS;
    match script {
        MLS::Latin => LATIN_LANGS,
        MLS::Cyrillic => CYRILLIC_LANGS,
        MLS::Arabic => ARABIC_LANGS,
        MLS::Devanagari => DEVANAGARI_LANGS,
        MLS::Hebrew => HEBREW_LANGS,
    }
}

/// The profiles of one script turned inside out: for each trigram, the languages whose
/// profile holds it and its rank there. Scoring a text then costs one lookup per trigram
/// of the text instead of one per trigram of every profile. The table is open-addressed on
/// packed trigrams, each slot holding its key and where its entries are, so that a lookup
/// touches one slot: the table is read between other work, and a cache miss costs more
/// than the arithmetic.
struct InvertedProfiles {
    /// A power of two long, at most two thirds full.
    slots: Vec<Slot>,
    /// (index of the language in the script's profile list, rank in its profile).
    entries: Vec<(u16, u16)>,
    shift: u32,
}

/// One trigram of the table: its packed key (`EMPTY` where free) and its entries.
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

const EMPTY: u64 = u64::MAX;

/// No script has more profiles than this (Latin has 37); a power of two.
const MAX_LANGS_PER_SCRIPT: usize = 64;

impl InvertedProfiles {
    fn new(list: LangProfileList) -> Self {
        assert!(list.len() <= MAX_LANGS_PER_SCRIPT);
        let mut grouped: HashMap<u64, Vec<(u16, u16)>> = HashMap::new();
        for (k, &(_, profile)) in list.iter().enumerate() {
            for (i, &Trigram(c1, c2, c3)) in profile.iter().enumerate() {
                grouped
                    .entry(pack(c1, c2, c3))
                    .or_default()
                    .push((k as u16, i as u16));
            }
        }
        // At least half again as many slots as trigrams: probes stay short.
        let bits = (grouped.len() * 3 / 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(1);
        let free = Slot {
            key: EMPTY,
            start: 0,
            len: 0,
        };
        let mut table = InvertedProfiles {
            slots: vec![free; 1 << bits],
            entries: Vec::with_capacity(list.len() * MAX_TRIGRAM_DISTANCE as usize),
            shift: 64 - bits,
        };
        let mask = table.slots.len() - 1;
        for (key, found) in grouped {
            let mut at = table.slot_of(key);
            while table.slots[at].key != EMPTY {
                at = (at + 1) & mask;
            }
            table.slots[at] = Slot {
                key,
                start: table.entries.len() as u32,
                len: found.len() as u32,
            };
            table.entries.extend(found);
        }
        table
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The (language, rank) pairs of one packed trigram; empty when no profile holds it.
    #[inline]
    fn get(&self, key: u64) -> &[(u16, u16)] {
        let mask = self.slots.len() - 1;
        let mut at = self.slot_of(key);
        loop {
            let slot = self.slots[at];
            if slot.key == key {
                let start = slot.start as usize;
                return &self.entries[start..start + slot.len as usize];
            }
            if slot.key == EMPTY {
                return &[];
            }
            at = (at + 1) & mask;
        }
    }
}

fn inverted_profiles(script: MultiLangScript) -> &'static InvertedProfiles {
    use MultiLangScript as MLS;
    static LATIN: LazyLock<InvertedProfiles> = LazyLock::new(|| InvertedProfiles::new(LATIN_LANGS));
    static CYRILLIC: LazyLock<InvertedProfiles> =
        LazyLock::new(|| InvertedProfiles::new(CYRILLIC_LANGS));
    static ARABIC: LazyLock<InvertedProfiles> =
        LazyLock::new(|| InvertedProfiles::new(ARABIC_LANGS));
    static DEVANAGARI: LazyLock<InvertedProfiles> =
        LazyLock::new(|| InvertedProfiles::new(DEVANAGARI_LANGS));
    static HEBREW: LazyLock<InvertedProfiles> =
        LazyLock::new(|| InvertedProfiles::new(HEBREW_LANGS));
    match script {
        MLS::Latin => &LATIN,
        MLS::Cyrillic => &CYRILLIC,
        MLS::Arabic => &ARABIC,
        MLS::Devanagari => &DEVANAGARI,
        MLS::Hebrew => &HEBREW,
    }
}

#[inline]
fn calculate_scores_in_profiles(
    text: &Text,
    filter_list: &FilterList,
    script: MultiLangScript,
) -> RawOutcome {
    let lang_profile_list = script_to_lang_profile_list(script);
    let TrigramsWithPositions {
        trigram_positions, ..
    } = get_trigrams_with_positions(&text.lowercase());
    let unique_trigrams_count = trigram_positions.len();

    // Each profile's distance starts as if none of its trigrams were in the text, and
    // each trigram the text shares with it takes back the difference.
    let mut totals = [0i64; MAX_LANGS_PER_SCRIPT];
    for (total, &(_, profile)) in totals.iter_mut().zip(lang_profile_list) {
        *total = profile.len() as i64 * MAX_TRIGRAM_DISTANCE as i64;
    }
    let inverted = inverted_profiles(script);
    for &(Trigram(c1, c2, c3), n) in &trigram_positions {
        for &(k, i) in inverted.get(pack(c1, c2, c3)) {
            let dist = (n as i64 - i as i64).abs();
            // `k` is below the list's length, which `InvertedProfiles::new` holds to the
            // array's; the mask only spares the bounds check.
            totals[k as usize & (MAX_LANGS_PER_SCRIPT - 1)] += dist - MAX_TRIGRAM_DISTANCE as i64;
        }
    }

    let mut lang_distances: Vec<(Lang, u32)> = vec![];
    for (k, &(lang, _)) in lang_profile_list.iter().enumerate() {
        if !filter_list.is_allowed(lang) {
            continue;
        }
        let dist = finish_distance(totals[k] as u32, unique_trigrams_count);
        lang_distances.push(((lang), dist));
    }

    // Sort languages by distance
    lang_distances.sort_unstable_by_key(|(_, dist)| *dist);

    let max_dist = unique_trigrams_count as u32 * MAX_TRIGRAM_DISTANCE;

    let raw_scores = lang_distances
        .iter()
        .map(|&(lang, distance)| (lang, distance_to_raw_score(distance, max_dist)))
        .collect();

    RawOutcome {
        trigrams_count: unique_trigrams_count,
        scores: raw_scores,
        raw_distances: lang_distances,
    }
}

/// The last step of upstream's `calculate_distance`, on the summed distance.
#[inline]
fn finish_distance(mut total_dist: u32, count: usize) -> u32 {
    let count = count as u32;
    if MAX_TRIGRAM_DISTANCE > count {
        let delta = MAX_TRIGRAM_DISTANCE - count;
        total_dist -= delta * MAX_TRIGRAM_DISTANCE;
    }
    total_dist.clamp(0, MAX_TOTAL_DISTANCE)
}

/// Upstream's distance, kept to check the inverted index against.
#[cfg(test)]
fn calculate_distance(
    lang_trigrams: super::LangProfile,
    text_trigrams: &HashMap<Trigram, u32>,
) -> u32 {
    let mut total_dist = 0u32;

    for (i, &trigram) in lang_trigrams.iter().enumerate() {
        let dist = match text_trigrams.get(&trigram) {
            Some(&n) => (n as i32 - i as i32).unsigned_abs(),
            None => MAX_TRIGRAM_DISTANCE,
        };
        total_dist += dist;
    }

    let count = text_trigrams.len() as u32;

    if MAX_TRIGRAM_DISTANCE > count {
        let delta = MAX_TRIGRAM_DISTANCE - count;
        total_dist -= delta * MAX_TRIGRAM_DISTANCE;
    }

    total_dist.clamp(0, MAX_TOTAL_DISTANCE)
}

#[inline]
fn distance_to_raw_score(distance: u32, max_distance: u32) -> f64 {
    let similarity = max_distance - distance;
    similarity as f64 / max_distance as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_match_upstream() {
        let texts = [
            "There is no reason not to learn Esperanto.",
            "Die Ordnung muss für immer in diesem Codebase bleiben",
            "Le gouvernement a annoncé mardi une réforme des retraites très contestée.",
            "Rząd ogłosił we wtorek reformę emerytalną, która budzi wiele kontrowersji.",
            "Привет! Как дела? Что нового? Я помню чудное мгновенье.",
            "مرحبا بكم في موقعنا الإخباري، آخر الأخبار من العالم العربي",
            "नमस्ते, आज की ताज़ा खबरें और मौसम का हाल",
            "שלום, מה שלומך היום? החדשות האחרונות מהארץ",
            "a",
        ];
        let scripts = [
            MultiLangScript::Latin,
            MultiLangScript::Cyrillic,
            MultiLangScript::Arabic,
            MultiLangScript::Devanagari,
            MultiLangScript::Hebrew,
        ];
        for text in texts {
            let long = format!("{text} ").repeat(30);
            for sample in [text, long.as_str()] {
                for script in scripts {
                    let text = Text::new(sample);
                    let ours = calculate_scores_in_profiles(&text, &FilterList::default(), script);
                    let positions: HashMap<Trigram, u32> =
                        get_trigrams_with_positions(&text.lowercase())
                            .trigram_positions
                            .into_iter()
                            .collect();
                    let mut upstream: Vec<(Lang, u32)> = script_to_lang_profile_list(script)
                        .iter()
                        .map(|&(lang, profile)| (lang, calculate_distance(profile, &positions)))
                        .collect();
                    upstream.sort_unstable_by_key(|(_, dist)| *dist);
                    assert_eq!(ours.raw_distances, upstream, "{sample:?} in {script:?}");
                }
            }
        }
    }

    #[test]
    fn test_when_german_is_given() {
        let text = "Die Ordnung muss für immer in diesem Codebase bleiben";
        let iq = InternalQuery {
            text: Text::new(text),
            filter_list: &FilterList::default(),
            multi_lang_script: MultiLangScript::Latin,
        };
        let raw_outcome = raw_detect(&iq);

        assert_eq!(raw_outcome.trigrams_count, 50);

        let &(first_lang, first_score) = raw_outcome.scores.first().unwrap();
        let &(_last_lang, last_score) = raw_outcome.scores.last().unwrap();

        assert_eq!(first_lang, Lang::Deu);

        assert!(first_score >= 0.0);
        assert!(first_score <= 1.0);

        assert!(last_score >= 0.0);
        assert!(last_score <= 1.0);
    }
}
