//! The `Condition` element against a request context, as the IAM user guide's condition pages
//! describe it (see `shared/reference/iam-evaluation.md`, section 5).
//!
//! - A block is the AND of its operators, an operator the AND of its keys; for one key with
//!   several policy values a positive operator needs **one** to match, a negated operator
//!   (`StringNotEquals`, `NotIpAddress`, ...) needs **none** to match.
//! - Key absent (or an empty set): `...IfExists` is true; `ForAllValues:` is true and
//!   `ForAnyValue:` false; otherwise a negated operator is true and a positive one false.
//!   `Null: true` holds when the key is absent.
//! - `ForAnyValue:`: some request value passes; `ForAllValues:`: every one does. A plain operator
//!   on a key with more than one value holds nothing (**inferred**: AWS says multivalued keys
//!   require a set operator).
//! - Policy variables in values are substituted first; a value whose variable cannot be resolved
//!   matches no request value (**inferred** for negated operators, where AWS is silent).
//! - An operator name AWS does not know makes the condition false.

use std::net::IpAddr;

use crate::arn::{substitute, ArnPattern, Variables};
use crate::eval::context::RequestContext;
use crate::policy::{
    BaseOperator, ConditionBlock, ConditionClause, ConditionEntry, SetQualifier, Spanned,
};
use palisade_core::Span;

/// Why a condition block did not hold: the first key whose test failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionFailure {
    /// The operator as written.
    pub operator: String,
    /// The condition key as written.
    pub key: String,
    /// Where the key is in the policy.
    pub span: Span,
}

/// Evaluate a condition block. `Ok(())` when it holds, else the first failing key.
///
/// # Errors
/// The first operator/key that does not hold.
pub fn evaluate(
    block: &ConditionBlock,
    ctx: &RequestContext,
    vars: Variables<'_>,
) -> Result<(), ConditionFailure> {
    if let Some(span) = block.unresolved.first() {
        return Err(ConditionFailure {
            operator: String::new(),
            key: "(unresolved template value)".into(),
            span: *span,
        });
    }
    for clause in &block.clauses {
        for entry in &clause.entries {
            if !entry_holds(clause, entry, ctx, vars) {
                return Err(ConditionFailure {
                    operator: clause.operator.value.to_string(),
                    key: entry.key.value.clone(),
                    span: entry.key.span,
                });
            }
        }
    }
    Ok(())
}

/// The outcome of a condition block in a partial context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partial {
    /// Holds with the keys given.
    Holds,
    /// Fails on a key that is given.
    Fails,
    /// Depends on a key that is not given.
    Unknown,
}

/// Evaluate a condition block where keys absent from the context are unknown: `Fails` when an
/// entry on a given key fails, else `Unknown` when some entry is on an absent key (or the block
/// holds unresolved template values), else `Holds`.
#[must_use]
pub fn evaluate_partial(
    block: &ConditionBlock,
    ctx: &RequestContext,
    vars: Variables<'_>,
) -> Partial {
    let mut unknown = !block.unresolved.is_empty();
    for clause in &block.clauses {
        for entry in &clause.entries {
            if ctx.values(&entry.key.value).is_none() {
                unknown = true;
            } else if !entry_holds(clause, entry, ctx, vars) {
                return Partial::Fails;
            }
        }
    }
    if unknown {
        Partial::Unknown
    } else {
        Partial::Holds
    }
}

fn entry_holds(
    clause: &ConditionClause,
    entry: &ConditionEntry,
    ctx: &RequestContext,
    vars: Variables<'_>,
) -> bool {
    let op = &clause.operator.value;
    let values = ctx.values(&entry.key.value);
    let present = values.is_some_and(|v| !v.is_empty());
    if op.base == BaseOperator::Null {
        // policy values "true"/"false": is the key absent?
        return entry
            .values
            .iter()
            .filter_map(|v| v.value.as_text())
            .any(|v| match v.to_ascii_lowercase().as_str() {
                "true" => !present,
                "false" => present,
                _ => false,
            });
    }
    if matches!(op.base, BaseOperator::Unknown(_)) {
        return false;
    }
    let Some(request) = values.filter(|v| !v.is_empty()) else {
        return op.if_exists
            || match op.set {
                Some(SetQualifier::ForAllValues) => true,
                Some(SetQualifier::ForAnyValue) => false,
                None => op.base.is_negated(),
            };
    };
    let policy = policy_values(&entry.values, &op.base, vars);
    let test = |r: &str| {
        let hit = policy.iter().any(|p| compare(&op.base, p, r));
        if op.base.is_negated() {
            !hit
        } else {
            hit
        }
    };
    match op.set {
        Some(SetQualifier::ForAnyValue) => request.iter().any(|r| test(r)),
        Some(SetQualifier::ForAllValues) => request.iter().all(|r| test(r)),
        None => match request {
            [one] => test(one),
            _ => false,
        },
    }
}

/// A policy value ready to compare.
enum PolicyValue {
    Text(String),
    Glob(ArnPattern),
    ArnParts(Vec<ArnPattern>),
}

fn policy_values(
    values: &[Spanned<crate::policy::ConditionValue>],
    base: &BaseOperator,
    vars: Variables<'_>,
) -> Vec<PolicyValue> {
    let globbing = matches!(
        base,
        BaseOperator::StringLike
            | BaseOperator::StringNotLike
            | BaseOperator::ArnLike
            | BaseOperator::ArnNotLike
            | BaseOperator::ArnEquals
            | BaseOperator::ArnNotEquals
    );
    values
        .iter()
        .filter_map(|v| v.value.as_text())
        .filter_map(|text| {
            if globbing {
                if matches!(base, BaseOperator::StringLike | BaseOperator::StringNotLike) {
                    ArnPattern::compile_text(text, vars).map(PolicyValue::Glob)
                } else {
                    arn_condition_pattern(text, vars)
                }
            } else {
                substitute(text, vars).map(PolicyValue::Text)
            }
        })
        .collect()
}

/// ARN condition operators compare the six colon-separated parts one by one, wildcards allowed
/// in each (`ArnEquals` behaves as `ArnLike`). A value with fewer than six parts matches nothing.
fn arn_condition_pattern(text: &str, vars: Variables<'_>) -> Option<PolicyValue> {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    if parts.len() < 6 {
        return None;
    }
    parts
        .into_iter()
        .map(|p| ArnPattern::compile_text(p, vars))
        .collect::<Option<Vec<_>>>()
        .map(PolicyValue::ArnParts)
}

fn compare(base: &BaseOperator, policy: &PolicyValue, request: &str) -> bool {
    use BaseOperator as B;
    match (base, policy) {
        (B::StringLike | B::StringNotLike, PolicyValue::Glob(p)) => p.matches(request),
        (B::ArnLike | B::ArnNotLike | B::ArnEquals | B::ArnNotEquals, PolicyValue::ArnParts(p)) => {
            let parts: Vec<&str> = request.splitn(6, ':').collect();
            parts.len() == p.len() && p.iter().zip(&parts).all(|(p, r)| p.matches(r))
        }
        (B::StringEquals | B::StringNotEquals, PolicyValue::Text(p)) => p == request,
        (B::StringEqualsIgnoreCase | B::StringNotEqualsIgnoreCase, PolicyValue::Text(p)) => {
            p.to_lowercase() == request.to_lowercase()
        }
        (B::NumericEquals | B::NumericNotEquals, PolicyValue::Text(p)) => {
            numbers(p, request).is_some_and(|(p, r)| r == p)
        }
        (B::NumericLessThan, PolicyValue::Text(p)) => {
            numbers(p, request).is_some_and(|(p, r)| r < p)
        }
        (B::NumericLessThanEquals, PolicyValue::Text(p)) => {
            numbers(p, request).is_some_and(|(p, r)| r <= p)
        }
        (B::NumericGreaterThan, PolicyValue::Text(p)) => {
            numbers(p, request).is_some_and(|(p, r)| r > p)
        }
        (B::NumericGreaterThanEquals, PolicyValue::Text(p)) => {
            numbers(p, request).is_some_and(|(p, r)| r >= p)
        }
        (B::DateEquals | B::DateNotEquals, PolicyValue::Text(p)) => {
            dates(p, request).is_some_and(|(p, r)| r == p)
        }
        (B::DateLessThan, PolicyValue::Text(p)) => dates(p, request).is_some_and(|(p, r)| r < p),
        (B::DateLessThanEquals, PolicyValue::Text(p)) => {
            dates(p, request).is_some_and(|(p, r)| r <= p)
        }
        (B::DateGreaterThan, PolicyValue::Text(p)) => dates(p, request).is_some_and(|(p, r)| r > p),
        (B::DateGreaterThanEquals, PolicyValue::Text(p)) => {
            dates(p, request).is_some_and(|(p, r)| r >= p)
        }
        (B::Bool, PolicyValue::Text(p)) => {
            let b = |s: &str| match s.to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
            matches!((b(p), b(request)), (Some(x), Some(y)) if x == y)
        }
        (B::BinaryEquals, PolicyValue::Text(p)) => p == request,
        (B::IpAddress | B::NotIpAddress, PolicyValue::Text(p)) => ip_in(p, request),
        _ => false,
    }
}

fn numbers(policy: &str, request: &str) -> Option<(f64, f64)> {
    let parse = |s: &str| {
        let s = s.trim();
        let ok = !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
        if ok {
            s.parse::<f64>().ok().filter(|f| f.is_finite())
        } else {
            None
        }
    };
    Some((parse(policy)?, parse(request)?))
}

fn dates(policy: &str, request: &str) -> Option<(i128, i128)> {
    Some((parse_date(policy)?, parse_date(request)?))
}

/// Milliseconds since the Unix epoch of an ISO 8601 date or date-time (`2024-01-31`,
/// `2024-01-31T12:00:00Z`, `...T12:00:00.250+02:00`) or of POSIX epoch seconds (`1706702400`).
#[must_use]
pub fn parse_date(text: &str) -> Option<i128> {
    let s = text.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i128>().ok().map(|secs| secs * 1000);
    }
    let num = |t: &str| -> Option<i64> {
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let (date, time) = match s.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (year, month, day) = (num(d.next()?)?, num(d.next()?)?, num(d.next()?)?);
    if d.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let mut millis = i128::from(days) * 86_400_000;
    if let Some(t) = time {
        // split off the zone: Z, +hh:mm, -hh:mm (or none: UTC)
        let (clock, offset_minutes) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
            (c, 0i64)
        } else if let Some(i) = t.rfind(['+', '-']) {
            let (c, z) = t.split_at(i);
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let z = z.get(1..)?;
            let (h, m) = z
                .split_once(':')
                .unwrap_or((z.get(..2)?, z.get(2..).unwrap_or("0")));
            (
                c,
                sign * (num(h)? * 60 + num(if m.is_empty() { "0" } else { m })?),
            )
        } else {
            (t, 0)
        };
        let (hms, frac) = match clock.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (clock, None),
        };
        let mut parts = hms.split(':');
        let h = num(parts.next()?)?;
        let m = parts.next().map_or(Some(0), num)?;
        let sec = parts.next().map_or(Some(0), num)?;
        if parts.next().is_some() || h > 23 || m > 59 || sec > 60 {
            return None;
        }
        let ms = match frac {
            None => 0,
            Some(f) => {
                let digits: String = f.chars().take(3).collect();
                let padded = format!("{digits:0<3}");
                num(&padded)?
            }
        };
        millis += i128::from(((h * 60 + m) * 60 + sec) * 1000 + ms);
        millis -= i128::from(offset_minutes) * 60_000;
    }
    Some(millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Whether the request address is in the policy's address or CIDR range (IPv4 or IPv6; the
/// families must agree).
fn ip_in(policy: &str, request: &str) -> bool {
    let Ok(addr) = request.trim().parse::<IpAddr>() else {
        return false;
    };
    let (net, len) = match policy.trim().split_once('/') {
        Some((a, l)) => match (a.parse::<IpAddr>(), l.parse::<u32>()) {
            (Ok(a), Ok(l)) => (a, l),
            _ => return false,
        },
        None => match policy.trim().parse::<IpAddr>() {
            Ok(a) => (a, if a.is_ipv4() { 32 } else { 128 }),
            Err(_) => return false,
        },
    };
    match (net, addr) {
        (IpAddr::V4(n), IpAddr::V4(a)) if len <= 32 => {
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            u32::from(n) & mask == u32::from(a) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(a)) if len <= 128 => {
            let mask = if len == 0 {
                0
            } else {
                u128::MAX << (128 - len)
            };
            u128::from(n) & mask == u128::from(a) & mask
        }
        _ => false,
    }
}
