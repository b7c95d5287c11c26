//! Reading an account export, asking who-can, and searching escalation paths never panic,
//! whatever the text: a bad export is an error naming a field.
#![no_main]

use palisade_iam::account::{who_can, Account, Environment, Question};
use palisade_iam::eval::RequestContext;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let Ok(account) = Account::parse(text) else { return };
    if account.entities.len() > 20 {
        return;
    }
    let env = Environment::default();
    let q = Question {
        action: "s3:GetObject".into(),
        resource: "arn:aws:s3:::prod-data/x".into(),
        resource_account: None,
        context: RequestContext::new(),
    };
    let _ = who_can(&account, &env, &q);
    let _ = palisade_iam::escalation::analyse(&account, &env);
});
