//! Embeds every rule file under `data/rules/` in the binary.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=data/rules");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rules");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("[\n");
    for n in &names {
        let full = dir.join(n);
        println!("cargo:rerun-if-changed={}", full.display());
        let _ = writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            full.display().to_string()
        );
    }
    out.push(']');
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap_or_default())
        .join("builtin_rules.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
