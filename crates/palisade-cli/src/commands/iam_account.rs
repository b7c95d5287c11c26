//! `palisade iam who-can`, `can`, `escalation` and `diff`: questions over a whole account
//! export, and effective-permission differences.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use palisade_iam::account::{self, Access, Account, Answer, Environment, Question, StoredPolicy};
use palisade_iam::diff::{self, Change, ChangeGroup, PolicySet};
use palisade_iam::escalation;

use crate::args::{
    AccountArgs, DiffFormatArg, EvalFormatArg, IamCanArgs, IamDiffArgs, IamEscalationArgs,
    IamWhoCanArgs, QuestionArgs,
};
use crate::commands::iam::{context_from, load_policy, policy_levels, write_steps};

/// Read the export and the policies around it.
fn load(a: &AccountArgs) -> Result<(Account, Environment)> {
    let text = std::fs::read_to_string(&a.account)
        .with_context(|| format!("cannot read account export `{}`", a.account.display()))?;
    let account =
        Account::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", a.account.display()))?;
    let mut warnings = Vec::new();
    let stored = |p: &Path, warnings: &mut Vec<String>| -> Result<StoredPolicy> {
        let l = load_policy(p, warnings)?;
        Ok(StoredPolicy {
            name: l.name,
            doc: l.doc,
        })
    };
    let mut env = Environment::default();
    for spec in &a.resource_policies {
        let Some((arn, file)) = spec.rsplit_once('=') else {
            bail!("--resource-policy `{spec}` is not ARN=FILE");
        };
        env.resource_policies
            .push((arn.to_owned(), stored(&PathBuf::from(file), &mut warnings)?));
    }
    env.scps = policy_levels(&a.scp_levels, &mut warnings, stored)?;
    env.rcps = policy_levels(&a.rcp_levels, &mut warnings, stored)?;
    for w in &warnings {
        anstream::eprintln!("warning: {w}");
    }
    if !account.missing_policies.is_empty() {
        anstream::eprintln!(
            "warning: {} attached managed polic{} not in the export (their permissions are unknown): {}",
            account.missing_policies.len(),
            if account.missing_policies.len() == 1 { "y is" } else { "ies are" },
            account.missing_policies.join(", ")
        );
    }
    Ok((account, env))
}

/// The question from `--action`, `--resource`, `--context`.
fn question(a: &QuestionArgs) -> Result<Question> {
    Ok(Question {
        action: a.action.clone(),
        resource: a.resource.clone().unwrap_or_else(|| "*".into()),
        resource_account: None,
        context: context_from(&a.context)?,
    })
}

fn access_word(a: Access) -> &'static str {
    match a {
        Access::Allowed => "ALLOWED",
        Access::Conditional => "ALLOWED IF CONDITIONS HOLD",
        Access::Denied => "DENIED",
    }
}

fn answer_json(a: &Answer) -> serde_json::Value {
    serde_json::json!({
        "principal": a.principal,
        "kind": a.kind,
        "access": a.access,
        "decision": a.evaluation.decision,
        "steps": a.evaluation.steps,
    })
}

pub(crate) fn who_can(a: &IamWhoCanArgs) -> Result<u8> {
    let (account, env) = load(&a.account)?;
    let q = question(&a.question)?;
    let answers = account::who_can(&account, &env, &q);
    let externals = external_principals(&env, &q);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.question.format {
        EvalFormatArg::Json => {
            let v = serde_json::json!({
                "action": q.action,
                "resource": q.resource,
                "principals": answers.iter().map(answer_json).collect::<Vec<_>>(),
                "external": externals,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        EvalFormatArg::Text => {
            writeln!(
                out,
                "Who can `{}` on `{}`: {} of {} principal(s) in account {}",
                q.action,
                q.resource,
                answers.len(),
                account.entities.len(),
                account.id.as_deref().unwrap_or("(unknown)")
            )?;
            for ans in &answers {
                writeln!(
                    out,
                    "\n{} {}: {}",
                    ans.kind,
                    ans.principal,
                    access_word(ans.access)
                )?;
                write_steps(&mut out, &ans.evaluation.steps)?;
            }
            for (who, sid) in &externals {
                writeln!(
                    out,
                    "\nexternal {who}: named by the resource policy ({sid}); its own account's policies decide the rest"
                )?;
            }
        }
    }
    Ok(0)
}

/// Principals outside the account that a resource policy grants the action to.
fn external_principals(env: &Environment, q: &Question) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some((_, p)) = env.resource_policies.iter().find(|(arn, _)| {
        q.resource == *arn
            || q.resource
                .strip_prefix(arn.as_str())
                .is_some_and(|r| r.starts_with('/'))
    }) else {
        return out;
    };
    for st in p.doc.allow_statements() {
        if !st.grants_action(&q.action) {
            continue;
        }
        let Some(pr) = &st.principal else { continue };
        let label = st.sid.as_ref().map_or_else(
            || format!("statement {}", st.index + 1),
            |s| format!("`{}`", s.value),
        );
        match &pr.value {
            palisade_iam::PrincipalValue::Wildcard => out.push(("* (anyone)".to_owned(), label)),
            palisade_iam::PrincipalValue::Map(entries) => {
                for e in entries {
                    for v in e.values.iter().filter_map(|v| v.known()) {
                        out.push((format!("{}:{v}", e.kind.as_str()), label.clone()));
                    }
                }
            }
            palisade_iam::PrincipalValue::Unknown => {}
        }
    }
    out
}

pub(crate) fn can(a: &IamCanArgs) -> Result<u8> {
    let (account, env) = load(&a.account)?;
    let Some(entity) = account.entity(&a.principal) else {
        bail!(
            "no user or role `{}` in `{}`",
            a.principal,
            a.account.account.display()
        );
    };
    let q = question(&a.question)?;
    let ans = account::can(&account, &env, entity, &q);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.question.format {
        EvalFormatArg::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&answer_json(&ans))?)?
        }
        EvalFormatArg::Text => {
            writeln!(
                out,
                "{}: {} {} `{}` on `{}`",
                access_word(ans.access),
                ans.kind,
                ans.principal,
                q.action,
                q.resource
            )?;
            write_steps(&mut out, &ans.evaluation.steps)?;
        }
    }
    Ok(match ans.access {
        Access::Allowed => 0,
        Access::Conditional | Access::Denied => 1,
    })
}

pub(crate) fn escalation(a: &IamEscalationArgs) -> Result<u8> {
    let (account, env) = load(&a.account)?;
    let analysis = escalation::analyse(&account, &env);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.format {
        EvalFormatArg::Json => writeln!(out, "{}", serde_json::to_string_pretty(&analysis)?)?,
        EvalFormatArg::Text => {
            writeln!(
                out,
                "Administrators ({}): {}",
                analysis.admins.len(),
                if analysis.admins.is_empty() {
                    "none".to_owned()
                } else {
                    analysis.admins.join(", ")
                }
            )?;
            if analysis.paths.is_empty() {
                writeln!(out, "No principal can escalate to administrator.")?;
            }
            for p in &analysis.paths {
                let target = if p.reaches == "admin" {
                    "administrator (by changing its own permissions)".to_owned()
                } else {
                    format!("administrator {}", p.reaches)
                };
                writeln!(
                    out,
                    "\n{} can reach {target} in {} step(s):",
                    p.principal,
                    p.steps.len()
                )?;
                for (i, s) in p.steps.iter().enumerate() {
                    let to = if s.to == "admin" {
                        "admin"
                    } else {
                        s.to.as_str()
                    };
                    writeln!(
                        out,
                        "  {}. {} -> {} [{}{}]: {}",
                        i + 1,
                        s.from,
                        to,
                        s.method,
                        if s.conditional() {
                            ", if conditions hold"
                        } else {
                            ""
                        },
                        s.explanation
                    )?;
                    for perm in &s.permissions {
                        let by: Vec<String> = perm
                            .statements
                            .iter()
                            .map(|st| {
                                st.sid.as_deref().map_or_else(
                                    || format!("statement {} of {}", st.index + 1, st.policy),
                                    |sid| format!("`{sid}` of {}", st.policy),
                                )
                            })
                            .collect();
                        writeln!(
                            out,
                            "       {} on {} (granted by {})",
                            perm.action,
                            perm.resource,
                            by.join(", ")
                        )?;
                    }
                }
            }
        }
    }
    Ok(u8::from(!analysis.paths.is_empty()))
}

/// Whether a JSON file is an account export rather than a policy.
fn is_export(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
        [
            "UserDetailList",
            "RoleDetailList",
            "GroupDetailList",
            "Policies",
        ]
        .iter()
        .any(|k| v.get(k).is_some())
    })
}

pub(crate) fn diff(a: &IamDiffArgs) -> Result<u8> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).with_context(|| format!("cannot read `{}`", p.display()))
    };
    let (old_text, new_text) = (read(&a.old)?, read(&a.new)?);
    let changes: Vec<Change> = match (is_export(&old_text), is_export(&new_text)) {
        (true, true) => {
            let old = Account::parse(&old_text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", a.old.display()))?;
            let new = Account::parse(&new_text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", a.new.display()))?;
            diff::diff_accounts(&old, &new)
        }
        (false, false) => {
            let mut warnings = Vec::new();
            let old = load_policy(&a.old, &mut warnings)?;
            let new = load_policy(&a.new, &mut warnings)?;
            for w in &warnings {
                anstream::eprintln!("warning: {w}");
            }
            diff::diff(&policy_set(&old), &policy_set(&new), None)
        }
        _ => bail!("OLD and NEW must both be policies or both be account exports"),
    };
    let groups = diff::group(&changes);
    let granted = changes
        .iter()
        .any(|c| c.kind() == "granted" || c.kind() == "now-unconditional");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.format {
        DiffFormatArg::Json => {
            let v = serde_json::json!({
                "old": a.old.display().to_string(),
                "new": a.new.display().to_string(),
                "summary": summary_counts(&changes),
                "groups": groups,
                "changes": changes,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        DiffFormatArg::Text => write_text(&mut out, a, &groups, &changes)?,
        DiffFormatArg::Markdown => write_markdown(&mut out, a, &groups, &changes)?,
    }
    Ok(u8::from(a.fail_on_grant && granted))
}

fn summary_counts(changes: &[Change]) -> serde_json::Value {
    let count = |k: &str| changes.iter().filter(|c| c.kind() == k).count();
    serde_json::json!({
        "granted": count("granted"),
        "revoked": count("revoked"),
        "now_conditional": count("now-conditional"),
        "now_unconditional": count("now-unconditional"),
    })
}

fn heading(kind: &str) -> &'static str {
    match kind {
        "granted" => "Newly allowed",
        "revoked" => "No longer allowed",
        "now-conditional" => "Now allowed only under conditions",
        _ => "Now allowed without conditions",
    }
}

const KINDS: [&str; 4] = ["granted", "now-unconditional", "now-conditional", "revoked"];

fn actions_text(g: &ChangeGroup) -> String {
    if g.actions.len() == 1 && g.count > 1 {
        format!("{} (all {} actions)", g.actions.join(", "), g.count)
    } else {
        g.actions.join(", ")
    }
}

fn write_text(
    out: &mut impl Write,
    a: &IamDiffArgs,
    groups: &[ChangeGroup],
    changes: &[Change],
) -> Result<()> {
    if changes.is_empty() {
        writeln!(
            out,
            "No change in effective permissions between `{}` and `{}`.",
            a.old.display(),
            a.new.display()
        )?;
        return Ok(());
    }
    for kind in KINDS {
        let gs: Vec<&ChangeGroup> = groups.iter().filter(|g| g.kind == kind).collect();
        if gs.is_empty() {
            continue;
        }
        let n: usize = gs.iter().map(|g| g.count).sum();
        writeln!(out, "{} ({n} action/resource pair(s)):", heading(kind))?;
        for g in gs {
            let who = g
                .principal
                .as_deref()
                .map(|p| format!("{p}: "))
                .unwrap_or_default();
            writeln!(out, "  {who}{} on {}", actions_text(g), g.resource)?;
        }
    }
    Ok(())
}

fn write_markdown(
    out: &mut impl Write,
    a: &IamDiffArgs,
    groups: &[ChangeGroup],
    changes: &[Change],
) -> Result<()> {
    writeln!(out, "### IAM permission changes\n")?;
    writeln!(out, "`{}` → `{}`\n", a.old.display(), a.new.display())?;
    if changes.is_empty() {
        writeln!(out, "No change in effective permissions.")?;
        return Ok(());
    }
    let count = |k: &str| changes.iter().filter(|c| c.kind() == k).count();
    writeln!(
        out,
        "| change | action/resource pairs |\n|---|---:|\n| :warning: newly allowed | {} |\n| now allowed without conditions | {} |\n| now conditional | {} |\n| no longer allowed | {} |\n",
        count("granted"),
        count("now-unconditional"),
        count("now-conditional"),
        count("revoked")
    )?;
    for kind in KINDS {
        let gs: Vec<&ChangeGroup> = groups.iter().filter(|g| g.kind == kind).collect();
        if gs.is_empty() {
            continue;
        }
        writeln!(out, "#### {}\n", heading(kind))?;
        let with_principal = gs.iter().any(|g| g.principal.is_some());
        if with_principal {
            writeln!(out, "| principal | actions | resource |\n|---|---|---|")?;
        } else {
            writeln!(out, "| actions | resource |\n|---|---|")?;
        }
        for g in gs {
            let actions = actions_text(g).replace('|', "\\|");
            let resource = g.resource.replace('|', "\\|");
            match &g.principal {
                Some(p) => writeln!(out, "| `{p}` | `{actions}` | `{resource}` |")?,
                None => writeln!(out, "| `{actions}` | `{resource}` |")?,
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "<sub>Computed by `palisade iam diff`: every action and resource named in either version evaluated under both.</sub>")?;
    Ok(())
}

fn policy_set(l: &crate::commands::iam::Loaded) -> PolicySet<'_> {
    PolicySet {
        identity: vec![palisade_iam::eval::Named {
            name: &l.name,
            doc: &l.doc,
        }],
        boundary: None,
    }
}
