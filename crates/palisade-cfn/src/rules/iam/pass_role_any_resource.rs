use super::util::{condition_note, documents, value_at, Found, Kind};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::IDENTITY_POLICY_TYPES;

declare_rule! {
    /// ## What it checks
    /// Identity policies (inline `Policies` of roles, users and groups, `AWS::IAM::Policy`,
    /// `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy`/`UserPolicy`/`GroupPolicy`) with an
    /// `Allow` statement that grants `iam:PassRole` on `Resource: "*"`. Any action pattern that
    /// covers `iam:PassRole` counts: `iam:PassRole`, `iam:Pass*`, `iam:*`, `*`, and a `NotAction`
    /// that does not exclude it. A statement with a `Condition` (for example on
    /// `iam:PassedToService`) is still reported; the message names the condition keys.
    ///
    /// ## Why it matters
    /// `iam:PassRole` lets a principal hand a role to a service (EC2, Lambda, ECS, CloudFormation,
    /// Glue...) that then acts with the role's permissions. On every role, including
    /// administrator roles, it is a privilege escalation: create a function or an instance with
    /// the most powerful role in the account and run code as it.
    ///
    /// ## How to fix
    /// Limit `Resource` to the roles the workload must pass, and the services it passes them to:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: iam:PassRole
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: iam:PassRole
    ///   Resource: !GetAtt TaskRole.Arn
    ///   Condition:
    ///     StringEquals:
    ///       iam:PassedToService: ecs-tasks.amazonaws.com
    /// ```
    ///
    /// ## References
    /// - [Granting a user permissions to pass a role to an AWS service](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)
    /// - cfn_nag F38 (role), F39 (policy), F40 (managed policy); checkov CKV_AWS_110 (partly: privilege escalation action sets)
    ///
    /// ## Unknown values
    /// An `Action` or `NotAction` value that is not known before deployment and might cover
    /// `iam:PassRole`, or a `Resource` value that might be `*`, gives an `info` finding naming it
    /// (values such as `!GetAtt Role.Arn` or an `!Sub` ARN are never `*`). So does an `Effect`, a
    /// statement or a document that is not known.
    PassRoleOnAnyResource {
        code: "CFN3006",
        name: "iam-pass-role-on-any-resource",
        severity: High,
        group: "iam",
        summary: "identity policy allows `iam:PassRole` on every resource (`Resource: *`)",
        types: IDENTITY_POLICY_TYPES,
        xrefs: [CfnNag("F38"), CfnNag("F39"), CfnNag("F40"), Checkov("CKV_AWS_110")],
    }
}

const PASS_ROLE: &str = "iam:PassRole";

impl Rule for PassRoleOnAnyResource {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind == Kind::Identity) {
            if doc.unreadable(hits, "allows `iam:PassRole` on every resource") {
                continue;
            }
            for st in &doc.policy.statements {
                let granted = doc.grants(cx.template, st, PASS_ROLE);
                let found = granted.and(doc.star_resource(cx.template, st));
                let how = match (granted, &st.action) {
                    (Found::Yes(_), Some(b)) if b.negated => " (through `NotAction`)".to_owned(),
                    (Found::Yes(span), block) => match value_at(block.as_ref(), span) {
                        Some(p) if !p.eq_ignore_ascii_case(PASS_ROLE) => {
                            format!(" (through `{p}`)")
                        }
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                let what = format!(
                    "allows `iam:PassRole`{how} on every resource (`Resource: *`): any role can be passed to a service"
                );
                doc.report(hits, st, found, None, &what, &condition_note(st));
            }
        }
    }
}
