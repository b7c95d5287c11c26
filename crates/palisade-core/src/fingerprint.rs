//! Stable fingerprints: a hash of identity fields, never of line numbers.

use sha2::{Digest, Sha256};

/// Hex SHA-256 (first 16 bytes) of the parts, each terminated by a NUL so that
/// `["ab", "c"]` and `["a", "bc"]` differ.
#[must_use]
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let digest = h.finalize();
    let mut out = String::with_capacity(32);
    for b in digest.iter().take(16) {
        for nibble in [b >> 4, b & 0xf] {
            out.push(char::from(
                HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

const HEX: [u8; 16] = *b"0123456789abcdef";
