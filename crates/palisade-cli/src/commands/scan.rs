//! `palisade scan`: templates in files and directories, the CI gate.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use palisade_cfn::resolve::ParameterValues;
use palisade_cfn::{scan_text, ScanOptions};
use palisade_core::baseline::Baseline;
use palisade_core::config::Config;
use palisade_core::exit::exit_code;
use palisade_core::report::{write_report, ReportContext};
use palisade_core::{InputError, LineIndex, Report, Severity, Span};
use palisade_doc::Format;
use rayon::prelude::*;

use crate::args::{ColorArg, FormatArg, OutputArgs, ScanArgs};
use crate::walk::{collect, display};

/// What one file produced.
struct FileResult {
    /// Searched for secrets although not a template or policy.
    secrets_only: bool,
    path: String,
    text: Option<String>,
    outcome: palisade_cfn::FileOutcome,
}

pub(crate) fn run(a: ScanArgs) -> Result<u8> {
    // The IAM action catalog (decompressed on first use, for policy checks) loads while the
    // files are found and parsed, instead of stalling the first worker that needs it.
    std::thread::spawn(|| {
        let _ = palisade_iam::lint::checks();
        let _ = palisade_iam::catalog::Catalog::get();
    });
    let mut errors: Vec<InputError> = Vec::new();
    let mut config = load_config(a.run.config.as_deref(), &mut errors);
    config.select.extend(a.run.select.iter().cloned());
    config.ignore.extend(a.run.ignore.iter().cloned());
    let mut rules = crate::commands::rules::all_rules();
    let custom = load_custom_rules(&a.rules, &rules, &mut errors);
    rules.extend(custom.iter().map(|c| c.meta().clone()));
    errors.extend(config.validate(&rules));
    let parameters = match &a.parameters {
        Some(p) => load_parameters(p, &mut errors),
        None => ParameterValues::new(),
    };
    let fail_on = a.out.fail_on.or(config.fail_on).unwrap_or(Severity::High);
    let roots = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    // With the built-in secret rules as they are, share the process-wide scanner (the template
    // rules that look for secrets in property values use it too); otherwise build one.
    let all_builtin = a.rules.is_empty()
        && palisade_secrets::rules::builtin()
            .0
            .iter()
            .all(|r| config.enabled(&r.meta()));
    let own;
    let secrets: Option<&palisade_secrets::Scanner> = match all_builtin
        .then(palisade_secrets::builtin_scanner)
        .flatten()
    {
        Some(shared) => Some(shared),
        None => {
            own = crate::commands::secrets::scanner(
                &a.rules,
                &config,
                palisade_secrets::engine::Backend::Auto,
                &mut errors,
            )?
            .0;
            (!own.engine.rules().is_empty()).then_some(&own)
        }
    };
    let candidates = collect(
        &roots,
        &config.include,
        &config.exclude,
        secrets.is_some(),
        &mut errors,
    );
    let opts = ScanOptions {
        parameters,
        config,
        custom,
        ..ScanOptions::default()
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.run.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let results: Vec<FileResult> = pool.install(|| {
        candidates
            .par_iter()
            .map_init(palisade_secrets::Scratch::default, |scratch, c| {
                if c.template {
                    scan_file(&c.path, &opts, secrets, scratch)
                } else {
                    scan_other_file(&c.path, secrets, scratch)
                }
            })
            .collect()
    });

    let mut report = Report {
        errors,
        ..Report::default()
    };
    let mut sources: HashMap<String, String> = HashMap::new();
    for r in results {
        if r.outcome.is_template || r.secrets_only {
            report.files_scanned += 1;
        } else {
            report.files_skipped += 1;
        }
        report.suppressed += r.outcome.suppressed;
        let keep = !r.outcome.findings.is_empty() || !r.outcome.errors.is_empty();
        report.findings.extend(r.outcome.findings);
        report.errors.extend(r.outcome.errors);
        if keep && a.out.format == FormatArg::Text {
            if let Some(t) = r.text {
                sources.insert(r.path, t);
            }
        }
    }

    apply_baseline(
        &mut report,
        a.run.write_baseline.as_deref(),
        a.run.baseline.as_deref(),
        a.out.quiet,
        "scan",
    )?;
    report.sort();
    let enabled: Vec<_> = rules
        .into_iter()
        .filter(|r| opts.config.enabled(r))
        .collect();
    write_to(&a.out, &report, &enabled, &sources, fail_on)?;
    if let (Some(path), false) = (&a.out.output, a.out.quiet) {
        anstream::eprintln!(
            "{} finding(s), {} error(s) in {} file(s); report written to `{}`",
            report.findings.len(),
            report.errors.len(),
            report.files_scanned,
            path.display()
        );
    }
    Ok(run_exit_code(
        &report,
        fail_on,
        a.run.write_baseline.is_some(),
    ))
}

/// The template rules of `--rules` directories; one whose code or name is already a rule's is
/// an error and is left out.
fn load_custom_rules(
    dirs: &[PathBuf],
    builtin: &[palisade_core::RuleMeta],
    errors: &mut Vec<InputError>,
) -> Vec<palisade_cfn::custom::CustomRule> {
    let mut out = Vec::new();
    for d in dirs {
        let (rules, errs) = palisade_cfn::custom::load_dir(d);
        errors.extend(errs);
        for r in rules {
            let m = r.meta();
            if builtin.iter().any(|b| b.code == m.code || b.name == m.name) {
                errors.push(InputError {
                    path: d.display().to_string(),
                    message: format!(
                        "custom rule `{}` (`{}`) has the code or name of a built-in rule; it was not loaded",
                        m.code, m.name
                    ),
                    region: None,
                    help: None,
                });
                continue;
            }
            out.push(r);
        }
    }
    out
}

/// The exit code of a run: when it only wrote a baseline, 0 unless inputs failed (2);
/// otherwise the usual policy against `fail_on`.
pub(crate) fn run_exit_code(report: &Report, fail_on: Severity, wrote_baseline: bool) -> u8 {
    let code = if wrote_baseline {
        if report.errors.is_empty() {
            0
        } else {
            2
        }
    } else {
        exit_code(report, fail_on)
    };
    u8::try_from(code).unwrap_or(2)
}

/// `--write-baseline FILE` (write every finding, then report none) or `--baseline FILE`
/// (hide the findings it lists); `command` names the subcommand in advice.
pub(crate) fn apply_baseline(
    report: &mut Report,
    write: Option<&Path>,
    read: Option<&Path>,
    quiet: bool,
    command: &str,
) -> Result<()> {
    if let Some(path) = write {
        let b = Baseline::from_findings(&report.findings);
        let json = b.to_json()?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write baseline `{}`", path.display()))?;
        if !quiet {
            anstream::eprintln!(
                "wrote {} finding(s) to baseline `{}`",
                b.findings.len(),
                path.display()
            );
        }
        report.findings.clear();
    } else if let Some(path) = read {
        match std::fs::read_to_string(path) {
            Ok(text) => match Baseline::parse(&text) {
                Ok(b) => {
                    let (kept, n) = b.filter(std::mem::take(&mut report.findings));
                    report.findings = kept;
                    report.baselined = n;
                }
                Err(e) => report.errors.push(InputError {
                    path: display(path),
                    message: format!("invalid baseline: {e}"),
                    region: None,
                    help: Some(format!(
                        "write one with `palisade {command} --write-baseline FILE`"
                    )),
                }),
            },
            Err(e) => report.errors.push(InputError {
                path: display(path),
                message: format!("cannot read baseline: {e}"),
                region: None,
                help: None,
            }),
        }
    }
    Ok(())
}

/// Whether to colour the text report.
pub(crate) fn color_of(out: &OutputArgs) -> bool {
    match out.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => out.output.is_none() && std::io::stdout().is_terminal(),
    }
}

/// Write the report where `--output` says (standard output by default), in `--format`, with
/// `--color`.
pub(crate) fn write_to(
    out: &OutputArgs,
    report: &Report,
    rules: &[palisade_core::RuleMeta],
    sources: &HashMap<String, String>,
    fail_on: Severity,
) -> Result<()> {
    let ctx = &ReportContext {
        report,
        rules,
        sources,
        color: color_of(out),
        tool_version: env!("CARGO_PKG_VERSION"),
        fail_on,
    };
    match &out.output {
        Some(path) => {
            let mut f = std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot create `{}`", path.display()))?,
            );
            write_report(out.format.into(), ctx, &mut f)?;
            f.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write_report(out.format.into(), ctx, &mut lock)?;
            lock.flush()?;
        }
    }
    Ok(())
}

/// Search a file that is not a template for secrets. Unreadable files are errors; binary
/// files and files over the size limit are passed over, as `palisade secrets` does.
fn scan_other_file(
    path: &Path,
    secrets: Option<&palisade_secrets::Scanner>,
    scratch: &mut palisade_secrets::Scratch,
) -> FileResult {
    let shown = display(path);
    let mut result = FileResult {
        secrets_only: false,
        path: shown.clone(),
        text: None,
        outcome: palisade_cfn::FileOutcome::default(),
    };
    let Some(scanner) = secrets else {
        return result;
    };
    let too_big = std::fs::metadata(path)
        .map(|m| m.len() > palisade_secrets::DEFAULT_MAX_FILE_SIZE)
        .unwrap_or(false);
    if too_big {
        return result;
    }
    match std::fs::read(path) {
        Ok(bytes) => {
            let o = scanner.scan(&shown, &bytes, None, scratch);
            result.secrets_only = o.skipped.is_none();
            if !o.findings.is_empty() {
                result.text = Some(palisade_secrets::mask_source(&bytes, &o.findings));
            }
            result.outcome.suppressed += o.suppressed;
            result.outcome.findings = o.findings;
        }
        Err(e) => result.outcome.errors.push(InputError {
            path: shown,
            message: format!("cannot read file: {e}"),
            region: None,
            help: None,
        }),
    }
    result
}

/// Read and scan one file; never fails: problems become input errors.
fn scan_file(
    path: &Path,
    opts: &ScanOptions,
    secrets: Option<&palisade_secrets::Scanner>,
    scratch: &mut palisade_secrets::Scratch,
) -> FileResult {
    let shown = display(path);
    let fail = |message: String, region: Option<palisade_core::Region>| FileResult {
        secrets_only: false,
        path: shown.clone(),
        text: None,
        outcome: palisade_cfn::FileOutcome {
            errors: vec![InputError {
                path: shown.clone(),
                message,
                region,
                help: None,
            }],
            is_template: true,
            ..Default::default()
        },
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > palisade_cfn::scan::MAX_FILE_SIZE as u64 => {
            return fail(
                format!(
                    "file is {} bytes, larger than the {} MiB limit; not scanned",
                    m.len(),
                    palisade_cfn::scan::MAX_FILE_SIZE / (1024 * 1024)
                ),
                None,
            );
        }
        Ok(_) => {}
        Err(e) => return fail(format!("cannot read file: {e}"), None),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read file: {e}"), None),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(bytes.get(..good).unwrap_or(&[])).into_owned();
            let idx = LineIndex::new(&prefix);
            let region = palisade_core::region(&prefix, &idx, Span::new(good, good));
            let binary = bytes.iter().take(8192).any(|b| *b == 0);
            let what = if binary {
                "file looks binary (it contains NUL bytes)"
            } else {
                "file is not valid UTF-8"
            };
            // A binary file with a template extension is worth one clear error only when it
            // cannot be some other kind of file we skip quietly.
            return fail(
                format!("{what}: invalid byte at offset {good}"),
                Some(region),
            );
        }
    };
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
        Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => Format::Yaml,
        _ => palisade_doc::sniff(&text),
    };
    let mut outcome = scan_text(&shown, &text, format, opts);
    let mut text = text;
    if let Some(scanner) = secrets {
        let o = scanner.scan(&shown, text.as_bytes(), None, scratch);
        if !o.findings.is_empty() {
            text = palisade_secrets::mask_source(text.as_bytes(), &o.findings);
        }
        outcome.suppressed += o.suppressed;
        outcome.findings.extend(o.findings);
    }
    FileResult {
        secrets_only: false,
        path: shown,
        text: Some(text),
        outcome,
    }
}

pub(crate) fn load_config(explicit: Option<&Path>, errors: &mut Vec<InputError>) -> Config {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| Config::discover(&d)),
    };
    let Some(path) = path else {
        return Config::default();
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(InputError {
                path: display(&path),
                message: format!("cannot read configuration: {e}"),
                region: None,
                help: None,
            });
            return Config::default();
        }
    };
    match Config::parse(&text, &path) {
        Ok(c) => c,
        Err(mut e) => {
            e.path = display(&path);
            errors.push(e);
            Config::default()
        }
    }
}

/// Parameter values in the AWS CLI form (`[{"ParameterKey","ParameterValue"}]`), the
/// CodePipeline template-configuration form (`{"Parameters":{...}}`), or a plain object.
fn load_parameters(path: &Path, errors: &mut Vec<InputError>) -> ParameterValues {
    let mut out = ParameterValues::new();
    let err = |errors: &mut Vec<InputError>, message: String| {
        errors.push(InputError {
            path: display(path),
            message,
            region: None,
            help: Some(
                "expected [{\"ParameterKey\": \"K\", \"ParameterValue\": \"V\"}] or {\"Parameters\": {\"K\": \"V\"}}"
                    .into(),
            ),
        });
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            err(errors, format!("cannot read parameters file: {e}"));
            return out;
        }
    };
    let v: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            err(errors, format!("invalid parameters file: {e}"));
            return out;
        }
    };
    let scalar = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Array(items) => Some(
            items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => None,
    };
    match &v {
        serde_json::Value::Array(items) => {
            for item in items {
                match (
                    item.get("ParameterKey").and_then(|k| k.as_str()),
                    item.get("ParameterValue").and_then(scalar),
                ) {
                    (Some(k), Some(val)) => {
                        out.insert(k.to_string(), val);
                    }
                    (Some(_), None) if item.get("UsePreviousValue").is_some() => {}
                    _ => err(
                        errors,
                        format!("parameter entry `{item}` lacks ParameterKey or ParameterValue"),
                    ),
                }
            }
        }
        serde_json::Value::Object(map) => {
            let params = map
                .get("Parameters")
                .and_then(|p| p.as_object())
                .unwrap_or(map);
            for (k, val) in params {
                match scalar(val) {
                    Some(s) => {
                        out.insert(k.clone(), s);
                    }
                    None => err(errors, format!("parameter `{k}` has no scalar value")),
                }
            }
        }
        _ => err(
            errors,
            "parameters file must be a JSON array or object".into(),
        ),
    }
    out
}
