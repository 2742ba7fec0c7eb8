//! Build script:
//! 1. puts `memory.x` (mps2-an386 memory map) on the linker search path for cortex-m-rt;
//! 2. turns the Ascon KAT files `../kat/vectors/ascon/*.txt` (LWC format) into compact
//!    binary blobs in `OUT_DIR`, which the firmware embeds with `include_bytes!`: the target
//!    never parses text.
//!
//! Blob layout (all integers little-endian), see `src/kat.rs`:
//! `u32 count`, then `count` records of
//! * AEAD: `u16 count_field, key[16], nonce[16], u16 pt_len, u16 ad_len, pt, ad, ct[pt_len + 16]`
//! * Hash: `u16 count_field, u16 msg_len, msg, md[32]`
//! * XOF: `u16 count_field, u16 msg_len, msg, md[64]`
//! * CXOF: `u16 count_field, u16 msg_len, u16 z_len, msg, z, md[64]`
use std::{collections::BTreeMap, env, fs, path::PathBuf};

const DIR: &str = "../kat/vectors/ascon";

/// One `Count = n` block: field name -> value (hex, possibly empty).
type Record = BTreeMap<String, String>;

fn parse(file: &str) -> Vec<Record> {
    let path = format!("{DIR}/{file}");
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let mut out = Vec::new();
    let mut cur: Option<Record> = None;
    for (lineno, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{path}:{}: expected `Key = value`", lineno + 1));
        let (k, v) = (k.trim().to_string(), v.trim().to_string());
        if k == "Count" {
            if let Some(r) = cur.take() {
                out.push(r);
            }
            cur = Some(Record::new());
        }
        let r = cur
            .as_mut()
            .unwrap_or_else(|| panic!("{path}:{}: field before `Count`", lineno + 1));
        assert!(
            r.insert(k.clone(), v).is_none(),
            "{path}:{}: duplicate {k}",
            lineno + 1
        );
    }
    out.extend(cur);
    out
}

fn hex(r: &Record, k: &str) -> Vec<u8> {
    let s = r
        .get(k)
        .unwrap_or_else(|| panic!("Count {:?}: missing {k}", r.get("Count")));
    assert!(s.len().is_multiple_of(2), "odd hex length in {k}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_else(|e| panic!("{k}: {e}")))
        .collect()
}

fn u16le(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u16::try_from(n).expect("fits u16").to_le_bytes());
}

fn count(r: &Record) -> usize {
    r["Count"].parse().expect("Count is a number")
}

fn blob(
    records: &[Record],
    expected: usize,
    mut emit: impl FnMut(&mut Vec<u8>, &Record),
) -> Vec<u8> {
    assert_eq!(records.len(), expected, "unexpected number of vectors");
    let mut out = Vec::new();
    out.extend_from_slice(&u32::try_from(records.len()).expect("fits").to_le_bytes());
    for (i, r) in records.iter().enumerate() {
        assert_eq!(count(r), i + 1, "Counts must run 1, 2, ...");
        u16le(&mut out, count(r));
        emit(&mut out, r);
    }
    out
}

fn main() {
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    fs::copy("memory.x", out_dir.join("memory.x")).expect("copy memory.x");
    println!("cargo:rustc-link-search={}", out_dir.display());
    println!("cargo:rerun-if-changed=memory.x");
    println!("cargo:rerun-if-changed=build.rs");

    let aead = blob(
        &parse("asconaead128_LWC_AEAD_KAT_128_128.txt"),
        1089,
        |o, r| {
            let (key, nonce, pt, ad, ct) = (
                hex(r, "Key"),
                hex(r, "Nonce"),
                hex(r, "PT"),
                hex(r, "AD"),
                hex(r, "CT"),
            );
            assert_eq!((key.len(), nonce.len(), ct.len()), (16, 16, pt.len() + 16));
            o.extend_from_slice(&key);
            o.extend_from_slice(&nonce);
            u16le(o, pt.len());
            u16le(o, ad.len());
            o.extend_from_slice(&pt);
            o.extend_from_slice(&ad);
            o.extend_from_slice(&ct);
        },
    );
    let hash = |md_len: usize| {
        move |o: &mut Vec<u8>, r: &Record| {
            let (msg, md) = (hex(r, "Msg"), hex(r, "MD"));
            assert_eq!(md.len(), md_len);
            u16le(o, msg.len());
            o.extend_from_slice(&msg);
            o.extend_from_slice(&md);
        }
    };
    let hash256 = blob(
        &parse("asconhash256_LWC_HASH_KAT_128_256.txt"),
        1025,
        hash(32),
    );
    let xof128 = blob(
        &parse("asconxof128_LWC_XOF_KAT_128_512.txt"),
        1025,
        hash(64),
    );
    let cxof128 = blob(
        &parse("asconcxof128_LWC_CXOF_KAT_128_512.txt"),
        1089,
        |o, r| {
            let (msg, z, md) = (hex(r, "Msg"), hex(r, "Z"), hex(r, "MD"));
            assert_eq!(md.len(), 64);
            u16le(o, msg.len());
            u16le(o, z.len());
            o.extend_from_slice(&msg);
            o.extend_from_slice(&z);
            o.extend_from_slice(&md);
        },
    );
    for (name, data) in [
        ("kat_aead128.bin", aead),
        ("kat_hash256.bin", hash256),
        ("kat_xof128.bin", xof128),
        ("kat_cxof128.bin", cxof128),
    ] {
        fs::write(out_dir.join(name), data).unwrap_or_else(|e| panic!("writing {name}: {e}"));
    }
}
