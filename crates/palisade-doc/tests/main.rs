//! Integration tests of palisade-doc.
