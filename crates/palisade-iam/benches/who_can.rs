//! Who-can over a large account (issue 3's target: an export of 1,000 principals and 5,000
//! policies answered in under 2 seconds). Builds a synthetic export in the documented
//! `get-account-authorization-details` shape (500 users in 50 groups, 500 roles, 4,000 managed
//! policies, 1,000 inline policies), then times reading it and one `who-can` question. Run with
//! `cargo bench -p palisade-iam --bench who_can` (or `scripts/bench-iam`); prints medians of 5
//! rounds. Not a test: nothing is asserted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::time::Instant;

use palisade_iam::account::{who_can, Account, Environment, Question};
use palisade_iam::eval::RequestContext;

const ACCT: &str = "111122223333";
const SERVICES: [&str; 8] = [
    "s3", "ec2", "dynamodb", "sqs", "sns", "kms", "lambda", "logs",
];

fn doc(i: usize) -> String {
    let svc = SERVICES[i % SERVICES.len()];
    let other = SERVICES[(i / 8) % SERVICES.len()];
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Read{i}","Effect":"Allow","Action":["{svc}:Get*","{svc}:List*","{svc}:Describe*"],"Resource":"*"}},{{"Sid":"Write{i}","Effect":"Allow","Action":["{other}:Put*","{other}:Create*"],"Resource":"arn:aws:{other}:*:{ACCT}:app-{i}-*","Condition":{{"StringEquals":{{"aws:ResourceTag/team":"t{t}"}}}}}},{{"Sid":"Data{i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-{b}/*"}}]}}"#,
        t = i % 20,
        b = i % 40
    )
}

fn export() -> String {
    let mut s = String::from("{\"Policies\":[");
    for i in 0..4000 {
        if i > 0 {
            s.push(',');
        }
        write!(s, r#"{{"PolicyName":"p{i}","Arn":"arn:aws:iam::{ACCT}:policy/p{i}","DefaultVersionId":"v1","PolicyVersionList":[{{"VersionId":"v1","IsDefaultVersion":true,"Document":{}}}]}}"#, doc(i)).unwrap();
    }
    s.push_str("],\"GroupDetailList\":[");
    for g in 0..50 {
        if g > 0 {
            s.push(',');
        }
        write!(s, r#"{{"GroupName":"g{g}","Arn":"arn:aws:iam::{ACCT}:group/g{g}","GroupPolicyList":[],"AttachedManagedPolicies":[{{"PolicyName":"p{a}","PolicyArn":"arn:aws:iam::{ACCT}:policy/p{a}"}}]}}"#, a = 3000 + g).unwrap();
    }
    s.push_str("],\"UserDetailList\":[");
    for u in 0..500 {
        if u > 0 {
            s.push(',');
        }
        let m: Vec<String> = (0..4)
            .map(|k| {
                format!(
                    r#"{{"PolicyName":"p{n}","PolicyArn":"arn:aws:iam::{ACCT}:policy/p{n}"}}"#,
                    n = (u * 4 + k) % 3000
                )
            })
            .collect();
        write!(s, r#"{{"UserName":"u{u}","Arn":"arn:aws:iam::{ACCT}:user/u{u}","GroupList":["g{g}"],"UserPolicyList":[{{"PolicyName":"inline","PolicyDocument":{d}}}],"AttachedManagedPolicies":[{m}]}}"#, g = u % 50, d = doc(u + 7), m = m.join(",")).unwrap();
    }
    s.push_str("],\"RoleDetailList\":[");
    for r in 0..500 {
        if r > 0 {
            s.push(',');
        }
        let m: Vec<String> = (0..5)
            .map(|k| {
                format!(
                    r#"{{"PolicyName":"p{n}","PolicyArn":"arn:aws:iam::{ACCT}:policy/p{n}"}}"#,
                    n = 2000 + (r * 5 + k) % 2000
                )
            })
            .collect();
        write!(s, r#"{{"RoleName":"r{r}","Arn":"arn:aws:iam::{ACCT}:role/r{r}","AssumeRolePolicyDocument":{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"lambda.amazonaws.com"}},"Action":"sts:AssumeRole"}}]}},"RolePolicyList":[{{"PolicyName":"inline","PolicyDocument":{d}}}],"AttachedManagedPolicies":[{m}]}}"#, d = doc(r + 11), m = m.join(",")).unwrap();
    }
    s.push_str("]}");
    s
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let text = export();
    let mut parse_t = Vec::new();
    let mut query_t = Vec::new();
    let mut total_t = Vec::new();
    let mut found = 0;
    for _ in 0..5 {
        let t0 = Instant::now();
        let account = Account::parse(&text).expect("valid export");
        let t1 = Instant::now();
        let q = Question {
            action: "s3:GetObject".into(),
            resource: "arn:aws:s3:::bucket-7/reports/q3.csv".into(),
            resource_account: None,
            context: RequestContext::new(),
        };
        found = who_can(&account, &Environment::default(), &q).len();
        let t2 = Instant::now();
        parse_t.push((t1 - t0).as_secs_f64());
        query_t.push((t2 - t1).as_secs_f64());
        total_t.push((t2 - t0).as_secs_f64());
    }
    let account = Account::parse(&text).unwrap();
    let policies = account.managed.len()
        + account
            .entities
            .iter()
            .map(|e| e.inline.len())
            .sum::<usize>()
        + account
            .groups
            .values()
            .map(|g| g.inline.len())
            .sum::<usize>();
    println!(
        "who-can: {} principals, {} policies, export {:.1} MB; {} principal(s) can",
        account.entities.len(),
        policies,
        text.len() as f64 / 1e6,
        found
    );
    println!(
        "  read export {:.3} s, who-can {:.3} s, total {:.3} s (median of 5; target < 2 s)",
        median(parse_t),
        median(query_t),
        median(total_t)
    );
}
