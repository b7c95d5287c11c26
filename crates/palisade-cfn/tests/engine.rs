//! Engine behaviour: scenarios, suppressions, unknowns.
