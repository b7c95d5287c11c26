//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use palisade_core::report::OutputFormat;
use palisade_core::Severity;

/// Palisade: automated AWS security checks.
#[derive(Debug, Parser)]
#[command(name = "palisade", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan CloudFormation templates (YAML, JSON, .template) in files and directories.
    Scan(ScanArgs),
    /// List rules, or show one rule's documentation.
    Rules(RulesArgs),
    /// IAM: evaluate requests against policies exactly as AWS does.
    #[command(subcommand)]
    Iam(IamCommand),
    /// Find credentials in files, standard input (`-`) or git history, redacted.
    Secrets(SecretsArgs),
}

/// `palisade secrets`.
#[derive(Debug, Args)]
pub struct SecretsArgs {
    /// Files or directories (default: the current directory); `-` reads standard input. With
    /// `--git`, `--staged`, `--since-commit` or `--branch`: the repository (one path).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Scan the git history: every blob reachable from every ref, each distinct blob once,
    /// each finding with the commit that introduced it.
    #[arg(long)]
    pub git: bool,
    /// Scan only what is staged for the next commit (the pre-commit hook).
    #[arg(long, conflicts_with_all = ["since_commit", "branch"])]
    pub staged: bool,
    /// Scan only commits after REV (`REV..HEAD`, or `REV..BRANCH` with `--branch`).
    #[arg(long, value_name = "REV")]
    pub since_commit: Option<String>,
    /// Scan only the history reachable from this branch or ref.
    #[arg(long, value_name = "REF")]
    pub branch: Option<String>,
    /// A directory of extra rule files (`*.yaml`, see docs/secrets/rule-format.md); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Lowest confidence reported: low, medium or high.
    #[arg(long, value_name = "LEVEL", default_value = "medium", value_parser = parse_confidence)]
    pub min_confidence: palisade_core::Confidence,
    /// Print secrets in full (they are redacted by default).
    #[arg(long)]
    pub show_secrets: bool,
    /// Skip files and blobs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = palisade_secrets::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Read inside archives and compressed files (gzip, zip/jar/war/whl, tar, nested up to
    /// four levels), naming members `outer!inner`. Off by default: they are skipped as binary.
    #[arg(long)]
    pub extract_archives: bool,
    /// Keyword matcher: `auto` picks Vectorscan when this binary was built with it (cargo
    /// feature `vectorscan`), else Aho-Corasick. Findings are the same either way.
    #[arg(long, value_name = "ENGINE", default_value = "auto")]
    pub engine: EngineArg,
    /// Configuration, rule selection, baseline and threads.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output options (`--fail-on` defaults to `low`: any secret fails).
    #[command(flatten)]
    pub out: OutputArgs,
}

fn parse_confidence(s: &str) -> Result<palisade_core::Confidence, String> {
    s.parse()
}

/// `palisade iam ...`.
#[derive(Debug, Subcommand)]
pub enum IamCommand {
    /// Decide one request (from flags) or many (`--requests`) against policy files:
    /// Allowed, ExplicitlyDenied or ImplicitlyDenied, with the deciding statements.
    Eval(IamEvalArgs),
    /// Validate policies offline: Access Analyzer's checks (same issue codes), Parliament's and
    /// Cloudsplaining's, with the JSON path and line of each finding.
    Lint(IamLintArgs),
    /// Who in an account (users and roles of an authorization-details export) can do an action
    /// on a resource, and which statements grant it.
    WhoCan(IamWhoCanArgs),
    /// Can one principal of an account do an action on a resource? The explained verdict.
    Can(IamCanArgs),
    /// Privilege-escalation paths to administrator in an account, step by step.
    Escalation(IamEscalationArgs),
    /// The effective-permission difference between two versions of a policy, or of an account
    /// export: which action/resource pairs become allowed or denied.
    Diff(IamDiffArgs),
}

/// An account and the policies around it.
#[derive(Debug, Args)]
pub struct AccountArgs {
    /// The output of `aws iam get-account-authorization-details` (JSON).
    #[arg(long, value_name = "FILE")]
    pub account: PathBuf,
    /// A resource-based policy and the resource it is attached to, `ARN=FILE` (repeatable). A
    /// policy attached to a bucket also governs its objects. Role trust policies come from the
    /// export.
    #[arg(long = "resource-policy", value_name = "ARN=FILE")]
    pub resource_policies: Vec<String>,
    /// SCPs of one organisation level, comma-separated files; repeat from the root down to the
    /// account.
    #[arg(long = "scp-level", value_name = "FILE[,FILE...]")]
    pub scp_levels: Vec<String>,
    /// RCPs of one organisation level, comma-separated; repeat from the root down.
    #[arg(long = "rcp-level", value_name = "FILE[,FILE...]")]
    pub rcp_levels: Vec<String>,
}

/// The question `who-can` and `can` answer.
#[derive(Debug, Args)]
pub struct QuestionArgs {
    /// The action, `service:Name`.
    #[arg(long, value_name = "ACTION")]
    pub action: String,
    /// The resource ARN (default `*`).
    #[arg(long, value_name = "ARN")]
    pub resource: Option<String>,
    /// A condition key of the request, `KEY=VALUE` (repeatable). Keys not given are unknown:
    /// grants that depend on them are reported as conditional.
    #[arg(long = "context", value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// Output: text or JSON.
    #[arg(long, short = 'f', value_enum, default_value_t = EvalFormatArg::Text)]
    pub format: EvalFormatArg,
}

/// `palisade iam who-can`.
#[derive(Debug, Args)]
pub struct IamWhoCanArgs {
    /// The account.
    #[command(flatten)]
    pub account: AccountArgs,
    /// The question.
    #[command(flatten)]
    pub question: QuestionArgs,
}

/// `palisade iam can`.
#[derive(Debug, Args)]
pub struct IamCanArgs {
    /// The account.
    #[command(flatten)]
    pub account: AccountArgs,
    /// The user or role: ARN or name.
    #[arg(long, value_name = "PRINCIPAL")]
    pub principal: String,
    /// The question.
    #[command(flatten)]
    pub question: QuestionArgs,
}

/// `palisade iam escalation`.
#[derive(Debug, Args)]
pub struct IamEscalationArgs {
    /// The account.
    #[command(flatten)]
    pub account: AccountArgs,
    /// Output: text or JSON.
    #[arg(long, short = 'f', value_enum, default_value_t = EvalFormatArg::Text)]
    pub format: EvalFormatArg,
}

/// `palisade iam diff`.
#[derive(Debug, Args)]
pub struct IamDiffArgs {
    /// The old version: a policy document, or an account authorization-details export.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The new version (same kind as OLD).
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output: text, markdown (a pull-request comment) or json.
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormatArg::Text)]
    pub format: DiffFormatArg,
    /// Exit 1 when the change grants something new (for CI gates).
    #[arg(long)]
    pub fail_on_grant: bool,
}

/// `palisade iam diff --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    /// For people.
    Text,
    /// A pull-request comment.
    Markdown,
    /// For machines.
    Json,
}

/// `palisade iam lint`.
#[derive(Debug, Args)]
pub struct IamLintArgs {
    /// Policy files (JSON or YAML; a bare document or the `get-policy-version` output).
    #[arg(value_name = "FILE", required = true)]
    pub paths: Vec<PathBuf>,
    /// The kind of policy (default: guessed per file: `Principal` makes it a resource policy,
    /// one that only grants `sts:AssumeRole*` a trust policy).
    #[arg(long = "policy-type", value_enum)]
    pub policy_type: Option<PolicyTypeArg>,
    /// Enable only these checks (ids such as `IAM1101`, Access Analyzer issue codes, names);
    /// repeatable.
    #[arg(long, value_name = "CHECK", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Disable these checks (same forms); repeatable.
    #[arg(long, value_name = "CHECK", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Output options.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `--policy-type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PolicyTypeArg {
    /// Identity-based (also boundaries and session policies).
    Identity,
    /// Resource-based.
    Resource,
    /// A role trust policy.
    Trust,
    /// A service control policy.
    Scp,
    /// A resource control policy.
    Rcp,
}

/// `palisade iam eval`.
#[derive(Debug, Args)]
pub struct IamEvalArgs {
    /// The caller: a user ARN, an assumed-role session ARN
    /// (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`), a federated-user ARN, an account id or
    /// `arn:aws:iam::ACCOUNT:root`, a service principal (`lambda.amazonaws.com`), or `anonymous`.
    #[arg(long, value_name = "PRINCIPAL", required_unless_present = "requests")]
    pub principal: Option<String>,
    /// The action, `service:Name`.
    #[arg(long, value_name = "ACTION", required_unless_present = "requests")]
    pub action: Option<String>,
    /// The resource ARN (default `*`, for actions without a resource type).
    #[arg(long, value_name = "ARN")]
    pub resource: Option<String>,
    /// The account that owns the resource (default: the caller's).
    #[arg(long, value_name = "ACCOUNT")]
    pub resource_account: Option<String>,
    /// A condition key of the request, `KEY=VALUE`; repeat the key for a multivalued key.
    #[arg(long = "context", value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// Requests to decide, as a JSON array or JSON Lines of
    /// `{"principal", "action", "resource", "resource_account", "context": {"key": "v" | ["v", ...]}}`.
    #[arg(long, value_name = "FILE")]
    pub requests: Option<PathBuf>,
    /// Identity-based policy of the caller (repeatable).
    #[arg(long = "identity", value_name = "FILE")]
    pub identity: Vec<PathBuf>,
    /// The caller's permissions boundary.
    #[arg(long, value_name = "FILE")]
    pub boundary: Option<PathBuf>,
    /// The session policy the caller's session was created with.
    #[arg(long = "session-policy", value_name = "FILE")]
    pub session_policy: Option<PathBuf>,
    /// The resource's resource-based policy.
    #[arg(long = "resource-policy", value_name = "FILE")]
    pub resource_policy: Option<PathBuf>,
    /// What the resource-based policy is: a role trust policy and a KMS key policy must allow
    /// even within one account.
    #[arg(long = "resource-policy-kind", value_enum, default_value_t = ResourcePolicyKindArg::Generic)]
    pub resource_policy_kind: ResourcePolicyKindArg,
    /// SCPs of one organisation level, comma-separated files; repeat from the root down to the
    /// caller's account.
    #[arg(long = "scp-level", value_name = "FILE[,FILE...]")]
    pub scp_levels: Vec<String>,
    /// RCPs of one organisation level, comma-separated; repeat from the root down to the
    /// resource's account.
    #[arg(long = "rcp-level", value_name = "FILE[,FILE...]")]
    pub rcp_levels: Vec<String>,
    /// The VPC endpoint policy, when the request goes through an endpoint.
    #[arg(long = "vpc-endpoint-policy", value_name = "FILE")]
    pub vpc_endpoint_policy: Option<PathBuf>,
    /// Output: an explained verdict (text) or one JSON object per request (json).
    #[arg(long, short = 'f', value_enum, default_value_t = EvalFormatArg::Text)]
    pub format: EvalFormatArg,
}

/// `--resource-policy-kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ResourcePolicyKindArg {
    /// Bucket, queue, topic, ... policies.
    Generic,
    /// A role trust policy.
    Trust,
    /// A KMS key policy.
    Kms,
}

/// `palisade iam eval --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormatArg {
    /// Explained verdicts.
    Text,
    /// JSON Lines: one object per request.
    Json,
}

/// Output options shared by commands that report findings.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 (default: `fail-on` from the config, else high).
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Colour: auto (when writing to a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Print nothing but the report (no summary on standard error).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Do not show progress (accepted for scripts; progress is only shown on a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// What `scan` and `secrets` share: configuration, rule selection, baseline, threads.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Configuration file (default: `.palisade.toml` found upward from the working directory).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every current finding to FILE as a baseline (and exit 0 unless inputs failed).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Enable only these rules (codes, code prefixes, names, groups, `cfn_nag:W9`); repeatable.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Disable these rules (same forms); repeatable.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `palisade scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan (default: the current directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Parameter values: `[{"ParameterKey","ParameterValue"}]` (the AWS CLI form) or `{"Parameters":{...}}`.
    #[arg(long, short = 'p', value_name = "FILE")]
    pub parameters: Option<PathBuf>,
    /// A directory of extra rule files (`*.yaml`): template rules (`template_rules:`, see
    /// docs/writing-custom-rules.md) and secret rules (`rules:`, docs/secrets/rule-format.md);
    /// repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Configuration, rule selection, baseline and threads.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output options.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `palisade rules`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RulesArgs {
    /// `check`: run every secret rule's examples and near-misses.
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    /// A rule code or name: print its documentation.
    #[arg(value_name = "RULE")]
    pub rule: Option<String>,
    /// List the mapping from another tool's ids (`cfn_nag`, `checkov`) to Palisade rules.
    #[arg(long, value_name = "TOOL")]
    pub from: Option<String>,
    /// Output format for the list: text or json.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Also list the rules of this directory (template and secret rule files); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

/// `palisade rules <action>`.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Check the secret rules: each rule's examples must match it and its near-misses must
    /// not (built-in rules, plus those of `--rules DIR`).
    Check(RulesCheckArgs),
}

/// `palisade rules check`.
#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    /// A directory of secret rule files (`*.yaml`) to check with the built-in ones (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Check only the rules of `--rules`, not the built-in ones.
    #[arg(long)]
    pub no_builtin: bool,
}

/// Report formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FormatArg {
    /// Human-readable with code frames.
    Text,
    /// JSON Lines.
    Jsonl,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
}

impl From<FormatArg> for OutputFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Text => OutputFormat::Text,
            FormatArg::Jsonl => OutputFormat::Jsonl,
            FormatArg::Sarif => OutputFormat::Sarif,
            FormatArg::Junit => OutputFormat::Junit,
        }
    }
}

/// List formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    /// When standard output is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// `--engine`: the keyword matcher of the secret scanner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    /// Vectorscan when built in, else Aho-Corasick.
    Auto,
    /// The aho-corasick crate's DFA.
    AhoCorasick,
    /// Vectorscan (needs a build with the `vectorscan` feature).
    Vectorscan,
}

impl From<EngineArg> for palisade_secrets::engine::Backend {
    fn from(e: EngineArg) -> Self {
        match e {
            EngineArg::Auto => Self::Auto,
            EngineArg::AhoCorasick => Self::AhoCorasick,
            EngineArg::Vectorscan => Self::Vectorscan,
        }
    }
}
