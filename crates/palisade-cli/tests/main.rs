//! End-to-end tests of the palisade binary.
