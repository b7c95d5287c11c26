//! Git history through the `git` command: which blobs a history holds, the commit that first
//! brought each one in, and their contents (`git cat-file --batch`), each distinct blob once.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use palisade_core::Provenance;

/// What part of the history to read.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only what is staged for the next commit (`git diff --cached`).
    pub staged: bool,
    /// Only commits after this one (`REV..HEAD`, or `REV..BRANCH` with `branch`).
    pub since_commit: Option<String>,
    /// Only commits reachable from this ref (default: every ref, `--all`).
    pub branch: Option<String>,
}

/// One distinct blob of the history, with where it first appeared.
#[derive(Debug, Clone)]
pub struct Blob {
    /// Object id.
    pub oid: String,
    /// Path it had in the commit that introduced it.
    pub path: String,
    /// That commit (empty commit for staged content).
    pub provenance: Provenance,
}

/// The blobs of a history selection.
#[derive(Debug, Default)]
pub struct History {
    /// Distinct blobs, in the order first seen.
    pub blobs: Vec<Blob>,
    /// Commits walked.
    pub commits: usize,
}

fn git(repo: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(repo)
        .args([
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
        ])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    c
}

fn spawn_error(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "cannot run `git`: it is not installed or not on PATH".into()
    } else {
        format!("cannot run `git`: {e}")
    }
}

/// Check that `repo` is inside a git work tree or is a bare repository; returns its top level
/// (or git dir for a bare repository).
///
/// # Errors
/// Git's own message.
pub fn open(repo: &Path) -> Result<PathBuf, String> {
    let out = git(repo)
        .args(["rev-parse", "--show-toplevel", "--git-dir"])
        .output()
        .map_err(|e| spawn_error(&e))?;
    if !out.status.success() {
        return Err(format!(
            "`{}` is not a git repository: {}",
            repo.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or("").trim();
    Ok(if first.is_empty() {
        repo.to_path_buf()
    } else {
        PathBuf::from(first)
    })
}

/// A rev that must not be read as an option.
fn checked_rev(rev: &str) -> Result<&str, String> {
    if rev.starts_with('-') || rev.is_empty() || rev.contains("..") {
        Err(format!("`{rev}` is not a commit or branch name"))
    } else {
        Ok(rev)
    }
}

/// Parse raw diff records (`-z --raw --no-abbrev`), calling `blob(new_oid, path)` for each
/// added or modified file, and `commit(header)` for each commit header (`\x01`-prefixed).
enum Event<'a> {
    Commit(&'a [u8]),
    Blob(&'a str, &'a str),
}

fn parse_raw(reader: impl Read, mut on: impl FnMut(Event<'_>)) -> std::io::Result<()> {
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let mut tok = Vec::new();
    let mut pending: Option<String> = None;
    loop {
        tok.clear();
        if r.read_until(0, &mut tok)? == 0 {
            break;
        }
        if tok.last() == Some(&0) {
            tok.pop();
        }
        let t = tok.strip_prefix(b"\n").unwrap_or(&tok);
        if let Some(oid) = pending.take() {
            on(Event::Blob(&oid, &String::from_utf8_lossy(t)));
            continue;
        }
        if let Some(h) = t.strip_prefix(b"\x01") {
            on(Event::Commit(h));
        } else if let Some(meta) = t.strip_prefix(b":") {
            // `:old_mode new_mode old_oid new_oid status`
            let text = String::from_utf8_lossy(meta);
            let f: Vec<&str> = text.split(' ').collect();
            if let [_, new_mode, _, new_oid, status] = f.as_slice() {
                let keep = !status.starts_with('D')
                    && *new_mode != "160000"
                    && new_oid.bytes().any(|b| b != b'0');
                if keep {
                    pending = Some((*new_oid).to_string());
                } else {
                    pending = None;
                    // Still consume the path token.
                    tok.clear();
                    r.read_until(0, &mut tok)?;
                }
            }
        }
    }
    Ok(())
}

/// List the distinct blobs of a selection with their provenance.
///
/// # Errors
/// Git could not be run or refused the selection (unknown ref, not a repository).
pub fn history(repo: &Path, sel: &Selection) -> Result<History, String> {
    let mut cmd = git(repo);
    if sel.staged {
        cmd.args([
            "diff",
            "--cached",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "-z",
            "--no-ext-diff",
            "--diff-filter=ACMR",
        ]);
    } else {
        cmd.args([
            "log",
            "--format=%x01%H%x02%an <%ae>%x02%aI",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--diff-merges=first-parent",
            "-z",
            "--no-ext-diff",
            "--no-textconv",
        ]);
        match (&sel.since_commit, &sel.branch) {
            (Some(since), Some(branch)) => {
                cmd.arg(format!("{}..{}", checked_rev(since)?, checked_rev(branch)?));
            }
            (Some(since), None) => {
                cmd.arg(format!("{}..HEAD", checked_rev(since)?));
            }
            (None, Some(branch)) => {
                cmd.arg(checked_rev(branch)?);
            }
            (None, None) => {
                cmd.arg("--all");
            }
        }
        cmd.arg("--");
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(&e))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| "cannot read git's output".to_string())?;
    let mut stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.take(64 * 1024).read_to_string(&mut s);
        }
        s
    });
    let mut out = History::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut current = Provenance {
        commit: String::new(),
        author: String::new(),
        date: String::new(),
        blob: String::new(),
    };
    let parsed = parse_raw(stdout, |ev| match ev {
        Event::Commit(h) => {
            out.commits += 1;
            let text = String::from_utf8_lossy(h);
            let mut parts = text.split('\x02');
            current.commit = parts.next().unwrap_or("").to_string();
            current.author = parts.next().unwrap_or("").to_string();
            current.date = parts.next().unwrap_or("").trim().to_string();
        }
        Event::Blob(oid, path) => {
            let mut p = current.clone();
            p.blob = oid.to_string();
            match index.get(oid) {
                // `git log` goes newest first: a later sighting is an older commit.
                Some(&i) => {
                    if let Some(b) = out.blobs.get_mut(i) {
                        b.path = path.to_string();
                        b.provenance = p;
                    }
                }
                None => {
                    index.insert(oid.to_string(), out.blobs.len());
                    out.blobs.push(Blob {
                        oid: oid.to_string(),
                        path: path.to_string(),
                        provenance: p,
                    });
                }
            }
        }
    });
    let status = child.wait().map_err(|e| spawn_error(&e))?;
    let err_text = err_reader.join().unwrap_or_default();
    parsed.map_err(|e| format!("cannot read git's output: {e}"))?;
    if !status.success() {
        return Err(format!("git failed: {}", err_text.trim()));
    }
    Ok(out)
}

/// What reading one blob gave.
#[derive(Debug)]
pub enum Content<'a> {
    /// The bytes.
    Data(&'a [u8]),
    /// Larger than the limit (size in bytes); not read into memory.
    TooLarge(u64),
    /// Not found or unreadable.
    Error(String),
}

/// Read blobs with one `git cat-file --batch` process, calling `f` for each, in order.
///
/// # Errors
/// Git could not be started; per-blob problems go to `f` as [`Content::Error`].
pub fn read_blobs(
    repo: &Path,
    blobs: &[Blob],
    max_size: u64,
    mut f: impl FnMut(&Blob, Content<'_>),
) -> Result<(), String> {
    let mut child = git(repo)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(&e))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| "cannot write to git".to_string())?;
    let oids: Vec<String> = blobs.iter().map(|b| b.oid.clone()).collect();
    let writer = std::thread::spawn(move || {
        let mut w = std::io::BufWriter::new(&mut stdin);
        for o in &oids {
            if writeln!(w, "{o}").is_err() {
                break;
            }
        }
        let _ = w.flush();
    });
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| "cannot read git's output".to_string())?;
    let mut r = BufReader::with_capacity(1 << 17, stdout);
    let mut header = String::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut failed: Option<String> = None;
    for blob in blobs {
        if let Some(msg) = &failed {
            f(blob, Content::Error(msg.clone()));
            continue;
        }
        header.clear();
        match r.read_line(&mut header) {
            Ok(0) | Err(_) => {
                let msg = "git cat-file stopped early (corrupt object or repository?)".to_string();
                f(blob, Content::Error(msg.clone()));
                failed = Some(msg);
                continue;
            }
            Ok(_) => {}
        }
        let fields: Vec<&str> = header.split_whitespace().collect();
        let size = match fields.as_slice() {
            [_, "blob", size] => size.parse::<u64>().ok(),
            [_, kind, size] => {
                // Not a blob: skip its content.
                if let Ok(n) = size.parse::<u64>() {
                    let _ = std::io::copy(&mut (&mut r).take(n + 1), &mut std::io::sink());
                }
                f(
                    blob,
                    Content::Error(format!("object is a {kind}, not a blob")),
                );
                continue;
            }
            [_, "missing"] => {
                f(blob, Content::Error("object is missing".into()));
                continue;
            }
            _ => None,
        };
        let Some(size) = size else {
            let msg = format!("unexpected reply from git cat-file: {}", header.trim());
            f(blob, Content::Error(msg.clone()));
            failed = Some(msg);
            continue;
        };
        if size > max_size {
            let _ = std::io::copy(&mut (&mut r).take(size + 1), &mut std::io::sink());
            f(blob, Content::TooLarge(size));
            continue;
        }
        buf.clear();
        let n = usize::try_from(size).unwrap_or(usize::MAX);
        buf.resize(n, 0);
        if r.read_exact(&mut buf).is_err() {
            let msg = "git cat-file output was cut short".to_string();
            f(blob, Content::Error(msg.clone()));
            failed = Some(msg);
            continue;
        }
        let mut nl = [0u8; 1];
        let _ = r.read_exact(&mut nl);
        f(blob, Content::Data(&buf));
    }
    drop(r);
    let _ = writer.join();
    let _ = child.kill();
    let _ = child.wait();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_records() {
        let data = b"\x01c1\x02A <a@x>\x022024-01-01T00:00:00Z\0\n:000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\0dir/a.txt\0:100644 000000 2222222222222222222222222222222222222222 0000000000000000000000000000000000000000 D\0gone.txt\0:000000 160000 0000000000000000000000000000000000000000 3333333333333333333333333333333333333333 A\0sub\0\x01c2\x02B <b@x>\x02d\0";
        let mut commits = Vec::new();
        let mut blobs = Vec::new();
        let r = parse_raw(&data[..], |ev| match ev {
            Event::Commit(h) => commits.push(String::from_utf8_lossy(h).into_owned()),
            Event::Blob(o, p) => blobs.push((o.to_string(), p.to_string())),
        });
        assert!(r.is_ok());
        assert_eq!(commits.len(), 2);
        assert_eq!(
            blobs,
            vec![(
                "1111111111111111111111111111111111111111".to_string(),
                "dir/a.txt".to_string()
            )]
        );
    }

    #[test]
    fn revs_that_look_like_options_are_refused() {
        assert!(checked_rev("--output=/tmp/x").is_err());
        assert!(checked_rev("main").is_ok());
    }
}
