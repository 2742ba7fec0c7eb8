//! Build script:
//! 1. puts `memory.x` (mps2-an386 memory map) on the linker search path for cortex-m-rt;
//! 2. turns the Ascon KAT files `../kat/vectors/ascon/*.txt` (LWC format) and the NIST ACVP
//!    ML-KEM vectors `../kat/vectors/ml-kem/*/{prompt,expectedResults}.json` into compact
//!    binary blobs in `OUT_DIR`, which the firmware embeds with `include_bytes!`: the target
//!    never parses text.
//!
//! Blob layout (all integers little-endian), see `src/kat.rs`:
//! `u32 count`, then `count` records of
//! * AEAD: `u16 count_field, key[16], nonce[16], u16 pt_len, u16 ad_len, pt, ad, ct[pt_len + 16]`
//! * Hash: `u16 count_field, u16 msg_len, msg, md[32]`
//! * XOF: `u16 count_field, u16 msg_len, msg, md[64]`
//! * CXOF: `u16 count_field, u16 msg_len, u16 z_len, msg, z, md[64]`
//! * ML-KEM (one blob per ACVP function, all three parameter sets): `u8 k` (rank: 2, 3, 4
//!   for ML-KEM-512/768/1024), `u16 tcId`, then the function's fields, each as
//!   `u16 len, bytes` (a boolean `testPassed` as one byte 0/1):
//!   - keyGen: `d, z, ek, dk`
//!   - encapsulation: `ek, m, c, k`
//!   - decapsulation: `dk, c, k`
//!   - encapsulationKeyCheck: `ek, testPassed`; decapsulationKeyCheck: `dk, testPassed`
//! * ML-DSA (one blob per ACVP mode, the parameter sets of [`ML_DSA_SETS`]): `u8 set` (44,
//!   65, 87), `u16 tcId`, `u8 interface` ([`Iface`]: 0 external pure, 1 external pre-hash,
//!   2 internal on `M'`, 3 internal on an external `μ`; 0 for keyGen), then `u16 len, bytes`
//!   fields:
//!   - keyGen: `seed, pk, sk`
//!   - sigGen: `sk, message (M, M' or μ), context, rnd (empty: deterministic), hashAlg
//!     (ACVP name, empty unless pre-hash), signature`
//!   - sigVer: `pk, message (M, M' or μ), context, hashAlg, signature, testPassed`
//!
//!   Pre-hash cases with a SHA-2 function are left out: Mamori has no SHA-2, and a digest
//!   computed here on the host would not test the target.
use std::{collections::BTreeMap, env, fs, path::PathBuf};

use serde_json::Value;

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
    unhex(s, k)
}

/// Hex string -> bytes; `what` names the field in the panic message.
fn unhex(s: &str, what: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length in {what}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_else(|e| panic!("{what}: {e}")))
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
    let mut blobs = vec![
        ("kat_aead128.bin", aead),
        ("kat_hash256.bin", hash256),
        ("kat_xof128.bin", xof128),
        ("kat_cxof128.bin", cxof128),
    ];
    blobs.extend(ml_kem_blobs());
    blobs.extend(ml_dsa_blobs());
    for (name, data) in blobs {
        fs::write(out_dir.join(name), data).unwrap_or_else(|e| panic!("writing {name}: {e}"));
    }
}

const ML_KEM_DIR: &str = "../kat/vectors/ml-kem";

/// One ACVP test case joined with its expected result.
struct Case {
    /// Rank k of the parameter set (2, 3, 4).
    k: u8,
    /// `function` of the group (`keyGen` for the keyGen file).
    function: String,
    tc_id: u16,
    prompt: Value,
    expected: Value,
}

fn json(path: &str) -> Value {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every case of one ACVP vector set, prompt joined with expected result on tgId / tcId.
fn acvp(dir: &str) -> Vec<Case> {
    let prompt = json(&format!("{ML_KEM_DIR}/{dir}/prompt.json"));
    let expected = json(&format!("{ML_KEM_DIR}/{dir}/expectedResults.json"));
    let groups = |v: &Value| v["testGroups"].as_array().expect("testGroups").clone();
    let expected_groups = groups(&expected);
    let mut out = Vec::new();
    for g in groups(&prompt) {
        let eg = expected_groups
            .iter()
            .find(|e| e["tgId"] == g["tgId"])
            .unwrap_or_else(|| panic!("{dir}: no expected group {}", g["tgId"]));
        let k = match g["parameterSet"].as_str() {
            Some("ML-KEM-512") => 2,
            Some("ML-KEM-768") => 3,
            Some("ML-KEM-1024") => 4,
            other => panic!("{dir}: unknown parameterSet {other:?}"),
        };
        let function = g["function"].as_str().unwrap_or("keyGen").to_string();
        for t in g["tests"].as_array().expect("tests") {
            let e = eg["tests"]
                .as_array()
                .expect("tests")
                .iter()
                .find(|e| e["tcId"] == t["tcId"])
                .unwrap_or_else(|| panic!("{dir}: no expected result for tcId {}", t["tcId"]));
            out.push(Case {
                k,
                function: function.clone(),
                tc_id: u16::try_from(t["tcId"].as_u64().expect("tcId")).expect("tcId fits u16"),
                prompt: t.clone(),
                expected: e.clone(),
            });
        }
    }
    out
}

/// The hex field `name` of the prompt, else of the expected result, as bytes.
fn acvp_hex(c: &Case, name: &str) -> Vec<u8> {
    let v = c.prompt.get(name).or_else(|| c.expected.get(name));
    let s = v
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("tcId {}: missing hex field {name}", c.tc_id));
    unhex(s, name)
}

/// The blob of the cases of `function` (per-set counts asserted): `fields` are hex fields,
/// written as `u16 len, bytes`; `passed` adds the boolean `testPassed` as a 1-byte field.
fn ml_kem_blob(
    cases: &[Case],
    function: &str,
    per_set: usize,
    fields: &[&str],
    passed: bool,
) -> Vec<u8> {
    let selected: Vec<&Case> = cases.iter().filter(|c| c.function == function).collect();
    for k in 2..=4 {
        let n = selected.iter().filter(|c| c.k == k).count();
        assert_eq!(
            n, per_set,
            "ML-KEM {function}: {n} cases for k = {k}, expected {per_set}"
        );
    }
    let mut out = Vec::new();
    out.extend_from_slice(&u32::try_from(selected.len()).expect("fits").to_le_bytes());
    for c in selected {
        out.push(c.k);
        out.extend_from_slice(&c.tc_id.to_le_bytes());
        for f in fields {
            let b = acvp_hex(c, f);
            u16le(&mut out, b.len());
            out.extend_from_slice(&b);
        }
        if passed {
            let p = c.expected["testPassed"]
                .as_bool()
                .unwrap_or_else(|| panic!("tcId {}: missing testPassed", c.tc_id));
            u16le(&mut out, 1);
            out.push(u8::from(p));
        }
    }
    out
}

/// The ML-KEM blobs: every case of the ACVP keyGen and encapDecap vector sets.
fn ml_kem_blobs() -> Vec<(&'static str, Vec<u8>)> {
    let keygen = acvp("ML-KEM-keyGen-FIPS203");
    let encdec = acvp("ML-KEM-encapDecap-FIPS203");
    assert_eq!(
        keygen.len() + encdec.len(),
        75 + 75 + 30 + 30 + 30,
        "ML-KEM case count"
    );
    vec![
        (
            "kat_ml_kem_keygen.bin",
            ml_kem_blob(&keygen, "keyGen", 25, &["d", "z", "ek", "dk"], false),
        ),
        (
            "kat_ml_kem_encaps.bin",
            ml_kem_blob(&encdec, "encapsulation", 25, &["ek", "m", "c", "k"], false),
        ),
        (
            "kat_ml_kem_decaps.bin",
            ml_kem_blob(&encdec, "decapsulation", 10, &["dk", "c", "k"], false),
        ),
        (
            "kat_ml_kem_ek_check.bin",
            ml_kem_blob(&encdec, "encapsulationKeyCheck", 10, &["ek"], true),
        ),
        (
            "kat_ml_kem_dk_check.bin",
            ml_kem_blob(&encdec, "decapsulationKeyCheck", 10, &["dk"], true),
        ),
    ]
}

const ML_DSA_DIR: &str = "../kat/vectors/ml-dsa";

/// The ML-DSA parameter sets whose ACVP cases the firmware embeds (the tag is the number in
/// the name). One set keeps the `ml_dsa` image small; the blob format takes all three.
const ML_DSA_SETS: &[(&str, u8)] = &[("ML-DSA-65", 65)];

/// The ACVP signature interface of a sigGen / sigVer group, as the blob's `interface` byte.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Iface {
    Pure = 0,
    PreHash = 1,
    Internal = 2,
    ExternalMu = 3,
}

/// One ML-DSA ACVP case of a selected parameter set, prompt joined with expected result.
struct DsaCase {
    set: u8,
    tc_id: u16,
    iface: Iface,
    deterministic: bool,
    prompt: Value,
    expected: Value,
}

impl DsaCase {
    /// The hex field `name` of the prompt, else of the expected result, as bytes.
    fn hex(&self, name: &str) -> Vec<u8> {
        let v = self.prompt.get(name).or_else(|| self.expected.get(name));
        let s = v
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("ML-DSA tcId {}: missing hex field {name}", self.tc_id));
        unhex(s, name)
    }

    /// `hashAlg` of a pre-hash case, else empty.
    fn hash_alg(&self) -> Vec<u8> {
        match self.iface {
            Iface::PreHash => self.prompt["hashAlg"]
                .as_str()
                .expect("hashAlg")
                .as_bytes()
                .to_vec(),
            _ => Vec::new(),
        }
    }

    /// The message field: `μ` for external-μ cases, else `M` or `M'`.
    fn message(&self) -> Vec<u8> {
        self.hex(if self.iface == Iface::ExternalMu {
            "mu"
        } else {
            "message"
        })
    }

    /// The context string (external interface only).
    fn context(&self) -> Vec<u8> {
        match self.iface {
            Iface::Pure | Iface::PreHash => self.hex("context"),
            _ => Vec::new(),
        }
    }
}

/// The cases of the selected parameter sets in one ACVP ML-DSA vector set, without the
/// SHA-2 pre-hash cases.
fn ml_dsa_acvp(dir: &str) -> Vec<DsaCase> {
    let prompt = json(&format!("{ML_DSA_DIR}/{dir}/prompt.json"));
    let expected = json(&format!("{ML_DSA_DIR}/{dir}/expectedResults.json"));
    let expected_groups = expected["testGroups"].as_array().expect("testGroups");
    let mut out = Vec::new();
    for g in prompt["testGroups"].as_array().expect("testGroups") {
        let name = g["parameterSet"].as_str().expect("parameterSet");
        let Some(&(_, set)) = ML_DSA_SETS.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let eg = expected_groups
            .iter()
            .find(|e| e["tgId"] == g["tgId"])
            .unwrap_or_else(|| panic!("{dir}: no expected group {}", g["tgId"]));
        let iface = match (
            g["signatureInterface"].as_str(),
            g["preHash"].as_str(),
            g["externalMu"].as_bool(),
        ) {
            (None, _, _) | (Some("external"), Some("pure"), _) => Iface::Pure,
            (Some("external"), Some("preHash"), _) => Iface::PreHash,
            (Some("internal"), _, Some(false)) => Iface::Internal,
            (Some("internal"), _, Some(true)) => Iface::ExternalMu,
            other => panic!("{dir}: group {}: unknown interface {other:?}", g["tgId"]),
        };
        for t in g["tests"].as_array().expect("tests") {
            if iface == Iface::PreHash
                && t["hashAlg"].as_str().expect("hashAlg").starts_with("SHA2-")
            {
                continue;
            }
            let e = eg["tests"]
                .as_array()
                .expect("tests")
                .iter()
                .find(|e| e["tcId"] == t["tcId"])
                .unwrap_or_else(|| panic!("{dir}: no expected result for tcId {}", t["tcId"]));
            out.push(DsaCase {
                set,
                tc_id: u16::try_from(t["tcId"].as_u64().expect("tcId")).expect("tcId fits u16"),
                iface,
                deterministic: g["deterministic"].as_bool().unwrap_or(true),
                prompt: t.clone(),
                expected: e.clone(),
            });
        }
    }
    out
}

/// A blob of ML-DSA cases: each record's fields from `fields`.
fn ml_dsa_blob(cases: &[DsaCase], fields: impl Fn(&DsaCase) -> Vec<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&u32::try_from(cases.len()).expect("fits").to_le_bytes());
    for c in cases {
        out.push(c.set);
        out.extend_from_slice(&c.tc_id.to_le_bytes());
        out.push(c.iface as u8);
        for f in fields(c) {
            u16le(&mut out, f.len());
            out.extend_from_slice(&f);
        }
    }
    out
}

/// The ML-DSA blobs: keyGen, sigGen and sigVer cases of [`ML_DSA_SETS`].
fn ml_dsa_blobs() -> Vec<(&'static str, Vec<u8>)> {
    let keygen = ml_dsa_acvp("ML-DSA-keyGen-FIPS204");
    let siggen = ml_dsa_acvp("ML-DSA-sigGen-FIPS204");
    let sigver = ml_dsa_acvp("ML-DSA-sigVer-FIPS204");
    assert_eq!(
        keygen.len(),
        25 * ML_DSA_SETS.len(),
        "ML-DSA keyGen case count"
    );
    vec![
        (
            "kat_ml_dsa_keygen.bin",
            ml_dsa_blob(&keygen, |c| vec![c.hex("seed"), c.hex("pk"), c.hex("sk")]),
        ),
        (
            "kat_ml_dsa_siggen.bin",
            ml_dsa_blob(&siggen, |c| {
                let rnd = if c.deterministic {
                    Vec::new()
                } else {
                    c.hex("rnd")
                };
                vec![
                    c.hex("sk"),
                    c.message(),
                    c.context(),
                    rnd,
                    c.hash_alg(),
                    c.hex("signature"),
                ]
            }),
        ),
        (
            "kat_ml_dsa_sigver.bin",
            ml_dsa_blob(&sigver, |c| {
                let passed = c.expected["testPassed"]
                    .as_bool()
                    .unwrap_or_else(|| panic!("tcId {}: missing testPassed", c.tc_id));
                vec![
                    c.hex("pk"),
                    c.message(),
                    c.context(),
                    c.hash_alg(),
                    c.hex("signature"),
                    vec![u8::from(passed)],
                ]
            }),
        ),
    ]
}
