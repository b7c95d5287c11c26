//! Integration tests of palisade-doc.
mod json;
mod yaml;
