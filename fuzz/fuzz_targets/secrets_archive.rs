//! Reading arbitrary bytes as an archive (gzip, zip, tar, nested) never panics, never hands on
//! more than the limits allow, and names every member under the outer name.
#![no_main]

use palisade_secrets::archive::{expand, Limits};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_member: 1 << 16,
        max_total: 1 << 20,
        max_depth: 4,
    };
    let mut total = 0u64;
    let ex = expand("in", data, &limits, &mut |name, bytes| {
        assert!(name.starts_with("in"));
        assert!(bytes.len() as u64 <= limits.max_member);
        total += bytes.len() as u64;
    });
    assert!(total <= limits.max_total);
    for (name, _) in &ex.errors {
        assert!(name.starts_with("in"));
    }
});
