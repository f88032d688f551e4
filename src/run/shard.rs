//! Shards: which part of the input list one of N cooperating runs takes (`--shard I/N`,
//! or a Slurm array task, or a Kubernetes indexed Job).
//!
//! Shard I of N takes the I-th of N contiguous, near-equal slices of the expanded input
//! list (arguments in the order given, folders in name order: the same list on every
//! machine given the same arguments and files). The slices together are the whole list,
//! each input in exactly one, so the shards' outputs, concatenated in shard order, hold the
//! same documents in the same order as one unsharded run. A JSONL or WARC file is one input:
//! its documents all go to the shard that takes the file.

use std::fmt;

/// One shard of a run: `index` of `count`, counted from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 0.
    pub index: usize,
    /// How many shards in all.
    pub count: usize,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Parses `I/N` (`0/4`: the first of four).
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || format!("`{text}` is not a shard: write I/N with 0 <= I < N, e.g. 0/4");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index = i.trim().parse().map_err(|_| bad())?;
        let count = n.trim().parse().map_err(|_| bad())?;
        Shard::new(index, count).ok_or_else(bad)
    }

    fn new(index: usize, count: usize) -> Option<Shard> {
        (count > 0 && index < count).then_some(Shard { index, count })
    }

    /// The shard an array job's environment names: Slurm's `SLURM_ARRAY_TASK_ID` with
    /// `SLURM_ARRAY_TASK_COUNT` (the task ids must run 0..N-1, as with `--array=0-N`; a
    /// `SLURM_ARRAY_TASK_MIN` is subtracted), or Kubernetes' `JOB_COMPLETION_INDEX` with
    /// `count` (the Job's `completions`, given as `--shard-count`). `None` when neither is
    /// set; an error when they are set but do not make a shard.
    pub fn from_env(
        var: impl Fn(&str) -> Option<String>,
        count: Option<usize>,
    ) -> Result<Option<Shard>, String> {
        let number = |name: &str| -> Result<Option<usize>, String> {
            match var(name) {
                None => Ok(None),
                Some(v) => v
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{name}={v} is not a number")),
            }
        };
        if let Some(task) = number("SLURM_ARRAY_TASK_ID")? {
            let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let total = match count {
                Some(n) => n,
                None => number("SLURM_ARRAY_TASK_COUNT")?
                    .ok_or("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; give --shard-count")?,
            };
            let index = task
                .checked_sub(min)
                .ok_or("SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN")?;
            return Shard::new(index, total).map(Some).ok_or_else(|| {
                format!("Slurm array task {index} (from 0) is not below the task count {total}")
            });
        }
        if let Some(index) = number("JOB_COMPLETION_INDEX")? {
            let total = count.ok_or(
                "JOB_COMPLETION_INDEX is set: give the Job's completions as --shard-count N",
            )?;
            return Shard::new(index, total).map(Some).ok_or_else(|| {
                format!("JOB_COMPLETION_INDEX={index} is not below --shard-count {total}")
            });
        }
        Ok(None)
    }

    /// This shard's slice of `items`.
    pub fn take<T>(&self, items: Vec<T>) -> Vec<T> {
        let n = items.len();
        let start = n * self.index / self.count;
        let end = n * (self.index + 1) / self.count;
        items.into_iter().skip(start).take(end - start).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_together_are_the_whole_list_in_order() {
        for count in 1..7 {
            for n in 0..20 {
                let all: Vec<usize> = (0..n).collect();
                let joined: Vec<usize> = (0..count)
                    .flat_map(|index| Shard { index, count }.take(all.clone()))
                    .collect();
                assert_eq!(joined, all, "{n} items in {count} shards");
            }
        }
    }

    #[test]
    fn shards_parse_and_bad_ones_say_how_to_write_them() {
        assert_eq!(Shard::parse("1/4").unwrap(), Shard { index: 1, count: 4 });
        for bad in ["4/4", "1", "a/2", "0/0"] {
            assert!(Shard::parse(bad).unwrap_err().contains("I/N"), "{bad}");
        }
    }

    #[test]
    fn array_jobs_name_their_shard() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let slurm = env(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(
            Shard::from_env(slurm, None).unwrap(),
            Some(Shard { index: 3, count: 4 })
        );
        let shifted = env(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
        ]);
        assert_eq!(
            Shard::from_env(shifted, None).unwrap(),
            Some(Shard { index: 1, count: 2 })
        );
        let k8s = env(&[("JOB_COMPLETION_INDEX", "1")]);
        assert_eq!(
            Shard::from_env(k8s, Some(2)).unwrap(),
            Some(Shard { index: 1, count: 2 })
        );
        assert!(Shard::from_env(env(&[("JOB_COMPLETION_INDEX", "1")]), None).is_err());
        assert_eq!(Shard::from_env(env(&[]), None).unwrap(), None);
    }
}
