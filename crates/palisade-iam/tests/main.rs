//! Integration tests of palisade-iam.
