use super::util::iot_document;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::condition_note;

declare_rule! {
    /// ## What it checks
    /// The `PolicyDocument` of an `AWS::IoT::Policy` with an `Allow` statement whose `Resource`
    /// is `*`: the actions apply to every client id, topic, topic filter, thing and job of the
    /// account in the Region. Statements with a `Condition` are still reported; the message
    /// names the condition keys. A statement with both `Action: *` and `Resource: *` is also
    /// reported by CFN3101.
    ///
    /// ## Why it matters
    /// AWS IoT Core authorizes each MQTT connect, publish, subscribe and receive against the
    /// resource ARN of the client id or topic. With `Resource: "*"` a device is not tied to its
    /// own client id and topics: it can connect as any other device (AWS IoT Core drops the
    /// existing connection that uses the same client id), publish to every device's command
    /// topic and subscribe to the whole fleet's telemetry. Policies scoped with thing policy
    /// variables (`${iot:Connection.Thing.ThingName}`) keep each certificate to its own device.
    ///
    /// ## How to fix
    /// Name the resources, using policy variables so one policy serves every device:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: [iot:Publish, iot:Receive]
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: [iot:Publish, iot:Receive]
    ///   Resource: !Sub "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:topic/devices/${!iot:Connection.Thing.ThingName}/*"
    /// ```
    ///
    /// ## References
    /// - [AWS::IoT::Policy](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iot-policy.html)
    /// - [Publish/Subscribe policy examples](https://docs.aws.amazon.com/iot/latest/developerguide/pub-sub-policy.html)
    /// - [Connect and publish policy examples](https://docs.aws.amazon.com/iot/latest/developerguide/connect-and-pub.html)
    /// - cfn_nag W39
    ///
    /// ## Unknown values
    /// A `Resource` value that is not known before deployment and might be `*` (a parameter
    /// without a value, an `Fn::ImportValue`) gives an `info` finding naming it; an `!Sub` ARN
    /// with text around its placeholders is never `*` and is not reported. So does an `Effect`,
    /// a statement or a whole document that is not known.
    IotPolicyAllowsAllResources {
        code: "CFN3102",
        name: "iot-policy-allows-all-resources",
        severity: Medium,
        group: "iam",
        summary: "IoT policy allows actions on every resource (`Resource: *`)",
        types: ["AWS::IoT::Policy"],
        xrefs: [CfnNag("W39")],
    }
}

impl Rule for IotPolicyAllowsAllResources {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(doc) = iot_document(cx) else {
            return;
        };
        let what = "allows actions on every resource (`Resource: *`)";
        if doc.unreadable(hits, what) {
            return;
        }
        for st in &doc.policy.statements {
            let found = doc.star_resource(cx.template, st);
            let what = match &st.action {
                Some(b) if !b.negated && !b.values.is_empty() => format!(
                    "allows {} on every resource (`Resource: *`)",
                    doc.quoted_values(b)
                ),
                _ => what.to_owned(),
            };
            doc.report(hits, st, found, None, &what, &condition_note(st));
        }
    }
}
