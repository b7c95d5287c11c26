//! Compressed files and archives, read only when asked (`--extract-archives`): gzip, zip (and
//! the zip-based jar, war, ear, apk, whl, nupkg...), tar, and any nesting of these (a
//! `.tar.gz`, a jar inside a war). Formats are told by their magic bytes, not by file name.
//!
//! Everything inside is hostile: each member is read through a size cap, the whole archive
//! through a budget of decompressed bytes (a zip bomb stops at the budget with an error), and
//! nesting stops at a fixed depth. A member that cannot be read is an error naming it; the
//! other members are still scanned.

use std::io::{Cursor, Read};

/// How much an archive may expand to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest member scanned (bytes, after decompression); larger ones are skipped.
    pub max_member: u64,
    /// Decompressed bytes read from one archive, nested ones included.
    pub max_total: u64,
    /// Archives inside archives, counting the outer one as 1.
    pub max_depth: u32,
}

impl Limits {
    /// Members up to `max_member` bytes, the whole archive up to 64 times that (at least
    /// 1 GiB), four levels of nesting.
    #[must_use]
    pub fn new(max_member: u64) -> Self {
        Self {
            max_member,
            max_total: max_member.saturating_mul(64).max(1 << 30),
            max_depth: 4,
        }
    }
}

/// An archive or compression format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// gzip (RFC 1952): one compressed stream.
    Gzip,
    /// zip (PKWARE APPNOTE): local file header magic `PK\x03\x04`, or an empty archive.
    Zip,
    /// POSIX ustar / GNU tar: `ustar` at offset 257.
    Tar,
}

/// The format of `data`, from its magic bytes.
#[must_use]
pub fn kind(data: &[u8]) -> Option<Kind> {
    if data.starts_with(&[0x1f, 0x8b]) {
        Some(Kind::Gzip)
    } else if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        Some(Kind::Zip)
    } else if data.get(257..262) == Some(b"ustar") {
        Some(Kind::Tar)
    } else {
        None
    }
}

/// What happened to the members of one archive.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Members larger than [`Limits::max_member`], not scanned.
    pub too_large: usize,
    /// Members that could not be read: (name, message).
    pub errors: Vec<(String, String)>,
}

/// Call `leaf(name, bytes)` for every file inside the archive `data` (named `name`), going
/// into nested archives. Members are named `outer!inner`, e.g. `build.tgz!app/.env`.
pub fn expand(
    name: &str,
    data: &[u8],
    limits: &Limits,
    leaf: &mut dyn FnMut(&str, &[u8]),
) -> Expanded {
    let mut walk = Walk {
        limits,
        budget: limits.max_total,
        out: Expanded::default(),
        leaf,
    };
    walk.archive(name, data, 1);
    walk.out
}

struct Walk<'a> {
    limits: &'a Limits,
    budget: u64,
    out: Expanded,
    leaf: &'a mut dyn FnMut(&str, &[u8]),
}

/// A member name fit to print: control characters (terminal escapes) shown as `?`.
fn clean(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

impl Walk<'_> {
    fn error(&mut self, name: impl Into<String>, message: impl Into<String>) {
        self.out.errors.push((name.into(), message.into()));
    }

    fn member(&mut self, name: &str, data: &[u8], depth: u32) {
        if kind(data).is_some() && depth < self.limits.max_depth {
            self.archive(name, data, depth + 1);
        } else {
            (self.leaf)(name, data);
        }
    }

    /// Read at most one member's worth from `r`, charged to the budget. `Ok(None)` when the
    /// member is over the size cap (counted).
    fn read(&mut self, name: &str, r: &mut dyn Read) -> Result<Option<Vec<u8>>, ()> {
        let cap = self.limits.max_member.min(self.budget);
        let mut buf = Vec::new();
        if let Err(e) = r.take(cap.saturating_add(1)).read_to_end(&mut buf) {
            self.error(name, format!("cannot read: {e}"));
            return Err(());
        }
        let got = buf.len() as u64;
        if got > self.limits.max_member {
            self.out.too_large += 1;
            self.budget = self.budget.saturating_sub(got);
            return Ok(None);
        }
        if got > self.budget {
            self.error(
                name.to_string(),
                format!(
                    "the archive expands to more than {} bytes; the rest is not read",
                    self.limits.max_total
                ),
            );
            self.budget = 0;
            return Err(());
        }
        self.budget -= got;
        Ok(Some(buf))
    }

    fn archive(&mut self, name: &str, data: &[u8], depth: u32) {
        match kind(data) {
            Some(Kind::Gzip) => self.gzip(name, data, depth),
            Some(Kind::Zip) => self.zip(name, data, depth),
            Some(Kind::Tar) => self.tar(name, data, depth),
            None => (self.leaf)(name, data),
        }
    }

    fn gzip(&mut self, name: &str, data: &[u8], depth: u32) {
        let mut d = flate2::read::MultiGzDecoder::new(data);
        // The inner name: the file name without `.gz` (`.tgz` holds a `.tar`).
        let base = name.rsplit(['/', '!']).next().unwrap_or(name);
        let inner = if let Some(stem) = base.strip_suffix(".tgz") {
            format!("{stem}.tar")
        } else {
            base.strip_suffix(".gz").unwrap_or(base).to_string()
        };
        let full = format!("{name}!{inner}");
        if let Ok(Some(bytes)) = self.read(&full, &mut d) {
            self.member(&full, &bytes, depth);
        }
    }

    fn zip(&mut self, name: &str, data: &[u8], depth: u32) {
        let mut z = match zip::ZipArchive::new(Cursor::new(data)) {
            Ok(z) => z,
            Err(e) => {
                self.error(name, format!("not a readable zip archive: {e}"));
                return;
            }
        };
        for i in 0..z.len() {
            if self.budget == 0 {
                return;
            }
            let mut entry = match z.by_index(i) {
                Ok(e) => e,
                Err(e) => {
                    self.error(format!("{name}!#{i}"), format!("cannot read member: {e}"));
                    continue;
                }
            };
            if entry.is_dir() {
                continue;
            }
            let inner = entry.name().map_or_else(
                |_| String::from_utf8_lossy(entry.name_raw()).into_owned(),
                |n| n.into_owned(),
            );
            let full = format!("{name}!{}", clean(&inner));
            if entry.encrypted() {
                self.error(full, "encrypted member: not read (no password is tried)");
                continue;
            }
            if entry.size() > self.limits.max_member {
                self.out.too_large += 1;
                continue;
            }
            if let Ok(Some(bytes)) = self.read(&full, &mut entry) {
                drop(entry);
                self.member(&full, &bytes, depth);
            }
        }
    }

    fn tar(&mut self, name: &str, data: &[u8], depth: u32) {
        let mut t = tar::Archive::new(data);
        let entries = match t.entries() {
            Ok(e) => e,
            Err(e) => {
                self.error(name, format!("not a readable tar archive: {e}"));
                return;
            }
        };
        for entry in entries {
            if self.budget == 0 {
                return;
            }
            let mut entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    // A broken header leaves no way to find the next one.
                    self.error(name, format!("corrupt tar archive: {e}"));
                    return;
                }
            };
            if !entry.header().entry_type().is_file() {
                continue;
            }
            let inner = entry
                .path()
                .map(|p| clean(&p.to_string_lossy()))
                .unwrap_or_else(|_| "?".into());
            let full = format!("{name}!{inner}");
            if entry.size() > self.limits.max_member {
                self.out.too_large += 1;
                continue;
            }
            if let Ok(Some(bytes)) = self.read(&full, &mut entry) {
                self.member(&full, &bytes, depth);
            }
        }
    }
}
