//! The summary of a batch run: what went in and out, by reason, rule and stage; printed
//! for people at the end of a run and written as JSON in a directory output's manifest.
//!
//! It counts; it decides nothing. Every counter adds up across a resumed run, since the
//! summary so far is kept in each checkpoint.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::record::{Record, Reject};
use crate::rules::RuleSet;

/// What a batch run did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Inputs seen (records + rejects).
    pub inputs: usize,
    /// Records written.
    pub records: usize,
    /// Rejects by reason code.
    pub rejects: BTreeMap<String, usize>,
    /// Rejects by the stage that rejected them (`read`, `decode`, ...), then by reason.
    pub rejects_by_stage: BTreeMap<String, BTreeMap<String, usize>>,
    /// Records by the encoding their input was decoded from.
    pub encodings: BTreeMap<String, usize>,
    /// Repairs made, by kind, summed over records.
    pub repaired: BTreeMap<String, usize>,
    /// Normalization changes, by kind, summed over records.
    pub normalized: BTreeMap<String, usize>,
    /// Bytes read from inputs that were read.
    pub bytes_in: u64,
    /// Bytes of record lines written.
    pub bytes_out: u64,
    /// Lines removed, by qualified rule id.
    pub removed_by_rule: BTreeMap<String, usize>,
    /// Rules that removed, cut or captured something in some record.
    pub fired: BTreeSet<String>,
    /// Rule files that applied to some record.
    pub files_applied: BTreeSet<String>,
    /// Rules of applied files that fired in no record, in rule-set order. (A rejected
    /// document keeps no trace of its rules beyond the reject's detail.)
    pub never_fired: Vec<String>,
    /// Files (other than `_default.toml`) that applied to no record.
    pub never_applied: Vec<String>,
    /// Wall time of the run (of all its sessions, when it was resumed).
    #[serde(with = "seconds")]
    pub elapsed: Duration,
    /// Documents passed over because an earlier session of a resumed run wrote them.
    #[serde(skip)]
    pub resumed_after: usize,
    /// Hidden files and folders skipped inside input directories.
    pub hidden_skipped: usize,
    /// Files reached more than once and read once.
    pub duplicates: usize,
    /// Where records went and where rejects went, for the summary.
    pub records_to: String,
    /// See `records_to`.
    pub rejects_to: String,
}

impl Summary {
    /// Counts one record. (Where records are written in order, once per record: keys are
    /// cloned only the first time they are seen.)
    pub(crate) fn count_record(&mut self, record: &Record) {
        self.inputs += 1;
        self.records += 1;
        let meta = &record.metadata;
        bump(&mut self.encodings, &meta.encoding.name, 1);
        for (kind, n) in &meta.repaired {
            bump(&mut self.repaired, kind, *n);
        }
        for (kind, n) in &meta.normalized {
            bump(&mut self.normalized, kind, *n);
        }
        self.count_rules(record);
    }

    /// Counts one reject.
    pub(crate) fn count_reject(&mut self, reject: &Reject) {
        self.inputs += 1;
        bump(&mut self.rejects, &reject.reason, 1);
        if !self.rejects_by_stage.contains_key(&reject.stage) {
            self.rejects_by_stage
                .insert(reject.stage.clone(), BTreeMap::new());
        }
        if let Some(by_reason) = self.rejects_by_stage.get_mut(&reject.stage) {
            bump(by_reason, &reject.reason, 1);
        }
    }

    /// Counts what the rules did for one record.
    fn count_rules(&mut self, record: &Record) {
        let meta = &record.metadata;
        for removal in &meta.removed {
            bump(
                &mut self.removed_by_rule,
                &removal.rule,
                removal.lines.len(),
            );
            note(&mut self.fired, &removal.rule);
        }
        for rule in meta.trimmed.iter().map(|t| &t.rule) {
            note(&mut self.fired, rule);
        }
        for rule in meta.origins.values().map(|o| &o.from) {
            note(&mut self.fired, rule);
        }
        for file in &meta.rule_files {
            note(&mut self.files_applied, file);
        }
    }

    /// Lists the rules that never fired and the files that never applied, so that a rule
    /// that matches nothing (a typo, a site that changed its template) shows up.
    pub(crate) fn find_idle_rules(&mut self, rules: &RuleSet) {
        self.never_applied.clear();
        self.never_fired.clear();
        for file in rules.files() {
            if !self.files_applied.contains(&file.name) {
                self.never_applied.push(file.name.clone());
                continue;
            }
            let idle = file.rules.iter().filter(|r| !self.fired.contains(&r.id));
            self.never_fired.extend(idle.map(|r| r.id.clone()));
        }
    }

    /// The number of rejected inputs.
    pub fn rejected(&self) -> usize {
        self.rejects.values().sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        writeln!(
            f,
            "presswash: {} -> {}, {} rejected, in {:.2}s ({:.0} docs/s)",
            count(self.inputs, "input"),
            count(self.records, "record"),
            self.rejected(),
            secs,
            self.inputs as f64 / secs.max(1e-9)
        )?;
        writeln!(
            f,
            "  {} read, {} of records written to {}",
            human_bytes(self.bytes_in),
            human_bytes(self.bytes_out),
            self.records_to
        )?;
        if !self.rejects.is_empty() {
            let reasons: Vec<String> = self
                .rejects
                .iter()
                .map(|(reason, n)| format!("{reason} {n}"))
                .collect();
            writeln!(f, "  rejects ({}): {}", self.rejects_to, reasons.join(", "))?;
        }
        if self.resumed_after > 0 {
            writeln!(
                f,
                "  resumed: {} inputs were done by an earlier session of this run",
                self.resumed_after
            )?;
        }
        if self.hidden_skipped > 0 {
            writeln!(
                f,
                "  skipped {} hidden files or folders (names starting with `.`) in input folders",
                self.hidden_skipped
            )?;
        }
        if self.duplicates > 0 {
            writeln!(
                f,
                "  {} files reached more than once were read once",
                self.duplicates
            )?;
        }
        if !self.removed_by_rule.is_empty() {
            writeln!(f, "  lines removed by rule:")?;
            let width = self
                .removed_by_rule
                .keys()
                .map(|k| k.len())
                .max()
                .unwrap_or(0);
            for (rule, n) in &self.removed_by_rule {
                writeln!(f, "    {rule:<width$}  {n}")?;
            }
        }
        if self.records > 0 {
            if !self.never_applied.is_empty() {
                let label = "rule files that applied to no record";
                wrapped_list(f, label, &self.never_applied)?;
            }
            if !self.never_fired.is_empty() {
                let label = format!(
                    "rules that fired in no record ({}, see `presswash rules list`)",
                    self.never_fired.len()
                );
                wrapped_list(f, &label, &self.never_fired)?;
            }
        }
        Ok(())
    }
}

/// Adds `n` to `key`'s count, cloning the key only when it is new.
fn bump(counts: &mut BTreeMap<String, usize>, key: &str, n: usize) {
    match counts.get_mut(key) {
        Some(count) => *count += n,
        None => {
            counts.insert(key.to_string(), n);
        }
    }
}

/// Adds `key` to `set`, cloning it only when it is new.
fn note(set: &mut BTreeSet<String>, key: &str) {
    if !set.contains(key) {
        set.insert(key.to_string());
    }
}

/// A `Duration` as seconds in JSON.
mod seconds {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let secs = f64::deserialize(d)?;
        Ok(Duration::from_secs_f64(secs.max(0.0)))
    }
}

/// `  label: a, b, c` wrapped at about 100 columns.
fn wrapped_list(f: &mut fmt::Formatter<'_>, label: &str, items: &[String]) -> fmt::Result {
    write!(f, "  {label}:")?;
    let mut column = label.len() + 3;
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        if column + piece.len() + 1 > 100 {
            write!(f, "\n   ")?;
            column = 3;
        }
        write!(f, " {piece}")?;
        column += piece.len() + 1;
    }
    writeln!(f)
}

/// `1 input`, `2 inputs`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `1234` -> `1.2 kB`: sizes for people, in powers of 1,000.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(19_748), "19.7 kB");
        assert_eq!(human_bytes(26_474_586), "26.5 MB");
    }

    #[test]
    fn records_and_rejects_add_up_by_reason_stage_and_rule_and_survive_json() {
        let pipeline = crate::Pipeline::new(RuleSet::embedded().unwrap());
        let page = "Council approves the budget\n\nThe city council voted on Tuesday to approve the budget.\n\n© 2024 Example News. All rights reserved.";
        let record = pipeline.run_one("a", page.as_bytes().to_vec()).unwrap();
        let reject = pipeline.run_one("b", Vec::new()).unwrap_err();
        let mut summary = Summary::default();
        summary.count_record(&record);
        summary.count_record(&record);
        summary.count_reject(&reject);
        assert_eq!(
            (summary.inputs, summary.records, summary.rejected()),
            (3, 2, 1)
        );
        assert_eq!(summary.rejects_by_stage["decode"]["empty"], 1);
        assert_eq!(summary.encodings["UTF-8"], 2);
        let removed: usize = record.metadata.removed.iter().map(|r| r.lines.len()).sum();
        assert_eq!(summary.removed_by_rule.values().sum::<usize>(), 2 * removed);
        // A checkpoint keeps the summary as JSON: nothing is lost on the way.
        let back: Summary =
            serde_json::from_value(serde_json::to_value(&summary).unwrap()).unwrap();
        assert_eq!(back.rejects_by_stage, summary.rejects_by_stage);
        assert_eq!(back.removed_by_rule, summary.removed_by_rule);
        assert_eq!(back.fired, summary.fired);
    }
}
