pub(crate) mod iam;
pub(crate) mod iam_account;
pub(crate) mod iam_lint;
pub(crate) mod rules;
pub(crate) mod scan;
pub(crate) mod secrets;
pub(crate) mod secrets_rules;
