//! Every lint check has fixtures under `tests/lint/<ID>/`: each `fail*.json` must be reported by
//! the check, each `pass*.json` must not. A fixture's policy type is the part of its name before
//! `.json` when it is one of `identity`, `resource`, `trust`, `scp`, `rcp` (e.g.
//! `fail-2.scp.json`); otherwise `identity`.

use std::path::Path;

use palisade_doc::Format;
use palisade_iam::lint::{checks, lint_text, PolicyType};

fn policy_type(name: &str) -> PolicyType {
    let stem = name.trim_end_matches(".json");
    stem.rsplit_once('.')
        .and_then(|(_, t)| PolicyType::parse(t))
        .unwrap_or(PolicyType::Identity)
}

#[test]
fn every_check_has_failing_and_passing_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint");
    let mut problems = Vec::new();
    for c in checks() {
        let d = dir.join(c.id);
        let Ok(entries) = std::fs::read_dir(&d) else {
            problems.push(format!("{}: no fixture directory {}", c.id, d.display()));
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        let (mut fails, mut passes) = (0, 0);
        for name in &names {
            let text = std::fs::read_to_string(d.join(name)).unwrap();
            let t = policy_type(name);
            let found = lint_text(&text, Format::Json, t);
            let hit = found.iter().any(|f| f.check.id == c.id);
            let listing: Vec<String> = found
                .iter()
                .map(|f| {
                    format!(
                        "{} {} at {}: {}",
                        f.check.id, f.check.name, f.path, f.message
                    )
                })
                .collect();
            if name.starts_with("fail") {
                fails += 1;
                if !hit {
                    problems.push(format!(
                        "{}/{name} ({t}): expected {} {}, got {listing:#?}",
                        c.id, c.id, c.name
                    ));
                }
            } else if name.starts_with("pass") {
                passes += 1;
                if hit {
                    problems.push(format!(
                        "{}/{name} ({t}): must not report {}, got {listing:#?}",
                        c.id, c.id
                    ));
                }
            }
        }
        if fails == 0 || passes == 0 {
            problems.push(format!(
                "{}: needs a fail*.json and a pass*.json fixture",
                c.id
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn fixture_directories_belong_to_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint");
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(
            checks().iter().any(|c| c.id == name),
            "fixtures for unknown check {name}"
        );
    }
}
