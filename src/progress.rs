//! Progress reporting on stderr: a bar on a terminal, periodic log lines elsewhere.
//!
//! A person at a terminal sees an indicatif bar (inputs done/total, docs/s, ETA); a batch
//! job's log (Slurm, CI, a pipe) gets one plain line every few seconds instead of escape
//! codes. Warnings print above the bar so they are not overwritten.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar when stderr is a terminal, log lines otherwise.
    Auto,
    /// Log lines every few seconds.
    Log,
    /// No progress output.
    Off,
}

/// How often a log line is printed when stderr is not a terminal.
const LOG_EVERY: Duration = Duration::from_secs(5);

/// How often the bar's docs/s figure is refreshed.
const BAR_RATE_EVERY: Duration = Duration::from_millis(250);

/// Reports progress of a batch of `total` inputs.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Print log lines (no bar, not quiet).
    log: bool,
    quiet: bool,
    total: usize,
    done: usize,
    started: Instant,
    /// When the last log line was printed, or the bar's rate refreshed.
    last_log: Instant,
}

impl Progress {
    /// Starts reporting on a batch of `total` inputs; `quiet` also silences warnings.
    pub fn new(mode: ProgressMode, total: usize, quiet: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let bar = (mode == ProgressMode::Auto && terminal && !quiet).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files  {msg}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message("- docs/s");
            bar
        });
        let now = Instant::now();
        if mode == ProgressMode::Log && !quiet {
            eprintln!("presswash: {total} files to read");
        }
        Progress {
            log: bar.is_none() && mode != ProgressMode::Off && !quiet,
            quiet,
            bar,
            total,
            done: 0,
            started: now,
            last_log: now,
        }
    }

    /// Counts one input as done. A JSONL or WARC file holds many documents, so the count
    /// may pass the total of files known at the start: the total then follows it.
    pub fn inc(&mut self) {
        self.done += 1;
        if self.done > self.total {
            self.total = self.done;
            if let Some(bar) = &self.bar {
                bar.set_length(self.total as u64);
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
            // The rate is set as the message, rounded: indicatif's own shows 4 decimals.
            if self.last_log.elapsed() >= BAR_RATE_EVERY {
                self.last_log = Instant::now();
                bar.set_message(format!("{:.0} docs/s", self.rate()));
            }
        } else if self.log && self.last_log.elapsed() >= LOG_EVERY {
            self.last_log = Instant::now();
            let rate = self.rate();
            let eta = if rate > 0.0 {
                (self.total - self.done) as f64 / rate
            } else {
                0.0
            };
            eprintln!(
                "presswash: {}/{} files ({:.0}%), {rate:.0} docs/s, ETA {eta:.0}s",
                self.done,
                self.total,
                100.0 * self.done as f64 / self.total.max(1) as f64
            );
        }
    }

    fn rate(&self) -> f64 {
        self.done as f64 / self.started.elapsed().as_secs_f64().max(1e-9)
    }

    /// Runs `f` (which writes to stderr) with the bar hidden, so the two do not mix.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Prints a warning line without breaking the bar (nothing when quiet).
    pub fn warn(&self, message: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "{message}");
            }
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
