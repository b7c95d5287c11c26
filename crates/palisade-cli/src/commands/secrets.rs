//! `palisade secrets`: credentials in files, standard input and git history.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use palisade_core::config::Config;
use palisade_core::{Finding, InputError, Provenance, Report, RuleMeta, Severity};
use palisade_secrets::git::{self, Content, Selection};
use palisade_secrets::{Engine, Scanner, Scratch, Skip};

use crate::args::{FormatArg, SecretsArgs};
use crate::commands::scan::{load_config, run_exit_code, write_to};
use crate::walk::display;

/// Counts of inputs not scanned.
#[derive(Debug, Default)]
struct Skipped {
    binary: usize,
    too_large: usize,
}

/// What every worker adds to.
#[derive(Debug, Default)]
struct Shared {
    findings: Vec<Finding>,
    errors: Vec<InputError>,
    sources: HashMap<String, String>,
    scanned: usize,
    /// Archives and compressed files opened (`--extract-archives`).
    archives: usize,
    /// Archives and compressed files met without `--extract-archives`.
    archives_unread: usize,
    suppressed: usize,
    skipped: Skipped,
    bytes: u64,
}

impl Shared {
    fn add(
        &mut self,
        path: &str,
        data: &[u8],
        o: palisade_secrets::Outcome,
        keep_source: Option<bool>,
    ) {
        match o.skipped {
            Some(Skip::Binary) => self.skipped.binary += 1,
            Some(Skip::TooLarge) => self.skipped.too_large += 1,
            None => {
                self.scanned += 1;
                self.bytes += data.len() as u64;
            }
        }
        self.suppressed += o.suppressed;
        if !o.findings.is_empty() {
            if let Some(show) = keep_source {
                let text = if show {
                    String::from_utf8_lossy(data).into_owned()
                } else {
                    palisade_secrets::mask_source(data, &o.findings)
                };
                self.sources.insert(path.to_string(), text);
            }
        }
        self.findings.extend(o.findings);
    }
}

/// The scanner for these arguments: built-in and `--rules` rules, filtered by
/// `--select`/`--ignore` and the configuration's `ignore`.
pub(crate) fn scanner(
    rule_dirs: &[PathBuf],
    config: &Config,
    backend: palisade_secrets::engine::Backend,
    errors: &mut Vec<InputError>,
) -> Result<(Scanner, Vec<RuleMeta>)> {
    let (rules, rule_errors) = crate::commands::secrets_rules::load(rule_dirs, true);
    errors.extend(crate::commands::secrets_rules::as_input_errors(
        &rule_errors,
    ));
    let mut metas = Vec::new();
    let rules: Vec<_> = rules
        .into_iter()
        .filter(|r| {
            let m = r.meta();
            let on = config.enabled(&m);
            if on {
                metas.push(m);
            }
            on
        })
        .collect();
    let engine = Engine::with_backend(rules, backend).map_err(anyhow::Error::msg)?;
    Ok((Scanner::new(engine), metas))
}

pub(crate) fn run(a: &SecretsArgs) -> Result<u8> {
    let mut errors: Vec<InputError> = Vec::new();
    let file_config = load_config(a.run.config.as_deref(), &mut errors);
    let config = Config {
        select: a.run.select.clone(),
        ignore: file_config
            .ignore
            .iter()
            .chain(a.run.ignore.iter())
            .cloned()
            .collect(),
        ..file_config.clone()
    };
    let (mut scanner, metas) = scanner(&a.rules, &config, a.engine.into(), &mut errors)?;
    scanner.min_confidence = a.min_confidence;
    scanner.show_secrets = a.show_secrets;
    let threads = a.run.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let keep_source = (a.out.format == FormatArg::Text).then_some(a.show_secrets);
    let shared = Mutex::new(Shared::default());
    let ctx = Ctx {
        scanner: &scanner,
        keep_source,
        shared: &shared,
        max_size: a.max_file_size,
        archives: a
            .extract_archives
            .then(|| palisade_secrets::archive::Limits::new(a.max_file_size)),
    };
    let history = a.git || a.staged || a.since_commit.is_some() || a.branch.is_some();
    let mut commits = None;
    if history {
        let repo = a
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        if a.paths.len() > 1 {
            errors.push(InputError {
                path: String::new(),
                message: "history scans take one repository path".into(),
                region: None,
                help: None,
            });
        }
        let sel = Selection {
            staged: a.staged,
            since_commit: a.since_commit.clone(),
            branch: a.branch.clone(),
        };
        match scan_history(&ctx, &repo, &sel, &pool) {
            Ok(n) => commits = Some(n),
            Err(e) => errors.push(InputError {
                path: display(&repo),
                message: e,
                region: None,
                help: None,
            }),
        }
    } else {
        let roots = if a.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            a.paths.clone()
        };
        let walk_errors = scan_paths(&ctx, &roots, &file_config, threads);
        errors.extend(walk_errors);
    }
    let mut shared = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    errors.append(&mut shared.errors);
    let mut report = Report {
        findings: std::mem::take(&mut shared.findings),
        errors,
        files_scanned: shared.scanned,
        files_skipped: shared.skipped.binary + shared.skipped.too_large,
        suppressed: shared.suppressed,
        baselined: 0,
    };

    crate::commands::scan::apply_baseline(
        &mut report,
        a.run.write_baseline.as_deref(),
        a.run.baseline.as_deref(),
        a.out.quiet,
        "secrets",
    )?;
    report.sort();
    let fail_on = a.out.fail_on.unwrap_or(Severity::Low);
    write_to(&a.out, &report, &metas, &shared.sources, fail_on)?;
    if !a.out.quiet {
        let distinct: HashSet<&str> = report
            .findings
            .iter()
            .map(|f| f.fingerprint.as_str())
            .collect();
        let mut what = match commits {
            Some(n) => format!("{} blob(s) of {n} commit(s)", report.files_scanned),
            None => format!("{} file(s)", report.files_scanned),
        };
        if shared.archives > 0 {
            what.push_str(&format!(
                " (members of {} archive(s) included)",
                shared.archives
            ));
        }
        if shared.archives_unread > 0 {
            what.push_str(&format!(
                " ({} archive(s) or compressed file(s) not opened: --extract-archives reads them)",
                shared.archives_unread
            ));
        }
        anstream::eprintln!(
            "{} distinct secret(s) in {} location(s); {what} scanned ({:.1} MB); skipped {} binary and {} over {} bytes (--max-file-size); {} allowed inline, {} in the baseline",
            distinct.len(),
            report.findings.len(),
            shared.bytes as f64 / 1e6,
            shared.skipped.binary,
            shared.skipped.too_large,
            a.max_file_size,
            report.suppressed,
            report.baselined,
        );
    }
    Ok(run_exit_code(
        &report,
        fail_on,
        a.run.write_baseline.is_some(),
    ))
}

/// What every input of one run is scanned with and added to.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    scanner: &'a Scanner,
    /// Keep sources for code frames (masked unless `Some(true)`).
    keep_source: Option<bool>,
    shared: &'a Mutex<Shared>,
    max_size: u64,
    /// Read archives and compressed files (`--extract-archives`) within these limits.
    archives: Option<palisade_secrets::archive::Limits>,
}

impl Ctx<'_> {
    /// Scan one input: a file, standard input or a blob; an archive's members one by one
    /// when archives are read.
    fn scan(
        &self,
        name: &str,
        data: &[u8],
        provenance: Option<&Provenance>,
        scratch: &mut Scratch,
    ) {
        let archive = palisade_secrets::archive::kind(data).is_some();
        if archive && self.archives.is_none() {
            lock(self.shared).archives_unread += 1;
        }
        if let Some(limits) = &self.archives {
            if archive {
                let ex = palisade_secrets::archive::expand(name, data, limits, &mut |n, bytes| {
                    let o = self.scanner.scan(n, bytes, provenance, scratch);
                    lock(self.shared).add(n, bytes, o, self.keep_source);
                });
                let mut shared = lock(self.shared);
                shared.archives += 1;
                shared.skipped.too_large += ex.too_large;
                shared
                    .errors
                    .extend(ex.errors.into_iter().map(|(path, message)| InputError {
                        path,
                        message,
                        region: None,
                        help: None,
                    }));
                return;
            }
        }
        let o = self.scanner.scan(name, data, provenance, scratch);
        lock(self.shared).add(name, data, o, self.keep_source);
    }
}

/// Scan files and directories (and `-`, standard input) in parallel; returns walk errors.
fn scan_paths(
    ctx: &Ctx<'_>,
    roots: &[PathBuf],
    config: &Config,
    threads: usize,
) -> Vec<InputError> {
    let max_size = ctx.max_size;
    let shared = ctx.shared;
    let mut errors = Vec::new();
    let exclude = crate::walk::globset(&config.exclude, "exclude", &mut errors);
    for root in roots {
        if root.as_os_str() == "-" {
            let mut data = Vec::new();
            let limit = max_size.saturating_add(1);
            match std::io::stdin().lock().take(limit).read_to_end(&mut data) {
                Ok(_) if data.len() as u64 > max_size => errors.push(InputError {
                    path: "-".into(),
                    message: format!(
                        "standard input is larger than {max_size} bytes (--max-file-size); not scanned"
                    ),
                    region: None,
                    help: None,
                }),
                Ok(_) => ctx.scan("-", &data, None, &mut Scratch::default()),
                Err(e) => errors.push(InputError {
                    path: "-".into(),
                    message: format!("cannot read standard input: {e}"),
                    region: None,
                    help: None,
                }),
            }
            continue;
        }
        if let Err(e) = std::fs::metadata(root) {
            errors.push(crate::walk::unreadable_root(root, &e));
            continue;
        }
        let walker = crate::walk::builder(root)
            .threads(threads)
            .filter_entry(|e| e.file_name() != ".git")
            .build_parallel();
        walker.run(|| {
            let mut scratch = Scratch::default();
            let mut buf: Vec<u8> = Vec::new();
            let exclude = exclude.as_ref();
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        lock(shared).errors.push(InputError {
                            path: display(root),
                            message: format!("cannot walk: {e}"),
                            region: None,
                            help: None,
                        });
                        return ignore::WalkState::Continue;
                    }
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let p = entry.path();
                if let Some(x) = exclude {
                    let rel = p.strip_prefix(root).unwrap_or(p);
                    if x.is_match(rel) || x.is_match(p) {
                        return ignore::WalkState::Continue;
                    }
                }
                scan_one(ctx, p, &mut buf, &mut scratch);
                ignore::WalkState::Continue
            })
        });
    }
    errors
}

fn lock(m: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn scan_one(ctx: &Ctx<'_>, path: &Path, buf: &mut Vec<u8>, scratch: &mut Scratch) {
    let (max_size, shared) = (ctx.max_size, ctx.shared);
    let shown = display(path);
    let fail = |message: String| {
        lock(shared).errors.push(InputError {
            path: shown.clone(),
            message,
            region: None,
            help: None,
        });
    };
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(format!("cannot read file: {e}")),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max_size {
        lock(shared).skipped.too_large += 1;
        return;
    }
    buf.clear();
    // Read at most one byte past the limit: a file that grew since `metadata` is cut off.
    if let Err(e) = (&mut file).take(max_size + 1).read_to_end(buf) {
        return fail(format!("cannot read file: {e}"));
    }
    if buf.len() as u64 > max_size {
        lock(shared).skipped.too_large += 1;
        return;
    }
    ctx.scan(&shown, buf, None, scratch);
}

/// Scan a history selection: distinct blobs split across workers, one `git cat-file` each.
fn scan_history(
    ctx: &Ctx<'_>,
    repo: &Path,
    sel: &Selection,
    pool: &rayon::ThreadPool,
) -> Result<usize, String> {
    let (max_size, shared) = (ctx.max_size, ctx.shared);
    // No code frames: one path has many versions in history, and sources are kept by path.
    let ctx = &Ctx {
        keep_source: None,
        ..*ctx
    };
    let top = git::open(repo)?;
    let history = git::history(&top, sel)?;
    let workers = pool.current_num_threads().max(1);
    let chunk = history.blobs.len().div_ceil(workers).max(1);
    let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    pool.scope(|s| {
        for part in history.blobs.chunks(chunk) {
            let top = &top;
            let failures = &failures;
            s.spawn(move |_| {
                let mut scratch = Scratch::default();
                let r = git::read_blobs(top, part, max_size, |blob, content| match content {
                    Content::Data(data) => {
                        ctx.scan(&blob.path, data, Some(&blob.provenance), &mut scratch);
                    }
                    Content::TooLarge(_) => lock(shared).skipped.too_large += 1,
                    Content::Error(e) => lock(shared).errors.push(InputError {
                        path: format!("{} (blob {})", blob.path, blob.oid),
                        message: e,
                        region: None,
                        help: None,
                    }),
                });
                if let Err(e) = r {
                    failures
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(e);
                }
            });
        }
    });
    let failures = failures
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(e) = failures.into_iter().next() {
        return Err(e);
    }
    Ok(history.commits)
}
