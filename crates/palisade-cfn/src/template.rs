//! The template model: sections, parameters, conditions and resources, borrowed from the doc tree.

use std::collections::HashMap;

use palisade_doc::{Node, Span, Value};

/// A template parameter.
#[derive(Clone, Debug)]
pub struct Parameter<'a> {
    /// Logical name.
    pub name: &'a str,
    /// `Type` (e.g. `String`, `CommaDelimitedList`, `AWS::SSM::Parameter::Value<String>`).
    pub ty: String,
    /// `Default`, if any.
    pub default: Option<&'a Node>,
    /// `NoEcho: true`.
    pub no_echo: bool,
    /// `AllowedValues`, as text.
    pub allowed_values: Vec<String>,
    /// The whole parameter node.
    pub node: &'a Node,
}

impl Parameter<'_> {
    /// Whether values of this parameter are lists.
    #[must_use]
    pub fn is_list(&self) -> bool {
        self.ty.starts_with("List<") || self.ty == "CommaDelimitedList"
    }
}

/// A resource.
#[derive(Clone, Debug)]
pub struct Resource<'a> {
    /// Logical id.
    pub logical_id: &'a str,
    /// Span of the logical id key.
    pub id_span: Span,
    /// `Type`.
    pub ty: &'a str,
    /// The resource node.
    pub node: &'a Node,
    /// `Properties` (unresolved).
    pub properties: Option<&'a Node>,
    /// `Metadata`.
    pub metadata: Option<&'a Node>,
    /// `Condition` attribute.
    pub condition: Option<&'a str>,
}

/// A parsed CloudFormation template.
#[derive(Debug)]
pub struct Template<'a> {
    /// The root node.
    pub root: &'a Node,
    /// Parameters by name.
    pub parameters: HashMap<&'a str, Parameter<'a>>,
    /// Condition definitions by name.
    pub conditions: HashMap<&'a str, &'a Node>,
    /// `Mappings`.
    pub mappings: Option<&'a Node>,
    /// Resources in source order.
    pub resources: Vec<Resource<'a>>,
    /// Declared transforms (`AWS::Serverless-2016-10-31`, `AWS::LanguageExtensions`, ...).
    pub transforms: Vec<String>,
}

/// Whether a document is a CloudFormation template: `AWSTemplateFormatVersion`, or `Resources`
/// whose values are mappings with a `Type` (or `Fn::ForEach` loops).
#[must_use]
pub fn is_template(root: &Node) -> bool {
    if root.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    match root.get("Resources").and_then(Node::as_map) {
        Some(entries) => {
            !entries.is_empty()
                && entries
                    .iter()
                    .any(|e| e.value.get("Type").is_some() || e.key.starts_with("Fn::ForEach::"))
        }
        None => false,
    }
}

impl<'a> Template<'a> {
    /// Build the model from a root node (call [`is_template`] first).
    #[must_use]
    pub fn new(root: &'a Node) -> Self {
        let mut parameters = HashMap::new();
        if let Some(entries) = root.get("Parameters").and_then(Node::as_map) {
            for e in entries {
                let node = &e.value;
                let ty = node
                    .get("Type")
                    .and_then(Node::scalar_text)
                    .map(|t| t.trim().to_string())
                    .unwrap_or_default();
                let no_echo = node
                    .get("NoEcho")
                    .and_then(Node::scalar_text)
                    .is_some_and(|t| t.eq_ignore_ascii_case("true"));
                let allowed_values = node
                    .get("AllowedValues")
                    .and_then(Node::as_seq)
                    .map(|s| {
                        s.iter()
                            .filter_map(|v| v.scalar_text().map(|t| t.into_owned()))
                            .collect()
                    })
                    .unwrap_or_default();
                parameters.insert(
                    e.key.as_str(),
                    Parameter {
                        name: e.key.as_str(),
                        ty,
                        default: node.get("Default"),
                        no_echo,
                        allowed_values,
                        node,
                    },
                );
            }
        }
        let conditions = root
            .get("Conditions")
            .and_then(Node::as_map)
            .map(|m| m.iter().map(|e| (e.key.as_str(), &e.value)).collect())
            .unwrap_or_default();
        let mut resources = Vec::new();
        if let Some(entries) = root.get("Resources").and_then(Node::as_map) {
            for e in entries {
                let node = &e.value;
                let ty = node.get("Type").and_then(Node::as_str).unwrap_or("");
                resources.push(Resource {
                    logical_id: e.key.as_str(),
                    id_span: e.key_span,
                    ty,
                    node,
                    properties: node.get("Properties"),
                    metadata: node.get("Metadata"),
                    condition: node.get("Condition").and_then(Node::as_str),
                });
            }
        }
        let transforms = match root.get("Transform").map(|n| &n.value) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Seq(items)) => items
                .iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        Self {
            root,
            parameters,
            conditions,
            mappings: root.get("Mappings"),
            resources,
            transforms,
        }
    }

    /// A resource by logical id.
    #[must_use]
    pub fn resource(&self, logical_id: &str) -> Option<&Resource<'a>> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }
}
