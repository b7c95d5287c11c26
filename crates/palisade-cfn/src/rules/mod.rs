//! Every template rule, one file each, registered once in its group's `RULES` list.

use crate::rule::Rule;

mod ec2;
mod encryption;
mod iam;
mod logging;
mod meta;
mod network;
mod perimeter;
mod s3;
mod secrets;

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
    perimeter::RULES,
];
