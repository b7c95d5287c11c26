//! Memory of each built-in rule's compiled pattern (resident-set growth while compiling it),
//! largest first. `cargo run --release -p palisade-secrets --example regex_mem`
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::indexing_slicing)]
fn rss() -> u64 {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    s.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 4
}
fn main() {
    let rules = palisade_secrets::rules::builtin().0.clone();
    let mut v = Vec::new();
    let base = rss();
    for r in &rules {
        let before = rss();
        let c = r.regex.get();
        let after = rss();
        v.push((
            after - before,
            r.code.clone(),
            r.pattern.clone(),
            c.is_some(),
        ));
    }
    println!("total {} KB", rss() - base);
    v.sort_by_key(|x| std::cmp::Reverse(x.0));
    for (kb, code, pat, _) in v.iter().take(25) {
        println!(
            "{kb:>7} KB {code} {}",
            &pat.chars().take(110).collect::<String>()
        );
    }
}
