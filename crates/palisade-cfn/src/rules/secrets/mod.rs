pub(crate) mod cfn_authentication;
pub(crate) mod plaintext_secret;
pub(crate) mod util;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &plaintext_secret::PlaintextSecretInProperty,
    &cfn_authentication::CloudFormationAuthenticationCredentials,
];
