//! Integration tests of palisade-core.

mod report;
