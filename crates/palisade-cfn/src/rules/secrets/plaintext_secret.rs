use palisade_core::Severity;
use palisade_doc::{Node, Value};

use super::util::{
    alternatives, is_intrinsic, note_suffix, plain_text, tokens, DynRef, Note, Token,
};
use crate::declare_rule;
use crate::resolve::{describe, exact_text};
use crate::rule::{Hit, Hits, ResourceCx, Rule};

/// Every property that holds a password, token or key: (resource type, property path, cfn_nag id).
///
/// A path is a dotted list of keys; `Key[]` walks every item of the list under `Key`, so
/// `Users[].Password` is the `Password` of each user and `Passwords[]` each item of a list of
/// passwords. Each path was checked against the resource's AWS CloudFormation reference page.
pub(crate) const SECRET_PROPERTIES: &[(&str, &str, Option<&str>)] = &[
    // The 39 properties cfn_nag checks (see its rule ids).
    ("AWS::RDS::DBInstance", "MasterUserPassword", Some("F23")),
    ("AWS::RDS::DBInstance", "MasterUsername", Some("F24")),
    ("AWS::DirectoryService::SimpleAD", "Password", Some("F31")),
    ("AWS::RDS::DBCluster", "MasterUserPassword", Some("F34")),
    ("AWS::Redshift::Cluster", "MasterUserPassword", Some("F35")),
    (
        "AWS::DirectoryService::MicrosoftAD",
        "Password",
        Some("F36"),
    ),
    ("AWS::DMS::Endpoint", "Password", Some("F37")),
    ("AWS::Amplify::App", "AccessToken", Some("F41")),
    (
        "AWS::Pinpoint::APNSSandboxChannel",
        "PrivateKey",
        Some("F42"),
    ),
    ("AWS::Pinpoint::APNSSandboxChannel", "TokenKey", Some("F43")),
    (
        "AWS::ElastiCache::ReplicationGroup",
        "AuthToken",
        Some("F44"),
    ),
    ("AWS::Lambda::Permission", "EventSourceToken", Some("F45")),
    (
        "AWS::Pinpoint::APNSVoipSandboxChannel",
        "PrivateKey",
        Some("F46"),
    ),
    (
        "AWS::Pinpoint::APNSVoipSandboxChannel",
        "TokenKey",
        Some("F47"),
    ),
    ("AWS::Pinpoint::APNSVoipChannel", "PrivateKey", Some("F48")),
    ("AWS::Pinpoint::APNSVoipChannel", "TokenKey", Some("F49")),
    ("AWS::Amplify::App", "BasicAuthConfig.Password", Some("F50")),
    ("AWS::IAM::User", "LoginProfile.Password", Some("F51")),
    ("AWS::AmazonMQ::Broker", "Users[].Password", Some("F52")),
    (
        "AWS::AppStream::DirectoryConfig",
        "ServiceAccountCredentials.AccountPassword",
        Some("F53"),
    ),
    (
        "AWS::OpsWorks::Stack",
        "RdsDbInstances[].DbPassword",
        Some("F54"),
    ),
    (
        "AWS::DMS::Endpoint",
        "MongoDbSettings.Password",
        Some("F55"),
    ),
    ("AWS::Pinpoint::APNSChannel", "TokenKey", Some("F56")),
    ("AWS::Pinpoint::APNSChannel", "PrivateKey", Some("F57")),
    ("AWS::Amplify::App", "OauthToken", Some("F58")),
    (
        "AWS::Amplify::Branch",
        "BasicAuthConfig.Password",
        Some("F60"),
    ),
    (
        "AWS::OpsWorks::App",
        "SslConfiguration.PrivateKey",
        Some("F61"),
    ),
    (
        "AWS::OpsWorks::Stack",
        "CustomCookbooksSource.Password",
        Some("F62"),
    ),
    (
        "AWS::EMR::Cluster",
        "KerberosAttributes.ADDomainJoinPassword",
        Some("F63"),
    ),
    (
        "AWS::EMR::Cluster",
        "KerberosAttributes.CrossRealmTrustPrincipalPassword",
        Some("F64"),
    ),
    (
        "AWS::EMR::Cluster",
        "KerberosAttributes.KdcAdminPassword",
        Some("F65"),
    ),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        "RedshiftDestinationConfiguration.Password",
        Some("F66"),
    ),
    ("AWS::OpsWorks::App", "AppSource.Password", Some("F67")),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        "SplunkDestinationConfiguration.HECToken",
        Some("F68"),
    ),
    (
        "AWS::CodePipeline::Webhook",
        "AuthenticationConfiguration.SecretToken",
        Some("F69"),
    ),
    ("AWS::DocDB::DBCluster", "MasterUserPassword", Some("F70")),
    (
        "AWS::ManagedBlockchain::Member",
        "MemberConfiguration.MemberFrameworkConfiguration.MemberFabricConfiguration.AdminPassword",
        Some("F71"),
    ),
    (
        "Alexa::ASK::Skill",
        "AuthenticationConfiguration.ClientSecret",
        Some("F74"),
    ),
    (
        "Alexa::ASK::Skill",
        "AuthenticationConfiguration.RefreshToken",
        Some("F75"),
    ),
    // Secret properties cfn_nag does not check, from the AWS CloudFormation reference.
    ("AWS::RDS::DBInstance", "TdeCredentialPassword", None),
    (
        "AWS::RedshiftServerless::Namespace",
        "AdminUserPassword",
        None,
    ),
    ("AWS::DocDBElastic::Cluster", "AdminUserPassword", None),
    ("AWS::Lightsail::Database", "MasterUserPassword", None),
    ("AWS::Timestream::InfluxDBInstance", "Password", None),
    (
        "AWS::OpenSearchService::Domain",
        "AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword",
        None,
    ),
    (
        "AWS::Elasticsearch::Domain",
        "AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword",
        None,
    ),
    ("AWS::ElastiCache::User", "Passwords[]", None),
    (
        "AWS::ElastiCache::User",
        "AuthenticationMode.Passwords[]",
        None,
    ),
    (
        "AWS::MemoryDB::User",
        "AuthenticationMode.Passwords[]",
        None,
    ),
    ("AWS::DMS::Endpoint", "GcpMySQLSettings.Password", None),
    ("AWS::DMS::Endpoint", "KafkaSettings.SaslPassword", None),
    (
        "AWS::DMS::Endpoint",
        "KafkaSettings.SslClientKeyPassword",
        None,
    ),
    ("AWS::DMS::Endpoint", "OracleSettings.AsmPassword", None),
    (
        "AWS::DMS::Endpoint",
        "OracleSettings.SecurityDbEncryption",
        None,
    ),
    ("AWS::DMS::Endpoint", "RedisSettings.AuthPassword", None),
    (
        "AWS::AmazonMQ::Broker",
        "LdapServerMetadata.ServiceAccountPassword",
        None,
    ),
    (
        "AWS::Amplify::App",
        "AutoBranchCreationConfig.BasicAuthConfig.Password",
        None,
    ),
    ("AWS::OpsWorks::App", "AppSource.SshKey", None),
    ("AWS::OpsWorks::Stack", "CustomCookbooksSource.SshKey", None),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        "HttpEndpointDestinationConfiguration.EndpointConfiguration.AccessKey",
        None,
    ),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        "SnowflakeDestinationConfiguration.PrivateKey",
        None,
    ),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        "SnowflakeDestinationConfiguration.KeyPassphrase",
        None,
    ),
    ("AWS::CodeBuild::SourceCredential", "Token", None),
    (
        "AWS::Events::Connection",
        "AuthParameters.BasicAuthParameters.Password",
        None,
    ),
    (
        "AWS::Events::Connection",
        "AuthParameters.ApiKeyAuthParameters.ApiKeyValue",
        None,
    ),
    (
        "AWS::Events::Connection",
        "AuthParameters.OAuthParameters.ClientParameters.ClientSecret",
        None,
    ),
    (
        "AWS::FSx::FileSystem",
        "OntapConfiguration.FsxAdminPassword",
        None,
    ),
    (
        "AWS::FSx::FileSystem",
        "WindowsConfiguration.SelfManagedActiveDirectoryConfiguration.Password",
        None,
    ),
    ("AWS::FSx::StorageVirtualMachine", "SvmAdminPassword", None),
    (
        "AWS::FSx::StorageVirtualMachine",
        "ActiveDirectoryConfiguration.SelfManagedActiveDirectoryConfiguration.Password",
        None,
    ),
    ("AWS::DataSync::LocationSMB", "Password", None),
    ("AWS::DataSync::LocationFSxWindows", "Password", None),
    (
        "AWS::DataSync::LocationFSxONTAP",
        "Protocol.SMB.Password",
        None,
    ),
    ("AWS::DataSync::LocationObjectStorage", "SecretKey", None),
    (
        "AWS::DataSync::LocationAzureBlob",
        "AzureBlobSasConfiguration.AzureBlobSasToken",
        None,
    ),
    (
        "AWS::Glue::Connection",
        "ConnectionInput.ConnectionProperties.PASSWORD",
        None,
    ),
    (
        "AWS::Glue::Connection",
        "ConnectionInput.ConnectionProperties.KAFKA_SASL_SCRAM_PASSWORD",
        None,
    ),
    (
        "AWS::Glue::Connection",
        "ConnectionInput.AuthenticationConfiguration.BasicAuthenticationCredentials.Password",
        None,
    ),
    (
        "AWS::QuickSight::DataSource",
        "Credentials.CredentialPair.Password",
        None,
    ),
    (
        "AWS::EC2::VPNConnection",
        "VpnTunnelOptionsSpecifications[].PreSharedKey",
        None,
    ),
    ("AWS::Pinpoint::GCMChannel", "ApiKey", None),
    ("AWS::Pinpoint::BaiduChannel", "SecretKey", None),
    ("AWS::Pinpoint::ADMChannel", "ClientSecret", None),
    (
        "AWS::Cognito::UserPoolIdentityProvider",
        "ProviderDetails.client_secret",
        None,
    ),
    (
        "AWS::Cognito::UserPoolIdentityProvider",
        "ProviderDetails.private_key",
        None,
    ),
    ("AWS::SecretsManager::Secret", "SecretString", None),
];

declare_rule! {
    /// ## What it checks
    /// Properties that hold a password, token or private key — `MasterUserPassword` of RDS,
    /// Aurora, DocumentDB, Redshift and Lightsail databases, directory and Kerberos passwords,
    /// Amazon MQ and ElastiCache user passwords, DMS endpoint passwords, Amplify and CodeBuild
    /// source tokens, Pinpoint push keys, OpenSearch master passwords, VPN pre-shared keys,
    /// `SecretString` of a Secrets Manager secret, and more (86 properties of 50 resource types,
    /// listed in the rule's source) — and how each value is supplied. The value is read as
    /// written in the template:
    ///
    /// - a **literal** (a string, or `Fn::Sub`/`Fn::Join` of only literal text, or a value from
    ///   `Mappings`) fails at `critical` (at `high` for the `MasterUsername` of an RDS instance,
    ///   which cfn_nag checks too but is an identifier rather than a secret);
    /// - a `Ref` to a **parameter** passes only when the parameter has `NoEcho: true`, no
    ///   `Default` and no `AllowedValues`; otherwise it fails at `high`, saying which. A
    ///   parameter of type `AWS::SSM::Parameter::Value<String>` fails (plain SSM parameters are
    ///   stored unencrypted);
    /// - a `{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}` **dynamic reference**
    ///   passes, whether it is the whole value or inside `Fn::Sub`/`Fn::Join`; a plain
    ///   `{{resolve:ssm:...}}` fails at `high`;
    /// - `Fn::ImportValue` fails at `high`: exported outputs are readable by anyone who can list
    ///   the account's exports;
    /// - `Ref` to an `AWS::SecretsManager::Secret` (its ARN) or an `AWS::SSM::Parameter` (its
    ///   name), and `Fn::GetAtt` of an `AWS::SSM::Parameter`'s `Value` (CloudFormation only
    ///   creates unencrypted `String` parameters) fail at `high`; `Fn::GetAtt` of an
    ///   `AWS::IAM::AccessKey`'s `SecretAccessKey` or an `AWS::Cognito::UserPoolClient`'s
    ///   `ClientSecret` passes (generated by AWS, never written in the template);
    /// - `Fn::Sub` and `Fn::Join` are read piece by piece: a value with at least one secure
    ///   piece (a `NoEcho` parameter, a secure dynamic reference) passes — the other pieces are
    ///   taken to be its non-secret framing, such as a user name; otherwise each insecure piece
    ///   is reported, and a value built only from literal text is a literal;
    /// - `Fn::If` is checked in the branch the condition takes in each scenario, so a literal in
    ///   either branch is reported (with the condition it depends on).
    ///
    /// ## Why it matters
    /// A template is not a secret store: it sits in version control, in the S3 bucket
    /// CloudFormation uploads it to, and anyone with `cloudformation:GetTemplate` or
    /// `DescribeStacks` on the stack can read it. A literal password there is readable by every
    /// one of them, for as long as the history is kept, and cannot be rotated without a commit.
    /// A parameter without `NoEcho` is shown in clear in the console and the `DescribeStacks`
    /// output; a parameter `Default` is written in the template itself; a plain SSM `String`
    /// parameter is stored unencrypted and readable by anyone with `ssm:GetParameter`.
    ///
    /// ## How to fix
    /// Keep the secret in Secrets Manager (or an SSM `SecureString`) and refer to it with a
    /// dynamic reference; many services can also generate and manage the password for you (for
    /// RDS, `ManageMasterUserPassword: true`):
    /// ```yaml
    /// # before
    /// Database:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     MasterUsername: admin
    ///     MasterUserPassword: correct-horse-battery
    /// # after
    /// DatabaseSecret:
    ///   Type: AWS::SecretsManager::Secret
    ///   Properties:
    ///     GenerateSecretString:
    ///       SecretStringTemplate: '{"username": "admin"}'
    ///       GenerateStringKey: password
    ///       ExcludeCharacters: '"@/\'
    /// Database:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     MasterUsername: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}'
    ///     MasterUserPassword: !Sub '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}'
    /// ```
    /// When the value must come from a parameter, declare it `NoEcho: true` without a `Default`.
    ///
    /// ## References
    /// - [Get values stored in other services using dynamic references](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html)
    /// - [Get a secure string value from Systems Manager Parameter Store](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html)
    /// - [Get a secret or secret value from Secrets Manager](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html)
    /// - [CloudFormation parameters: `NoEcho`](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html)
    /// - [Security best practices: do not embed credentials in your templates](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html)
    /// - cfn_nag F23, F24, F31, F34–F37, F41–F58, F60–F71, F74, F75
    ///
    /// ## Unknown values
    /// The rule reads the value as written, so parameter values given with `--parameters` do not
    /// change its verdict. A value it cannot classify — `Fn::GetAtt` of another resource (a
    /// custom resource may return anything), `Ref` to a resource other than a secret or an SSM
    /// parameter, an unrecognised `{{resolve:...}}` service, a tag it does not know — is reported
    /// at `info` as "cannot tell whether ... is supplied securely", naming the value; it is never
    /// passed or failed silently. `Fn::If` on more conditions than the engine enumerates is
    /// checked in both branches, and the message names the branch.
    PlaintextSecretInProperty {
        code: "CFN7001",
        name: "plaintext-secret-in-property",
        severity: High,
        group: "secrets",
        summary: "a password, token or key property is a literal, a parameter without NoEcho or with a Default, or a plain SSM value",
        types: [
            "AWS::RDS::DBInstance",
            "AWS::DirectoryService::SimpleAD",
            "AWS::RDS::DBCluster",
            "AWS::Redshift::Cluster",
            "AWS::DirectoryService::MicrosoftAD",
            "AWS::DMS::Endpoint",
            "AWS::Amplify::App",
            "AWS::Pinpoint::APNSSandboxChannel",
            "AWS::ElastiCache::ReplicationGroup",
            "AWS::Lambda::Permission",
            "AWS::Pinpoint::APNSVoipSandboxChannel",
            "AWS::Pinpoint::APNSVoipChannel",
            "AWS::IAM::User",
            "AWS::AmazonMQ::Broker",
            "AWS::AppStream::DirectoryConfig",
            "AWS::OpsWorks::Stack",
            "AWS::Pinpoint::APNSChannel",
            "AWS::Amplify::Branch",
            "AWS::OpsWorks::App",
            "AWS::EMR::Cluster",
            "AWS::KinesisFirehose::DeliveryStream",
            "AWS::CodePipeline::Webhook",
            "AWS::DocDB::DBCluster",
            "AWS::ManagedBlockchain::Member",
            "Alexa::ASK::Skill",
            "AWS::RedshiftServerless::Namespace",
            "AWS::DocDBElastic::Cluster",
            "AWS::Lightsail::Database",
            "AWS::Timestream::InfluxDBInstance",
            "AWS::OpenSearchService::Domain",
            "AWS::Elasticsearch::Domain",
            "AWS::ElastiCache::User",
            "AWS::MemoryDB::User",
            "AWS::CodeBuild::SourceCredential",
            "AWS::Events::Connection",
            "AWS::FSx::FileSystem",
            "AWS::FSx::StorageVirtualMachine",
            "AWS::DataSync::LocationSMB",
            "AWS::DataSync::LocationFSxWindows",
            "AWS::DataSync::LocationFSxONTAP",
            "AWS::DataSync::LocationObjectStorage",
            "AWS::DataSync::LocationAzureBlob",
            "AWS::Glue::Connection",
            "AWS::QuickSight::DataSource",
            "AWS::EC2::VPNConnection",
            "AWS::Pinpoint::GCMChannel",
            "AWS::Pinpoint::BaiduChannel",
            "AWS::Pinpoint::ADMChannel",
            "AWS::Cognito::UserPoolIdentityProvider",
            "AWS::SecretsManager::Secret",
        ],
        xrefs: [
            CfnNag("F23"), CfnNag("F24"), CfnNag("F31"), CfnNag("F34"), CfnNag("F35"),
            CfnNag("F36"), CfnNag("F37"), CfnNag("F41"), CfnNag("F42"), CfnNag("F43"),
            CfnNag("F44"), CfnNag("F45"), CfnNag("F46"), CfnNag("F47"), CfnNag("F48"),
            CfnNag("F49"), CfnNag("F50"), CfnNag("F51"), CfnNag("F52"), CfnNag("F53"),
            CfnNag("F54"), CfnNag("F55"), CfnNag("F56"), CfnNag("F57"), CfnNag("F58"),
            CfnNag("F60"), CfnNag("F61"), CfnNag("F62"), CfnNag("F63"), CfnNag("F64"),
            CfnNag("F65"), CfnNag("F66"), CfnNag("F67"), CfnNag("F68"), CfnNag("F69"),
            CfnNag("F70"), CfnNag("F71"), CfnNag("F74"), CfnNag("F75"),
        ],
    }
}

impl Rule for PlaintextSecretInProperty {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(props) = cx.resource.properties else {
            return;
        };
        for (ty, path, _) in SECRET_PROPERTIES {
            if *ty != cx.resource.ty {
                continue;
            }
            let segs: Vec<Seg<'_>> = path.split('.').map(Seg::parse).collect();
            let identifier = path.ends_with("MasterUsername");
            let mut w = Walker {
                cx,
                hits: &mut *hits,
                identifier,
            };
            w.walk(props, &segs, "", &None);
        }
    }
}

/// One step of a property path: a map key, and whether the key holds a list to walk.
#[derive(Clone, Copy, Debug)]
struct Seg<'p> {
    key: &'p str,
    list: bool,
}

impl<'p> Seg<'p> {
    fn parse(s: &'p str) -> Self {
        match s.strip_suffix("[]") {
            Some(key) => Seg { key, list: true },
            None => Seg {
                key: s,
                list: false,
            },
        }
    }
}

/// The path pattern of the remaining steps, for messages about a value that could not be walked.
fn pattern(label: &str, segs: &[Seg<'_>]) -> String {
    let mut out = label.to_string();
    for s in segs {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(s.key);
        if s.list {
            out.push_str("[]");
        }
    }
    out
}

fn join(label: &str, key: &str) -> String {
    if label.is_empty() {
        key.to_string()
    } else {
        format!("{label}.{key}")
    }
}

/// How one piece of a value is supplied.
#[derive(Debug)]
enum Piece {
    /// Literal text or a value known from the template alone (pseudo parameters,
    /// `Fn::GetAZs`); `mappings` when it comes from the `Mappings` section.
    Text { mappings: bool },
    /// A source that keeps the secret out of the template and the console.
    Secure,
    /// An insecure source, reported at the span.
    Problem { span: palisade_core::Span, why: Why },
    /// Cannot be classified: reported at `info` with this description of the value.
    Unknown {
        span: palisade_core::Span,
        what: String,
    },
}

#[derive(Debug)]
enum Why {
    Param {
        name: String,
        no_echo: bool,
        default: bool,
        allowed: bool,
    },
    SsmParamType {
        name: String,
    },
    PlainSsm,
    Import,
    SecretArn {
        name: String,
    },
    SsmParamName {
        name: String,
    },
    SsmParamValue {
        name: String,
    },
}

impl Why {
    fn message(&self, prop: &str) -> String {
        match self {
            Why::Param {
                name,
                no_echo,
                default,
                allowed,
            } => {
                let mut faults = Vec::new();
                if !no_echo {
                    faults.push("is not `NoEcho` (its value is shown by the console and `DescribeStacks`)".to_string());
                }
                if *default {
                    faults.push("has a `Default` (written in the template)".to_string());
                }
                if *allowed {
                    faults.push("has `AllowedValues` (the candidate values are written in the template)".to_string());
                }
                format!(
                    "`{prop}` comes from parameter `{name}`, which {}",
                    faults.join(" and ")
                )
            }
            Why::SsmParamType { name } => format!(
                "`{prop}` comes from parameter `{name}` of an SSM parameter type, whose value is a plain `String` parameter stored unencrypted"
            ),
            Why::PlainSsm => format!(
                "`{prop}` uses a plain `{{{{resolve:ssm:...}}}}` dynamic reference, whose value is stored unencrypted in Parameter Store"
            ),
            Why::Import => format!(
                "`{prop}` is imported from another stack's export (`Fn::ImportValue`), which anyone who can list the account's exports can read"
            ),
            Why::SecretArn { name } => format!(
                "`{prop}` is set to the ARN of secret `{name}`, not to its secret value"
            ),
            Why::SsmParamName { name } => format!(
                "`{prop}` is set to the name of SSM parameter `{name}`, not to a secret value"
            ),
            Why::SsmParamValue { name } => format!(
                "`{prop}` is the value of SSM parameter `{name}`, which CloudFormation creates as an unencrypted `String` parameter"
            ),
        }
    }
}

struct Walker<'a, 'c, 'r> {
    cx: &'a ResourceCx<'c>,
    hits: &'r mut Hits,
    /// The property is an identifier (`MasterUsername`): a literal is `high`, not `critical`.
    identifier: bool,
}

impl Walker<'_, '_, '_> {
    /// Follow `segs` from `node` (unresolved), evaluating every value found at the end.
    fn walk(&mut self, node: &Node, segs: &[Seg<'_>], label: &str, note: &Note) {
        let cx = self.cx;
        for (n, note) in alternatives(cx, node, note, !segs.is_empty()) {
            let n: &Node = &n;
            let Some((seg, rest)) = segs.split_first() else {
                self.leaf(n, label, &note);
                continue;
            };
            if is_intrinsic(n) {
                self.unknown(n.span, label, &pattern(label, segs), describe(n), &note);
                continue;
            }
            let Some(child) = n.get(seg.key) else {
                continue;
            };
            let here = join(label, seg.key);
            if !seg.list {
                self.walk(child, rest, &here, &note);
                continue;
            }
            for (list, note) in alternatives(cx, child, &note, true) {
                let list: &Node = &list;
                match (&list.value, list.tag.is_some()) {
                    (Value::Seq(items), false) => {
                        for (i, item) in items.iter().enumerate() {
                            self.walk(item, rest, &format!("{here}[{i}]"), &note);
                        }
                    }
                    // A list of secrets given as one value (e.g. a list parameter).
                    _ if rest.is_empty() => self.leaf(list, &here, &note),
                    _ if is_intrinsic(list) => self.unknown(
                        list.span,
                        &here,
                        &pattern(&here, rest),
                        describe(list),
                        &note,
                    ),
                    _ => {}
                }
            }
        }
    }

    /// Evaluate one secret value.
    fn leaf(&mut self, node: &Node, prop: &str, note: &Note) {
        if matches!(node.value, Value::Null) && node.tag.is_none() {
            return;
        }
        let mut pieces = Vec::new();
        self.classify(node, &mut pieces);
        if pieces.iter().any(|p| matches!(p, Piece::Secure)) {
            return;
        }
        let suffix = note_suffix(note);
        let mut reported = false;
        for p in &pieces {
            match p {
                Piece::Problem { span, why } => {
                    reported = true;
                    self.push(*span, prop, format!("{}{suffix}", why.message(prop)), None);
                }
                Piece::Unknown { span, what } => {
                    reported = true;
                    self.unknown(*span, prop, prop, what.clone(), note);
                }
                Piece::Text { .. } | Piece::Secure => {}
            }
        }
        if reported {
            return;
        }
        // Only literal text: the secret is written in the template.
        let message = if let Some(t) = plain_text(node) {
            format!(
                "`{prop}` is a literal value ({} characters) written in the template",
                t.chars().count()
            )
        } else if pieces
            .iter()
            .any(|p| matches!(p, Piece::Text { mappings: true }))
        {
            format!("`{prop}` is a literal value taken from the template's `Mappings`")
        } else {
            format!("`{prop}` is built only from literal text written in the template")
        };
        let severity = if self.identifier {
            Severity::High
        } else {
            Severity::Critical
        };
        self.push(
            node.span,
            prop,
            format!("{message}{suffix}"),
            Some(severity),
        );
    }

    fn push(
        &mut self,
        span: palisade_core::Span,
        prop: &str,
        message: String,
        severity: Option<Severity>,
    ) {
        self.hits.push(Hit {
            span,
            path: Some(format!("Properties.{prop}")),
            message,
            unknown: false,
            severity,
        });
    }

    fn unknown(
        &mut self,
        span: palisade_core::Span,
        at: &str,
        prop: &str,
        what: String,
        note: &Note,
    ) {
        self.hits.push(Hit {
            span,
            path: Some(if at.is_empty() {
                "Properties".to_string()
            } else {
                format!("Properties.{at}")
            }),
            message: format!(
                "cannot tell whether `{prop}` is supplied securely: the value `{what}` is not known before deployment{}",
                note_suffix(note)
            ),
            unknown: true,
            severity: None,
        });
    }

    /// The pieces a value is made of, read as written.
    fn classify(&self, node: &Node, out: &mut Vec<Piece>) {
        let span = node.span;
        if node.tag.is_some() {
            out.push(Piece::Unknown {
                span,
                what: describe(node),
            });
            return;
        }
        match &node.value {
            Value::Null | Value::Number(_) | Value::Bool(_) => {
                out.push(Piece::Text { mappings: false });
            }
            Value::String(s) => text_pieces(s, false, span, false, out),
            Value::Seq(items) => {
                for i in items {
                    self.classify(i, out);
                }
            }
            Value::Map(_) => match node.single_entry() {
                Some(e) if e.key == "Ref" || e.key.starts_with("Fn::") => {
                    self.intrinsic(node, &e.key, &e.value, out);
                }
                _ => out.push(Piece::Unknown {
                    span,
                    what: "a mapping".into(),
                }),
            },
        }
    }

    fn intrinsic(&self, node: &Node, key: &str, arg: &Node, out: &mut Vec<Piece>) {
        let cx = self.cx;
        let span = node.span;
        let unknown = |out: &mut Vec<Piece>| {
            out.push(Piece::Unknown {
                span,
                what: describe(node),
            });
        };
        match key {
            "Ref" => match arg.as_str() {
                Some(name) => self.reference(name, span, out),
                None => unknown(out),
            },
            "Fn::GetAtt" => {
                let parts: Option<(String, String)> = match &arg.value {
                    Value::Seq(items) => match items.as_slice() {
                        [r, a] => match (r.as_str(), a.as_str()) {
                            (Some(r), Some(a)) => Some((r.to_string(), a.to_string())),
                            _ => None,
                        },
                        _ => None,
                    },
                    Value::String(s) => s
                        .split_once('.')
                        .map(|(r, a)| (r.to_string(), a.to_string())),
                    _ => None,
                };
                match parts {
                    Some((r, a)) => self.attribute(&r, &a, span, describe(node), out),
                    None => unknown(out),
                }
            }
            "Fn::Sub" => {
                let (template, vars) = match &arg.value {
                    Value::String(s) => (Some(s.as_str()), None),
                    Value::Seq(items) => match items.as_slice() {
                        [t] => (t.as_str(), None),
                        [t, v] => (t.as_str(), Some(v)),
                        _ => (None, None),
                    },
                    _ => (None, None),
                };
                let Some(template) = template else {
                    unknown(out);
                    return;
                };
                for t in tokens(template, true) {
                    match t {
                        Token::Text(_) => out.push(Piece::Text { mappings: false }),
                        Token::Dynamic(kind, service) => {
                            out.push(dynamic_piece(kind, service, span));
                        }
                        Token::Placeholder(name) => match vars.and_then(|v| v.get(name)) {
                            Some(v) => self.classify(v, out),
                            None => match name.split_once('.') {
                                Some((r, a)) => {
                                    self.attribute(r, a, span, format!("Fn::GetAtt {r}.{a}"), out)
                                }
                                None => self.reference(name, span, out),
                            },
                        },
                    }
                }
            }
            "Fn::Join" => match arg.as_seq() {
                Some([_, list]) => match (&list.value, is_intrinsic(list)) {
                    (Value::Seq(items), false) => {
                        if items.is_empty() {
                            out.push(Piece::Text { mappings: false });
                        }
                        for i in items {
                            self.classify(i, out);
                        }
                    }
                    _ => self.classify(list, out),
                },
                _ => unknown(out),
            },
            "Fn::If" => match arg.as_seq() {
                Some([cond, yes, no]) => match cond.as_str().map(|c| cx.resolver.condition(c, 0)) {
                    Some(Some(true)) => self.classify_branch(yes, out),
                    Some(Some(false)) => self.classify_branch(no, out),
                    _ => {
                        self.classify_branch(yes, out);
                        self.classify_branch(no, out);
                    }
                },
                _ => unknown(out),
            },
            "Fn::Select" => match arg.as_seq() {
                Some([idx, list]) => {
                    let i = cx
                        .resolver
                        .resolve(idx)
                        .as_ref()
                        .and_then(exact_text)
                        .and_then(|t| t.trim().parse::<usize>().ok());
                    match (list.as_seq(), is_intrinsic(list), i) {
                        (Some(items), false, Some(i)) => match items.get(i) {
                            Some(item) => self.classify(item, out),
                            None => unknown(out),
                        },
                        _ => self.classify(list, out),
                    }
                }
                _ => unknown(out),
            },
            "Fn::Split" => match arg.as_seq() {
                Some([_, source]) => self.classify(source, out),
                _ => unknown(out),
            },
            "Fn::Base64" => self.classify(arg, out),
            "Fn::GetAZs" | "Fn::Cidr" => out.push(Piece::Text { mappings: false }),
            "Fn::ImportValue" => out.push(Piece::Problem {
                span,
                why: Why::Import,
            }),
            "Fn::FindInMap" => match cx.resolver.resolve(node) {
                None => {}
                Some(r) => match exact_text(&r) {
                    Some(t) => text_pieces(&t, false, span, true, out),
                    None => unknown(out),
                },
            },
            _ => unknown(out),
        }
    }

    /// A branch of an `Fn::If` inside a composite value (`AWS::NoValue` adds nothing).
    fn classify_branch(&self, node: &Node, out: &mut Vec<Piece>) {
        let is_no_value = node
            .single_entry()
            .is_some_and(|e| e.key == "Ref" && e.value.as_str() == Some("AWS::NoValue"));
        if !is_no_value {
            self.classify(node, out);
        }
    }

    /// `Ref name` (or `${name}` in `Fn::Sub`).
    fn reference(&self, name: &str, span: palisade_core::Span, out: &mut Vec<Piece>) {
        let t = self.cx.template;
        if name == "AWS::NoValue" {
            return;
        }
        if name.starts_with("AWS::") {
            out.push(Piece::Text { mappings: false });
            return;
        }
        if let Some(p) = t.parameters.get(name) {
            if p.ty.starts_with("AWS::SSM::Parameter::Value") {
                out.push(Piece::Problem {
                    span,
                    why: Why::SsmParamType { name: name.into() },
                });
            } else if p.no_echo && p.default.is_none() && p.allowed_values.is_empty() {
                out.push(Piece::Secure);
            } else {
                out.push(Piece::Problem {
                    span,
                    why: Why::Param {
                        name: name.into(),
                        no_echo: p.no_echo,
                        default: p.default.is_some(),
                        allowed: !p.allowed_values.is_empty(),
                    },
                });
            }
            return;
        }
        match t.resource(name).map(|r| r.ty) {
            Some("AWS::SecretsManager::Secret") => out.push(Piece::Problem {
                span,
                why: Why::SecretArn { name: name.into() },
            }),
            Some("AWS::SSM::Parameter") => out.push(Piece::Problem {
                span,
                why: Why::SsmParamName { name: name.into() },
            }),
            _ => out.push(Piece::Unknown {
                span,
                what: format!("Ref {name}"),
            }),
        }
    }

    /// `Fn::GetAtt resource.attribute` (or `${resource.attribute}` in `Fn::Sub`).
    fn attribute(
        &self,
        resource: &str,
        attr: &str,
        span: palisade_core::Span,
        what: String,
        out: &mut Vec<Piece>,
    ) {
        let ty = self.cx.template.resource(resource).map(|r| r.ty);
        match (ty, attr) {
            (Some("AWS::SSM::Parameter"), "Value") => out.push(Piece::Problem {
                span,
                why: Why::SsmParamValue {
                    name: resource.into(),
                },
            }),
            (Some("AWS::SecretsManager::Secret"), _) => out.push(Piece::Problem {
                span,
                why: Why::SecretArn {
                    name: resource.into(),
                },
            }),
            (Some("AWS::IAM::AccessKey"), "SecretAccessKey")
            | (Some("AWS::Cognito::UserPoolClient"), "ClientSecret") => out.push(Piece::Secure),
            _ => out.push(Piece::Unknown { span, what }),
        }
    }
}

/// The pieces of a literal string: literal text and dynamic references.
fn text_pieces(
    s: &str,
    sub: bool,
    span: palisade_core::Span,
    mappings: bool,
    out: &mut Vec<Piece>,
) {
    let toks = tokens(s, sub);
    if toks.is_empty() {
        out.push(Piece::Text { mappings });
    }
    for t in toks {
        match t {
            Token::Text(_) | Token::Placeholder(_) => out.push(Piece::Text { mappings }),
            Token::Dynamic(kind, service) => out.push(dynamic_piece(kind, service, span)),
        }
    }
}

fn dynamic_piece(kind: DynRef, service: &str, span: palisade_core::Span) -> Piece {
    match kind {
        DynRef::SecretsManager | DynRef::SsmSecure => Piece::Secure,
        DynRef::Ssm => Piece::Problem {
            span,
            why: Why::PlainSsm,
        },
        DynRef::Other => Piece::Unknown {
            span,
            what: format!("{{{{resolve:{service}:...}}}}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_table_type_is_declared_and_every_declared_type_is_used() {
        let table: BTreeSet<&str> = SECRET_PROPERTIES.iter().map(|(t, _, _)| *t).collect();
        let declared: BTreeSet<&str> = PlaintextSecretInProperty::DECL
            .types
            .iter()
            .copied()
            .collect();
        assert_eq!(table, declared);
        assert_eq!(declared.len(), PlaintextSecretInProperty::DECL.types.len());
    }

    #[test]
    fn every_cfn_nag_id_is_a_cross_reference_once() {
        let table: Vec<&str> = SECRET_PROPERTIES
            .iter()
            .filter_map(|(_, _, n)| *n)
            .collect();
        let unique: BTreeSet<&str> = table.iter().copied().collect();
        assert_eq!(table.len(), 39);
        assert_eq!(unique.len(), 39);
        let xrefs: BTreeSet<&str> = PlaintextSecretInProperty::DECL
            .xrefs
            .iter()
            .map(|x| x.id)
            .collect();
        assert_eq!(unique, xrefs);
        for id in &unique {
            assert!(crate::known_ids::is_cfn_nag_id(id), "{id}");
        }
    }

    #[test]
    fn paths_are_well_formed_and_unique() {
        let mut seen = BTreeSet::new();
        for (ty, path, _) in SECRET_PROPERTIES {
            assert!(seen.insert((*ty, *path)), "duplicate {ty} {path}");
            for seg in path.split('.') {
                let key = seg.strip_suffix("[]").unwrap_or(seg);
                assert!(!key.is_empty() && !key.contains('['), "{ty} {path}");
            }
        }
    }
}
