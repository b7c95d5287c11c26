//! Integration tests of palisade-core.

mod config;
mod report;
