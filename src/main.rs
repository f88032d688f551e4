//! The `presswash` binary: parse flags, call the library, map the outcome to an exit code.
//!
//! Exit codes: 0 every input became a record; 1 some inputs were rejected; 2 fatal error
//! (bad flags, a bad rule file, an output that cannot be written). A closed stdout
//! (`presswash run ... | head`) is not an error.

mod cli;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use cli::{Cli, Command, ProgressArg, RunArgs};
use presswash::progress::ProgressMode;
use presswash::run::RunError;
use presswash::run::{run_batch, BatchOptions, Target};
use presswash::{Pipeline, RuleSet};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if err
                .downcast_ref::<RunError>()
                .is_some_and(|e| matches!(e, RunError::Write(w) if w.is_broken_pipe()))
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("presswash: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let rules = RuleSet::load(args.rules.as_deref()).context("the rule files did not load")?;
    let pipeline = Pipeline::new(rules);
    let records = match &args.output {
        Some(path) if path != Path::new("-") => Target::File(path.clone()),
        _ => Target::Stdout,
    };
    let rejects = match (&args.rejects, &records) {
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
        inputs: args.inputs.clone(),
        records,
        rejects,
        progress,
        quiet: args.quiet,
        max_bytes: args.max_bytes,
    };
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

/// `out.jsonl` -> `out.rejects.jsonl`; `out` -> `out.rejects.jsonl`.
fn rejects_beside(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
    out.with_file_name(format!("{stem}.rejects.jsonl"))
}
