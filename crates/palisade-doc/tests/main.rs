//! Integration tests of palisade-doc.
mod common;
mod json;
mod yaml;
