//! A schema-conformant Wycheproof AEAD file for Ascon-AEAD128, generated here from the
//! official LWC vectors plus invalid cases (flipped tag and ciphertext bits, nonce, key
//! and tag sizes the algorithm does not offer), run through `run_file`.
//!
//! These are SYNTHETIC Wycheproof files: no official Wycheproof Ascon file is used.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{Format, find_algorithm, run_file, run_text};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// `(key, nonce, pt, ad, ct || tag)` of the first `n` LWC AEAD records, parsed here
/// independently of the engine.
fn lwc_records(n: usize) -> Vec<[Vec<u8>; 5]> {
    let text = mamori_kat::bundled::FILES
        .iter()
        .find(|f| f.algorithm == "ascon-aead128")
        .unwrap()
        .text;
    let mut out = Vec::new();
    // Every 27th record: plaintext and associated-data lengths spread over 0..=32.
    let blocks = text.split("\n\n").filter(|b| !b.trim().is_empty());
    for block in blocks.step_by(27).take(n) {
        let field = |name: &str| {
            let line = block
                .lines()
                .find(|l| l.starts_with(&format!("{name} =")))
                .unwrap();
            hex::decode(line.split_once('=').unwrap().1.trim()).unwrap()
        };
        out.push([
            field("Key"),
            field("Nonce"),
            field("PT"),
            field("AD"),
            field("CT"),
        ]);
    }
    out
}

fn test(tc: usize, comment: &str, r: &[Vec<u8>; 5], ct: &[u8], tag: &[u8], result: &str) -> Value {
    json!({
        "tcId": tc,
        "comment": comment,
        "key": hex::encode(&r[0]),
        "iv": hex::encode(&r[1]),
        "aad": hex::encode(&r[3]),
        "msg": hex::encode(&r[2]),
        "ct": hex::encode(ct),
        "tag": hex::encode(tag),
        "result": result,
        "flags": [],
    })
}

fn group(iv_bits: usize, key_bits: usize, tag_bits: usize, tests: Vec<Value>) -> Value {
    json!({
        "type": "AeadTest",
        "source": {"name": "mamori-kat synthetic", "version": "0"},
        "ivSize": iv_bits,
        "keySize": key_bits,
        "tagSize": tag_bits,
        "tests": tests,
    })
}

/// The generated file and, per group, (valid, invalid, acceptable) counts.
fn synthetic_file() -> Value {
    let recs = lwc_records(40);
    let mut tc = 0;
    let mut next = || {
        tc += 1;
        tc
    };
    let split = |r: &[Vec<u8>; 5]| {
        let (ct, tag) = r[4].split_at(r[2].len());
        (ct.to_vec(), tag.to_vec())
    };
    // Group 1: 128-bit everything: valid LWC cases, then each with a flipped tag bit, then
    // (where there is ciphertext) a flipped ciphertext bit.
    let mut g1 = Vec::new();
    for r in &recs {
        let (ct, tag) = split(r);
        g1.push(test(next(), "LWC vector", r, &ct, &tag, "valid"));
    }
    for r in &recs {
        let (ct, mut tag) = split(r);
        tag[15] ^= 0x80;
        g1.push(test(next(), "flipped tag bit", r, &ct, &tag, "invalid"));
    }
    for r in recs.iter().filter(|r| !r[2].is_empty()) {
        let (mut ct, tag) = split(r);
        ct[0] ^= 1;
        g1.push(test(
            next(),
            "flipped ciphertext bit",
            r,
            &ct,
            &tag,
            "invalid",
        ));
    }
    // Group 2: 96-bit nonces, invalid: the API must refuse them.
    let mut g2 = Vec::new();
    for r in recs.iter().take(5) {
        let (ct, tag) = split(r);
        let mut short = r.clone();
        short[1].truncate(12);
        g2.push(test(
            next(),
            "wrong nonce size",
            &short,
            &ct,
            &tag,
            "invalid",
        ));
    }
    // Group 3: 96-bit nonces marked acceptable: skipped.
    let mut g3 = Vec::new();
    for r in recs.iter().take(2) {
        let (ct, tag) = split(r);
        let mut short = r.clone();
        short[1].truncate(12);
        g3.push(test(next(), "short nonce", &short, &ct, &tag, "acceptable"));
    }
    // Group 4: truncated 64-bit tags marked valid: skipped (Ascon-AEAD128 has one tag size).
    let mut g4 = Vec::new();
    for r in recs.iter().take(2) {
        let (ct, tag) = split(r);
        g4.push(test(next(), "truncated tag", r, &ct, &tag[..8], "valid"));
    }
    // Group 5: 256-bit key, invalid: key setup must refuse it.
    let mut g5 = Vec::new();
    {
        let r = &recs[3];
        let (ct, tag) = split(r);
        let mut long = r.clone();
        long[0].extend_from_slice(&[0u8; 16]);
        g5.push(test(next(), "wrong key size", &long, &ct, &tag, "invalid"));
    }
    let groups = vec![
        group(128, 128, 128, g1),
        group(96, 128, 128, g2),
        group(96, 128, 128, g3),
        group(128, 128, 64, g4),
        group(128, 256, 128, g5),
    ];
    let n: usize = groups
        .iter()
        .map(|g| g["tests"].as_array().unwrap().len())
        .sum();
    json!({
        "algorithm": "ASCON-AEAD128",
        "schema": "aead_test_schema_v1.json",
        "numberOfTests": n,
        "header": ["SYNTHETIC: generated by mamori-kat's tests from the official LWC vectors."],
        "notes": {},
        "testGroups": groups,
    })
}

fn write(name: &str, v: &Value) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wycheproof_aead");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(v).unwrap()).unwrap();
    path
}

#[test]
fn synthetic_wycheproof_aead_file_runs() {
    let file = synthetic_file();
    let path = write("ascon_aead128_test.json", &file);
    let r = run_file(&path, None, None).unwrap();
    assert_eq!(r.format, Format::Wycheproof);
    assert_eq!(r.algorithm, Some("ascon-aead128"));
    // 40 valid + 40 tag-flipped + the ciphertext-flipped ones + 5 short nonces + 1 long key
    // pass; 2 acceptable short nonces and 2 truncated tags are skipped.
    let g1 = file["testGroups"][0]["tests"].as_array().unwrap().len();
    let with_pt = lwc_records(40).iter().filter(|r| !r[2].is_empty()).count();
    assert!(with_pt > 30, "{with_pt}");
    assert_eq!(g1, 40 + 40 + with_pt);
    assert_eq!(
        (r.passed, r.failed, r.skipped),
        (g1 + 5 + 1, 0, 4),
        "{r}: {:?}",
        r.failures
    );
    assert_eq!(
        r.skip_reasons,
        vec![
            ("ascon-aead128: 96-bit nonce not supported".to_owned(), 2),
            ("ascon-aead128: 64-bit tag not supported".to_owned(), 2),
        ]
    );
}

#[test]
fn a_wrong_expected_ciphertext_fails_with_its_tcid() {
    let mut file = synthetic_file();
    let t = &mut file["testGroups"][0]["tests"][20];
    let tc = t["tcId"].as_u64().unwrap();
    let ct = t["ct"].as_str().unwrap().to_owned();
    assert!(!ct.is_empty());
    let (first, rest) = ct.split_at(1);
    let flipped = format!("{}{rest}", if first == "0" { "1" } else { "0" });
    t["ct"] = Value::String(flipped);
    let aead = find_algorithm("ascon-aead128").unwrap();
    let r = run_text("synthetic.json", &file.to_string(), None, Some(aead)).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    assert_eq!(r.failures[0].id, format!("tcId {tc}"));
    assert!(
        r.failures[0].detail.starts_with("ciphertext: expected"),
        "{}",
        r.failures[0].detail
    );
}

#[test]
fn an_invalid_case_that_opens_fails() {
    let mut file = synthetic_file();
    // A correct vector marked invalid must be reported: the implementation accepts it.
    file["testGroups"][0]["tests"][0]["result"] = json!("invalid");
    let r = run_text("ascon-aead128.json", &file.to_string(), None, None).unwrap();
    assert_eq!(r.failed, 1);
    assert_eq!(r.failures[0].id, "tcId 1");
    assert!(
        r.failures[0]
            .detail
            .contains("open accepted an invalid case"),
        "{:?}",
        r.failures
    );
}

#[test]
fn other_wycheproof_algorithms_are_skipped() {
    let mut file = synthetic_file();
    file["algorithm"] = json!("AEGIS128L");
    let r = run_text("aegis128L_test.json", &file.to_string(), None, None).unwrap();
    assert_eq!(r.ran(), 0);
    assert_eq!(
        r.skip_reasons,
        vec![("AEGIS128L: not implemented in Mamori".to_owned(), r.skipped)]
    );
    file["testGroups"][0]["type"] = json!("IndCpaTest");
    file["algorithm"] = json!("ASCON-AEAD128");
    let r = run_text("x.json", &file.to_string(), None, None).unwrap();
    let n = file["testGroups"][0]["tests"].as_array().unwrap().len();
    assert!(
        r.skip_reasons.contains(&(
            "Wycheproof test type `IndCpaTest`: not supported by mamori-kat".to_owned(),
            n
        )),
        "{:?}",
        r.skip_reasons
    );
}
