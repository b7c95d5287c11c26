//! `palisade iam eval`: decide requests against policy files.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use palisade_doc::{Format, LineIndex};
use palisade_iam::eval::{
    evaluate, Decision, Named, Policies, Principal, Request, RequestContext, ResourcePolicyKind,
};
use palisade_iam::{parse_policy, PolicyDocument};
use serde_json::Value;

use crate::args::{EvalFormatArg, IamEvalArgs, ResourcePolicyKindArg};

/// A policy file read from disk.
pub(crate) struct Loaded {
    pub(crate) name: String,
    pub(crate) doc: PolicyDocument,
}

fn named(l: &Loaded) -> Named<'_> {
    Named {
        name: l.name.as_str(),
        doc: &l.doc,
    }
}

pub(crate) fn eval(a: &IamEvalArgs) -> Result<u8> {
    let mut warnings = Vec::new();
    let load =
        |path: &Path, warnings: &mut Vec<String>| -> Result<Loaded> { load_policy(path, warnings) };
    let identity: Vec<Loaded> = a
        .identity
        .iter()
        .map(|p| load(p, &mut warnings))
        .collect::<Result<_>>()?;
    let boundary = a
        .boundary
        .as_deref()
        .map(|p| load(p, &mut warnings))
        .transpose()?;
    let session = a
        .session_policy
        .as_deref()
        .map(|p| load(p, &mut warnings))
        .transpose()?;
    let resource = a
        .resource_policy
        .as_deref()
        .map(|p| load(p, &mut warnings))
        .transpose()?;
    let vpce = a
        .vpc_endpoint_policy
        .as_deref()
        .map(|p| load(p, &mut warnings))
        .transpose()?;
    let scps = policy_levels(&a.scp_levels, &mut warnings, load_policy)?;
    let rcps = policy_levels(&a.rcp_levels, &mut warnings, load_policy)?;
    for w in &warnings {
        anstream::eprintln!("warning: {w}");
    }

    let kind = match a.resource_policy_kind {
        ResourcePolicyKindArg::Generic => ResourcePolicyKind::Generic,
        ResourcePolicyKindArg::Trust => ResourcePolicyKind::RoleTrust,
        ResourcePolicyKindArg::Kms => ResourcePolicyKind::KmsKey,
    };
    let policies = Policies {
        identity: identity.iter().map(named).collect(),
        boundary: boundary.as_ref().map(named),
        session: session.as_ref().map(named),
        resource: resource.as_ref().map(|r| (named(r), kind)),
        scps: scps.iter().map(|l| l.iter().map(named).collect()).collect(),
        rcps: rcps.iter().map(|l| l.iter().map(named).collect()).collect(),
        vpc_endpoint: vpce.as_ref().map(named),
    };

    let requests = match &a.requests {
        Some(path) => read_requests(path)?,
        None => {
            let (Some(principal), Some(action)) = (&a.principal, &a.action) else {
                bail!("give --principal and --action, or --requests FILE");
            };
            let context = context_from(&a.context)?;
            vec![build_request(
                principal,
                action,
                a.resource.as_deref().unwrap_or("*"),
                a.resource_account.clone(),
                context,
            )?]
        }
    };

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for r in &requests {
        let e = evaluate(r, &policies);
        match a.format {
            EvalFormatArg::Json => {
                let line = serde_json::json!({
                    "principal": r.principal.arn().unwrap_or_else(|| describe(&r.principal)),
                    "action": r.action,
                    "resource": r.resource,
                    "decision": e.decision,
                    "steps": e.steps,
                });
                writeln!(out, "{line}")?;
            }
            EvalFormatArg::Text => {
                let verdict = match e.decision {
                    Decision::Allowed => "ALLOWED",
                    Decision::ExplicitlyDenied => "EXPLICITLY DENIED",
                    Decision::ImplicitlyDenied => "IMPLICITLY DENIED",
                };
                writeln!(
                    out,
                    "{verdict}: {} may{} `{}` on `{}`",
                    describe(&r.principal),
                    if e.decision == Decision::Allowed {
                        ""
                    } else {
                        " not"
                    },
                    r.action,
                    r.resource
                )?;
                write_steps(&mut out, &e.steps)?;
            }
        }
    }
    Ok(0)
}

/// Organisation levels from `--scp-level`/`--rcp-level` flags: each a comma-separated list of
/// policy files, root first.
pub(crate) fn policy_levels<T>(
    specs: &[String],
    warnings: &mut Vec<String>,
    load: impl Fn(&Path, &mut Vec<String>) -> Result<T>,
) -> Result<Vec<Vec<T>>> {
    specs
        .iter()
        .map(|level| {
            level
                .split(',')
                .filter(|f| !f.trim().is_empty())
                .map(|f| load(&PathBuf::from(f.trim()), warnings))
                .collect()
        })
        .collect()
}

/// Condition keys from `KEY=VALUE` flags; a key given twice is multivalued.
pub(crate) fn context_from(kvs: &[String]) -> Result<RequestContext> {
    let mut context = RequestContext::new();
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    for kv in kvs {
        let Some((k, v)) = kv.split_once('=') else {
            bail!("--context `{kv}` is not KEY=VALUE");
        };
        match pairs
            .iter_mut()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
        {
            Some((_, values)) => values.push(v.to_string()),
            None => pairs.push((k.to_string(), vec![v.to_string()])),
        }
    }
    for (k, values) in pairs {
        match values.as_slice() {
            [one] => context.set(&k, one.clone()),
            _ => context.set_multi(&k, values),
        };
    }
    Ok(context)
}

/// The explanation of an evaluation, one line per layer and per deciding statement.
pub(crate) fn write_steps(out: &mut impl Write, steps: &[palisade_iam::eval::Step]) -> Result<()> {
    for step in steps {
        let layer = serde_json::to_value(step.layer)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(out, "  {layer}: {}", step.note)?;
        for s in &step.statements {
            let sid = s.sid.as_deref().map_or_else(
                || format!("statement {}", s.index + 1),
                |x| format!("`{x}`"),
            );
            let cond = if s.conditional {
                " (if its condition holds)"
            } else {
                ""
            };
            writeln!(out, "    {} {sid} of {}{cond}", s.effect, s.policy)?;
        }
    }
    Ok(())
}

fn describe(p: &Principal) -> String {
    match p {
        Principal::Service { name } => name.clone(),
        Principal::Anonymous => "anonymous".into(),
        other => other.arn().unwrap_or_default(),
    }
}

/// Read and parse one policy file; structural problems become warnings naming line and column.
pub(crate) fn load_policy(path: &Path, warnings: &mut Vec<String>) -> Result<Loaded> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read policy `{}`", path.display()))?;
    let parsed = palisade_doc::parse(&text, Format::Json);
    let index = LineIndex::new(&text);
    let at = |offset: u32| {
        let p = index.position(&text, offset);
        format!("{}:{}:{}", path.display(), p.line, p.column)
    };
    if let Some(e) = parsed.errors.iter().find(|e| e.fatal) {
        bail!("{}: {}", at(e.span.start), e.message);
    }
    let Some(root) = parsed.root else {
        bail!("{}: empty policy", path.display());
    };
    // `aws iam get-policy-version` wraps the document; accept it and the bare document
    let node = root
        .get("PolicyVersion")
        .and_then(|v| v.get("Document"))
        .unwrap_or(&root);
    let policy = parse_policy(node);
    for issue in &policy.issues {
        warnings.push(format!("{}: {}", at(issue.span.start), issue.message));
    }
    Ok(Loaded {
        name: path.display().to_string(),
        doc: policy.policy,
    })
}

/// Parse a principal as written on the command line or in a requests file.
fn principal_of(text: &str) -> Result<Principal> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("anonymous") || t == "*" {
        return Ok(Principal::Anonymous);
    }
    if t.len() == 12 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Principal::Root {
            account: t.to_string(),
        });
    }
    if !t.starts_with("arn:") && t.ends_with(".amazonaws.com") {
        return Ok(Principal::Service {
            name: t.to_string(),
        });
    }
    let arn =
        palisade_iam::arn::Arn::parse(t).map_err(|e| anyhow::anyhow!("principal `{t}` {e}"))?;
    match (arn.service, arn.resource.split_once('/')) {
        ("iam", _) if arn.resource == "root" => Ok(Principal::Root {
            account: arn.account.to_string(),
        }),
        ("iam", Some(("user", _))) => Ok(Principal::User { arn: t.to_string() }),
        ("iam", Some(("role", rest))) => Ok(Principal::RoleSession {
            role_arn: t.to_string(),
            session_arn: format!(
                "arn:{}:sts::{}:assumed-role/{}/palisade",
                arn.partition,
                arn.account,
                rest.rsplit('/').next().unwrap_or(rest)
            ),
        }),
        ("sts", Some(("assumed-role", rest))) => {
            let Some((role, _session)) = rest.split_once('/') else {
                bail!("principal `{t}`: an assumed-role ARN is `assumed-role/ROLE/SESSION`");
            };
            Ok(Principal::RoleSession {
                role_arn: format!("arn:{}:iam::{}:role/{role}", arn.partition, arn.account),
                session_arn: t.to_string(),
            })
        }
        ("sts", Some(("federated-user", _))) => Ok(Principal::FederatedUser { arn: t.to_string() }),
        _ => bail!(
            "principal `{t}` is not a user, role, session, federated user, account or service"
        ),
    }
}

fn build_request(
    principal: &str,
    action: &str,
    resource: &str,
    resource_account: Option<String>,
    context: RequestContext,
) -> Result<Request> {
    let principal = principal_of(principal)?;
    if !action.contains(':') {
        bail!("action `{action}` is not `service:Name`");
    }
    let mut request = Request {
        principal,
        action: action.to_string(),
        resource: resource.to_string(),
        resource_account,
        context,
    };
    palisade_iam::eval::populate_context(&mut request);
    Ok(request)
}

/// A JSON array of requests, or JSON Lines.
fn read_requests(path: &Path) -> Result<Vec<Request>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read requests `{}`", path.display()))?;
    let items: Vec<(usize, Value)> = if text.trim_start().starts_with('[') {
        let v: Vec<Value> = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a JSON array of requests", path.display()))?;
        v.into_iter().enumerate().map(|(i, v)| (i + 1, v)).collect()
    } else {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                serde_json::from_str(l)
                    .map(|v| (i + 1, v))
                    .with_context(|| format!("{}:{}: not a JSON object", path.display(), i + 1))
            })
            .collect::<Result<_>>()?
    };
    items
        .into_iter()
        .map(|(n, v)| {
            let field = |k: &str| v.get(k).and_then(Value::as_str);
            let (Some(principal), Some(action)) = (field("principal"), field("action")) else {
                bail!(
                    "{} request {n}: needs `principal` and `action`",
                    path.display()
                );
            };
            let mut context = RequestContext::new();
            if let Some(map) = v.get("context").and_then(Value::as_object) {
                for (k, val) in map {
                    match val {
                        Value::Array(items) => {
                            context.set_multi(k, items.iter().map(scalar_text));
                        }
                        other => {
                            context.set(k, scalar_text(other));
                        }
                    }
                }
            }
            build_request(
                principal,
                action,
                field("resource").unwrap_or("*"),
                field("resource_account").map(str::to_string),
                context,
            )
            .with_context(|| format!("{} request {n}", path.display()))
        })
        .collect()
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
