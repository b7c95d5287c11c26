use crate::declare_rule;
use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx, Rule};
use crate::rules::names::PhysicalName;
use crate::value::{is_partial, is_unknown, items, text};
use palisade_doc::Node;

declare_rule! {
    /// ## What it checks
    /// An `AWS::IAM::User` that belongs to no group: its `Groups` is absent or empty, and no
    /// `AWS::IAM::UserToGroupAddition` in the template lists it in `Users` (by `!Ref` of the
    /// user's logical id, or by its literal `UserName`).
    ///
    /// ## Why it matters
    /// A user outside every group gets its permissions one by one, if at all; such users are
    /// usually leftovers or carry ad-hoc grants nobody reviews. Managing users through groups
    /// keeps permissions per job function and makes removing access a single change.
    ///
    /// ## How to fix
    /// Add the user to a group, in `Groups` or with `AWS::IAM::UserToGroupAddition`:
    /// ```yaml
    /// # before
    /// Alice:
    ///   Type: AWS::IAM::User
    /// # after
    /// Alice:
    ///   Type: AWS::IAM::User
    ///   Properties:
    ///     Groups: [!Ref Developers]
    /// ```
    ///
    /// ## References
    /// - [AWS::IAM::UserToGroupAddition](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-usertogroupaddition.html)
    /// - [IAM user groups](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    /// - cfn_nag F2000
    ///
    /// ## Unknown values
    /// When the user's `Groups`, or the `Users` of a `UserToGroupAddition` (or one of its
    /// entries), is not known before deployment and no known entry names the user, the rule
    /// reports an `info` finding on the user naming the unresolved value. It does so too when the
    /// user's own `UserName` is not known and a `UserToGroupAddition` lists names, and when the
    /// only `UserToGroupAddition` that lists the user has a `Condition` that is not known before
    /// deployment. A `UserToGroupAddition` whose `Condition` is false in the scenario is ignored.
    UserWithoutGroup {
        code: "CFN3012",
        name: "iam-user-without-group",
        severity: Low,
        group: "iam",
        summary: "IAM user is not a member of any group",
        types: ["AWS::IAM::User"],
        xrefs: [CfnNag("F2000")],
    }
}

/// Whether an entry of `Users` names the user: `Some(true)` yes, `Some(false)` no, `None` unknown.
/// A `Ref` to another resource of the template names another user.
fn names_user(cx: &ResourceCx<'_>, item: &Node, user_name: &PhysicalName) -> Option<bool> {
    let id = cx.id();
    let by_ref = |r: &str| {
        if r == id {
            Some(true)
        } else if cx.template.resource(r).is_some() {
            Some(false)
        } else {
            None
        }
    };
    if let Some(e) = item.single_entry().filter(|e| e.key == "Ref") {
        return e.value.as_str().and_then(by_ref);
    }
    if is_partial(item) {
        return item
            .as_str()
            .and_then(|s| s.strip_prefix("${")?.strip_suffix('}'))
            .and_then(by_ref);
    }
    if is_unknown(item) {
        return None;
    }
    user_name.is(item)
}

impl Rule for UserWithoutGroup {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if let Some(groups) = cx.prop("Groups") {
            if is_unknown(groups) {
                hits.unknown(groups, "the user belongs to a group");
                return;
            }
            if !items(groups).is_empty() {
                return;
            }
        }
        let user_name = PhysicalName::of(cx, "UserName");
        let mut unknown: Option<String> = None;
        for other in cx.others("AWS::IAM::UserToGroupAddition") {
            // An addition whose condition is not decided (it depends on values not known before
            // deployment) may not be created: its membership is only a possibility.
            let (res, only_when) = (other.resource, other.only_when);
            let Some(users) = other.props.get("Users") else {
                continue;
            };
            if is_unknown(users) {
                unknown.get_or_insert_with(|| {
                    format!("`Users` of `{}` is `{}`", res.logical_id, describe(users))
                });
                continue;
            }
            for item in items(users) {
                match names_user(cx, item, &user_name) {
                    Some(true) => match only_when {
                        None => return,
                        Some(c) => {
                            unknown.get_or_insert_with(|| {
                                format!(
                                    "`{}` adds it to a group only when condition `{c}` is true",
                                    res.logical_id
                                )
                            });
                        }
                    },
                    Some(false) => {}
                    None => {
                        unknown.get_or_insert_with(|| match (text(item), cx.prop("UserName")) {
                            (Some(listed), Some(name)) if !is_unknown(item) => format!(
                                "`{}` lists `{listed}` and the user's `UserName` is `{}`",
                                res.logical_id,
                                describe(name)
                            ),
                            _ => {
                                format!("`Users` of `{}` has `{}`", res.logical_id, describe(item))
                            }
                        });
                    }
                }
            }
        }
        match unknown {
            Some(what) => hits.push(Hit {
                span: cx.resource.id_span,
                path: Some(String::new()),
                message: format!(
                    "cannot tell whether the user belongs to a group: {what}, which is not known before deployment"
                ),
                unknown: true,
                severity: None,
            }),
            None => hits.resource(
                "user belongs to no group (no `Groups`, and no `AWS::IAM::UserToGroupAddition` lists it)",
            ),
        }
    }
}
