pub(crate) mod iam;
pub(crate) mod rules;
pub(crate) mod scan;
