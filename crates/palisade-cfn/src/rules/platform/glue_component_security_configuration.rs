use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::Tri;

declare_rule! {
    /// ## What it checks
    /// A Glue component that runs without a Glue security configuration (the property is
    /// absent or empty):
    /// - `AWS::Glue::Job`: `SecurityConfiguration`;
    /// - `AWS::Glue::DevEndpoint`: `SecurityConfiguration`;
    /// - `AWS::Glue::Crawler`: `CrawlerSecurityConfiguration`.
    ///
    /// A security configuration is what makes Glue encrypt the S3 data, CloudWatch logs and
    /// job bookmarks a component writes; without one Glue applies none of these. This is the
    /// check of checkov CKV_AWS_195. Whether the configuration encrypts everything is checked
    /// by CFN8212.
    ///
    /// ## Why it matters
    /// ETL jobs and crawlers read and rewrite whole datasets, and log what they process. A job
    /// without a security configuration writes its output and temporary files with only the
    /// bucket's default encryption and its logs and bookmarks unencrypted, whatever the rest of
    /// the data platform enforces.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Etl:
    ///   Type: AWS::Glue::Job
    ///   Properties:
    ///     Role: !GetAtt GlueRole.Arn
    ///     Command: {Name: glueetl, ScriptLocation: s3://example-scripts/etl.py}
    /// # after
    /// Etl:
    ///   Type: AWS::Glue::Job
    ///   Properties:
    ///     Role: !GetAtt GlueRole.Arn
    ///     Command: {Name: glueetl, ScriptLocation: s3://example-scripts/etl.py}
    ///     SecurityConfiguration: !Ref GlueSecurity
    /// ```
    ///
    /// ## References
    /// - [AWS::Glue::Job](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-glue-job.html)
    /// - [AWS::Glue::Crawler](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-glue-crawler.html)
    /// - [Encrypting data written by AWS Glue](https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html)
    /// - checkov CKV_AWS_195
    ///
    /// ## Unknown values
    /// A security configuration name from a parameter without a value (which may be empty) is
    /// reported at `info`; a `Ref` to a resource of the template or an import counts as set.
    GlueComponentWithoutSecurityConfiguration {
        code: "CFN8213",
        name: "glue-component-without-security-configuration",
        severity: Medium,
        group: "analytics",
        summary: "Glue job, crawler or development endpoint has no security configuration",
        types: ["AWS::Glue::Job", "AWS::Glue::DevEndpoint", "AWS::Glue::Crawler"],
        xrefs: [Checkov("CKV_AWS_195")],
    }
}

impl Rule for GlueComponentWithoutSecurityConfiguration {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let (key, what) = match cx.resource.ty {
            "AWS::Glue::Crawler" => ("CrawlerSecurityConfiguration", "crawler"),
            "AWS::Glue::DevEndpoint" => ("SecurityConfiguration", "development endpoint"),
            _ => ("SecurityConfiguration", "job"),
        };
        match cx.prop(key) {
            None => hits.missing(
                key,
                format!("Glue {what} has no security configuration, so what it writes is not encrypted by Glue: `{key}` is not set"),
            ),
            Some(v) => match is_set(cx, v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    format!("Glue {what} has no security configuration: `{key}` is empty"),
                ),
                Tri::Unknown => {
                    hits.unknown(v, &format!("the {what} has a security configuration"));
                }
            },
        }
    }
}
