use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::IAM::User` with a `LoginProfile` (a console password) whose
    /// `PasswordResetRequired` is absent or false. The property is optional and IAM only asks
    /// for a new password at the next sign-in when it is true: absent, the initial password
    /// stays.
    ///
    /// A user without `LoginProfile` has no console password and passes. cfn_nag's W50 text
    /// ("login profile should exist and have `PasswordResetRequired` set to true") reads as
    /// if a missing login profile failed, but its check, like ours, only fails users that have
    /// one: requiring console access for every user would be the opposite of good practice.
    ///
    /// ## Why it matters
    /// The password in `LoginProfile` is known to whoever wrote the template, passed the
    /// parameter or can read the stack's parameters and history. Without a forced reset it
    /// stays the user's password: anyone who saw it can sign in to the console as that user,
    /// and nothing tells the user that the secret was shared.
    ///
    /// ## How to fix
    /// Require a new password at the first sign-in (and pass the initial one as a `NoEcho`
    /// parameter or a dynamic reference):
    /// ```yaml
    /// # before
    /// LoginProfile:
    ///   Password: !Ref InitialPassword
    /// # after
    /// LoginProfile:
    ///   Password: !Ref InitialPassword
    ///   PasswordResetRequired: true
    /// ```
    ///
    /// ## References
    /// - [AWS::IAM::User LoginProfile](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-user-loginprofile.html)
    /// - [CreateLoginProfile (IAM API Reference)](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html)
    /// - cfn_nag W50
    ///
    /// ## Unknown values
    /// A `PasswordResetRequired`, or a whole `LoginProfile`, that is not known before deployment
    /// (a parameter without a value, an `Fn::ImportValue`) gives an `info` finding naming it.
    UserPasswordResetNotRequired {
        code: "CFN3110",
        name: "iam-user-password-reset-not-required",
        severity: Medium,
        group: "iam",
        summary: "IAM user console password (`LoginProfile`) does not require a reset at first sign-in",
        types: ["AWS::IAM::User"],
        xrefs: [CfnNag("W50")],
    }
}

impl Rule for UserPasswordResetNotRequired {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(profile) = cx.prop("LoginProfile") else {
            return;
        };
        if is_unknown(profile) {
            hits.unknown(
                profile,
                "the user's console password must be reset at first sign-in",
            );
            return;
        }
        match profile.get("PasswordResetRequired") {
            None => hits.missing(
                "LoginProfile.PasswordResetRequired",
                "console password does not have to be changed at first sign-in: `LoginProfile.PasswordResetRequired` is not set",
            ),
            Some(v) => match truth(v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    "console password does not have to be changed at first sign-in: `LoginProfile.PasswordResetRequired` is false",
                ),
                Tri::Unknown => hits.unknown(
                    v,
                    "the user's console password must be reset at first sign-in",
                ),
            },
        }
    }
}
