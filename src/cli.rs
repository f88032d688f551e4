//! The command line: flags and subcommands, with the help text users read.
//!
//! Only parsing lives here; `main.rs` turns the parsed flags into library calls.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn scraped news text and HTML pages into clean, normalized JSONL records.
///
/// presswash reads plain-text dumps and HTML pages of news sites (an HTML page's main
/// content is extracted from its DOM first), decodes them, normalizes the text,
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

    /// Clean a stream: JSONL documents (or input paths) on stdin, records on stdout.
    ///
    /// For engines that pipe data through a command: Spark's `RDD.pipe`, Hadoop Streaming,
    /// Ray. One pass (no batch evidence), records in input order, rejects as JSON lines on
    /// stderr (or `--rejects FILE`). Exit status: 0 when the stream was read to its end,
    /// also when some documents were rejected; 2 on a fatal error (bad flags or rules, an
    /// output that cannot be written), so that the engine fails the task.
    #[command(after_help = STREAM_EXAMPLES)]
    Stream(StreamArgs),

    /// Show what happens to one document, line by line: kept, removed (by which rule of
    /// which file), cut, captured as metadata, normalized.
    ///
    /// Colour on a terminal; plain text when piped or when NO_COLOR is set; `--json` for
    /// tools. Exit status: 0, also for a document a run would reject (the reason is shown);
    /// 2 on a fatal error.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),

    /// Work with rule files: check, test, list, suggest.
    #[command(subcommand)]
    Rules(RulesCommand),

    /// Repair one file's text and print it: mojibake, HTML character references, C1
    /// controls, terminal escapes, stray byte-order marks.
    ///
    /// Decodes the input as `run` does (legacy encodings detected, UTF-16 told apart) and
    /// repairs it; nothing else changes: no quotes, spaces, line breaks or Unicode
    /// normalization. The repaired text goes to stdout as UTF-8, for single files and
    /// shell pipes. Exit status: 0, also when nothing needed repair; 2 when the input
    /// cannot be read or is not text.
    #[command(after_help = FIX_EXAMPLES)]
    Fix(FixArgs),
}

const FIX_EXAMPLES: &str = "\
Examples:
  presswash fix page.txt > page.fixed.txt
  echo 'cafÃ© dâ€™Ã©tÃ©' | presswash fix          prints: café d’été
  presswash fix legacy.txt --url https://www.example.ru/   the .ru helps detect the encoding";

/// Flags of `fix`.
#[derive(Debug, clap::Args)]
pub struct FixArgs {
    /// The file to repair; `-` (the default) reads stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,

    /// The page's URL: its top-level domain helps detect a legacy encoding.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Also fold Latin ligatures and digraphs (`ﬁ`, `ǌ`) into their letters.
    #[arg(long)]
    pub ligatures: bool,

    /// Also fold full-width and half-width forms (`ＡＢＣ`, `ｶ`) into ordinary ones.
    #[arg(long)]
    pub full_width: bool,
}

/// `presswash rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Load every rule file and report every problem with file, line and column.
    ///
    /// Checks the rule set `presswash run --rules DIR` would use: the shipped files plus
    /// DIR's. Exit status: 0 when all load, 2 otherwise.
    Check(RulesDirArgs),

    /// Run the `[[tests]]` of every rule file and show a diff for each failure.
    ///
    /// Exit status: 0 when all pass, 1 when some fail, 2 when the rule files do not load.
    Test(RulesDirArgs),

    /// List every rule with its id, file, kind, zone and documentation.
    List(ListArgs),

    /// Propose rules for lines that recur across many documents (site templates).
    ///
    /// Reads the inputs like `run`, counts in how many documents of each detected source
    /// each line occurs, and prints ready-to-paste rule-file sections, one per source. A
    /// line in a single document is never proposed. Lines your rules already remove are
    /// shown commented out.
    #[command(after_help = SUGGEST_EXAMPLES)]
    Suggest(SuggestArgs),
}

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  presswash explain samples/004_447462098a865573.txt
  presswash explain page.txt --rules my-rules/ --url https://www.example.com/news/1
  presswash explain page.txt --json | jq '.lines[] | select(.fate == \"removed\")'";

const SUGGEST_EXAMPLES: &str = "\
Examples:
  presswash rules suggest dumps/example-news/ > rules/example-news.toml
  presswash rules suggest dumps/ --min-share 0.3 --rules my-rules/";

/// The rules folder of `rules check` and `rules test`.
#[derive(Debug, clap::Args)]
pub struct RulesDirArgs {
    /// A folder of rule files (`*.toml`) used beside the shipped ones, as `run --rules`
    /// would use it. Default: `./rules` when it exists (the files you are editing), else
    /// only the shipped files.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Flags of `rules list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// A folder of rule files to use beside the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// Print JSON (an array of rules) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The document to explain; `-` reads stdin.
    #[arg(value_name = "FILE")]
    pub file: String,

    /// A folder of rule files to use beside the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// The page's URL, for rule files that match by domain or URL.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// What the inputs are: `text` (a dump, one block per line), `html` (a page whose main
    /// content is extracted), or `auto`: HTML by the file name (`.html`, `.htm`) or by its
    /// markup (a doctype, `<html>`, `<body>`, or many tags), text otherwise; a `.txt` file
    /// only when it opens like a page.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// When to use colour: `auto` (on a terminal, unless NO_COLOR is set), `always`,
    /// `never`.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

/// Values of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Flags of `rules suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// Files or directories to read, as for `run`.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// Propose a line found in at least this share (0 to 1) of a source's documents.
    #[arg(long, value_name = "SHARE", default_value_t = 0.1, value_parser = share)]
    pub min_share: f64,

    /// And in at least this many documents (never fewer than 2).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_docs: usize,

    /// A folder of rule files to use beside the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "`{text}` is not a share between 0 and 1 (e.g. 0.1 for 10%)"
        )),
    }
}

const RUN_EXAMPLES: &str = "\
Examples:
  presswash run samples -o cleaned.jsonl     clean a folder; rejects go to cleaned.rejects.jsonl
  cat page.txt | presswash run -             one document from stdin, the record on stdout
  curl -s URL | presswash run - --format html --url URL   a page's main content as a record
  presswash run dumps/ --rules my-rules/ -o out.jsonl --rejects bad.jsonl
  presswash run crawl.warc.gz docs.jsonl.zst -o out/ --compress zst --resume
  presswash run dumps/ -o out-$SLURM_ARRAY_TASK_ID/ --resume   in a Slurm array: one shard each";

const STREAM_EXAMPLES: &str = "\
Examples:
  zcat docs.jsonl.gz | presswash stream > records.jsonl
  find dumps -name '*.txt' | presswash stream --paths > records.jsonl
  rdd.pipe('presswash stream --text-field content')      in PySpark (see examples/spark_pipe.py)";

/// Flags shared by `run` and `stream`: how documents are read and cleaned.
#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    /// A folder of rule files (`*.toml`) to use beside the shipped ones; a file named like
    /// a shipped one (e.g. `_default.toml`) replaces it.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// The page URL of inputs that do not come with one, for rule files that match by
    /// domain or URL; it is also written in each record's `url`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// What the inputs are: `text` (a dump, one block per line), `html` (a page whose main
    /// content is extracted), or `auto`: HTML by the file name (`.html`, `.htm`) or by its
    /// markup (a doctype, `<html>`, `<body>`, or many tags), text otherwise; a `.txt` file
    /// only when it opens like a page.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,

    /// A document larger than this many bytes is rejected (`too-large`): a file over it is
    /// not read, a compressed one is read no further, decoded text over it is dropped.
    #[arg(long, value_name = "BYTES", default_value_t = presswash::run::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,

    /// Worker threads; default: every core. Records come out in input order whatever
    /// the number.
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// JSONL input: the field holding the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,

    /// JSONL input: the field holding HTML, used instead of the text field when present;
    /// its main content is extracted as for an HTML page.
    #[arg(long, value_name = "NAME")]
    pub html_field: Option<String>,

    /// JSONL input: the field holding the page URL.
    #[arg(long, value_name = "NAME", default_value = "url")]
    pub url_field: String,

    /// JSONL input: the field holding the document's id, used as the record's `id`
    /// (otherwise the id is a hash of the text). Other fields go to `metadata.fields`.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,
}

/// Flags of `presswash stream`.
#[derive(Debug, clap::Args)]
pub struct StreamArgs {
    /// Stdin holds paths of inputs, one per line (files, folders, JSONL or WARC files),
    /// instead of JSONL documents.
    #[arg(long)]
    pub paths: bool,

    /// Where to write one JSON line per rejected document; default: stderr.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    #[command(flatten)]
    pub clean: CleanArgs,
}

/// Values of `--compress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompressArg {
    /// Plain JSON lines.
    None,
    /// gzip (`.jsonl.gz`).
    Gz,
    /// Zstandard (`.jsonl.zst`).
    Zst,
}

/// Values of `--stdin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinArg {
    /// One text document.
    Text,
    /// JSONL documents, one per line.
    Jsonl,
    /// Paths of inputs, one per line.
    Paths,
}

/// Flags of `presswash run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Files or directories to read (directories recursively, in name order, skipping
    /// hidden entries); `-` reads stdin (see `--stdin`). A file reached twice is read once.
    /// `.gz` and `.zst` files are decompressed; `*.jsonl` and `*.ndjson` hold one document
    /// per line, `*.warc` one per HTTP response record.
    #[arg(value_name = "INPUT", required_unless_present = "files_from")]
    pub inputs: Vec<String>,

    /// Read more inputs from FILE, one path per line (`-`: from stdin).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<String>,

    /// Where to write records. A file (`out.jsonl`) is written under a temporary name and
    /// renamed into place when the run ends; `-` or absent means stdout. A folder (`out/`,
    /// with the slash, or an existing folder) gets size-capped part files
    /// (`part-00000.jsonl`), `rejects.jsonl` and `manifest.json`, and can be resumed.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Where to write one JSON line per rejected input (input, stage, reason, detail);
    /// `-` means stderr. Default: beside OUT, named `<OUT without .jsonl>.rejects.jsonl`;
    /// stderr when records go to stdout; inside the folder for a folder output.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// With a folder output: go on from where an interrupted run with the same arguments
    /// stopped (even one killed outright); the result is the same as an uninterrupted
    /// run's. Without a checkpoint in the folder, starts afresh.
    #[arg(long)]
    pub resume: bool,

    /// With a folder output: close a part file once it holds this many bytes of records
    /// (before compression).
    #[arg(long, value_name = "BYTES", default_value_t = presswash::io::parts::DEFAULT_PART_BYTES)]
    pub part_size: u64,

    /// With a folder output: compress the part files.
    #[arg(long, value_enum, default_value_t = CompressArg::None)]
    pub compress: CompressArg,

    /// Take only shard I of N of the inputs (`0/4`): the I-th of N contiguous slices of
    /// the input list. Default: from a Slurm array task (`SLURM_ARRAY_TASK_ID`,
    /// `SLURM_ARRAY_TASK_COUNT`) or a Kubernetes indexed Job (`JOB_COMPLETION_INDEX` with
    /// `--shard-count`); none otherwise.
    #[arg(long, value_name = "I/N", value_parser = presswash::run::Shard::parse)]
    pub shard: Option<presswash::run::Shard>,

    /// The number of shards when it comes from the environment (a Kubernetes Job's
    /// `completions`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub shard_count: Option<u32>,

    /// What `-` reads: one text document, JSONL documents, or paths of inputs.
    #[arg(long, value_enum, default_value_t = StdinArg::Text)]
    pub stdin: StdinArg,

    /// How to show progress on stderr: a bar on a terminal and a log line every 5 seconds
    /// otherwise (`auto`), always log lines (`log`), or nothing (`off`).
    #[arg(long, value_enum, default_value_t = ProgressArg::Auto)]
    pub progress: ProgressArg,

    /// Read the inputs once: skip the first pass that counts the lines recurring across
    /// the batch (site templates), which the generic boilerplate stage uses as evidence.
    #[arg(long)]
    pub single_pass: bool,

    /// No progress, per-input warnings or summary on stderr; fatal errors are still
    /// printed, and rejects still go where `--rejects` says (stderr with `--rejects -`).
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub clean: CleanArgs,
}

/// Values of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Decide per input, by name and content.
    Auto,
    /// Plain text.
    Text,
    /// HTML.
    Html,
}

impl From<FormatArg> for presswash::document::Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Auto => presswash::document::Format::Auto,
            FormatArg::Text => presswash::document::Format::Text,
            FormatArg::Html => presswash::document::Format::Html,
        }
    }
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
