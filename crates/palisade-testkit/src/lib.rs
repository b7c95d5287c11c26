//! Dev-only test helpers.
