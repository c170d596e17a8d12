//! Command-line types (clap derive). No logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Check and compile specs of government-purchased social-work service projects.
#[derive(Debug, Parser)]
#[command(name = "svcspec", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour human output.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check specs against the schema and the rules, and report every fault at its line.
    Check(CheckArgs),
    /// Compile specs that check clean into their documents: contract, evaluation form, register
    /// form and implementation plan.
    Build(BuildArgs),
    /// Print the JSON Schema of a spec (draft 2020-12).
    Schema(SchemaArgs),
    /// List every rule: code, name, severity, summary.
    Rules,
    /// Explain a rule: what it checks, why it matters, an example that fails, the fix.
    Explain(ExplainArgs),
    /// Print a shell completion script to stdout.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (`svcspec man check`); without it, the page of svcspec.
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (`SV204`) or name (`tranche-shares-not-100`).
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, on stderr.
    Human,
    /// One JSON document on stdout.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab, IDE viewers).
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// JUnit XML: one test suite per file, one test case per rule.
    Junit,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories or quoted globs (`'specs/**/*.yaml'`) to check. Directories are walked
    /// for `*.yaml` and `*.yml` specs. With none, the current directory.
    pub paths: Vec<PathBuf>,

    /// Output format. Human output goes to stderr; the others to stdout or `--output`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write machine output to this file instead of stdout (written atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,

    /// Also list the YAML files that a walk skipped as not specs.
    #[arg(long, short)]
    pub verbose: bool,

    /// Use this config instead of the svcspec.toml found from each spec's directory upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Run only these semantic rules (comma-separated codes or names).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Limits on hostile input. Raise them only for real specs that need it.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Largest file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_file_size: u64,

    /// Deepest nesting of mappings and sequences (at most 1000, which the stack holds).
    #[arg(long, value_name = "LEVELS", default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_depth: u16,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Spec files, directories or quoted globs (as for `check`). With none, the current directory.
    pub paths: Vec<PathBuf>,

    /// The output folder; each spec gets `OUT/<spec file stem>/`.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// Documents to build (comma-separated): contract, evaluation-form, register-form, plan.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "LIST",
        default_value = "contract,evaluation-form,register-form,plan"
    )]
    pub doc: Vec<String>,

    /// Formats (comma-separated): md, html.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "LIST",
        default_value = "md,html"
    )]
    pub to: Vec<String>,

    /// Languages of the fixed text (comma-separated): zh, en. What the spec says stays as written.
    #[arg(long, value_delimiter = ',', value_name = "LIST", default_value = "zh")]
    pub lang: Vec<String>,

    /// A folder of templates that replace the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Use this config instead of the svcspec.toml found from each spec's directory upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of stdout (written atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}
