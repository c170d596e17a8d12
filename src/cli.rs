//! Command-line types (clap derive), and the settings their flags become. No other logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::limits::{self, Limits, TemplateLimits};
use crate::memory;
use crate::render::DocKind;
use crate::render::formats::OutputFormat;
use crate::render::i18n::Lang;

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
    /// Write a commented starting spec for a kind of service; values to replace are tagged `!fill`.
    Init(InitArgs),
    /// List what an amendment changes from OLD to NEW: amount and tranches, targets, dates,
    /// parties, indicators and points. List items are matched by id.
    Diff(DiffArgs),
    /// Export a spec that checks clean as an Open Contracting (OCDS 1.1.5) release, in JSON.
    Export(ExportArgs),
    /// Evaluate one milestone's results against a spec: each target's achievement, the score and
    /// grade, and whether each tranche the milestone gates is released, reduced or held.
    Evaluate(EvaluateArgs),
    /// Print the JSON Schema of a spec, or with `--results` of a results file (draft 2020-12).
    Schema(SchemaArgs),
    /// List every rule: code, name, severity, summary.
    Rules,
    /// Explain a rule: what it checks, why it matters, an example that fails, the fix.
    Explain(ExplainArgs),
    /// Run the language server for editors, on stdin and stdout (logs go to stderr):
    /// diagnostics as you type, hover, completion, go to definition, rename, quick fixes and a
    /// preview of the contract. docs/editors.md sets it up in VS Code, Neovim, Helix and Zed.
    Lsp(LspArgs),
    /// Print a shell completion script to stdout.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct LspArgs {
    #[command(flatten)]
    pub input: InputArgs,
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

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The spec as signed.
    pub old: PathBuf,

    /// The amended spec.
    pub new: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,

    /// Write the output to this file instead of stdout (written atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per change, derived values indented under it, on stdout.
    Human,
    /// One JSON document: `{"old", "new", "changes": [{"path", "kind", "old", "new", "derived"}]}`.
    Json,
    /// An amendment annex (补充协议附件): a table of changes.
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write an OCDS 1.1.5 release (the only export format).
    #[arg(long, required = true)]
    pub ocds: bool,

    /// The spec to export; it must check clean.
    pub spec: PathBuf,

    /// The publisher's ocid prefix registered with the Open Contracting Partnership
    /// (`ocds-xxxxxx`); the ocid is `<prefix>-<project id>`.
    #[arg(long, value_name = "PREFIX")]
    pub ocid_prefix: Option<String>,

    /// The release date, `YYYY-MM-DDThh:mm:ssZ`; by default the contract's signing day at
    /// 00:00:00Z. Never taken from the clock.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Write the release to this file instead of stdout (written atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The spec the results are read against; it must check clean.
    pub spec: PathBuf,

    /// The results file of one evaluation milestone (schemas/results.schema.json).
    #[arg(long, value_name = "FILE")]
    pub results: PathBuf,

    /// The results of the re-evaluation after rectification (整改复评) of the same milestone:
    /// it decides what the evaluation held for rectification.
    #[arg(long, value_name = "FILE")]
    pub reevaluation: Option<PathBuf>,

    /// Output format of the evaluation on stdout. Diagnostics go to stderr either way.
    #[arg(long, value_enum, default_value_t = EvaluateFormat::Human)]
    pub format: EvaluateFormat,

    /// Write the evaluation to this file instead of stdout (written atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,

    /// Also write the evaluation report, `evaluation-report.<lang>.md` and `.html`, into this
    /// folder (created if missing; each file written atomically).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Exit 3 when a tranche the milestone gates is not released in full (held or reduced).
    #[arg(long)]
    pub fail_on_hold: bool,

    #[command(flatten)]
    pub render: RenderArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvaluateFormat {
    /// A summary for people: score, grade, targets and tranche decisions.
    Human,
    /// One JSON document (fields listed in the README).
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The kind of service the spec is for.
    #[arg(long, value_enum)]
    pub kind: ServiceKind,

    /// The spec file to write.
    pub file: PathBuf,

    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Kinds of service that `init` has a starting spec for (the spec's `project.field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ServiceKind {
    /// Hospice care (临终关怀).
    Hospice,
    /// Integration of rural-to-urban residents (农转居社区融入).
    Integration,
    /// Elderly services (老年人服务).
    Elderly,
    /// Social assistance and referral (社会救助).
    Assistance,
    /// Youth work (青少年服务).
    Youth,
    /// Family services (家庭服务).
    Family,
    /// Volunteer training (志愿者培训).
    Volunteer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
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
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Write machine output to this file instead of stdout (written atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,

    /// Also list the YAML files that a walk skipped as not specs.
    #[arg(long, short)]
    pub verbose: bool,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Run only these semantic rules (comma-separated codes or names).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,
}

/// How a command reads its input files: the config that sets severities and suppressions, and
/// the limits on hostile input.
#[derive(Debug, Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Use this config instead of the svcspec.toml found from each file's directory upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Limits on hostile input. Raise them only for real specs that need it; each stops at a cap
/// that the stack and memory hold.
#[derive(Debug, Args)]
#[command(next_help_heading = "Limits on hostile input")]
pub struct LimitArgs {
    /// Largest file read, in bytes (at most 256 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = limits::DEFAULT_FILE_BYTES, value_parser = bytes())]
    pub max_file_size: u64,

    /// Deepest nesting of mappings and sequences, counted through aliases (at most 1000, which
    /// the stack holds).
    #[arg(long, value_name = "LEVELS", default_value_t = limits::DEFAULT_DEPTH, value_parser = levels(limits::MAX_DEPTH_CAP))]
    pub max_depth: u16,

    /// Most nodes that aliases may expand to, over one file.
    #[arg(long, value_name = "NODES", default_value_t = limits::DEFAULT_ALIAS_NODES, value_parser = count(0, limits::MAX_NODES_CAP))]
    pub max_alias_nodes: u64,

    /// Most nodes (mappings, sequences, scalars) in one file, aliases expanded.
    #[arg(long, value_name = "NODES", default_value_t = limits::DEFAULT_NODES, value_parser = count(1, limits::MAX_NODES_CAP))]
    pub max_nodes: u64,

    /// Longest scalar (one text value), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = limits::DEFAULT_SCALAR_BYTES, value_parser = bytes())]
    pub max_scalar_size: u64,

    /// Most files read in one run.
    #[arg(long, value_name = "FILES", default_value_t = limits::DEFAULT_FILES, value_parser = count(1, limits::MAX_FILES_CAP))]
    pub max_files: u64,

    /// Memory budget of the run, in MiB, counted in large blocks: a template that builds text
    /// without end stops here (at most 16384).
    #[arg(long, value_name = "MIB", default_value_t = memory::DEFAULT_BUDGET_MIB, value_parser = count(64, memory::MAX_BUDGET_MIB))]
    pub max_memory: u64,
}

/// A count from `min` to `cap`, both included.
fn count(min: u64, cap: u64) -> impl clap::builder::TypedValueParser<Value = u64> {
    clap::value_parser!(u64).range(min..=cap)
}

/// A size in bytes, from 1 to [`limits::MAX_FILE_BYTES_CAP`].
fn bytes() -> impl clap::builder::TypedValueParser<Value = u64> {
    count(1, limits::MAX_FILE_BYTES_CAP)
}

/// A depth in levels, from 1 to `cap`.
fn levels(cap: u16) -> impl clap::builder::TypedValueParser<Value = u16> {
    clap::value_parser!(u16).range(1..=i64::from(cap))
}

impl From<&LimitArgs> for Limits {
    fn from(args: &LimitArgs) -> Self {
        Self {
            max_file_bytes: args.max_file_size,
            max_depth: usize::from(args.max_depth),
            max_alias_nodes: limits::size(args.max_alias_nodes),
            max_nodes: limits::size(args.max_nodes),
            max_scalar_bytes: limits::size(args.max_scalar_size),
            max_files: limits::size(args.max_files),
            max_memory_mib: args.max_memory,
        }
    }
}

/// How documents are rendered: their languages and templates, and the limits on templates.
#[derive(Debug, Args)]
#[command(next_help_heading = "Rendering")]
pub struct RenderArgs {
    /// Languages of the fixed text (comma-separated). What the spec says stays as written.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "LIST",
        default_value = "zh"
    )]
    pub lang: Vec<Lang>,

    /// A folder of templates that replace the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    #[command(flatten)]
    pub template_limits: TemplateLimitArgs,
}

/// Limits on templates, which may come from `--templates DIR`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Limits on templates")]
pub struct TemplateLimitArgs {
    /// Fuel for rendering one document: every template instruction burns some, so a loop that
    /// never ends stops (at most 1,000,000,000).
    #[arg(long, value_name = "FUEL", default_value_t = limits::DEFAULT_TEMPLATE_FUEL, value_parser = count(1, limits::TEMPLATE_FUEL_CAP))]
    pub template_fuel: u64,

    /// Deepest nesting of template calls: macros, includes, blocks (at most 500).
    #[arg(long, value_name = "LEVELS", default_value_t = limits::DEFAULT_TEMPLATE_RECURSION, value_parser = levels(limits::TEMPLATE_RECURSION_CAP))]
    pub template_recursion: u16,
}

impl From<&TemplateLimitArgs> for TemplateLimits {
    fn from(args: &TemplateLimitArgs) -> Self {
        Self {
            fuel: args.template_fuel,
            recursion: usize::from(args.template_recursion),
        }
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Spec files, directories or quoted globs (as for `check`). With none, the current directory.
    pub paths: Vec<PathBuf>,

    /// The output folder; each spec gets `OUT/<spec file stem>/`.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// Documents to build (comma-separated); all of them by default.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST",
        default_values_t = DocKind::value_variants().to_vec())]
    pub doc: Vec<DocKind>,

    /// Formats (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST",
        default_values_t = [OutputFormat::Md, OutputFormat::Html])]
    pub to: Vec<OutputFormat>,

    /// A folder of fonts for PDF output, used for characters that the built-in fonts lack
    /// (GB 2312 is built in); may be given more than once.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_path: Vec<PathBuf>,

    /// Do not search the system's fonts for PDF output: only the built-in fonts and
    /// `--font-path` folders, so the PDF is the same on every machine.
    #[arg(long)]
    pub ignore_system_fonts: bool,

    #[command(flatten)]
    pub render: RenderArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of a results file of `evaluate` instead of a spec's.
    #[arg(long)]
    pub results: bool,

    /// Write the schema to this file instead of stdout (written atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}
