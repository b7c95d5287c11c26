use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::is_unknown;

use super::util::{loose_text, secret_labels, secrets_in, SecretHit};

const LAUNCH_TEMPLATE: &str = "AWS::EC2::LaunchTemplate";

declare_rule! {
    /// ## What it checks
    /// EC2 user data that holds what looks like a credential: `UserData` of an
    /// `AWS::EC2::Instance` or `AWS::AutoScaling::LaunchConfiguration`, and
    /// `LaunchTemplateData.UserData` of an `AWS::EC2::LaunchTemplate`. The script is read as
    /// resolved: the text inside `Fn::Base64` (usually an `Fn::Sub` or `Fn::Join`, with the
    /// values of parameters filled in and other references left as `${...}`), or the decoded
    /// text of a literal base64 string. Palisade's secret engine (the built-in rules of
    /// `palisade secrets`, at their default confidence) finds provider credentials (AWS access
    /// keys, tokens, private keys) and generic assignments (`export DB_PASSWORD=...`). The
    /// finding names the line of the script and the secret rule, never the secret.
    ///
    /// checkov CKV_AWS_46 covers `AWS::EC2::Instance` only and matches its own regular
    /// expressions against the template text of the value; we also check launch templates and
    /// launch configurations, which carry the same scripts.
    ///
    /// ## Why it matters
    /// User data is not secret. Anyone allowed `ec2:DescribeInstanceAttribute` (or
    /// `ec2:DescribeLaunchTemplateVersions`) reads it, any process on the instance reads it from
    /// the instance metadata service, and the template keeps it in source control and in the
    /// CloudFormation console. A password or key there is exposed to all of them.
    ///
    /// ## How to fix
    /// Give the instance a role that may read the secret from Secrets Manager (or a
    /// `SecureString` parameter) and fetch it in the script; rotate the exposed credential:
    /// ```yaml
    /// # before
    /// UserData:
    ///   Fn::Base64: |
    ///     #!/bin/bash
    ///     export DB_PASSWORD=Tq8vLw2pZ9xR4mKs
    /// # after
    /// UserData:
    ///   Fn::Base64: !Sub |
    ///     #!/bin/bash
    ///     export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${DatabaseSecret} --query SecretString --output text)
    /// ```
    ///
    /// ## References
    /// - [Run commands when you launch an EC2 instance with user data input](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html)
    /// - [AWS::EC2::Instance UserData](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html)
    /// - [AWS::EC2::LaunchTemplate LaunchTemplateData](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-launchtemplatedata.html)
    /// - checkov CKV_AWS_46
    ///
    /// ## Unknown values
    /// User data that is not known before deployment as a whole (a parameter without a value,
    /// an import) is reported at `info`. In partly known user data, only the known text is
    /// read: values filled in at deployment are not written in the template.
    Ec2UserDataSecret {
        code: "CFN8015",
        name: "ec2-user-data-hardcoded-secret",
        severity: High,
        group: "serverless",
        summary: "EC2 user data holds a hard-coded secret",
        types: [
            "AWS::EC2::Instance",
            "AWS::EC2::LaunchTemplate",
            "AWS::AutoScaling::LaunchConfiguration",
        ],
        xrefs: [Checkov("CKV_AWS_46")],
    }
}

impl Rule for Ec2UserDataSecret {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let path = if cx.resource.ty == LAUNCH_TEMPLATE {
            "LaunchTemplateData.UserData"
        } else {
            "UserData"
        };
        let Some(data) = cx.prop_path(path) else {
            return;
        };
        let Some(raw) = loose_text(data) else {
            if is_unknown(data) {
                hits.unknown(data, "the user data holds secrets");
            }
            return;
        };
        let script = decode_base64(&raw).unwrap_or(raw);
        let found = secrets_in(&script);
        if found.is_empty() {
            return;
        }
        hits.at(
            data,
            format!(
                "user data holds what looks like a secret on {}: {}",
                lines(&found),
                secret_labels(&found)
            ),
        );
    }
}

/// `line 4` or `lines 4 and 9`.
fn lines(found: &[SecretHit]) -> String {
    let mut numbers: Vec<u32> = found.iter().map(|h| h.line).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let shown: Vec<String> = numbers.iter().map(u32::to_string).collect();
    match shown.as_slice() {
        [one] => format!("line {one}"),
        _ => format!("lines {}", crate::rules::iam::util::join(&shown)),
    }
}

/// The text of a literal base64 value (user data written already encoded), when it is valid
/// base64 of UTF-8 text; `None` for a plain script.
fn decode_base64(s: &str) -> Option<String> {
    let compact: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if compact.len() < 8 || !compact.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(compact.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut padding = 0;
    for &b in &compact {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    if padding > 2 {
        return None;
    }
    let text = String::from_utf8(out).ok()?;
    let printable = text
        .chars()
        .all(|c| !c.is_control() || c == '\n' || c == '\r' || c == '\t');
    printable.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_literal_base64_user_data() {
        assert_eq!(
            decode_base64("IyEvYmluL2Jhc2gKZWNobyBoaQo=").as_deref(),
            Some("#!/bin/bash\necho hi\n")
        );
    }

    #[test]
    fn leaves_plain_scripts_alone() {
        assert_eq!(decode_base64("#!/bin/bash\necho hi\n"), None);
        assert_eq!(decode_base64("abcd"), None);
    }
}
