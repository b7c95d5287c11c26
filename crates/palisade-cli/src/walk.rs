//! Finding the files to scan: directories walked in parallel-friendly order, honouring
//! `.gitignore` and the configuration's include/exclude globs.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use palisade_core::InputError;

/// Extensions read as templates when found in a directory.
pub const TEMPLATE_EXTENSIONS: [&str; 4] = ["yaml", "yml", "json", "template"];

/// A file to scan and how it was found.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The path, as it will be shown.
    pub path: PathBuf,
    /// Whether to read it as a template or policy (named explicitly, or with a template
    /// extension); other files found in directories are only searched for secrets.
    pub template: bool,
}

/// The glob set of a configuration key (`include`/`exclude`); bad globs become input errors.
pub(crate) fn globset(
    patterns: &[String],
    key: &str,
    errors: &mut Vec<InputError>,
) -> Option<GlobSet> {
    if patterns.is_empty() {
        return None;
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        match Glob::new(p) {
            Ok(g) => {
                b.add(g);
            }
            Err(e) => errors.push(InputError {
                path: String::new(),
                message: format!("invalid `{key}` glob `{p}`: {e}"),
                region: None,
                help: None,
            }),
        }
    }
    b.build().ok()
}

/// How every command walks a directory: hidden files included, `.gitignore` and
/// `.git/info/exclude` honoured (also outside a git repository), the user's global excludes
/// not, symbolic links not followed.
pub(crate) fn builder(root: &Path) -> ignore::WalkBuilder {
    let mut b = ignore::WalkBuilder::new(root);
    b.hidden(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false);
    b
}

/// Display form of a path: `/` separators, no leading `./`.
#[must_use]
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Collect candidate files. Files named explicitly are always scanned; files found in
/// directories must pass include/exclude, and are templates when they have a template
/// extension. Other files are kept (as non-templates) only when `all_files` is set.
pub fn collect(
    roots: &[PathBuf],
    include: &[String],
    exclude: &[String],
    all_files: bool,
    errors: &mut Vec<InputError>,
) -> Vec<Candidate> {
    let inc = globset(include, "include", errors);
    let exc = globset(exclude, "exclude", errors);
    let mut out = Vec::new();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(unreadable_root(root, &e));
                continue;
            }
        };
        if meta.is_file() {
            out.push(Candidate {
                path: root.clone(),
                template: true,
            });
            continue;
        }
        let walker = builder(root)
            .filter_entry(|e| {
                let n = e.file_name().to_string_lossy();
                !(n == ".git" || n == "node_modules" || n == ".aws-sam" || n == "cdk.out")
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(InputError {
                        path: display(root),
                        message: format!("cannot walk directory: {e}"),
                        region: None,
                        help: None,
                    });
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let p = entry.path();
            let ext_ok = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if !ext_ok && !all_files {
                continue;
            }
            let rel = p.strip_prefix(root).unwrap_or(p);
            if let Some(i) = &inc {
                if !i.is_match(rel) && !i.is_match(p) {
                    continue;
                }
            }
            if let Some(x) = &exc {
                if x.is_match(rel) || x.is_match(p) {
                    continue;
                }
            }
            out.push(Candidate {
                path: p.to_path_buf(),
                template: ext_ok,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    out
}

/// The error for a path given on the command line that cannot be read.
pub(crate) fn unreadable_root(root: &Path, e: &std::io::Error) -> InputError {
    InputError {
        path: display(root),
        message: format!("cannot read `{}`: {e}", display(root)),
        region: None,
        help: None,
    }
}
