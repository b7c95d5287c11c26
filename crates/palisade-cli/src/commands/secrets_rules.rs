//! Loading the secret rules (built-in and `--rules DIR`) and `palisade rules check`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use palisade_core::InputError;
use palisade_secrets::{Engine, Rule, RuleError};

use crate::args::RulesCheckArgs;

/// The built-in rules plus those of `dirs`, with every problem found loading them.
pub(crate) fn load(dirs: &[PathBuf], builtin: bool) -> (Vec<Rule>, Vec<RuleError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    if builtin {
        let (r, e) = palisade_secrets::rules::builtin();
        rules.extend(r.iter().cloned());
        errors.extend(e.iter().cloned());
    }
    for d in dirs {
        let (r, e) = palisade_secrets::rules::load_dir(d);
        rules.extend(r);
        errors.extend(e);
    }
    if !dirs.is_empty() {
        errors.extend(palisade_secrets::rules::duplicates(&rules));
    }
    (rules, errors)
}

/// Rule-file problems as input errors (exit code 2, the scan goes on with the good rules).
pub(crate) fn as_input_errors(errors: &[RuleError]) -> Vec<InputError> {
    errors
        .iter()
        .map(|e| InputError {
            path: e.path.clone(),
            message: e.message.clone(),
            region: (e.line > 0).then(|| {
                let p = palisade_core::Position {
                    line: e.line,
                    column: e.column,
                    utf16_column: e.column,
                };
                palisade_core::Region {
                    span: palisade_core::Span::default(),
                    start: p,
                    end: p,
                }
            }),
            help: Some("see `docs/secrets/rule-format.md`".into()),
        })
        .collect()
}

/// `palisade rules check`.
pub(crate) fn check(a: &RulesCheckArgs) -> Result<u8> {
    let (rules, errors) = load(&a.rules, !a.no_builtin);
    let mut out = anstream::stdout().lock();
    for e in &errors {
        writeln!(out, "error: {e}")?;
    }
    let n_rules = rules.len();
    let n_examples: usize = rules.iter().map(|r| r.examples.len()).sum();
    let n_near: usize = rules.iter().map(|r| r.near_misses.len()).sum();
    let engine = Engine::new(rules).map_err(anyhow::Error::msg)?;
    let failures = palisade_secrets::check::check(&engine);
    for f in &failures {
        writeln!(out, "{} ({}): {}", f.code, f.at, f.message)?;
    }
    writeln!(
        out,
        "{n_rules} rule(s), {n_examples} example(s), {n_near} near-miss(es): {} failure(s), {} rule file error(s)",
        failures.len(),
        errors.len()
    )?;
    Ok(if failures.is_empty() && errors.is_empty() {
        0
    } else {
        1
    })
}
