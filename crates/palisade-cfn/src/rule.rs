//! What a template rule is: a declaration (code, name, severity, docs, cross-references, resource
//! types) and a check over one resource, in one file each (see `rules/`).

use palisade_core::{Severity, Span, Xref};
use palisade_doc::Node;

use crate::resolve::Resolver;
use crate::template::{Resource, Template};

/// The static declaration of a rule; its documentation is the rule's doc comment.
#[derive(Debug, Clone, Copy)]
pub struct Decl {
    /// Code, `CFN` + 4 digits.
    pub code: &'static str,
    /// Kebab-case name after the problem.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Selection group (`s3`, `ec2`, `iam`, ...).
    pub group: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// The doc comment (Markdown).
    pub docs: &'static str,
    /// cfn_nag / checkov / CIS cross-references.
    pub xrefs: &'static [Xref],
    /// Resource types the check runs on.
    pub types: &'static [&'static str],
}

/// A template rule.
pub trait Rule: Send + Sync + std::fmt::Debug {
    /// The declaration.
    fn decl(&self) -> &'static Decl;
    /// Check one resource (already resolved for one scenario) and report what is wrong.
    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits);
}

/// What a rule sees: one resource, its resolved properties, the template and the resolver.
#[derive(Debug)]
pub struct ResourceCx<'r> {
    /// The template.
    pub template: &'r Template<'r>,
    /// The resource (unresolved nodes).
    pub resource: &'r Resource<'r>,
    /// `Properties`, resolved for this scenario (an empty map when absent).
    pub props: &'r Node,
    /// The resolver of this scenario, for looking at other parts of the template.
    pub resolver: &'r Resolver<'r, 'r, 'r>,
}

impl<'r> ResourceCx<'r> {
    /// A resolved property by name.
    #[must_use]
    pub fn prop(&self, name: &str) -> Option<&Node> {
        self.props.get(name)
    }

    /// A resolved property by dotted path (`BucketEncryption.ServerSideEncryptionConfiguration`).
    #[must_use]
    pub fn prop_path(&self, dotted: &str) -> Option<&Node> {
        crate::value::path(self.props, dotted)
    }

    /// The resource's logical id.
    #[must_use]
    pub fn id(&self) -> &str {
        self.resource.logical_id
    }

    /// The other resources of type `ty` that may exist in this scenario (those whose `Condition`
    /// is false are left out), with their properties resolved (an empty map when absent) and the
    /// undecided condition they exist under, if any. For cross-resource rules.
    #[must_use]
    pub fn others(&self, ty: &str) -> Vec<Other<'r>> {
        let mut out = Vec::new();
        for (index, r) in self.template.resources.iter().enumerate() {
            if r.ty != ty || r.logical_id == self.id() {
                continue;
            }
            let mut only_when = None;
            if let Some(c) = r.condition {
                match self.resolver.condition(c, 0) {
                    Some(false) => continue,
                    Some(true) => {}
                    None => only_when = Some(c),
                }
            }
            let props = r
                .properties
                .and_then(|p| self.resolver.resolve(p))
                .unwrap_or_else(|| Node::new(r.id_span, palisade_doc::Value::Map(Vec::new())));
            out.push(Other {
                resource: r,
                index,
                props,
                only_when,
            });
        }
        out
    }
}

/// Another resource of the template, its properties resolved in the current scenario.
#[derive(Debug)]
pub struct Other<'t> {
    /// The resource (unresolved nodes).
    pub resource: &'t Resource<'t>,
    /// Position in the template (0 is the first resource).
    pub index: usize,
    /// `Properties`, resolved (an empty map when absent).
    pub props: Node,
    /// A `Condition` the scenario does not decide: the resource exists only when it is true.
    pub only_when: Option<&'t str>,
}

/// One problem a rule found.
#[derive(Debug, Clone)]
pub struct Hit {
    /// What to underline.
    pub span: Span,
    /// JSON path inside the resource (e.g. `Properties.AccessControl`); computed from the span when `None`.
    pub path: Option<String>,
    /// Message: lowercase, one line, user input in backticks.
    pub message: String,
    /// The deciding value could not be resolved: reported at `info` severity.
    pub unknown: bool,
    /// A severity for this hit other than the rule's default (e.g. higher on admin ports).
    pub severity: Option<Severity>,
}

/// Collects a rule's hits for one resource.
#[derive(Debug)]
pub struct Hits {
    id_span: Span,
    pub(crate) items: Vec<Hit>,
    /// Hits (by position) that answer to fewer of the rule's cross-references than all.
    pub(crate) narrowed: Vec<(usize, Vec<Xref>)>,
}

impl Hits {
    pub(crate) fn new(id_span: Span) -> Self {
        Self {
            id_span,
            items: Vec::new(),
            narrowed: Vec::new(),
        }
    }

    /// The last hit answers only to these cross-references (e.g. an open port 80 is checkov's
    /// CKV_AWS_260, not its port-22 check), so that a suppression written for another tool's
    /// id hides only the findings that tool would have reported.
    pub fn narrow_last(&mut self, xrefs: Vec<Xref>) {
        if let Some(i) = self.items.len().checked_sub(1) {
            self.narrowed.push((i, xrefs));
        }
    }

    /// A problem at a node of the resolved properties.
    pub fn at(&mut self, node: &Node, message: impl Into<String>) {
        self.items.push(Hit {
            span: node.span,
            path: None,
            message: message.into(),
            unknown: false,
            severity: None,
        });
    }

    /// A problem at a node, with a severity other than the rule's default.
    pub fn at_severity(&mut self, node: &Node, severity: Severity, message: impl Into<String>) {
        self.items.push(Hit {
            span: node.span,
            path: None,
            message: message.into(),
            unknown: false,
            severity: Some(severity),
        });
    }

    /// Add a fully specified hit.
    pub fn push(&mut self, hit: Hit) {
        self.items.push(hit);
    }

    /// A problem with a property that is absent: reported on the resource's logical id,
    /// with the JSON path of the missing property (`Properties.X`).
    pub fn missing(&mut self, property_path: &str, message: impl Into<String>) {
        self.items.push(Hit {
            span: self.id_span,
            path: Some(format!("Properties.{property_path}")),
            message: message.into(),
            unknown: false,
            severity: None,
        });
    }

    /// A problem with the resource as a whole, reported on its logical id.
    pub fn resource(&mut self, message: impl Into<String>) {
        self.items.push(Hit {
            span: self.id_span,
            path: Some(String::new()),
            message: message.into(),
            unknown: false,
            severity: None,
        });
    }

    /// The deciding value cannot be known before deployment: say so at `info` severity, naming
    /// the unresolved value, rather than passing or failing silently.
    pub fn unknown(&mut self, node: &Node, question: &str) {
        self.items.push(Hit {
            span: node.span,
            path: None,
            message: format!(
                "cannot tell whether {question}: the value `{}` is not known before deployment",
                crate::resolve::describe(node)
            ),
            unknown: true,
            severity: None,
        });
    }
}

/// The `types` of [`declare_rule!`]: a list of literals, or the name of a `&[&str]` constant
/// shared by several rules.
#[doc(hidden)]
#[macro_export]
macro_rules! rule_types {
    ([$($ty:literal),* $(,)?]) => {
        &[$($ty),*]
    };
    ($list:ident) => {
        $list
    };
}

/// Declare a rule: its doc comment is its documentation.
///
/// Usage (see `docs/writing-rules.md` for a whole rule file):
/// ```text
/// declare_rule! {
///     /// ## What it checks
///     /// ...
///     S3BucketPublicReadAcl {
///         code: "CFN1001", name: "s3-bucket-public-read-acl", severity: High, group: "s3",
///         summary: "...", types: ["AWS::S3::Bucket"], xrefs: [CfnNag("W31"), Checkov("CKV_AWS_20")],
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $name:ident {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            group: $group:literal,
            summary: $summary:literal,
            types: $types:tt,
            xrefs: [$($tool:ident($id:literal)),* $(,)?] $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            /// The rule's declaration.
            pub const DECL: $crate::rule::Decl = $crate::rule::Decl {
                code: $code,
                name: $rname,
                severity: ::palisade_core::Severity::$sev,
                group: $group,
                summary: $summary,
                docs: concat!($($doc, "\n"),+),
                xrefs: &[$(::palisade_core::Xref { tool: ::palisade_core::Tool::$tool, id: $id }),*],
                types: $crate::rule_types!($types),
            };
        }
    };
}
