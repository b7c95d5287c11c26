//! Every template rule, one file each, registered once in its group's `RULES` list.

use crate::rule::Rule;

mod databases;
mod ec2;
mod encryption;
mod iam;
mod iam_more;
mod logging;
mod meta;
mod names;
mod network;
mod perimeter;
mod platform;
mod s3;
mod secrets;
mod serverless;

/// The groups, in order: a new rule is one new file plus one line in its group's `RULES`.
pub static GROUPS: &[&[&dyn Rule]] = &[
    meta::RULES,
    s3::RULES,
    ec2::RULES,
    iam::RULES,
    encryption::RULES,
    network::RULES,
    logging::RULES,
    secrets::RULES,
    databases::RULES,
    iam_more::RULES,
    serverless::RULES,
    platform::RULES,
    perimeter::RULES,
];
