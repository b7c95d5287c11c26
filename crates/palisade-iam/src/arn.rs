//! Amazon Resource Names: parsing, validation per partition and service, and matching against
//! policy `Resource`/`NotResource` patterns with wildcards and policy variables.
//!
//! Matching follows the IAM user guide (Resource element, "Using wildcards in resource ARNs"):
//! `*` and `?` are wildcards inside one colon-delimited segment, and a `*` that is the **last
//! character of a segment** (followed by `:` or the end of the pattern) may match beyond the colon.
//! ARNs are compared case-sensitively. Policy variables (`${aws:username}`, `${key, 'default'}`,
//! `${*}`, `${?}`, `${$}`) are substituted first; a substituted value is literal text, never a
//! wildcard; a variable whose key has no single value makes the pattern match nothing.
//!
//! The matcher is a dynamic programme over (pattern token, text byte): `O(pattern × text)` time,
//! no recursion, no exponential backtracking on hostile patterns.

use std::fmt;

use crate::policy::wildcard::char_width;

/// The partitions AWS documents, with the region-name prefixes that belong to each.
pub const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// Services whose ARNs never carry a region (global services).
const GLOBAL_SERVICES: &[&str] = &[
    "iam",
    "sts",
    "cloudfront",
    "route53",
    "organizations",
    "waf",
];

/// S3 resource types that live in a region and an account; every other S3 ARN names a bucket or
/// an object, whose ARNs have empty region and account segments.
const S3_REGIONAL_RESOURCES: &[&str] = &[
    "accesspoint/",
    "job/",
    "storage-lens/",
    "storage-lens-group/",
    "access-grants/",
    "async-request/",
];

/// A parsed ARN: `arn:partition:service:region:account:resource`. The resource part keeps any
/// further colons (`log-group:name:log-stream:x`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    pub partition: &'a str,
    /// The service namespace (`s3`, `iam`, ...).
    pub service: &'a str,
    /// The region, empty for global resources.
    pub region: &'a str,
    /// The 12-digit account id, empty for some resources (S3 buckets), `aws` for AWS managed
    /// IAM policies.
    pub account: &'a str,
    /// Everything after the fifth colon.
    pub resource: &'a str,
}

/// Why a string is not an ARN.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ArnError {
    /// It does not start with `arn:`.
    #[error("does not start with `arn:`")]
    NotAnArn,
    /// Fewer than six colon-separated parts.
    #[error("has {0} colon-separated parts, an ARN has 6 (`arn:partition:service:region:account:resource`)")]
    MissingParts(usize),
    /// The partition part is empty.
    #[error("the partition is empty")]
    EmptyPartition,
    /// The service part is empty.
    #[error("the service is empty")]
    EmptyService,
    /// The resource part is empty.
    #[error("the resource is empty")]
    EmptyResource,
}

/// A problem with an ARN that parses: what AWS would reject or never match.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ArnProblem {
    /// Not one of [`PARTITIONS`].
    #[error("unknown partition `{0}`")]
    UnknownPartition(String),
    /// The service namespace has characters other than lowercase letters, digits and `-`.
    #[error("`{0}` is not a service namespace (lowercase letters, digits and `-`)")]
    InvalidService(String),
    /// A wildcard in the service part, which IAM does not allow.
    #[error("a wildcard in the service part (`{0}`) is not allowed")]
    WildcardInService(String),
    /// The region is not of the form `us-east-1`.
    #[error("`{0}` is not a region name")]
    InvalidRegion(String),
    /// The region belongs to another partition.
    #[error("region `{region}` is in partition `{expected}`, not `{partition}`")]
    RegionOutsidePartition {
        /// The region.
        region: String,
        /// The ARN's partition.
        partition: String,
        /// The region's partition.
        expected: &'static str,
    },
    /// A global service's ARN with a region.
    #[error("`{service}` ARNs have no region, found `{region}`")]
    RegionNotAllowed {
        /// The service.
        service: String,
        /// The region given.
        region: String,
    },
    /// The account is not 12 digits (nor `aws`).
    #[error("`{0}` is not an account id (12 digits)")]
    InvalidAccount(String),
    /// An S3 bucket or object ARN with a region or an account.
    #[error(
        "S3 bucket and object ARNs have empty region and account parts (`arn:aws:s3:::bucket/key`)"
    )]
    S3BucketWithRegionOrAccount,
}

impl<'a> Arn<'a> {
    /// Parse `text` as an ARN.
    ///
    /// # Errors
    /// [`ArnError`] when it is not `arn:` followed by five more colon-separated parts with a
    /// non-empty partition, service and resource.
    pub fn parse(text: &'a str) -> Result<Self, ArnError> {
        let Some(rest) = text.strip_prefix("arn:") else {
            return Err(ArnError::NotAnArn);
        };
        let mut parts = rest.splitn(5, ':');
        let (Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(ArnError::MissingParts(text.split(':').count()));
        };
        if partition.is_empty() {
            return Err(ArnError::EmptyPartition);
        }
        if service.is_empty() {
            return Err(ArnError::EmptyService);
        }
        if resource.is_empty() {
            return Err(ArnError::EmptyResource);
        }
        Ok(Self {
            partition,
            service,
            region,
            account,
            resource,
        })
    }

    /// Everything AWS would find wrong with this ARN (or ARN pattern: parts with wildcards are
    /// not checked, except that the service part may not have one).
    #[must_use]
    pub fn problems(&self) -> Vec<ArnProblem> {
        let mut out = Vec::new();
        let wild = |s: &str| s.contains(['*', '?']) || s.contains("${");
        if !wild(self.partition) && !PARTITIONS.contains(&self.partition) {
            out.push(ArnProblem::UnknownPartition(self.partition.to_string()));
        }
        if self.service.contains(['*', '?']) {
            out.push(ArnProblem::WildcardInService(self.service.to_string()));
        } else if !self
            .service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            out.push(ArnProblem::InvalidService(self.service.to_string()));
        }
        if !self.region.is_empty() && !wild(self.region) {
            match partition_of_region(self.region) {
                None => out.push(ArnProblem::InvalidRegion(self.region.to_string())),
                Some(expected) if !wild(self.partition) && expected != self.partition => {
                    out.push(ArnProblem::RegionOutsidePartition {
                        region: self.region.to_string(),
                        partition: self.partition.to_string(),
                        expected,
                    });
                }
                Some(_) => {}
            }
            if GLOBAL_SERVICES.contains(&self.service) {
                out.push(ArnProblem::RegionNotAllowed {
                    service: self.service.to_string(),
                    region: self.region.to_string(),
                });
            }
        }
        if !self.account.is_empty()
            && !wild(self.account)
            && !is_account_id(self.account)
            && (self.account != "aws" || self.service != "iam")
        {
            out.push(ArnProblem::InvalidAccount(self.account.to_string()));
        }
        if self.service == "s3"
            && !S3_REGIONAL_RESOURCES
                .iter()
                .any(|p| self.resource.starts_with(p))
            && (!self.region.is_empty() || !self.account.is_empty())
        {
            out.push(ArnProblem::S3BucketWithRegionOrAccount);
        }
        out
    }
}

impl fmt::Display for Arn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account, self.resource
        )
    }
}

/// Whether `s` is a 12-digit account id.
#[must_use]
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The partition a region name belongs to, or `None` when `region` is not shaped like a region
/// name (`<area>-<location>-<number>`, e.g. `us-east-1`, `us-gov-west-1`, `cn-north-1`,
/// `us-isob-east-1`).
#[must_use]
pub fn partition_of_region(region: &str) -> Option<&'static str> {
    let parts: Vec<&str> = region.split('-').collect();
    let (Some(last), true) = (parts.last(), parts.len() >= 3) else {
        return None;
    };
    let letters = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    if last.is_empty()
        || !last.bytes().all(|b| b.is_ascii_digit())
        || !parts.iter().take(parts.len() - 1).all(letters)
    {
        return None;
    }
    let prefix = |p: &str| region.starts_with(p);
    Some(if prefix("cn-") {
        "aws-cn"
    } else if prefix("us-gov-") {
        "aws-us-gov"
    } else if prefix("us-iso-") {
        "aws-iso"
    } else if prefix("us-isob-") {
        "aws-iso-b"
    } else if prefix("eu-isoe-") {
        "aws-iso-e"
    } else if prefix("us-isof-") {
        "aws-iso-f"
    } else if prefix("eusc-") {
        "aws-eusc"
    } else {
        "aws"
    })
}

/// How `${...}` in a pattern is read.
#[derive(Clone, Copy)]
pub enum Variables<'a> {
    /// Policy `Version` `2008-10-17` or none: `${...}` is literal text.
    Literal,
    /// Policy `Version` `2012-10-17`: look keys up in the request context. The function gets the
    /// key as written (key names are case-insensitive: the lookup must ignore case) and returns
    /// its value when the key has exactly one value; `None` when it is absent or multivalued.
    Resolve(&'a dyn Fn(&str) -> Option<String>),
}

impl fmt::Debug for Variables<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Literal => "Variables::Literal",
            Self::Resolve(_) => "Variables::Resolve(..)",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// One literal byte.
    Lit(u8),
    /// `?`: one character, not a colon.
    One,
    /// `?` in a plain (not ARN) pattern: any one character.
    OneAny,
    /// `*` inside a segment: any run without a colon.
    StarSegment,
    /// `*` ending a segment: any run.
    StarAny,
}

/// A compiled `Resource`/`NotResource` pattern (variables already substituted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArnPattern {
    toks: Vec<Tok>,
}

impl ArnPattern {
    /// Compile `pattern` with `vars`. `None` when a variable cannot be resolved (absent or
    /// multivalued key without a default, or a malformed `${`): such a pattern matches nothing.
    #[must_use]
    pub fn compile(pattern: &str, vars: Variables<'_>) -> Option<Self> {
        Self::build(pattern, vars, true)
    }

    /// Compile a plain glob (a `StringLike` condition value): `*` matches any run and `?` any
    /// one character, colons included; variables as in [`ArnPattern::compile`].
    #[must_use]
    pub fn compile_text(pattern: &str, vars: Variables<'_>) -> Option<Self> {
        Self::build(pattern, vars, false)
    }

    fn build(pattern: &str, vars: Variables<'_>, segmented: bool) -> Option<Self> {
        let mut toks = Vec::with_capacity(pattern.len());
        let bytes = pattern.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'$' if matches!(vars, Variables::Resolve(_))
                    && bytes.get(i + 1) == Some(&b'{') =>
                {
                    let Variables::Resolve(lookup) = vars else {
                        return None;
                    };
                    let (value, used) = variable(pattern.get(i..)?, lookup)?;
                    toks.extend(value.bytes().map(Tok::Lit));
                    i += used;
                    continue;
                }
                b'*' => {
                    let ends_segment = !segmented || matches!(bytes.get(i + 1), None | Some(b':'));
                    toks.push(if ends_segment {
                        Tok::StarAny
                    } else {
                        Tok::StarSegment
                    });
                }
                b'?' => toks.push(if segmented { Tok::One } else { Tok::OneAny }),
                _ => toks.push(Tok::Lit(b)),
            }
            i += 1;
        }
        Some(Self { toks })
    }

    /// Whether `arn` matches.
    #[must_use]
    pub fn matches(&self, arn: &str) -> bool {
        let text = arn.as_bytes();
        // Most patterns are plain ARNs: compare bytes without the table.
        if self.toks.iter().all(|t| matches!(t, Tok::Lit(_))) {
            return self.toks.len() == text.len()
                && self.toks.iter().zip(text).all(|(t, b)| *t == Tok::Lit(*b));
        }
        let n = text.len();
        // row[j]: the tokens so far match text[..j]
        let mut row = vec![false; n + 1];
        let mut next = vec![false; n + 1];
        if let Some(first) = row.first_mut() {
            *first = true;
        }
        for tok in &self.toks {
            next.iter_mut().for_each(|x| *x = false);
            match *tok {
                Tok::Lit(c) => {
                    for j in 0..n {
                        if row.get(j) == Some(&true) && text.get(j) == Some(&c) {
                            set(&mut next, j + 1);
                        }
                    }
                }
                Tok::One | Tok::OneAny => {
                    let colon_ok = *tok == Tok::OneAny;
                    for j in 0..n {
                        let Some(&b) = text.get(j) else { break };
                        let continuation = b & 0xC0 == 0x80;
                        if row.get(j) == Some(&true) && (colon_ok || b != b':') && !continuation {
                            set(&mut next, j + char_width(b));
                        }
                    }
                }
                Tok::StarSegment | Tok::StarAny => {
                    let any = *tok == Tok::StarAny;
                    let mut carry = false;
                    for j in 0..=n {
                        let here = row.get(j) == Some(&true);
                        // extend the previous position's match by text[j - 1]
                        let extend =
                            j > 0 && carry && (any || text.get(j - 1).is_some_and(|b| *b != b':'));
                        carry = here || extend;
                        if carry {
                            set(&mut next, j);
                        }
                    }
                }
            }
            std::mem::swap(&mut row, &mut next);
            if !row.contains(&true) {
                return false;
            }
        }
        row.get(n) == Some(&true)
    }
}

fn set(v: &mut [bool], i: usize) {
    if let Some(x) = v.get_mut(i) {
        *x = true;
    }
}

/// Whether the ARN `arn` matches the `Resource` pattern `pattern`, with `${...}` read as
/// literal text (no request context).
///
/// ```
/// use palisade_iam::arn::resource_arn_matches;
/// assert!(resource_arn_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b"));
/// assert!(resource_arn_matches("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/x"));
/// assert!(!resource_arn_matches("arn:aws:ec2:*:1?:instance/*", "arn:aws:ec2:us-east-1:1:2:instance/i"));
/// ```
#[must_use]
pub fn resource_arn_matches(pattern: &str, arn: &str) -> bool {
    ArnPattern::compile(pattern, Variables::Literal).is_some_and(|p| p.matches(arn))
}

/// Substitute the policy variables of `text` (for comparisons without wildcards: `StringEquals`,
/// `NumericEquals`, ...). `${*}`, `${?}` and `${$}` become the bare characters. `None` when a
/// variable cannot be resolved.
#[must_use]
pub fn substitute(text: &str, vars: Variables<'_>) -> Option<String> {
    let Variables::Resolve(lookup) = vars else {
        return Some(text.to_string());
    };
    if !text.contains("${") {
        return Some(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        out.push_str(rest.get(..at)?);
        let (value, used) = variable(rest.get(at..)?, lookup)?;
        out.push_str(&value);
        rest = rest.get(at + used..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// Read one `${...}` at the start of `s`: the text it stands for and how many bytes it used.
/// `None` when it cannot be resolved.
fn variable(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Option<(String, usize)> {
    let body_start = 2;
    let bytes = s.as_bytes();
    // find the closing brace, skipping quoted default text ('' is an escaped quote)
    let mut i = body_start;
    let mut quoted = false;
    let close = loop {
        let b = *bytes.get(i)?;
        match b {
            b'\'' if quoted && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b'\'' => quoted = !quoted,
            b'}' if !quoted => break i,
            _ => {}
        }
        i += 1;
    };
    let body = s.get(body_start..close)?;
    let used = close + 1;
    match body {
        "*" | "?" | "$" => return Some((body.to_string(), used)),
        _ => {}
    }
    let (key, default) = match body.split_once(',') {
        None => (body.trim(), None),
        Some((k, d)) => (k.trim(), Some(default_text(d.trim())?)),
    };
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    lookup(key).or(default).map(|v| (v, used))
}

/// `'text'` with `''` for a quote inside.
fn default_text(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // only a doubled quote may appear inside
            if chars.next() != Some('\'') {
                return None;
            }
        }
        out.push(c);
    }
    Some(out)
}
