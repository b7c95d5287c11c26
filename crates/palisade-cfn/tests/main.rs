//! Integration tests of palisade-cfn.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod catalogue;
mod custom;
mod engine;
mod transform;
