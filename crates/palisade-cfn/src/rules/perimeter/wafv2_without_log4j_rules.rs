use palisade_doc::Node;

use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items};

declare_rule! {
    /// ## What it checks
    /// An `AWS::WAFv2::WebACL` that does not block Log4j exploits (CVE-2021-44228,
    /// "Log4Shell") with the AWS managed rule group `AWSManagedRulesKnownBadInputsRuleSet`:
    /// - none of its `Rules` has a `ManagedRuleGroupStatement` naming that group, or
    /// - the group runs in count mode (`OverrideAction: {Count: {}}`), or
    /// - its Log4j rules (`Log4JRCE`, in current versions `Log4JRCE_HEADER`,
    ///   `Log4JRCE_QUERYSTRING`, `Log4JRCE_BODY`, `Log4JRCE_URIPATH`) are listed in
    ///   `ExcludedRules` or set to `Count` or `Allow` in `RuleActionOverrides`.
    ///
    /// checkov CKV_AWS_192 checks the same, for the `Log4JRCE` rule name; the rule names of the
    /// current group versions are recognised here too.
    ///
    /// ## Why it matters
    /// Log4Shell lets anyone who can get a crafted string logged by a vulnerable Java
    /// application (a header, a query parameter, a form field) run code on the server. The
    /// known bad inputs group blocks those strings, and other known exploit patterns, before
    /// they reach the application: a cheap layer of protection for applications whose
    /// dependencies are not all known to be patched. In count mode, or with the Log4j rules
    /// excluded, the group only records the attacks.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Rules: []
    /// # after
    /// Rules:
    ///   - Name: known-bad-inputs
    ///     Priority: 1
    ///     OverrideAction: {None: {}}
    ///     Statement:
    ///       ManagedRuleGroupStatement:
    ///         VendorName: AWS
    ///         Name: AWSManagedRulesKnownBadInputsRuleSet
    ///     VisibilityConfig:
    ///       SampledRequestsEnabled: true
    ///       CloudWatchMetricsEnabled: true
    ///       MetricName: known-bad-inputs
    /// ```
    ///
    /// ## References
    /// - [AWS::WAFv2::WebACL ManagedRuleGroupStatement](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-wafv2-webacl-managedrulegroupstatement.html)
    /// - [Baseline rule groups](https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html) (known bad inputs)
    /// - checkov CKV_AWS_192
    ///
    /// ## Unknown values
    /// When `Rules`, one of its items, a rule group name, an override action or an exclusion is
    /// not known before deployment and no other rule settles the question, the rule reports an
    /// `info` finding naming the value. Rule groups added to the web ACL by AWS Firewall
    /// Manager are not seen, and a pinned `Version` of the group is not checked.
    Wafv2WebAclWithoutLog4jRules {
        code: "CFN6109",
        name: "wafv2-web-acl-without-log4j-rules",
        severity: Medium,
        group: "network",
        summary: "WAFv2 web ACL does not block Log4j exploits with AWSManagedRulesKnownBadInputsRuleSet",
        types: ["AWS::WAFv2::WebACL"],
        xrefs: [Checkov("CKV_AWS_192")],
    }
}

const GROUP: &str = "AWSManagedRulesKnownBadInputsRuleSet";
const QUESTION: &str = "the web ACL blocks Log4j exploits";

/// What one rule of the web ACL does about the known bad inputs group.
enum Use<'n> {
    /// It is not that group.
    Other,
    /// It blocks the Log4j patterns.
    Blocks,
    /// It is the group, weakened: where, and how.
    Weakened(&'n Node, String),
    /// A deciding value is not known.
    Unknown(&'n Node),
}

/// Whether a Log4j rule of the group is excluded or overridden to count or allow.
fn log4j_disabled(group: &Node) -> Result<Option<(&Node, String)>, &Node> {
    if let Some(excluded) = group.get("ExcludedRules") {
        for item in items(excluded) {
            let name = match item.get("Name") {
                Some(n) => known_text(n)?,
                None if is_unknown(item) => return Err(item),
                None => continue,
            };
            if name.starts_with("Log4JRCE") {
                let node = item.get("Name").unwrap_or(item);
                return Ok(Some((node, format!("its Log4j rule `{name}` is excluded"))));
            }
        }
    }
    if let Some(overrides) = group.get("RuleActionOverrides") {
        for item in items(overrides) {
            if is_unknown(item) {
                return Err(item);
            }
            let Some(name_node) = item.get("Name") else {
                continue;
            };
            let name = known_text(name_node)?;
            if !name.starts_with("Log4JRCE") {
                continue;
            }
            let Some(action) = item.get("ActionToUse") else {
                continue;
            };
            if is_unknown(action) {
                return Err(action);
            }
            for weak in ["Count", "Allow"] {
                if action.get(weak).is_some() {
                    return Ok(Some((
                        action,
                        format!("its Log4j rule `{name}` is overridden to `{weak}`"),
                    )));
                }
            }
        }
    }
    Ok(None)
}

fn classify(rule: &Node) -> Use<'_> {
    if is_unknown(rule) {
        return Use::Unknown(rule);
    }
    let Some(statement) = rule.get("Statement") else {
        return Use::Other;
    };
    if is_unknown(statement) {
        return Use::Unknown(statement);
    }
    let Some(group) = statement.get("ManagedRuleGroupStatement") else {
        return Use::Other;
    };
    if is_unknown(group) {
        return Use::Unknown(group);
    }
    let Some(name) = group.get("Name") else {
        return Use::Other;
    };
    match known_text(name) {
        Err(n) => return Use::Unknown(n),
        Ok(t) if t != GROUP => return Use::Other,
        Ok(_) => {}
    }
    if let Some(over) = rule.get("OverrideAction") {
        if is_unknown(over) {
            return Use::Unknown(over);
        }
        if over.get("Count").is_some() {
            return Use::Weakened(
                over,
                "it runs in count mode (`OverrideAction` is `Count`) and blocks nothing".into(),
            );
        }
    }
    match log4j_disabled(group) {
        Err(n) => Use::Unknown(n),
        Ok(Some((node, why))) => Use::Weakened(node, why),
        Ok(None) => Use::Blocks,
    }
}

impl Rule for Wafv2WebAclWithoutLog4jRules {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(rules) = cx.prop("Rules") else {
            hits.missing(
                "Rules",
                format!(
                    "web ACL has no rules, so it does not use `{GROUP}` to block Log4j exploits"
                ),
            );
            return;
        };
        if is_unknown(rules) {
            hits.unknown(rules, QUESTION);
            return;
        }
        let mut weakened = None;
        let mut unknown = None;
        for rule in items(rules) {
            match classify(rule) {
                Use::Blocks => return,
                Use::Other => {}
                Use::Weakened(node, why) => {
                    weakened.get_or_insert((node, why));
                }
                Use::Unknown(node) => {
                    unknown.get_or_insert(node);
                }
            }
        }
        if let Some(node) = unknown {
            hits.unknown(node, QUESTION);
        } else if let Some((node, why)) = weakened {
            hits.at(
                node,
                format!("web ACL does not block Log4j exploits with `{GROUP}`: {why}"),
            );
        } else {
            hits.at(
                rules,
                format!("web ACL does not use the `{GROUP}` managed rule group that blocks Log4j exploits"),
            );
        }
    }
}
