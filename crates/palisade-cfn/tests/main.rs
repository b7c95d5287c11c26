//! Integration tests of palisade-cfn.
