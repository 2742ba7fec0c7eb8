//! Picks the memory map for the target (cortex-m-rt's `link.x` includes `memory.x`).
use std::{env, fs, path::PathBuf};

fn main() {
    let target = env::var("TARGET").unwrap_or_default();
    let src = if target.starts_with("thumbv6m") {
        "memory-m0.x"
    } else if target.starts_with("thumbv7em") {
        "memory-m4.x"
    } else {
        panic!(
            "no_std_tests builds for thumbv7em-none-eabihf or thumbv6m-none-eabi, not {target:?}"
        );
    };
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    fs::copy(src, out.join("memory.x")).expect("copy memory.x");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=memory-m0.x");
    println!("cargo:rerun-if-changed=memory-m4.x");
    println!("cargo:rerun-if-changed=build.rs");
}
