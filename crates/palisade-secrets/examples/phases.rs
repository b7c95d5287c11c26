//! Where the time goes: load a directory into memory, then time the keyword pass alone and the
//! whole engine, single-threaded. `cargo run --release --example phases -- DIR`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::indexing_slicing
)]

use std::time::Instant;

use palisade_secrets::engine::Backend;
use palisade_secrets::{Engine, Scratch};

fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let mut files: Vec<Vec<u8>> = Vec::new();
    for e in ignore::WalkBuilder::new(&dir)
        .hidden(false)
        .build()
        .flatten()
    {
        if e.file_type().is_some_and(|t| t.is_file()) {
            if let Ok(b) = std::fs::read(e.path()) {
                if b.len() < 10 << 20 && !palisade_secrets::is_binary(&b) {
                    files.push(b);
                }
            }
        }
    }
    let t = Instant::now();
    let rules = palisade_secrets::rules::builtin().0.clone();
    println!("rules loaded in {:?}", t.elapsed());
    let t = Instant::now();
    let _ = Engine::new(rules).unwrap();
    println!("automaton built in {:?}", t.elapsed());
    let total: usize = files.iter().map(Vec::len).sum();
    let mb = total as f64 / 1e6;
    for backend in [Backend::AhoCorasick, Backend::Vectorscan] {
        let t = Instant::now();
        let engine =
            match Engine::with_backend(palisade_secrets::rules::builtin().0.clone(), backend) {
                Ok(e) => e,
                Err(e) => {
                    println!("{backend:?}: {e}");
                    continue;
                }
            };
        println!(
            "{backend:?}: {} files, {mb:.1} MB; engine built in {:?}",
            files.len(),
            t.elapsed()
        );
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for round in 0..3 {
            let t = Instant::now();
            let mut hits = 0usize;
            for f in &files {
                hits += engine.keyword_hits(f, &mut scratch);
            }
            let kw = t.elapsed();
            let t = Instant::now();
            let mut n = 0usize;
            for f in &files {
                out.clear();
                engine.scan(f, &mut scratch, &mut out);
                n += out.len();
            }
            let all = t.elapsed();
            println!(
                "  round {round}: keywords {:.0} MB/s ({hits} hits), engine {:.0} MB/s ({n} matches)",
                mb / kw.as_secs_f64(),
                mb / all.as_secs_f64()
            );
        }
    }
}
