//! `palisade iam lint`: validate policy files offline, reported like `palisade scan`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use palisade_core::config::Config;
use palisade_core::exit::exit_code;
use palisade_core::{Finding, InputError, LineIndex, Report, Severity};
use palisade_doc::{Format, Node};
use palisade_iam::lint::{self, PolicyType};
use palisade_iam::parse_policy;

use crate::args::{IamLintArgs, PolicyTypeArg};
use crate::walk::display;

/// A bare Access Analyzer issue code (`MISSING_VERSION`) selects through the cross-reference.
fn selector(s: &str) -> String {
    if s.contains('_') && s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
        format!("access-analyzer:{s}")
    } else {
        s.to_owned()
    }
}

/// The document inside a `get-policy-version` / `get-role-policy` wrapper, or the root.
pub(crate) fn policy_node(root: &Node) -> &Node {
    root.get("PolicyVersion")
        .and_then(|v| v.get("Document"))
        .or_else(|| root.get("PolicyDocument").filter(|d| d.is_map()))
        .unwrap_or(root)
}

/// Lint one policy text; findings in the shared model.
pub(crate) fn lint_file(
    path: &str,
    text: &str,
    format: Format,
    policy_type: Option<PolicyType>,
) -> Vec<Finding> {
    let index = LineIndex::new(text);
    let parsed = palisade_doc::parse(text, format);
    let found = match &parsed.root {
        Some(root) if parsed.errors.iter().all(|e| !e.fatal) => {
            let node = policy_node(root);
            let parsed = parse_policy(node);
            let t = policy_type.unwrap_or_else(|| PolicyType::guess(&parsed.policy));
            lint::lint_parsed(text, node, &parsed, t)
        }
        _ => lint::lint_text(text, format, policy_type.unwrap_or(PolicyType::Identity)),
    };
    found
        .iter()
        .map(|f| f.to_finding(path, text, &index, None))
        .collect()
}

pub(crate) fn run(a: &IamLintArgs) -> Result<u8> {
    let config = Config {
        select: a.select.iter().map(|s| selector(s)).collect(),
        ignore: a.ignore.iter().map(|s| selector(s)).collect(),
        ..Config::default()
    };
    let rules: Vec<_> = lint::rule_meta()
        .iter()
        .filter(|r| config.enabled(r))
        .cloned()
        .collect();
    let policy_type = a.policy_type.map(|t| match t {
        PolicyTypeArg::Identity => PolicyType::Identity,
        PolicyTypeArg::Resource => PolicyType::Resource,
        PolicyTypeArg::Trust => PolicyType::RoleTrust,
        PolicyTypeArg::Scp => PolicyType::Scp,
        PolicyTypeArg::Rcp => PolicyType::Rcp,
    });
    let mut report = Report::default();
    let mut sources: HashMap<String, String> = HashMap::new();
    for p in &a.paths {
        let shown = display(p);
        let text = match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) => {
                report.errors.push(InputError {
                    path: shown,
                    message: format!("cannot read policy: {e}"),
                    region: None,
                    help: None,
                });
                continue;
            }
        };
        report.files_scanned += 1;
        let format = format_of(p, &text);
        let findings: Vec<Finding> = lint_file(&shown, &text, format, policy_type)
            .into_iter()
            .filter(|f| rules.iter().any(|r| r.code == f.rule))
            .collect();
        if !findings.is_empty() {
            sources.insert(shown, text);
        }
        report.findings.extend(findings);
    }
    report.sort();
    let fail_on = a.out.fail_on.unwrap_or(Severity::High);
    crate::commands::scan::write_to(&a.out, &report, &rules, &sources, fail_on)?;
    Ok(u8::try_from(exit_code(&report, fail_on)).unwrap_or(2))
}

fn format_of(p: &Path, text: &str) -> Format {
    match p.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
        Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => Format::Yaml,
        _ => palisade_doc::sniff(text),
    }
}
