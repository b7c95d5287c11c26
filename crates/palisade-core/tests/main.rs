//! Integration tests of palisade-core.
