use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Cognito::UserPool` whose `MfaConfiguration` is `OFF` or absent (the default is
    /// `OFF`): users sign in with a password alone and cannot add a second factor. `ON` (every
    /// user must use MFA) and `OPTIONAL` (users may turn it on, and adaptive authentication can
    /// require it) pass.
    ///
    /// cfn_nag F78 fails only an explicit `OFF`; we also fail an absent `MfaConfiguration`,
    /// which AWS treats as `OFF`.
    ///
    /// ## Why it matters
    /// With a password as the only factor, a leaked, reused or guessed password is enough to
    /// take over the account. MFA (a TOTP app, SMS or email code) stops credential stuffing and
    /// phishing of passwords alone.
    ///
    /// ## How to fix
    /// Require MFA, or at least offer it, with a second factor configured (TOTP needs
    /// `EnabledMfas: [SOFTWARE_TOKEN_MFA]`):
    /// ```yaml
    /// # before
    /// Users:
    ///   Type: AWS::Cognito::UserPool
    ///   Properties:
    ///     UserPoolName: customers
    /// # after
    /// Users:
    ///   Type: AWS::Cognito::UserPool
    ///   Properties:
    ///     UserPoolName: customers
    ///     MfaConfiguration: 'ON'
    ///     EnabledMfas: [SOFTWARE_TOKEN_MFA]
    /// ```
    ///
    /// ## References
    /// - [AWS::Cognito::UserPool](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html)
    /// - [Adding MFA to a user pool](https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html)
    /// - cfn_nag F78
    CognitoUserPoolMfaOff {
        code: "CFN8020",
        name: "cognito-user-pool-mfa-off",
        severity: Medium,
        group: "serverless",
        summary: "Cognito user pool does not offer multi-factor authentication (`MfaConfiguration` is `OFF`)",
        types: ["AWS::Cognito::UserPool"],
        xrefs: [CfnNag("F78")],
    }
}

impl Rule for CognitoUserPoolMfaOff {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(mfa) = cx.prop("MfaConfiguration") else {
            hits.missing(
                "MfaConfiguration",
                "user pool does not offer MFA: `MfaConfiguration` is not set (the default is `OFF`)",
            );
            return;
        };
        match text(mfa) {
            Some(t) if t.trim().eq_ignore_ascii_case("OFF") => hits.at(
                mfa,
                "user pool does not offer MFA: `MfaConfiguration` is `OFF`",
            ),
            Some(_) => {}
            None => {
                if is_unknown(mfa) {
                    hits.unknown(mfa, "the user pool offers MFA");
                }
            }
        }
    }
}
