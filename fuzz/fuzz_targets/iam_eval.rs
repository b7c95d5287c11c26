//! Reading a policy and evaluating requests against it never panics, whatever the JSON text.
#![no_main]

use palisade_iam::eval::{evaluate, Named, Policies, Principal, Request, RequestContext};

libfuzzer_sys::fuzz_target!(|text: &str| {
    let parsed = palisade_doc::parse(text, palisade_doc::Format::Json);
    let Some(root) = parsed.root else { return };
    let doc = palisade_iam::parse_policy(&root).policy;
    let named = Named { name: "fuzz", doc: &doc };
    let policies = Policies {
        identity: vec![named],
        resource: Some((named, palisade_iam::eval::ResourcePolicyKind::Generic)),
        scps: vec![vec![named]],
        ..Policies::default()
    };
    let mut context = RequestContext::new();
    context
        .set("aws:username", "bob")
        .set("aws:SourceIp", "10.0.0.1")
        .set("aws:CurrentTime", "2026-01-01T00:00:00Z")
        .set_multi("aws:TagKeys", ["a", "b"]);
    for (action, resource) in [
        ("s3:GetObject", "arn:aws:s3:::bucket/key"),
        ("iam:PassRole", "arn:aws:iam::111111111111:role/r"),
        ("kms:Decrypt", "*"),
    ] {
        let request = Request {
            principal: Principal::User {
                arn: "arn:aws:iam::111111111111:user/bob".into(),
            },
            action: action.into(),
            resource: resource.into(),
            resource_account: None,
            context: context.clone(),
        };
        drop(evaluate(&request, &policies));
    }
});
