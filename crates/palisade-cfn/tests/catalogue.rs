//! Meta-tests guarding the rule catalogue, and every rule's fixtures.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use palisade_cfn::{registry, scan_text, ScanOptions};
use palisade_core::config::Config;
use palisade_core::{Finding, Severity};
use palisade_testkit::{fixtures, render, Expect};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn every_rule_has_complete_metadata() {
    let reg = registry();
    let mut problems = Vec::new();
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for m in &reg.meta {
        for p in m.lint() {
            problems.push(format!("{}: {p}", m.code));
        }
        if !m.code.starts_with("CFN") {
            problems.push(format!("{}: code must start with CFN", m.code));
        }
        if !codes.insert(m.code.clone()) {
            problems.push(format!("{}: duplicate code", m.code));
        }
        if !names.insert(m.name.clone()) {
            problems.push(format!("{}: duplicate name `{}`", m.code, m.name));
        }
        if !m.docs.contains("## Unknown values") {
            problems.push(format!(
                "{}: docs do not say what happens with unknown values",
                m.code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Parity: every cfn_nag and checkov id is the cross-reference of a rule that runs on
/// templates (a template rule, with docs and fixtures checked above, or an IAM policy check,
/// which runs on every policy in a template), and no rule names an id the tools do not have.
#[test]
fn every_cfn_nag_and_checkov_id_maps_to_a_rule() {
    use palisade_cfn::known_ids::{cfn_nag_ids, is_cfn_nag_id, is_checkov_id, CHECKOV_IDS};
    use palisade_core::Tool;
    let nag = cfn_nag_ids();
    assert_eq!(nag.len(), 166);
    assert_eq!(CHECKOV_IDS.len(), 139);
    let metas: Vec<&palisade_core::RuleMeta> = registry()
        .meta
        .iter()
        .chain(palisade_iam::lint::rule_meta())
        .collect();
    let mapped = |tool: Tool, id: &str| metas.iter().any(|m| m.xrefs_for(tool).any(|x| x == id));
    let mut missing: Vec<String> = nag
        .iter()
        .filter(|id| !mapped(Tool::CfnNag, id))
        .cloned()
        .collect();
    missing.extend(
        CHECKOV_IDS
            .iter()
            .filter(|id| !mapped(Tool::Checkov, id))
            .map(|s| s.to_string()),
    );
    assert!(
        missing.is_empty(),
        "{} ids with no rule: {missing:?}",
        missing.len()
    );
    let mut unknown = Vec::new();
    for m in &metas {
        for x in m.xrefs.iter() {
            let ok = match x.tool {
                Tool::CfnNag => is_cfn_nag_id(x.id),
                Tool::Checkov => is_checkov_id(x.id),
                _ => true,
            };
            if !ok {
                unknown.push(format!("{}: {}", m.code, x.id));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "cross-references to ids that do not exist: {unknown:?}"
    );
}

#[test]
fn at_least_sixty_rules() {
    let n = registry().meta.len();
    assert!(n >= 60, "only {n} rules");
}

#[test]
fn no_orphan_fixture_directories() {
    let codes: HashSet<String> = registry().meta.iter().map(|m| m.code.to_string()).collect();
    let mut orphans = Vec::new();
    for e in std::fs::read_dir(fixture_root()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if !codes.contains(&name) && name != "engine" {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "fixture directories for no rule: {orphans:?}"
    );
}

fn scan_only(code: &str, path: &Path) -> (Vec<Finding>, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let format = if path.extension().is_some_and(|e| e == "json") {
        palisade_doc::Format::Json
    } else {
        palisade_doc::Format::Yaml
    };
    let mut params = HashMap::new();
    let pfile = path.with_extension("params.json");
    if pfile.exists() {
        let v: HashMap<String, String> =
            serde_json::from_str(&std::fs::read_to_string(pfile).unwrap()).unwrap();
        params = v;
    }
    let opts = ScanOptions {
        parameters: params,
        config: Config {
            select: vec![code.to_string()],
            ..Config::default()
        },
        ..ScanOptions::default()
    };
    let rel = path
        .strip_prefix(fixture_root())
        .unwrap()
        .to_string_lossy()
        .to_string();
    let out = scan_text(&rel, &text, format, &opts);
    let errors = out.errors.iter().map(|e| e.message.clone()).collect();
    (
        out.findings
            .into_iter()
            .filter(|f| f.rule == code)
            .collect(),
        errors,
    )
}

/// Each rule proves itself: `fail*` fixtures must trip it (else *missing*: a false negative),
/// `pass*` fixtures must not (else *noisy*: a false positive). The findings of every fixture
/// are snapshotted per rule.
#[test]
fn every_rule_fails_and_passes_its_fixtures() {
    let mut problems = Vec::new();
    for m in &registry().meta {
        let dir = fixture_root().join(m.code.as_ref());
        let (fx, bad) = fixtures(&dir);
        problems.extend(bad);
        if !fx.iter().any(|f| f.expect == Expect::Fail) {
            problems.push(format!("{}: no failing fixture", m.code));
        }
        if !fx.iter().any(|f| f.expect == Expect::Pass) {
            problems.push(format!("{}: no passing fixture", m.code));
        }
        let mut snapshot = String::new();
        for f in &fx {
            let (findings, errors) = scan_only(&m.code, &f.path);
            let name = f.path.file_name().unwrap().to_string_lossy().to_string();
            if !errors.is_empty() {
                problems.push(format!("{} {name}: input errors {errors:?}", m.code));
            }
            let real = findings
                .iter()
                .filter(|x| x.severity > Severity::Info)
                .count();
            match f.expect {
                Expect::Fail if real == 0 => problems.push(format!(
                    "{} {name}: missing (false negative): expected a finding, got {}",
                    m.code,
                    render(&findings).trim()
                )),
                Expect::Pass if !findings.is_empty() => problems.push(format!(
                    "{} {name}: noisy (false positive):\n{}",
                    m.code,
                    render(&findings)
                )),
                Expect::Unknown if findings.is_empty() || real > 0 => problems.push(format!(
                    "{} {name}: expected only info findings about unknown values, got:\n{}",
                    m.code,
                    render(&findings)
                )),
                _ => {}
            }
            snapshot.push_str(&format!("--- {name}\n{}", render(&findings)));
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots/rules");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(m.code.to_string(), snapshot));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
