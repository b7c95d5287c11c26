//! Checks: condition operators and condition values.
//!
//! These checks look at each `Condition` block operator by operator and key by key: whether the
//! operator exists (`INVALID_CONDITION_OPERATOR`, `NULL_WITH_IF_EXISTS`), whether its set
//! qualifier fits the key (`MISSING_QUALIFIER`, `FORALLVALUES_WITH_SINGLE_VALUED_KEY`), whether
//! its family fits the key's type in the action catalog (`TYPE_MISMATCH`), whether each value
//! can be read the way the operator reads it (a date, a number, a CIDR range, base64, a
//! boolean), and a few patterns that look right but do not work: private ranges under
//! `aws:SourceIp`, wildcards under `StringEquals`, empty value lists, redundant bounds, and MFA
//! checks that fail open.
//!
//! Whether a condition key *exists* is checked elsewhere; here an unknown key only means that
//! the checks which need the key's type are skipped. Values that are unresolved template
//! intrinsics are never reported.

use std::net::IpAddr;

use palisade_core::{Severity, Span};
use palisade_doc::{Node, Value};

use super::{lowered, Check, Ctx, FindingType, Out};
use crate::catalog::{ConditionKeyType, KeyValueType};
use crate::eval::parse_date;
use crate::policy::{
    BaseOperator, ConditionBlock, ConditionClause, ConditionEntry, ConditionOperator,
    ConditionValue, Effect, SetQualifier, Statement,
};

/// The checks of this module.
pub(super) const CHECKS: &[Check] = &[
    // ---- Operators -----------------------------------------------------------------------
    Check {
        id: "IAM1301",
        name: "invalid-condition-operator",
        access_analyzer: Some("INVALID_CONDITION_OPERATOR"),
        parliament: &["UNKNOWN_OPERATOR"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A condition operator name is not one AWS knows.",
        why: "AWS rejects a policy whose `Condition` uses an operator it does not know. Operator \
              names are case-sensitive, so `stringEquals` or `ForAnyValues:StringLike` are as \
              wrong as a made-up name.",
        fix: "Use one of the documented operators, spelled exactly: `StringEquals`, \
              `StringLike`, `ArnLike`, `NumericLessThan`, `DateGreaterThan`, `Bool`, \
              `IpAddress`, `Null`, ..., optionally prefixed with `ForAnyValue:` or \
              `ForAllValues:` and suffixed with `IfExists`.",
        applies: &[],
    },
    Check {
        id: "IAM1302",
        name: "null-with-if-exists",
        access_analyzer: Some("NULL_WITH_IF_EXISTS"),
        parliament: &["UNKNOWN_OPERATOR"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "`NullIfExists` is not an operator: `IfExists` cannot be added to `Null`.",
        why: "`Null` already tests whether a key is present, so AWS does not accept the \
              `IfExists` suffix on it and rejects the policy.",
        fix: "Use `Null` with `\"true\"` (the key must be absent) or `\"false\"` (the key must be \
              present), or the `IfExists` form of the comparison you meant, e.g. \
              `StringEqualsIfExists`.",
        applies: &[],
    },
    Check {
        id: "IAM1303",
        name: "duplicate-condition-keys-with-different-case",
        access_analyzer: Some("DUPLICATE_KEYS_WITH_DIFFERENT_CASE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The same condition key appears twice under one operator, spelled with \
                  different capitalisation.",
        why: "Condition key names are case-insensitive, so `aws:SourceIp` and `aws:sourceip` \
              are one key. Listing both under one operator is rejected by AWS, and it is \
              unclear which of the value lists was meant.",
        fix: "Keep one spelling and merge the values into a single list, e.g. \
              `\"aws:SourceVpce\": [\"vpce-1\", \"vpce-2\"]`.",
        applies: &[],
    },
    Check {
        id: "IAM1304",
        name: "invalid-condition-data-type",
        access_analyzer: Some("INVALID_CONDITION_DATA_TYPE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The values of one condition key mix JSON types (strings with numbers or \
                  booleans).",
        why: "AWS expects every value of a condition key to have the same JSON type and rejects \
              a list such as `[\"true\", false]` or `[\"10\", 20]`.",
        fix: "Write all values the same way; strings always work: `[\"10\", \"20\"]`.",
        applies: &[],
    },
    Check {
        id: "IAM1305",
        name: "invalid-condition-key-format",
        access_analyzer: Some("INVALID_CONDITION_KEY_FORMAT"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A condition key is not of the form `prefix:name`.",
        why: "Every condition key names its service (or `aws` for global keys, or an identity \
              provider) before a colon, e.g. `aws:SourceIp` or `s3:prefix`. A key without that \
              form is rejected by AWS and can never match a request.",
        fix: "Write the key with its prefix, e.g. `aws:SourceVpc` instead of `SourceVpc`, and \
              without surrounding spaces.",
        applies: &[],
    },
    Check {
        id: "IAM1306",
        name: "invalid-condition-multiple-boolean",
        access_analyzer: Some("INVALID_CONDITION_MULTIPLE_BOOLEAN"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A `Bool` condition lists more than one value for a key.",
        why: "A boolean key holds one value, so several values under `Bool` either repeat \
              themselves or, with `true` and `false`, make the condition hold whenever the key \
              is present: it no longer tests anything.",
        fix: "Give a single value: `\"Bool\": {\"aws:SecureTransport\": \"false\"}`.",
        applies: &[],
    },
    Check {
        id: "IAM1307",
        name: "invalid-variable-for-operator",
        access_analyzer: Some("INVALID_VARIABLE_FOR_OPERATOR"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A policy variable is used with an operator that does not expand variables.",
        why: "AWS replaces `${...}` policy variables only in string and ARN comparisons. Under \
              numeric, date, binary, IP address or `Null` operators the text is not expanded, \
              so the comparison is against the literal `${...}` and AWS rejects the policy.",
        fix: "Compare the variable with a string or ARN operator (`StringEquals`, `ArnLike`, \
              ...), or write a fixed value for the other operators.",
        applies: &[],
    },
    Check {
        id: "IAM1308",
        name: "missing-set-qualifier",
        access_analyzer: Some("MISSING_QUALIFIER"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A multivalued condition key is used without `ForAnyValue:` or \
                  `ForAllValues:`.",
        why: "Keys such as `aws:TagKeys` or `aws:CalledVia` carry a set of values in the \
              request. A plain operator does not say whether any or every value must match, so \
              AWS requires a set qualifier and the condition may not mean what it seems to.",
        fix: "Add the qualifier you mean: `ForAnyValue:StringEquals` (some request value \
              matches) or `ForAllValues:StringEquals` (every request value matches; note that it \
              is also true when the key is absent).",
        applies: &[],
    },
    Check {
        id: "IAM1309",
        name: "private-ip-address",
        access_analyzer: Some("PRIVATE_IP_ADDRESS"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "`aws:SourceIp` is compared only with private address ranges under \
                  `IpAddress`.",
        why: "`aws:SourceIp` holds the public address a request comes from; requests from a \
              VPC through an endpoint do not carry it at all. A list of only private ranges \
              (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7, ...) therefore never \
              matches, so an `Allow` grants nothing and a `Deny` never applies.",
        fix: "Compare public ranges with `aws:SourceIp`, or private ranges with \
              `aws:VpcSourceIp` (which is set for requests through a VPC endpoint), usually \
              together with `aws:SourceVpc` or `aws:SourceVpce`.",
        applies: &[],
    },
    Check {
        id: "IAM1310",
        name: "private-not-ip-address",
        access_analyzer: Some("PRIVATE_NOT_IP_ADDRESS"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "`aws:SourceIp` is compared only with private address ranges under \
                  `NotIpAddress`.",
        why: "`aws:SourceIp` never holds a private address, so `NotIpAddress` with only private \
              ranges is true for every request that carries the key: the condition excludes \
              nothing. A `Deny` meant to spare the internal network denies it too (or nothing \
              is spared), and an `Allow` is not restricted at all.",
        fix: "List the public ranges to exclude, or use `aws:VpcSourceIp` for private ranges \
              of requests that come through a VPC endpoint.",
        applies: &[],
    },
    // ---- Values ----------------------------------------------------------------------------
    Check {
        id: "IAM1311",
        name: "invalid-date-value",
        access_analyzer: Some("INVALID_DATE_VALUE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A date condition value may not mean the moment it seems to (epoch numbers, \
                  times without a time zone, incomplete dates).",
        why: "Date operators read a bare number as seconds since 1970, so `2024` or a \
              millisecond timestamp is a very different moment than intended; a time without \
              a zone designator and a date without its day are easy to misread too.",
        fix: "Write the full W3C form: `2024-06-30` or `2024-06-30T18:00:00Z`.",
        applies: &[],
    },
    Check {
        id: "IAM1312",
        name: "wildcard-without-like-operator",
        access_analyzer: Some("WILDCARD_WITHOUT_LIKE_OPERATOR"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A value under `StringEquals` (or another exact string operator) contains `*` \
                  or `?`.",
        why: "Exact string operators compare the characters `*` and `?` literally, so \
              `\"StringEquals\": {\"aws:PrincipalTag/team\": \"dev-*\"}` matches only the tag \
              value `dev-*`. An `Allow` then grants less than intended and a `Deny` protects \
              less than intended.",
        fix: "Use `StringLike` (or `StringNotLike`) for patterns; to match a literal `*` with \
              `StringLike`, write `${*}`.",
        applies: &[],
    },
    Check {
        id: "IAM1313",
        name: "condition-type-mismatch",
        access_analyzer: Some("TYPE_MISMATCH"),
        parliament: &["MISMATCHED_TYPE"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "The operator's type does not fit the condition key's type (e.g. \
                  `StringEquals` on a date key).",
        why: "Each condition key has a type (string, ARN, number, date, boolean, IP address, \
              binary) and is meant to be compared with operators of that type. A string \
              comparison of a date or a number compares text, so `\"10\"` does not equal \
              `\"10.0\"` and ranges cannot be expressed: the condition may never hold.",
        fix: "Use the operator family of the key's type, e.g. `DateGreaterThan` for \
              `aws:CurrentTime`, `NumericLessThan` for `s3:max-keys`, `Bool` for \
              `aws:SecureTransport`.",
        applies: &[],
    },
    Check {
        id: "IAM1314",
        name: "string-operator-on-arn-key",
        access_analyzer: None,
        parliament: &["MISMATCHED_TYPE_BUT_USABLE"],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "An ARN condition key is compared with a string operator.",
        why: "String operators work on ARN keys, but they compare the whole ARN as text: the \
              ARN operators compare it part by part, so a pattern cannot accidentally span \
              the colons between partition, service, region, account and resource.",
        fix: "Prefer `ArnEquals` / `ArnLike` for ARN keys such as `aws:SourceArn` or \
              `aws:PrincipalArn`.",
        applies: &[],
    },
    Check {
        id: "IAM1315",
        name: "type-mismatch-boolean",
        access_analyzer: Some("TYPE_MISMATCH_BOOLEAN"),
        parliament: &["MISMATCHED_TYPE_OPERATION_TO_NULL"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A `Bool` or `Null` condition has a value other than `true` or `false`.",
        why: "`Bool` compares with `true` or `false`, and `Null` takes `true` (the key is \
              absent) or `false` (it is present). Any other value, such as `\"yes\"` or an \
              account id, never matches, so the condition is always false.",
        fix: "Use `\"true\"` or `\"false\"`. For `Null`, `\"true\"` means the key must be \
              missing from the request.",
        applies: &[],
    },
    Check {
        id: "IAM1316",
        name: "type-mismatch-date",
        access_analyzer: Some("TYPE_MISMATCH_DATE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A date operator has a value that is not a date.",
        why: "Date operators need an ISO 8601 date or date-time, or epoch seconds. A value AWS \
              cannot read as a date never compares, so the condition is always false (or \
              always true for `DateNotEquals`).",
        fix: "Write the date as `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`.",
        applies: &[],
    },
    Check {
        id: "IAM1317",
        name: "type-mismatch-ip-range",
        access_analyzer: Some("TYPE_MISMATCH_IP_RANGE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An IP address operator has a value that is not an address or CIDR range.",
        why: "`IpAddress` and `NotIpAddress` read IPv4 or IPv6 addresses in CIDR notation. A \
              value such as `10.0.0.0/33`, `192.168.1` or a host name never matches.",
        fix: "Write ranges in CIDR notation, e.g. `203.0.113.0/24` or `2001:db8::/32`.",
        applies: &[],
    },
    Check {
        id: "IAM1318",
        name: "type-mismatch-number",
        access_analyzer: Some("TYPE_MISMATCH_NUMBER"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A numeric operator has a value that is not a number.",
        why: "Numeric operators compare integers or decimals. A value that is not a number \
              (`\"1h\"`, `\"ten\"`) never compares, so the condition is always false (or \
              always true for `NumericNotEquals`).",
        fix: "Write a plain number, e.g. `\"3600\"`.",
        applies: &[],
    },
    Check {
        id: "IAM1319",
        name: "type-mismatch-binary",
        access_analyzer: Some("TYPE_MISMATCH_STRING"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A `BinaryEquals` value is not base64.",
        why: "`BinaryEquals` compares bytes given in base64. A value that is not valid base64 \
              cannot stand for any bytes and never matches.",
        fix: "Encode the bytes in standard base64 with padding, e.g. \
              `QmluYXJ5VmFsdWU=`.",
        applies: &[],
    },
    Check {
        id: "IAM1320",
        name: "forallvalues-with-single-valued-key",
        access_analyzer: Some("FORALLVALUES_WITH_SINGLE_VALUED_KEY"),
        parliament: &["SINGLE_VALUE_CONDITION_TOO_PERMISSIVE"],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "`ForAllValues:` is used with a single-valued condition key.",
        why: "`ForAllValues:` is true when the request carries no value for the key. On a \
              single-valued key such as `aws:SourceVpce` or `aws:RequestTag/team`, an `Allow` \
              therefore also applies to every request without the key, which is usually the \
              very request the condition was meant to keep out.",
        fix: "Drop the qualifier: `StringEquals` instead of `ForAllValues:StringEquals`. Set \
              qualifiers belong only on multivalued keys such as `aws:TagKeys`.",
        applies: &[],
    },
    Check {
        id: "IAM1321",
        name: "foranyvalue-with-single-valued-key",
        access_analyzer: None,
        parliament: &["SINGLE_VALUE_CONDITION_TOO_PERMISSIVE"],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "`ForAnyValue:` is used with a single-valued condition key.",
        why: "AWS advises against set qualifiers on single-valued keys. `ForAnyValue:` is \
              false when the key is absent, also for negated operators, so \
              `ForAnyValue:StringNotEquals` in a `Deny` does not apply to requests without \
              the key, unlike plain `StringNotEquals`.",
        fix: "Drop the qualifier: `StringEquals` instead of `ForAnyValue:StringEquals`.",
        applies: &[],
    },
    // ---- Empty and redundant parts ----------------------------------------------------------
    Check {
        id: "IAM1322",
        name: "empty-array-condition",
        access_analyzer: Some("EMPTY_ARRAY_CONDITION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A condition key has an empty list of values.",
        why: "With no values there is nothing to compare with: a positive operator never \
              matches, so the statement never applies, and a negated one excludes nothing. \
              Either way the condition does not do what it appears to.",
        fix: "Give the values to compare with, or remove the key.",
        applies: &[],
    },
    Check {
        id: "IAM1323",
        name: "empty-array-condition-forallvalues",
        access_analyzer: Some("EMPTY_ARRAY_CONDITION_FORALLVALUES"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A `ForAllValues:` condition key has an empty list of values.",
        why: "`ForAllValues:` with no values holds only when the request carries no value for \
              the key, which is an obscure way to test that the key is absent.",
        fix: "To require that the key is absent, write `\"Null\": {\"<key>\": \"true\"}`; \
              otherwise list the allowed values.",
        applies: &[],
    },
    Check {
        id: "IAM1324",
        name: "empty-array-condition-foranyvalue",
        access_analyzer: Some("EMPTY_ARRAY_CONDITION_FORANYVALUE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A `ForAnyValue:` condition key has an empty list of values.",
        why: "`ForAnyValue:` with no values can never find a matching value, so the condition \
              is always false and the statement never applies.",
        fix: "List the values to match, or remove the key.",
        applies: &[],
    },
    Check {
        id: "IAM1325",
        name: "empty-array-condition-ifexists",
        access_analyzer: Some("EMPTY_ARRAY_CONDITION_IFEXISTS"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "An `...IfExists` condition key has an empty list of values.",
        why: "With no values to match, the `IfExists` form holds only when the key is absent, \
              which is an obscure way to test that the key is absent.",
        fix: "To require that the key is absent, write `\"Null\": {\"<key>\": \"true\"}`; \
              otherwise list the values.",
        applies: &[],
    },
    Check {
        id: "IAM1326",
        name: "empty-object-condition",
        access_analyzer: Some("EMPTY_OBJECT_CONDITION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A `Condition` block, or one of its operators, is an empty object.",
        why: "An empty condition tests nothing. It is harmless, but it suggests a condition \
              was meant to be there and was lost, so the statement may be wider than intended.",
        fix: "Write the intended condition, or remove the empty `Condition` (or operator).",
        applies: &[],
    },
    Check {
        id: "IAM1327",
        name: "improve-ip-range",
        access_analyzer: Some("IMPROVE_IP_RANGE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A CIDR range has bits set after its prefix length.",
        why: "AWS ignores the address bits after the prefix, so `10.1.2.3/16` means \
              `10.1.0.0/16`. The written address suggests a narrower range than the one that \
              applies.",
        fix: "Write the network address of the range, e.g. `10.1.0.0/16`, or the prefix \
              length you meant, e.g. `10.1.2.3/32`.",
        applies: &[],
    },
    Check {
        id: "IAM1328",
        name: "null-with-qualifier",
        access_analyzer: Some("NULL_WITH_QUALIFIER"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "`Null` is used with `ForAllValues:` or `ForAnyValue:`.",
        why: "`Null` tests whether a key is present, which does not depend on its values; with a \
              set qualifier the result no longer depends on the request (AWS documents \
              `ForAllValues:Null` as always true and `ForAnyValue:Null` as always false).",
        fix: "Use plain `Null`: `\"Null\": {\"aws:TagKeys\": \"false\"}`.",
        applies: &[],
    },
    Check {
        id: "IAM1329",
        name: "private-ip-address-subset",
        access_analyzer: Some("PRIVATE_IP_ADDRESS_SUBSET"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "`aws:SourceIp` under `IpAddress` lists private ranges next to public ones.",
        why: "`aws:SourceIp` holds only public addresses, so the private ranges in the list \
              never match: requests from those networks are not let in (or not denied) the \
              way the list suggests.",
        fix: "Remove the private ranges, and cover traffic from your VPC with \
              `aws:VpcSourceIp`, `aws:SourceVpc` or `aws:SourceVpce` in another statement.",
        applies: &[],
    },
    Check {
        id: "IAM1330",
        name: "private-not-ip-address-subset",
        access_analyzer: Some("PRIVATE_NOT_IP_ADDRESS_SUBSET"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "`aws:SourceIp` under `NotIpAddress` lists private ranges next to public ones.",
        why: "`aws:SourceIp` holds only public addresses, so excluding private ranges has no \
              effect: requests from the private network are not exempted the way the list \
              suggests.",
        fix: "Remove the private ranges; to exempt traffic from your VPC, use \
              `aws:VpcSourceIp`, `aws:SourceVpc` or `aws:SourceVpce`.",
        applies: &[],
    },
    Check {
        id: "IAM1331",
        name: "redundant-condition-value-num",
        access_analyzer: Some("REDUNDANT_CONDITION_VALUE_NUM"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A less-than or greater-than condition lists several bounds where one \
                  suffices.",
        why: "Several values under one operator are alternatives: `NumericLessThan` with \
              `[\"2700\", \"3600\"]` holds whenever the value is below 3600. Only the widest \
              bound matters, and the others make the condition look stricter than it is.",
        fix: "Keep the single bound you mean, e.g. `\"NumericLessThan\": \
              {\"aws:MultiFactorAuthAge\": \"3600\"}`.",
        applies: &[],
    },
    Check {
        id: "IAM1332",
        name: "mfa-check-fails-open",
        access_analyzer: None,
        parliament: &["BAD_PATTERN_FOR_MFA"],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::Medium,
        summary: "An MFA condition is written in a way that lets requests without MFA through.",
        why: "`aws:MultiFactorAuthPresent` is only in the request context for temporary \
              credentials: requests signed with an IAM user's access keys do not carry it, and \
              `aws:MultiFactorAuthAge` is absent whenever MFA was not used. So a `Deny` with \
              `Bool` / `false` never applies to access-key requests, a `Deny` with `Null` / \
              `true` never applies to sessions without MFA, an `Allow` with `Null` / `false` \
              admits every session whether or not it used MFA, and a `Deny` on \
              `aws:MultiFactorAuthAge` without `IfExists` never applies to requests made \
              without MFA.",
        fix: "To deny everything not authenticated with MFA, write \
              `\"Effect\": \"Deny\"` with `\"BoolIfExists\": \
              {\"aws:MultiFactorAuthPresent\": \"false\"}`; to allow only MFA requests, write \
              `\"Effect\": \"Allow\"` with `\"Bool\": {\"aws:MultiFactorAuthPresent\": \
              \"true\"}`; for an age limit in a `Deny`, use `NumericGreaterThanIfExists`.",
        applies: &[],
    },
];

/// Run the condition checks.
pub(super) fn run(cx: &Ctx<'_>, out: &mut Out<'_>) {
    operator_issues(cx, out);
    for st in &cx.policy.statements {
        let Some(cond) = &st.condition else {
            continue;
        };
        empty_block(cx, cond, out);
        for clause in &cond.clauses {
            clause_checks(cx, clause, out);
            for entry in &clause.entries {
                entry_checks(cx, clause, entry, st, out);
            }
        }
    }
    mfa(cx, out);
}

// ---- Operators ------------------------------------------------------------------------------

/// The operator names AWS accepts, without set prefix or `IfExists` suffix.
const OPERATOR_NAMES: [&str; 27] = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

/// The reader reports unknown operators; `NullIfExists` gets its own check.
fn operator_issues(cx: &Ctx<'_>, out: &mut Out<'_>) {
    for issue in &cx.parsed.issues {
        if issue.code != "INVALID_CONDITION_OPERATOR" {
            continue;
        }
        let Some(name) = key_at(cx.root, issue.span) else {
            let message = match &issue.help {
                Some(help) => format!("{}; {help}", issue.message),
                None => issue.message.clone(),
            };
            out.push("IAM1301", issue.span, message);
            continue;
        };
        let bare = name
            .strip_prefix("ForAnyValue:")
            .or_else(|| name.strip_prefix("ForAllValues:"))
            .unwrap_or(name);
        if bare == "NullIfExists" {
            out.push(
                "IAM1302",
                issue.span,
                format!(
                    "`{name}`: `IfExists` cannot be added to `Null`; use `Null` to test \
                     whether the key is present"
                ),
            );
            continue;
        }
        let message = match suggest_operator(name) {
            Some(s) => format!(
                "`{name}` is not a condition operator; did you mean `{s}`? (operator names \
                 are case-sensitive)"
            ),
            None => format!(
                "`{name}` is not a condition operator; use e.g. `StringEquals`, \
                 `ForAnyValue:StringLike` or `ArnLikeIfExists`"
            ),
        };
        out.push("IAM1301", issue.span, message);
    }
}

/// The operator a misspelt name most likely means: the same words in another case, or a
/// set prefix with a wrong plural.
fn suggest_operator(name: &str) -> Option<String> {
    let lower = name.trim().to_ascii_lowercase();
    let prefixes = [
        ("foranyvalue:", "ForAnyValue:"),
        ("foranyvalues:", "ForAnyValue:"),
        ("forallvalues:", "ForAllValues:"),
        ("forallvalue:", "ForAllValues:"),
    ];
    let (prefix, rest) = prefixes
        .iter()
        .find_map(|(p, fixed)| lower.strip_prefix(p).map(|rest| (*fixed, rest)))
        .unwrap_or(("", lower.as_str()));
    let find = |s: &str| OPERATOR_NAMES.iter().find(|n| n.eq_ignore_ascii_case(s));
    let (base, if_exists) = match find(rest) {
        Some(base) => (*base, false),
        None => (*find(rest.strip_suffix("ifexists")?)?, true),
    };
    let suggestion = if base == "Null" && if_exists {
        format!("{prefix}Null")
    } else {
        format!("{prefix}{base}{}", if if_exists { "IfExists" } else { "" })
    };
    (suggestion != name && ConditionOperator::parse(&suggestion).is_known()).then_some(suggestion)
}

/// The type of values an operator compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

impl Family {
    fn of(base: &BaseOperator) -> Option<Self> {
        use BaseOperator as B;
        Some(match base {
            B::StringEquals
            | B::StringNotEquals
            | B::StringEqualsIgnoreCase
            | B::StringNotEqualsIgnoreCase
            | B::StringLike
            | B::StringNotLike => Family::String,
            B::NumericEquals
            | B::NumericNotEquals
            | B::NumericLessThan
            | B::NumericLessThanEquals
            | B::NumericGreaterThan
            | B::NumericGreaterThanEquals => Family::Numeric,
            B::DateEquals
            | B::DateNotEquals
            | B::DateLessThan
            | B::DateLessThanEquals
            | B::DateGreaterThan
            | B::DateGreaterThanEquals => Family::Date,
            B::Bool => Family::Bool,
            B::BinaryEquals => Family::Binary,
            B::IpAddress | B::NotIpAddress => Family::Ip,
            B::ArnEquals | B::ArnLike | B::ArnNotEquals | B::ArnNotLike => Family::Arn,
            B::Null => Family::Null,
            B::Unknown(_) => return None,
        })
    }

    /// Whether `${...}` policy variables are expanded in values of this family. AWS documents
    /// variables for string and ARN operators; the condition-operator reference also lists
    /// them for `Bool`, so `Bool` is not reported either.
    fn expands_variables(self) -> bool {
        matches!(self, Family::String | Family::Arn | Family::Bool)
    }

    /// The value type this family compares.
    fn value_type(self) -> Option<KeyValueType> {
        Some(match self {
            Family::String => KeyValueType::String,
            Family::Numeric => KeyValueType::Numeric,
            Family::Date => KeyValueType::Date,
            Family::Bool => KeyValueType::Bool,
            Family::Binary => KeyValueType::Binary,
            Family::Ip => KeyValueType::IpAddress,
            Family::Arn => KeyValueType::Arn,
            Family::Null => return None,
        })
    }
}

/// An operator of each family, to name in advice.
fn example_operator(t: KeyValueType) -> &'static str {
    match t {
        KeyValueType::String => "StringEquals",
        KeyValueType::Arn => "ArnLike",
        KeyValueType::Numeric => "NumericLessThanEquals",
        KeyValueType::Date => "DateGreaterThan",
        KeyValueType::Bool => "Bool",
        KeyValueType::IpAddress => "IpAddress",
        KeyValueType::Binary => "BinaryEquals",
    }
}

/// `Condition: {}`: nothing at all.
fn empty_block(cx: &Ctx<'_>, cond: &ConditionBlock, out: &mut Out<'_>) {
    if !cond.is_empty() {
        return;
    }
    if node_at(cx.root, cond.span)
        .is_some_and(|n| matches!(&n.value, Value::Map(e) if e.is_empty()))
    {
        out.push(
            "IAM1326",
            cond.span,
            "the `Condition` block is empty and restricts nothing",
        );
    }
}

/// Checks of one operator as a whole.
fn clause_checks(cx: &Ctx<'_>, clause: &ConditionClause, out: &mut Out<'_>) {
    let op = &clause.operator.value;
    if op.base == BaseOperator::Null {
        if let Some(set) = op.set {
            let (qualifier, always) = match set {
                SetQualifier::ForAllValues => ("ForAllValues:", "true"),
                SetQualifier::ForAnyValue => ("ForAnyValue:", "false"),
            };
            out.push(
                "IAM1328",
                clause.operator.span,
                format!(
                    "`{op}`: `{qualifier}` on `Null` makes the condition {always} whatever the \
                     request holds; use plain `Null`"
                ),
            );
        }
    }
    if clause.entries.is_empty()
        && node_at(cx.root, clause.span)
            .is_some_and(|n| matches!(&n.value, Value::Map(e) if e.is_empty()))
    {
        out.push(
            "IAM1326",
            clause.span,
            format!("the operator `{op}` has no condition keys and restricts nothing"),
        );
    }
    duplicate_keys(clause, out);
}

/// The same key twice under one operator, spelt with different case.
fn duplicate_keys(clause: &ConditionClause, out: &mut Out<'_>) {
    for (i, entry) in clause.entries.iter().enumerate() {
        let earlier = clause.entries.iter().take(i).find(|e| {
            e.key.value.eq_ignore_ascii_case(&entry.key.value) && e.key.value != entry.key.value
        });
        if let Some(first) = earlier {
            out.push(
                "IAM1303",
                entry.key.span,
                format!(
                    "`{}` is the same condition key as `{}` above (key names are \
                     case-insensitive); merge their values under one spelling",
                    entry.key.value, first.key.value
                ),
            );
        }
    }
}

// ---- Keys and values ------------------------------------------------------------------------

/// Checks of one `key: values` entry under an operator.
fn entry_checks(
    cx: &Ctx<'_>,
    clause: &ConditionClause,
    entry: &ConditionEntry,
    st: &Statement,
    out: &mut Out<'_>,
) {
    let op = &clause.operator.value;
    let key = entry.key.value.as_str();
    key_format(entry, out);
    if empty_values(cx, op, entry, out) {
        return;
    }
    mixed_types(entry, out);
    let Some(family) = Family::of(&op.base) else {
        return;
    };
    let key_type = cx.catalog.and_then(|c| c.condition_key_type(key));
    if let Some(kt) = key_type {
        qualifier(op, family, kt, entry, st, out);
        type_mismatch(op, family, kt, entry, out);
    }
    let mut checked = Vec::new();
    for v in &entry.values {
        let Some(text) = v.value.as_text() else {
            continue;
        };
        if has_variable(text) {
            if !family.expands_variables() {
                out.push(
                    "IAM1307",
                    v.span,
                    format!(
                        "`{text}`: policy variables are only expanded by string and ARN \
                         operators, not by `{op}`"
                    ),
                );
            }
            continue;
        }
        value_checks(op, family, key, text, &v.value, v.span, out);
        checked.push((text, v.span));
    }
    if family == Family::Bool
        && entry.values.len() > 1
        && !key_type.is_some_and(|kt| kt.multivalued)
    {
        let listed: Vec<String> = entry
            .values
            .iter()
            .map(|v| {
                v.value
                    .as_text()
                    .map_or("(unresolved)".to_owned(), |t| format!("`{t}`"))
            })
            .collect();
        out.push(
            "IAM1306",
            entry.span,
            format!(
                "`{key}` under `{op}` has {} values ({}); a boolean key takes one",
                entry.values.len(),
                listed.join(", ")
            ),
        );
    }
    if family == Family::Ip && key.eq_ignore_ascii_case("aws:SourceIp") {
        private_source_ip(op, entry, &checked, out);
    }
    redundant_bounds(op, key, entry, out);
}

/// `INVALID_CONDITION_KEY_FORMAT`: `prefix:name`.
fn key_format(entry: &ConditionEntry, out: &mut Out<'_>) {
    let key = entry.key.value.as_str();
    let problem = if key.trim() != key {
        Some("has white space around it")
    } else {
        match key.split_once(':') {
            None => Some("has no `prefix:` (such as `aws:` or `s3:`)"),
            Some(("", _)) => Some("has an empty prefix before `:`"),
            Some((_, "")) => Some("has no name after `:`"),
            Some((prefix, _))
                if !prefix
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '/')) =>
            {
                Some("has characters in its prefix that no service or provider uses")
            }
            Some(_) => None,
        }
    };
    if let Some(problem) = problem {
        out.push(
            "IAM1305",
            entry.key.span,
            format!("condition key `{key}` {problem}; write it as `prefix:name`"),
        );
    }
}

/// The four `EMPTY_ARRAY_CONDITION*` checks. Returns whether the values are an empty list.
fn empty_values(
    cx: &Ctx<'_>,
    op: &ConditionOperator,
    entry: &ConditionEntry,
    out: &mut Out<'_>,
) -> bool {
    if !entry.values.is_empty()
        || !node_at(cx.root, entry.span)
            .is_some_and(|n| matches!(&n.value, Value::Seq(items) if items.is_empty()))
    {
        return false;
    }
    let key = entry.key.value.as_str();
    let (id, message) = match (op.set, op.if_exists) {
        (Some(SetQualifier::ForAllValues), _) => (
            "IAM1323",
            format!(
                "`{key}` under `{op}` has no values: it holds only when the request has no \
                 value for the key; to test that, use `Null` with `\"true\"`"
            ),
        ),
        (Some(SetQualifier::ForAnyValue), _) => (
            "IAM1324",
            format!(
                "`{key}` under `{op}` has no values: no request value can match, so the \
                 condition is always false"
            ),
        ),
        (None, true) => (
            "IAM1325",
            format!(
                "`{key}` under `{op}` has no values: it holds only when the key is absent; to \
                 test that, use `Null` with `\"true\"`"
            ),
        ),
        (None, false) if op.base.is_negated() => (
            "IAM1322",
            format!("`{key}` under `{op}` has no values, so it excludes nothing"),
        ),
        (None, false) => (
            "IAM1322",
            format!("`{key}` under `{op}` has no values, so nothing can match it"),
        ),
    };
    out.push(id, entry.span, message);
    true
}

/// `INVALID_CONDITION_DATA_TYPE`: strings mixed with numbers or booleans.
fn mixed_types(entry: &ConditionEntry, out: &mut Out<'_>) {
    let mut kinds: Vec<&str> = Vec::new();
    for v in &entry.values {
        let kind = match v.value {
            ConditionValue::String(_) => "string",
            ConditionValue::Number(_) => "number",
            ConditionValue::Bool(_) => "boolean",
            ConditionValue::Unknown => continue,
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if kinds.len() > 1 {
        out.push(
            "IAM1304",
            entry.span,
            format!(
                "the values of `{}` mix JSON types ({}); write them all as strings",
                entry.key.value,
                kinds.join(" and ")
            ),
        );
    }
}

/// Set qualifiers against the key's cardinality.
fn qualifier(
    op: &ConditionOperator,
    family: Family,
    kt: ConditionKeyType,
    entry: &ConditionEntry,
    st: &Statement,
    out: &mut Out<'_>,
) {
    if family == Family::Null {
        return;
    }
    let key = entry.key.value.as_str();
    match (op.set, kt.multivalued) {
        (None, true) => out.push(
            "IAM1308",
            entry.key.span,
            format!(
                "`{key}` is multivalued ({kt}); `{op}` needs `ForAnyValue:` or `ForAllValues:` \
                 to say whether any or every request value must match"
            ),
        ),
        (Some(SetQualifier::ForAllValues), false) => {
            let message = format!(
                "`{key}` is single-valued; `{op}` is also true when the request has no value \
                 for it, so the condition admits requests without the key; drop \
                 `ForAllValues:`"
            );
            // In a `Deny`, a condition that also holds without the key denies more, not less.
            let severity = if st.effect.value == Effect::Deny {
                lowered(Severity::High)
            } else {
                Severity::High
            };
            out.push_severity("IAM1320", entry.key.span, message, severity);
        }
        (Some(SetQualifier::ForAnyValue), false) => out.push(
            "IAM1321",
            entry.key.span,
            format!(
                "`{key}` is single-valued; set qualifiers are meant for multivalued keys, drop \
                 `ForAnyValue:` from `{op}`"
            ),
        ),
        _ => {}
    }
}

/// `TYPE_MISMATCH` and its usable ARN/string variant.
fn type_mismatch(
    op: &ConditionOperator,
    family: Family,
    kt: ConditionKeyType,
    entry: &ConditionEntry,
    out: &mut Out<'_>,
) {
    let Some(op_type) = family.value_type() else {
        return;
    };
    let key = entry.key.value.as_str();
    let key_type = kt.value;
    if op_type == key_type {
        return;
    }
    // `aws:EpochTime` is documented for date and numeric operators.
    if key.eq_ignore_ascii_case("aws:EpochTime") && op_type == KeyValueType::Numeric {
        return;
    }
    if key_type == KeyValueType::Arn && op_type == KeyValueType::String {
        out.push(
            "IAM1314",
            entry.key.span,
            format!(
                "`{key}` holds an ARN; `{op}` compares it as plain text, `{}` compares it part \
                 by part",
                if op.base.is_negated() {
                    "ArnNotLike"
                } else {
                    "ArnLike"
                }
            ),
        );
        return;
    }
    out.push(
        "IAM1313",
        entry.key.span,
        format!(
            "`{key}` holds a {} value but `{op}` compares {} values; use a {} operator such \
             as `{}`",
            key_type.as_str(),
            op_type.as_str(),
            key_type.as_str(),
            example_operator(key_type)
        ),
    );
}

/// Checks of one known value that is not a policy variable.
fn value_checks(
    op: &ConditionOperator,
    family: Family,
    key: &str,
    text: &str,
    value: &ConditionValue,
    span: Span,
    out: &mut Out<'_>,
) {
    match family {
        Family::Bool | Family::Null => {
            if !matches!(text.to_ascii_lowercase().as_str(), "true" | "false") {
                let what = if family == Family::Null {
                    "`Null` takes `true` (the key is absent) or `false` (it is present)"
                } else {
                    "`Bool` compares with `true` or `false`"
                };
                out.push(
                    "IAM1315",
                    span,
                    format!("`{text}` is not a boolean value for `{key}`: {what}"),
                );
            }
        }
        Family::Numeric => {
            if parse_number(text).is_none() {
                out.push(
                    "IAM1318",
                    span,
                    format!("`{text}` is not a number, so `{op}` on `{key}` never compares it"),
                );
            }
        }
        Family::Date => date_value(op, key, text, value, span, out),
        Family::Ip => match parse_cidr(text) {
            None => out.push(
                "IAM1317",
                span,
                format!(
                    "`{text}` is not an IP address or CIDR range, so `{op}` on `{key}` never \
                     matches it"
                ),
            ),
            Some(cidr) => {
                if let Some(network) = cidr.network_if_host_bits() {
                    out.push(
                        "IAM1327",
                        span,
                        format!(
                            "`{text}` has bits set after the /{} prefix, which AWS ignores: it \
                             means `{network}/{}`",
                            cidr.len, cidr.len
                        ),
                    );
                }
            }
        },
        Family::Binary => {
            if !is_base64(text) {
                out.push(
                    "IAM1319",
                    span,
                    format!(
                        "`{text}` is not base64, so `BinaryEquals` on `{key}` never matches it"
                    ),
                );
            }
        }
        Family::String => {
            let exact = matches!(
                op.base,
                BaseOperator::StringEquals
                    | BaseOperator::StringNotEquals
                    | BaseOperator::StringEqualsIgnoreCase
                    | BaseOperator::StringNotEqualsIgnoreCase
            );
            if exact && has_wildcard_char(text) {
                let like = if op.base.is_negated() {
                    "StringNotLike"
                } else {
                    "StringLike"
                };
                out.push(
                    "IAM1312",
                    span,
                    format!(
                        "`{text}` contains `*` or `?`, which `{op}` compares literally; use \
                         `{like}` for a pattern"
                    ),
                );
            }
        }
        Family::Arn => {}
    }
}

/// `TYPE_MISMATCH_DATE` and `INVALID_DATE_VALUE`.
fn date_value(
    op: &ConditionOperator,
    key: &str,
    text: &str,
    value: &ConditionValue,
    span: Span,
    out: &mut Out<'_>,
) {
    let t = text.trim();
    if is_year_month(t) {
        out.push(
            "IAM1311",
            span,
            format!("`{text}` has no day; write the full date, e.g. `{t}-01`"),
        );
        return;
    }
    if parse_date(t).is_none() {
        out.push(
            "IAM1316",
            span,
            format!("`{text}` is not a date, so `{op}` on `{key}` never compares it"),
        );
        return;
    }
    let epoch = matches!(value, ConditionValue::Number(_))
        || (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
    if epoch {
        if key.eq_ignore_ascii_case("aws:EpochTime") {
            return;
        }
        let note = if t.len() >= 12 {
            " (it looks like milliseconds, which date operators do not use)"
        } else if t.len() <= 4 {
            " (not a year)"
        } else {
            ""
        };
        out.push(
            "IAM1311",
            span,
            format!(
                "`{text}` is read as seconds since 1970-01-01{note}; write the date as \
                 `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`"
            ),
        );
        return;
    }
    let (date, time) = match t.split_once(['T', 't']) {
        Some((d, time)) => (d, Some(time)),
        None => (t, None),
    };
    let mut parts = date.split('-');
    let layout_ok = parts.next().is_some_and(|y| y.len() == 4)
        && parts.next().is_some_and(|m| m.len() == 2)
        && parts.next().is_some_and(|d| d.len() == 2);
    if !layout_ok {
        out.push(
            "IAM1311",
            span,
            format!("`{text}` is not in the `YYYY-MM-DD` layout; write e.g. `2024-06-30`"),
        );
        return;
    }
    if let Some(time) = time {
        let zoned = time.ends_with(['Z', 'z']) || time.contains(['+', '-']);
        if !zoned {
            out.push(
                "IAM1311",
                span,
                format!(
                    "`{text}` has a time but no time zone; add `Z` for UTC or an offset such \
                     as `+02:00`"
                ),
            );
        }
    }
}

/// `YYYY-MM`, which W3C allows but date operators cannot compare with a moment.
fn is_year_month(t: &str) -> bool {
    t.split_once('-').is_some_and(|(y, m)| {
        y.len() == 4
            && m.len() == 2
            && y.bytes().all(|b| b.is_ascii_digit())
            && m.bytes().all(|b| b.is_ascii_digit())
    })
}

/// `PRIVATE_IP_ADDRESS`, `PRIVATE_NOT_IP_ADDRESS` and their `_SUBSET` suggestions.
fn private_source_ip(
    op: &ConditionOperator,
    entry: &ConditionEntry,
    values: &[(&str, Span)],
    out: &mut Out<'_>,
) {
    let parsed: Vec<(&str, Span, Cidr)> = values
        .iter()
        .filter_map(|&(t, s)| parse_cidr(t).map(|c| (t, s, c)))
        .collect();
    let private: Vec<&(&str, Span, Cidr)> =
        parsed.iter().filter(|(_, _, c)| c.is_private()).collect();
    if private.is_empty() {
        return;
    }
    let negated = op.base == BaseOperator::NotIpAddress;
    let every_value_private = private.len() == entry.values.len();
    let key = entry.key.value.as_str();
    if every_value_private {
        let listed: Vec<String> = private.iter().map(|(t, _, _)| format!("`{t}`")).collect();
        let (id, effect) = if negated {
            (
                "IAM1310",
                "excludes nothing, so the condition holds for every request that has the key",
            )
        } else {
            ("IAM1309", "never matches")
        };
        out.push(
            id,
            entry.span,
            format!(
                "`{key}` only holds public addresses, but every value here is a private range \
                 ({}): `{op}` {effect}",
                listed.join(", ")
            ),
        );
        return;
    }
    let id = if negated { "IAM1330" } else { "IAM1329" };
    for (text, span, _) in private {
        out.push(
            id,
            *span,
            format!(
                "`{text}` is a private range, which `{key}` never holds: this value has no \
                 effect; use `aws:VpcSourceIp` for private addresses"
            ),
        );
    }
}

/// `REDUNDANT_CONDITION_VALUE_NUM`: several bounds under one ordering operator.
fn redundant_bounds(op: &ConditionOperator, key: &str, entry: &ConditionEntry, out: &mut Out<'_>) {
    use BaseOperator as B;
    let (upper, dates) = match op.base {
        B::NumericLessThan | B::NumericLessThanEquals => (true, false),
        B::NumericGreaterThan | B::NumericGreaterThanEquals => (false, false),
        B::DateLessThan | B::DateLessThanEquals => (true, true),
        B::DateGreaterThan | B::DateGreaterThanEquals => (false, true),
        _ => return,
    };
    if entry.values.len() < 2 {
        return;
    }
    let mut parsed: Vec<(&str, f64)> = Vec::new();
    for v in &entry.values {
        let Some(text) = v.value.as_text() else {
            return;
        };
        let n = if dates {
            // Milliseconds since 1970 fit an f64 exactly for any plausible date.
            parse_date(text).map(|ms| ms as f64)
        } else {
            parse_number(text)
        };
        let Some(n) = n else {
            return;
        };
        parsed.push((text, n));
    }
    let best = parsed
        .iter()
        .copied()
        .fold(None::<(&str, f64)>, |acc, (t, n)| match acc {
            Some((_, b)) if (upper && b >= n) || (!upper && b <= n) => acc,
            _ => Some((t, n)),
        });
    let Some((keep, _)) = best else {
        return;
    };
    let mut dropped = Vec::new();
    let mut kept_once = false;
    for (t, _) in &parsed {
        if *t == keep && !kept_once {
            kept_once = true;
        } else {
            dropped.push(format!("`{t}`"));
        }
    }
    out.push(
        "IAM1331",
        entry.span,
        format!(
            "`{op}` on `{key}` holds when any one bound holds, so only the {} value `{keep}` \
             matters; {} redundant",
            if upper { "greatest" } else { "least" },
            if dropped.len() == 1 {
                format!("{} is", dropped.join(", "))
            } else {
                format!("{} are", dropped.join(", "))
            }
        ),
    );
}

// ---- MFA ------------------------------------------------------------------------------------

/// One MFA-related condition entry with a single boolean or numeric value.
struct MfaCheck<'a> {
    effect: Effect,
    base: &'a BaseOperator,
    if_exists: bool,
    /// `true`/`false` for boolean-valued entries.
    flag: Option<bool>,
    present_key: bool,
    span: Span,
    statement: usize,
}

/// `BAD_PATTERN_FOR_MFA`: conditions on `aws:MultiFactorAuthPresent` / `aws:MultiFactorAuthAge`
/// that let requests without MFA through. A pattern is not reported when another `Deny` in
/// the policy covers the requests it misses.
fn mfa(cx: &Ctx<'_>, out: &mut Out<'_>) {
    let mut found: Vec<MfaCheck<'_>> = Vec::new();
    for (i, st) in cx.policy.statements.iter().enumerate() {
        let Some(cond) = &st.condition else {
            continue;
        };
        for clause in &cond.clauses {
            let op = &clause.operator.value;
            for entry in &clause.entries {
                let key = entry.key.value.as_str();
                let present_key = key.eq_ignore_ascii_case("aws:MultiFactorAuthPresent");
                if !present_key && !key.eq_ignore_ascii_case("aws:MultiFactorAuthAge") {
                    continue;
                }
                let texts: Vec<&str> = entry
                    .values
                    .iter()
                    .filter_map(|v| v.value.as_text())
                    .collect();
                if texts.len() != entry.values.len() || texts.is_empty() {
                    continue;
                }
                let flags: Vec<Option<bool>> = texts
                    .iter()
                    .map(|t| match t.to_ascii_lowercase().as_str() {
                        "true" => Some(true),
                        "false" => Some(false),
                        _ => None,
                    })
                    .collect();
                let flag = match flags.split_first() {
                    Some((first, rest)) if rest.iter().all(|f| f == first) => *first,
                    _ => None,
                };
                found.push(MfaCheck {
                    effect: st.effect.value,
                    base: &op.base,
                    if_exists: op.if_exists,
                    flag,
                    present_key,
                    span: entry.key.span,
                    statement: i,
                });
            }
        }
    }
    let deny = |pred: &dyn Fn(&MfaCheck<'_>) -> bool| {
        found.iter().any(|c| c.effect == Effect::Deny && pred(c))
    };
    // Denies that reach requests signed with long-term keys (no MFA key in the context).
    let covers_absent = deny(&|c| {
        (c.present_key && c.base == &BaseOperator::Bool && c.if_exists && c.flag == Some(false))
            || (c.base == &BaseOperator::Null && c.flag == Some(true))
    });
    // Denies that reach temporary credentials without MFA (the key present and false).
    let covers_false = deny(&|c| {
        (c.present_key && c.base == &BaseOperator::Bool && c.flag == Some(false))
            || (!c.present_key && c.base == &BaseOperator::Null && c.flag == Some(true))
    });
    // Both together reach every request made without MFA.
    let covers_all = covers_absent && covers_false;
    for c in &found {
        let message = match (c.effect, c.base, c.present_key) {
            (Effect::Deny, BaseOperator::Bool, true)
                if !c.if_exists && c.flag == Some(false) && !covers_absent =>
            {
                "`Bool` with `false` on `aws:MultiFactorAuthPresent` in a `Deny` does not apply \
                 to requests signed with long-term access keys, which do not carry the key; \
                 use `BoolIfExists`"
            }
            (Effect::Deny, BaseOperator::Null, true) if c.flag == Some(true) && !covers_false => {
                "`Null` with `true` on `aws:MultiFactorAuthPresent` in a `Deny` only reaches \
                 requests without the key: sessions that did not use MFA carry it as `false` \
                 and are not denied; use `BoolIfExists` with `false`"
            }
            (Effect::Allow, BaseOperator::Null, true)
                if c.flag == Some(false) && !mfa_required_in(&found, c.statement) =>
            {
                "`Null` with `false` on `aws:MultiFactorAuthPresent` in an `Allow` only tests \
                 that temporary credentials are used, not that MFA was: every session is \
                 allowed; use `Bool` with `true`"
            }
            (
                Effect::Deny,
                BaseOperator::NumericGreaterThan | BaseOperator::NumericGreaterThanEquals,
                false,
            ) if !(c.if_exists || covers_all) => {
                "a `Deny` on `aws:MultiFactorAuthAge` without `IfExists` does not apply to \
                 requests made without MFA, which do not carry the key; use \
                 `NumericGreaterThanIfExists` or also deny with `BoolIfExists` on \
                 `aws:MultiFactorAuthPresent`"
            }
            _ => continue,
        };
        out.push("IAM1332", c.span, message);
    }
}

/// Whether statement `i` also requires `aws:MultiFactorAuthPresent` to be true.
fn mfa_required_in(found: &[MfaCheck<'_>], i: usize) -> bool {
    found.iter().any(|c| {
        c.statement == i
            && c.present_key
            && c.base == &BaseOperator::Bool
            && !c.if_exists
            && c.flag == Some(true)
    })
}

// ---- Value syntax ---------------------------------------------------------------------------

/// Whether the text holds a policy variable (`${aws:username}`), not counting the escapes
/// `${*}`, `${?}` and `${$}`.
fn has_variable(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = rest.get(start + 2..).unwrap_or_default();
        match after.find('}') {
            Some(end) => {
                let name = after.get(..end).unwrap_or_default();
                if !matches!(name, "*" | "?" | "$") {
                    return true;
                }
                rest = after.get(end + 1..).unwrap_or_default();
            }
            None => return false,
        }
    }
    false
}

/// Whether the text has a `*` or `?` outside `${...}`.
fn has_wildcard_char(text: &str) -> bool {
    let mut rest = text;
    loop {
        let Some(start) = rest.find("${") else {
            return rest.contains(['*', '?']);
        };
        if rest.get(..start).is_some_and(|s| s.contains(['*', '?'])) {
            return true;
        }
        let after = rest.get(start + 2..).unwrap_or_default();
        match after.find('}') {
            Some(end) => rest = after.get(end + 1..).unwrap_or_default(),
            None => return after.contains(['*', '?']),
        }
    }
}

/// A number as numeric operators read it.
fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let ok = t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Standard base64 with padding.
fn is_base64(text: &str) -> bool {
    let t = text.trim();
    if !t.len().is_multiple_of(4) {
        return false;
    }
    let body = t.trim_end_matches('=');
    t.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// An address with a prefix length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cidr {
    addr: IpAddr,
    len: u32,
}

impl Cidr {
    fn bits(self) -> (u128, u32) {
        match self.addr {
            IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
            IpAddr::V6(a) => (u128::from(a), 128),
        }
    }

    /// The network address, when the written address has bits after the prefix.
    fn network_if_host_bits(self) -> Option<IpAddr> {
        let (bits, width) = self.bits();
        let host = width.checked_sub(self.len)?;
        let host_mask = if host >= 128 {
            u128::MAX
        } else {
            (1u128 << host) - 1
        };
        if bits & host_mask == 0 {
            return None;
        }
        let net = bits & !host_mask;
        Some(match self.addr {
            IpAddr::V4(_) => IpAddr::V4(u32::try_from(net).ok()?.into()),
            IpAddr::V6(_) => IpAddr::V6(net.into()),
        })
    }

    /// Whether the whole range lies in `other`.
    fn within(self, other: Cidr) -> bool {
        let (a, wa) = self.bits();
        let (b, wb) = other.bits();
        if wa != wb || self.len < other.len {
            return false;
        }
        let shift = wa - other.len;
        if shift >= 128 {
            return true;
        }
        (a >> shift) == (b >> shift)
    }

    /// Whether the whole range is private: addresses a request to a public AWS endpoint never
    /// comes from (RFC 1918, loopback, link-local, carrier-grade NAT, IPv6 unique-local and
    /// link-local, and the unspecified/loopback IPv6 addresses).
    fn is_private(self) -> bool {
        const RANGES: [&str; 9] = [
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "fc00::/7",
            "fe80::/10",
            "::1/128",
        ];
        RANGES
            .iter()
            .filter_map(|r| parse_cidr(r))
            .any(|r| self.within(r))
    }
}

/// An IPv4 or IPv6 address, optionally with a `/len` prefix (a bare address is /32 or /128).
fn parse_cidr(text: &str) -> Option<Cidr> {
    let t = text.trim();
    let (addr, len) = match t.split_once('/') {
        Some((a, l)) => {
            if l.is_empty() || !l.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (a.parse::<IpAddr>().ok()?, l.parse::<u32>().ok()?)
        }
        None => {
            let a = t.parse::<IpAddr>().ok()?;
            (a, if a.is_ipv4() { 32 } else { 128 })
        }
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    (len <= max).then_some(Cidr { addr, len })
}

// ---- Document lookups -----------------------------------------------------------------------

/// The node whose span is `span`.
fn node_at(root: &Node, span: Span) -> Option<&Node> {
    let mut node = root;
    loop {
        if node.span == span {
            return Some(node);
        }
        let inside = |n: &Node| n.span.start <= span.start && span.end <= n.span.end;
        node = match &node.value {
            Value::Map(entries) => &entries.iter().find(|e| inside(&e.value))?.value,
            Value::Seq(items) => items.iter().find(|n| inside(n))?,
            _ => return None,
        };
    }
}

/// The mapping key written at `span`.
fn key_at(root: &Node, span: Span) -> Option<&str> {
    let mut node = root;
    loop {
        let inside = |n: &Node| n.span.start <= span.start && span.end <= n.span.end;
        node = match &node.value {
            Value::Map(entries) => {
                if let Some(e) = entries.iter().find(|e| e.key_span == span) {
                    return Some(&e.key);
                }
                &entries.iter().find(|e| inside(&e.value))?.value
            }
            Value::Seq(items) => items.iter().find(|n| inside(n))?,
            _ => return None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_suggestions() {
        assert_eq!(
            suggest_operator("stringEquals").as_deref(),
            Some("StringEquals")
        );
        assert_eq!(
            suggest_operator("ForAnyValues:StringLike").as_deref(),
            Some("ForAnyValue:StringLike")
        );
        assert_eq!(
            suggest_operator("arnlikeifexists").as_deref(),
            Some("ArnLikeIfExists")
        );
        assert_eq!(suggest_operator("nullIfExists").as_deref(), Some("Null"));
        assert_eq!(suggest_operator("StringContains"), None);
    }

    #[test]
    fn variables_and_wildcards() {
        assert!(has_variable("home/${aws:username}/*"));
        assert!(!has_variable("a${*}b${?}"));
        assert!(!has_variable("${aws:username"));
        assert!(has_wildcard_char("dev-*"));
        assert!(has_wildcard_char("a?"));
        assert!(!has_wildcard_char("a${*}b"));
        assert!(has_wildcard_char("${aws:username}*"));
        assert!(!has_wildcard_char("team-${aws:PrincipalTag/team}"));
    }

    #[test]
    fn cidrs() {
        let c = parse_cidr("10.1.2.3/16").expect("parses");
        assert_eq!(
            c.network_if_host_bits().map(|a| a.to_string()).as_deref(),
            Some("10.1.0.0")
        );
        assert!(parse_cidr("10.1.0.0/16")
            .expect("parses")
            .network_if_host_bits()
            .is_none());
        assert!(parse_cidr("10.0.0.0/33").is_none());
        assert!(parse_cidr("192.168.1").is_none());
        assert!(parse_cidr("2001:DB8:1234:5678::/64").is_some());
        let v6 = parse_cidr("2001:db8::1/64").expect("parses");
        assert_eq!(
            v6.network_if_host_bits().map(|a| a.to_string()).as_deref(),
            Some("2001:db8::")
        );
        assert!(parse_cidr("0.0.0.0/0")
            .expect("parses")
            .network_if_host_bits()
            .is_none());
        assert!(parse_cidr("::/0")
            .expect("parses")
            .network_if_host_bits()
            .is_none());
    }

    #[test]
    fn private_ranges() {
        let private = |t: &str| parse_cidr(t).expect("parses").is_private();
        assert!(private("10.0.0.0/8"));
        assert!(private("10.20.0.0/16"));
        assert!(private("172.31.255.1"));
        assert!(private("192.168.0.0/24"));
        assert!(private("fd12:3456::/48"));
        assert!(!private("172.32.0.0/16"));
        assert!(!private("0.0.0.0/0"));
        assert!(!private("8.0.0.0/6"));
        assert!(!private("203.0.113.0/24"));
        assert!(!private("2001:db8::/32"));
    }

    #[test]
    fn value_syntax() {
        assert!(is_base64("QmluYXJ5VmFsdWVJbkJhc2U2NA=="));
        assert!(!is_base64("not base64!"));
        assert!(!is_base64("abc"));
        assert!(!is_base64("a==="));
        assert_eq!(parse_number("3600"), Some(3600.0));
        assert_eq!(parse_number("-1.5"), Some(-1.5));
        assert_eq!(parse_number("1h"), None);
        assert_eq!(parse_number("inf"), None);
        assert!(is_year_month("2024-06"));
        assert!(!is_year_month("2024-06-01"));
    }

    fn findings(condition: &str, effect: &str) -> Vec<(String, Severity, String)> {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"{effect}","Action":"s3:GetObject","Resource":"*","Condition":{condition}}}]}}"#
        );
        super::super::lint_text(
            &text,
            palisade_doc::Format::Json,
            super::super::PolicyType::Identity,
        )
        .into_iter()
        .filter(|f| f.check.id.starts_with("IAM13"))
        .map(|f| (f.check.id.to_owned(), f.severity, f.message))
        .collect()
    }

    fn ids(condition: &str, effect: &str) -> Vec<String> {
        findings(condition, effect)
            .into_iter()
            .map(|(id, _, _)| id)
            .collect()
    }

    #[test]
    fn unresolved_values_are_not_judged() {
        // An intrinsic among private ranges may be public: only the known private value is
        // reported, never the whole list.
        assert_eq!(
            ids(
                r#"{"IpAddress":{"aws:SourceIp":[{"Ref":"OfficeRange"},"10.0.0.0/8"]}}"#,
                "Allow"
            ),
            vec!["IAM1329"]
        );
        assert!(ids(
            r#"{"NumericLessThan":{"aws:MultiFactorAuthAge":[{"Ref":"MaxAge"},"3600"]}}"#,
            "Allow"
        )
        .is_empty());
        assert!(ids(
            r#"{"Bool":{"aws:SecureTransport":{"Fn::If":["c","true","false"]}}}"#,
            "Deny"
        )
        .is_empty());
        assert!(ids(r#"{"StringEquals":{"Ref":"Conditions"}}"#, "Allow").is_empty());
        assert!(ids(r#"{"Fn::If":["c",{},{}]}"#, "Allow").is_empty());
    }

    #[test]
    fn forallvalues_in_a_deny_is_lowered() {
        let allow = findings(
            r#"{"ForAllValues:StringEquals":{"aws:SourceVpce":["vpce-1"]}}"#,
            "Allow",
        );
        let deny = findings(
            r#"{"ForAllValues:StringEquals":{"aws:SourceVpce":["vpce-1"]}}"#,
            "Deny",
        );
        assert!(allow
            .iter()
            .any(|(id, sev, _)| id == "IAM1320" && *sev == Severity::High));
        assert!(deny
            .iter()
            .any(|(id, sev, _)| id == "IAM1320" && *sev == Severity::Medium));
    }

    #[test]
    fn value_checks_skip_variables_and_escapes() {
        // `${*}` is a literal star, not a wildcard; a variable under `Bool` is not reported.
        assert!(ids(
            r#"{"StringEquals":{"aws:PrincipalTag/x":"a${*}"}}"#,
            "Allow"
        )
        .is_empty());
        assert!(ids(
            r#"{"Bool":{"aws:SecureTransport":"${aws:PrincipalTag/tls}"}}"#,
            "Deny"
        )
        .is_empty());
        assert_eq!(
            ids(
                r#"{"DateLessThan":{"aws:CurrentTime":"${aws:PrincipalTag/until}"}}"#,
                "Allow"
            ),
            vec!["IAM1307"]
        );
    }

    #[test]
    fn mfa_patterns() {
        let mfa = |c: &str, e: &str| ids(c, e).contains(&"IAM1332".to_owned());
        assert!(mfa(
            r#"{"Bool":{"aws:MultiFactorAuthPresent":false}}"#,
            "Deny"
        ));
        assert!(!mfa(
            r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":false}}"#,
            "Deny"
        ));
        assert!(!mfa(
            r#"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#,
            "Allow"
        ));
        assert!(mfa(
            r#"{"Null":{"aws:MultiFactorAuthPresent":"false"}}"#,
            "Allow"
        ));
        // Combined with a `Bool` true in the same statement, the `Null` test is harmless.
        assert!(!mfa(
            r#"{"Null":{"aws:MultiFactorAuthPresent":"false"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#,
            "Allow"
        ));
        assert!(mfa(
            r#"{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}"#,
            "Deny"
        ));
        assert!(!mfa(
            r#"{"NumericGreaterThanIfExists":{"aws:MultiFactorAuthAge":"3600"}}"#,
            "Deny"
        ));
        assert!(!mfa(
            r#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}"#,
            "Allow"
        ));
    }

    #[test]
    fn redundant_bounds_keep_the_widest() {
        let f = findings(
            r#"{"NumericGreaterThanEquals":{"s3:max-keys":["5","1","3"]}}"#,
            "Allow",
        );
        let msg = f
            .iter()
            .find(|(id, _, _)| id == "IAM1331")
            .map(|(_, _, m)| m.clone())
            .expect("reported");
        assert!(msg.contains("value `1` matters"), "{msg}");
        assert!(msg.contains("`5`, `3` are redundant"), "{msg}");
    }
}
