//! The command line: flags and subcommands, with the help text users read.
//!
//! Only parsing lives here; `main.rs` turns the parsed flags into library calls.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn scraped news text into clean, normalized JSONL records.
///
/// presswash reads plain-text dumps of news pages, decodes them, normalizes the text,
/// strips boilerplate with generic and per-source rules, detects the date, title and
/// source, and writes one JSON record per input. Inputs that cannot become a record are
/// written to a rejects file with the reason, so nothing is lost silently.
#[derive(Debug, Parser)]
#[command(name = "presswash", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean inputs into JSONL records.
    ///
    /// Exit status: 0 when every input became a record, 1 when some were rejected (see
    /// the rejects output), 2 on a fatal error (a bad rule file, an unwritable output,
    /// bad flags).
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
}

const RUN_EXAMPLES: &str = "\
Examples:
  presswash run samples -o cleaned.jsonl     clean a folder; rejects go to cleaned.rejects.jsonl
  cat page.txt | presswash run -             one document from stdin, the record on stdout
  presswash run dumps/ --rules my-rules/ -o out.jsonl --rejects bad.jsonl";

/// Flags of `presswash run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Files or directories to read (directories recursively, in name order, skipping
    /// hidden entries); `-` reads one document from stdin. A file reached twice is read once.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// Where to write records, one JSON object per line; `-` or absent means stdout. A file
    /// is written under a temporary name and renamed into place when the run ends.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Where to write one JSON line per rejected input (input, stage, reason, detail);
    /// `-` means stderr. Default: beside OUT, named `<OUT without .jsonl>.rejects.jsonl`;
    /// stderr when records go to stdout.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// A folder of rule files (`*.toml`) to use beside the shipped ones; a file named like
    /// a shipped one (e.g. `_default.toml`) replaces it.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// How to show progress on stderr: a bar on a terminal and a log line every 5 seconds
    /// otherwise (`auto`), always log lines (`log`), or nothing (`off`).
    #[arg(long, value_enum, default_value_t = ProgressArg::Auto)]
    pub progress: ProgressArg,

    /// Inputs larger than this many bytes are rejected (`too-large`) without being read.
    #[arg(long, value_name = "BYTES", default_value_t = presswash::run::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,

    /// No progress, per-input warnings or summary on stderr; fatal errors are still
    /// printed, and rejects still go where `--rejects` says (stderr with `--rejects -`).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Values of `--progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressArg {
    /// A bar on a terminal, log lines otherwise.
    Auto,
    /// Log lines every 5 seconds.
    Log,
    /// No progress output.
    Off,
}
