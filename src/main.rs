//! The `presswash` binary: parse flags, call the library, map the outcome to an exit code.
//!
//! Exit codes: 0 every input became a record; 1 some inputs were rejected; 2 fatal error
//! (bad flags, a bad rule file, an output that cannot be written). A closed stdout
//! (`presswash run ... | head`) is not an error.

mod cli;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use cli::{
    CleanArgs, Cli, ColorArg, Command, CompressArg, ExplainArgs, FixArgs, ListArgs, ProgressArg,
    RulesCommand, RulesDirArgs, RunArgs, StdinArg, StreamArgs, SuggestArgs,
};
use presswash::inspect::explain::explain as explain_document;
use presswash::inspect::list::{list_rules, render_rule_list};
use presswash::inspect::rule_tests::run_rule_tests;
use presswash::inspect::suggest::suggest_rules;
use presswash::io::jsonl::FieldMap;
use presswash::io::parts::{Compress, PartOptions};
use presswash::io::source::StdinAs;
use presswash::progress::ProgressMode;
use presswash::rules::suggest::SuggestOptions;
use presswash::rules::LoadError;
use presswash::run::RunError;
use presswash::run::{run_batch, BatchOptions, Target};
use presswash::stages::decode::decode_from;
use presswash::stages::repair::{repair_text, RepairOptions, Repairs};
use presswash::Document;
use presswash::{Pipeline, RuleSet};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(&args),
        Command::Stream(args) => stream(&args),
        Command::Explain(args) => explain(&args),
        Command::Fix(args) => fix(&args),
        Command::Rules(RulesCommand::Check(args)) => rules_check(&args),
        Command::Rules(RulesCommand::Test(args)) => rules_test(&args),
        Command::Rules(RulesCommand::List(args)) => rules_list(&args),
        Command::Rules(RulesCommand::Suggest(args)) => rules_suggest(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            let run_pipe = err
                .downcast_ref::<RunError>()
                .is_some_and(|e| matches!(e, RunError::Write(w) if w.is_broken_pipe()));
            let io_pipe = err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
            if run_pipe || io_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("presswash: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let mut inputs = args.inputs.clone();
    if let Some(list) = &args.files_from {
        if list == "-" && inputs.iter().any(|i| i == "-") {
            anyhow::bail!("--files-from - and the input `-` would both read stdin; stdin can be read only once");
        }
        let listed = presswash::io::read::read_list(list)
            .with_context(|| format!("cannot read the list of inputs {list}"))?;
        inputs.extend(listed);
    }
    let shard = match args.shard {
        Some(shard) => Some(shard),
        None => {
            let from_env = presswash::run::Shard::from_env(
                |name| std::env::var(name).ok(),
                args.shard_count.map(|n| n as usize),
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            if let (Some(shard), false) = (from_env, args.quiet) {
                // Said out loud: a run inside an array job reads only part of its inputs.
                eprintln!("presswash: taking shard {shard} of the inputs, as the array job's environment says (--shard 0/1 reads them all)");
            }
            from_env
        }
    };
    let records = match &args.output {
        Some(path) if path == Path::new("-") => Target::Stdout,
        Some(path) if path.is_dir() || path.to_string_lossy().ends_with('/') => {
            Target::Dir(path.clone())
        }
        Some(path) => Target::File(path.clone()),
        None => Target::Stdout,
    };
    if args.resume && !matches!(records, Target::Dir(_)) {
        anyhow::bail!("--resume needs a folder output (`-o DIR/`): a single output file is written whole or not at all");
    }
    let rejects = match (&args.rejects, &records) {
        (Some(_), Target::Dir(_)) => {
            anyhow::bail!("--rejects cannot be used with a folder output: rejects go to rejects.jsonl inside it")
        }
        (Some(path), _) if path == Path::new("-") => Target::Stderr,
        (Some(path), _) => Target::File(path.clone()),
        (None, Target::File(out)) => Target::File(rejects_beside(out)),
        (None, _) => Target::Stderr,
    };
    let progress = match args.progress {
        ProgressArg::Off => ProgressMode::Off,
        ProgressArg::Log => ProgressMode::Log,
        ProgressArg::Auto => ProgressMode::Auto,
    };
    let options = BatchOptions {
        inputs,
        records,
        rejects,
        progress,
        quiet: args.quiet,
        count_recurring: !args.single_pass,
        stdin: match args.stdin {
            StdinArg::Text => StdinAs::Document,
            StdinArg::Jsonl => StdinAs::Jsonl,
            StdinArg::Paths => StdinAs::Paths,
        },
        shard,
        resume: args.resume,
        parts: PartOptions {
            max_part_bytes: args.part_size.max(1),
            compress: match args.compress {
                CompressArg::None => Compress::None,
                CompressArg::Gz => Compress::Gzip,
                CompressArg::Zst => Compress::Zstd,
            },
        },
        ..clean_options(&args.clean)
    };
    let pipeline = Pipeline::new(load_rules(args.clean.rules.as_deref())?);
    let summary = run_batch(&pipeline, &options)?;
    if !args.quiet {
        eprint!("{summary}");
    }
    Ok(if summary.rejected() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The batch options `run` and `stream` share.
fn clean_options(args: &CleanArgs) -> BatchOptions {
    BatchOptions {
        max_bytes: args.max_bytes,
        url: args.url.clone(),
        format: args.format.into(),
        threads: args
            .threads
            .map_or_else(presswash::run::default_threads, usize::from),
        fields: FieldMap {
            text: args.text_field.clone(),
            html: args.html_field.clone(),
            url: args.url_field.clone(),
            id: args.id_field.clone(),
        },
        ..BatchOptions::default()
    }
}

fn stream(args: &StreamArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(load_rules(args.clean.rules.as_deref())?);
    let options = BatchOptions {
        inputs: vec!["-".into()],
        records: Target::Stdout,
        rejects: args
            .rejects
            .clone()
            .filter(|p| p != Path::new("-"))
            .map_or(Target::Stderr, Target::File),
        progress: ProgressMode::Off,
        quiet: true,
        count_recurring: false,
        stdin: if args.paths {
            StdinAs::Paths
        } else {
            StdinAs::Jsonl
        },
        ..clean_options(&args.clean)
    };
    run_batch(&pipeline, &options)?;
    Ok(ExitCode::SUCCESS)
}

/// Loads the rule set; the error lists every problem, one per line.
fn load_rules(dir: Option<&Path>) -> anyhow::Result<RuleSet> {
    RuleSet::load(dir).map_err(|e| match e {
        LoadError::Rules(errors) if errors.len() > 1 => anyhow::anyhow!(
            "{} rule files did not load:\n{}",
            errors.len(),
            errors
                .iter()
                .map(|e| format!("  {e}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::Error::new(other).context("the rule files did not load"),
    })
}

/// The folder `rules check` and `rules test` use: the one given, else `./rules` when it
/// exists (the files being edited), else none (the shipped files only).
fn rules_dir(args: &RulesDirArgs) -> Option<PathBuf> {
    args.dir.clone().or_else(|| {
        let local = PathBuf::from("rules");
        local.is_dir().then_some(local)
    })
}

fn rules_check(args: &RulesDirArgs) -> anyhow::Result<ExitCode> {
    let dir = rules_dir(args);
    let rules = load_rules(dir.as_deref())?;
    let files = rules.files();
    let count: usize = files.iter().map(|f| f.rules.len()).sum();
    let tests: usize = files.iter().map(|f| f.tests.len()).sum();
    let from = dir.map_or_else(
        || "the shipped rules".to_string(),
        |d| format!("{} and the shipped rules", d.display()),
    );
    writeln!(
        std::io::stdout().lock(),
        "presswash: {} rule files load ({count} rules, {tests} tests) from {from}",
        files.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn rules_test(args: &RulesDirArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(load_rules(rules_dir(args).as_deref())?);
    let report = run_rule_tests(&pipeline);
    let mut out = std::io::stdout().lock();
    for failure in &report.failures {
        writeln!(
            out,
            "FAILED {}:{}: {}",
            failure.file, failure.line, failure.name
        )?;
        for problem in &failure.problems {
            for line in problem.lines() {
                writeln!(out, "    {line}")?;
            }
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "presswash: {} tests in {} rule files: {} passed, {} failed",
        report.run,
        report.files_with_tests,
        report.run - report.failures.len(),
        report.failures.len()
    )?;
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn rules_list(args: &ListArgs) -> anyhow::Result<ExitCode> {
    let rules = load_rules(args.rules.as_deref())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &list_rules(&rules))?;
        writeln!(out)?;
    } else {
        render_rule_list(&rules, &mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn rules_suggest(args: &SuggestArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(load_rules(args.rules.as_deref())?);
    let options = SuggestOptions {
        min_share: args.min_share,
        min_docs: args.min_docs,
    };
    let found = suggest_rules(
        &pipeline,
        &args.inputs,
        &options,
        presswash::run::DEFAULT_MAX_BYTES,
    );
    for (input, reason) in &found.skipped {
        eprintln!("presswash: skipped {input} ({reason})");
    }
    write!(std::io::stdout().lock(), "{}", found.text)?;
    eprintln!(
        "presswash: {} documents read, {} lines proposed in {} sections",
        found.documents,
        found
            .groups
            .iter()
            .map(|g| g.lines.iter().filter(|l| l.covered_by.is_none()).count())
            .sum::<usize>(),
        found.groups.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn explain(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(load_rules(args.rules.as_deref())?);
    let bytes = read_one("explain", &args.file)?;
    let mut doc = Document::new(args.file.clone(), bytes);
    doc.url = args.url.clone();
    doc.format = args.format.into();
    let explanation = explain_document(&pipeline, doc);
    if args.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &explanation)?;
        writeln!(out)?;
    } else {
        let choice = match args.color {
            ColorArg::Auto => anstream::ColorChoice::Auto,
            ColorArg::Always => anstream::ColorChoice::Always,
            ColorArg::Never => anstream::ColorChoice::Never,
        };
        let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
        explanation.render(&mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the one file a `command` takes the way `run` reads: the same size cap, and the
/// same reasons when it fails.
fn read_one(command: &str, file: &str) -> anyhow::Result<Vec<u8>> {
    let found = presswash::io::read::expand(&[file.to_string()], &[]);
    let [input] = found.inputs.as_slice() else {
        anyhow::bail!(
            "{command} takes one file; {file} holds {} files",
            found.inputs.len()
        );
    };
    input
        .read(presswash::run::DEFAULT_MAX_BYTES)
        .map_err(|r| anyhow::anyhow!("cannot read {}: {} ({})", r.input, r.detail, r.reason))
}

fn fix(args: &FixArgs) -> anyhow::Result<ExitCode> {
    let bytes = read_one("fix", &args.file)?;
    let text = match decode_from(&bytes, args.url.as_deref()) {
        Ok((text, _)) => text,
        // Empty or only white space: there is nothing to repair, and nothing to change.
        Err(rejection) if rejection.reason == "empty" => String::from_utf8_lossy(&bytes).into(),
        Err(rejection) => anyhow::bail!(
            "cannot fix {}: {} ({})",
            args.file,
            rejection.detail,
            rejection.reason
        ),
    };
    let options = RepairOptions {
        ligatures: args.ligatures,
        full_width: args.full_width,
    };
    let repaired = repair_text(&text, &options, &mut Repairs::new());
    let mut out = std::io::stdout().lock();
    out.write_all(repaired.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `out.jsonl` -> `out.rejects.jsonl`; `out` -> `out.rejects.jsonl`.
fn rejects_beside(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
    out.with_file_name(format!("{stem}.rejects.jsonl"))
}
