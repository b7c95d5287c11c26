use crate::declare_rule;
use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx, Rule};
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
    /// reports an `info` finding on the user naming the unresolved value. A
    /// `UserToGroupAddition` whose `Condition` is false in the scenario is ignored.
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
fn names_user(cx: &ResourceCx<'_>, item: &Node, user_name: Option<&str>) -> Option<bool> {
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
    Some(text(item).is_some_and(|t| Some(t.as_str()) == user_name))
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
        let user_name = cx.prop("UserName").and_then(text);
        let mut unknown: Option<String> = None;
        for res in &cx.template.resources {
            if res.ty != "AWS::IAM::UserToGroupAddition" {
                continue;
            }
            if let Some(c) = res.condition {
                if cx.resolver.condition(c, 0) == Some(false) {
                    continue;
                }
            }
            let Some(props) = res.properties.and_then(|p| cx.resolver.resolve(p)) else {
                continue;
            };
            let Some(users) = props.get("Users") else {
                continue;
            };
            if is_unknown(users) {
                unknown.get_or_insert_with(|| {
                    format!("`Users` of `{}` is `{}`", res.logical_id, describe(users))
                });
                continue;
            }
            for item in items(users) {
                match names_user(cx, item, user_name.as_deref()) {
                    Some(true) => return,
                    Some(false) => {}
                    None => {
                        unknown.get_or_insert_with(|| {
                            format!("`Users` of `{}` has `{}`", res.logical_id, describe(item))
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
