use palisade_core::Severity;

use super::util::iot_document;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::{all_stars, condition_note, value_at, Found};

declare_rule! {
    /// ## What it checks
    /// The `PolicyDocument` of an `AWS::IoT::Policy` with an `Allow` statement whose `Action`
    /// is `*` or a whole service (`iot:*`, `greengrass:*`, or any `<prefix>:*`).
    ///
    /// Severity: `medium`; **`high`** when the same statement also has `Resource: "*"`: the
    /// device may then do anything on every client id, topic, thing shadow and job of the
    /// account and Region. Statements with a `Condition` are still reported; the message
    /// names the condition keys. Policies written as JSON strings are read too (findings then
    /// point at the string).
    ///
    /// ## Why it matters
    /// An AWS IoT policy is what a device certificate (or a Cognito identity) may do in AWS IoT
    /// Core. `iot:*` gives the device every IoT action on the statement's resources: besides
    /// connecting, publishing and subscribing, it may update and delete thing shadows, publish
    /// retained messages and read or update jobs, actions a sensor never needs. Whoever
    /// extracts the certificate from one device gets all of them, and with `Resource: "*"` on
    /// every device of the fleet.
    ///
    /// ## How to fix
    /// Grant the actions the device uses (`iot:Connect`, `iot:Publish`, `iot:Subscribe`,
    /// `iot:Receive`...), each on the resources named after the device with thing policy
    /// variables:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: iot:*
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: iot:Connect
    ///   Resource: !Sub "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:client/${!iot:Connection.Thing.ThingName}"
    /// - Effect: Allow
    ///   Action: iot:Publish
    ///   Resource: !Sub "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:topic/telemetry/${!iot:Connection.Thing.ThingName}"
    /// ```
    ///
    /// ## References
    /// - [AWS::IoT::Policy](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iot-policy.html)
    /// - [Connect and publish policy examples](https://docs.aws.amazon.com/iot/latest/developerguide/connect-and-pub.html)
    /// - [Publish/Subscribe policy examples](https://docs.aws.amazon.com/iot/latest/developerguide/pub-sub-policy.html)
    /// - cfn_nag W38
    ///
    /// ## Unknown values
    /// An `Action` value that is not known before deployment (a parameter without a value, an
    /// `Fn::ImportValue`) might be `*` or `iot:*`: the rule reports an `info` finding naming it.
    /// So does an `Effect`, a statement or a whole document that is not known. An unknown
    /// `Resource` only leaves the severity at `medium`.
    IotPolicyAllowsAllActions {
        code: "CFN3101",
        name: "iot-policy-allows-all-actions",
        severity: Medium,
        group: "iam",
        summary: "IoT policy allows every action (`Action: *` or `iot:*`); high with `Resource: *`",
        types: ["AWS::IoT::Policy"],
        xrefs: [CfnNag("W38")],
    }
}

/// `*`, or `<anything>:*` (a whole service).
fn is_wildcard_action(pattern: &str) -> bool {
    all_stars(pattern)
        || pattern
            .strip_suffix(":*")
            .is_some_and(|service| !service.is_empty())
}

impl Rule for IotPolicyAllowsAllActions {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(doc) = iot_document(cx) else {
            return;
        };
        if doc.unreadable(hits, "allows every action (`Action: *`)") {
            return;
        }
        for st in &doc.policy.statements {
            let found = doc.action_where(cx.template, st, &is_wildcard_action);
            let shown = match found {
                Found::Yes(span) => value_at(st.action.as_ref(), span).map(|p| format!("`{p}`")),
                _ => None,
            }
            .unwrap_or_else(|| "`*` or `<service>:*`".to_owned());
            let (severity, what) = if st.has_wildcard_resource() {
                (
                    Some(Severity::High),
                    format!("allows every action ({shown}) on every resource (`Resource: *`)"),
                )
            } else {
                (None, format!("allows every action ({shown})"))
            };
            doc.report(hits, st, found, severity, &what, &condition_note(st));
        }
    }
}
