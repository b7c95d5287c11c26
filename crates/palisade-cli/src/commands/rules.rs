//! `palisade rules`: list rules, show one rule's documentation, or map another tool's ids.

use std::io::Write;

use anyhow::{bail, Result};
use palisade_core::{RuleMeta, Tool};

use crate::args::{ListFormat, RulesAction, RulesArgs};

/// Every rule of every engine.
pub(crate) fn all_rules() -> Vec<RuleMeta> {
    let mut all = palisade_cfn::rule_meta().to_vec();
    all.extend_from_slice(palisade_iam::lint::rule_meta());
    all.extend(
        palisade_secrets::rules::builtin()
            .0
            .iter()
            .map(palisade_secrets::Rule::meta),
    );
    all
}

pub(crate) fn run(a: &RulesArgs) -> Result<u8> {
    if let Some(RulesAction::Check(c)) = &a.action {
        return crate::commands::secrets_rules::check(c);
    }
    let mut rules = all_rules();
    for d in &a.rules {
        let (custom, errors) = palisade_cfn::custom::load_dir(d);
        rules.extend(custom.iter().map(|c| c.meta().clone()));
        let (secret, secret_errors) = palisade_secrets::rules::load_dir(d);
        rules.extend(secret.iter().map(palisade_secrets::Rule::meta));
        for e in &errors {
            anstream::eprintln!("error: {}: {}", e.path, e.message);
        }
        for e in &secret_errors {
            anstream::eprintln!("error: {e}");
        }
    }
    let mut out = anstream::stdout().lock();
    if let Some(id) = &a.rule {
        let Some(r) = rules
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(id) || r.name == id.as_str())
        else {
            bail!("no rule `{id}`; run `palisade rules` to list them");
        };
        if a.format == ListFormat::Json {
            serde_json::to_writer_pretty(&mut out, r)?;
            writeln!(out)?;
        } else {
            writeln!(out, "# {} {}\n", r.code, r.name)?;
            writeln!(out, "{}\n", r.summary)?;
            writeln!(out, "Severity: {}  ", r.severity)?;
            writeln!(out, "Resource types: {}\n", r.resource_types.join(", "))?;
            writeln!(out, "{}", r.docs.trim_end())?;
        }
        return Ok(0);
    }
    if let Some(tool) = &a.from {
        let tool = match tool.as_str() {
            "cfn_nag" | "cfn-nag" => Tool::CfnNag,
            "checkov" => Tool::Checkov,
            "access-analyzer" | "access_analyzer" | "accessanalyzer" => Tool::AccessAnalyzer,
            "parliament" => Tool::Parliament,
            "cloudsplaining" => Tool::Cloudsplaining,
            other => bail!(
                "unknown tool `{other}`; expected cfn_nag, checkov, access-analyzer, parliament or cloudsplaining"
            ),
        };
        // One entry per id of the other tool, with every Palisade rule that covers it.
        let mut by_id: std::collections::BTreeMap<(String, u32), (&str, Vec<&RuleMeta>)> =
            std::collections::BTreeMap::new();
        for r in &rules {
            for id in r.xrefs_for(tool) {
                by_id
                    .entry(id_sort_key(id))
                    .or_insert_with(|| (id, Vec::new()))
                    .1
                    .push(r);
            }
        }
        if a.format == ListFormat::Json {
            let v: Vec<_> = by_id
                .values()
                .map(|(id, rs)| {
                    let rules: Vec<_> = rs
                        .iter()
                        .map(|r| serde_json::json!({"rule": r.code, "name": r.name}))
                        .collect();
                    serde_json::json!({"id": id, "rules": rules})
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        } else {
            for (id, rs) in by_id.values() {
                let shown: Vec<String> = rs
                    .iter()
                    .map(|r| format!("{} {}", r.code, r.name))
                    .collect();
                writeln!(out, "{id:<14} {}", shown.join(", "))?;
            }
        }
        return Ok(0);
    }
    if a.format == ListFormat::Json {
        serde_json::to_writer_pretty(&mut out, &rules)?;
        writeln!(out)?;
    } else {
        for r in &rules {
            writeln!(
                out,
                "{:<8} {:<8} {:<48} {}",
                r.code, r.severity, r.name, r.summary
            )?;
        }
        writeln!(
            out,
            "\n{} rules; `palisade rules CODE` shows one rule's documentation",
            rules.len()
        )?;
    }
    Ok(0)
}

/// Sort `F2` before `F10`, `CKV_AWS_2` before `CKV_AWS_10`.
fn id_sort_key(id: &str) -> (String, u32) {
    let digits: String = id
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let prefix = id.get(..id.len() - digits.len()).unwrap_or(id).to_string();
    (prefix, digits.parse().unwrap_or(0))
}
