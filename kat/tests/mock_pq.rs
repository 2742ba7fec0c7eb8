//! The ACVP and Wycheproof KEM / signature runners, exercised with a toy KEM and a toy
//! signature scheme that implement the primitives traits, on SYNTHETIC ACVP- and
//! Wycheproof-shaped JSON written here. Neither the toys nor the vectors are real
//! cryptography; they only make pass / fail / skip accounting observable until ML-KEM,
//! ML-DSA and SLH-DSA exist.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::dynamic::Dispatch;
use mamori_kat::registry::Entry;
use mamori_kat::{ErrorKind, FileReport, Format, run_text};
use mamori_primitives::reexport::zeroize::{Zeroize, ZeroizeOnDrop};
use mamori_primitives::{
    Algorithm, AlgorithmInfo, CryptoError, Cryptrec, Decode, Encode, Error, Family, InputError,
    Kem, Param, Security, SignatureScheme, Standard,
};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------
// Toy KEM: dk = seed, ek = dk ^ 0x5a, c = m ^ ek, K = reverse(m). A key starting with 0xff
// is "malformed".

const fn info(name: &'static str, family: Family) -> AlgorithmInfo {
    AlgorithmInfo {
        name,
        aliases: &[],
        family,
        standard: Standard {
            document: "none (test mock)",
            section: "",
        },
        security: Security {
            classical_bits: 0,
            pq_category: None,
        },
        sizes: &[],
        cryptrec: Cryptrec::NotListed,
    }
}

fn four(bytes: &[u8], param: Param) -> Result<[u8; 4], InputError> {
    bytes.try_into().map_err(|_| InputError::Length {
        param,
        expected: 4,
        actual: bytes.len(),
    })
}

fn well_formed(k: [u8; 4], param: Param) -> Result<[u8; 4], InputError> {
    if k[0] == 0xff {
        Err(InputError::Malformed { param })
    } else {
        Ok(k)
    }
}

fn xor(a: [u8; 4], b: u8) -> [u8; 4] {
    a.map(|x| x ^ b)
}

#[derive(Clone)]
struct Key4([u8; 4]);

impl Encode for Key4 {
    const ENCODED_LEN: usize = 4;
    fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError> {
        InputError::check_len(Param::Output, 4, out.len())?;
        out.copy_from_slice(&self.0);
        Ok(())
    }
}

impl Decode for Key4 {
    fn decode(bytes: &[u8]) -> Result<Self, InputError> {
        Ok(Key4(well_formed(
            four(bytes, Param::EncapsulationKey)?,
            Param::EncapsulationKey,
        )?))
    }
}

struct Secret4([u8; 4]);

impl Drop for Secret4 {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl ZeroizeOnDrop for Secret4 {}

impl AsRef<[u8]> for Secret4 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Encode for Secret4 {
    const ENCODED_LEN: usize = 4;
    fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError> {
        InputError::check_len(Param::Output, 4, out.len())?;
        out.copy_from_slice(&self.0);
        Ok(())
    }
}

impl Decode for Secret4 {
    fn decode(bytes: &[u8]) -> Result<Self, InputError> {
        Ok(Secret4(well_formed(
            four(bytes, Param::DecapsulationKey)?,
            Param::DecapsulationKey,
        )?))
    }
}

struct ToyKem;

impl Algorithm for ToyKem {
    const INFO: AlgorithmInfo = info("toy-kem-4", Family::Kem);
}

fn toy_k(m: [u8; 4]) -> [u8; 4] {
    [m[3], m[2], m[1], m[0]]
}

impl Kem for ToyKem {
    const ENCAPSULATION_KEY_LEN: usize = 4;
    const DECAPSULATION_KEY_LEN: usize = 4;
    const CIPHERTEXT_LEN: usize = 4;
    const SHARED_SECRET_LEN: usize = 4;
    const SEED_LEN: usize = 4;
    const ENCAPS_RANDOMNESS_LEN: usize = 4;
    type EncapsulationKey = Key4;
    type DecapsulationKey = Secret4;
    type Ciphertext = [u8; 4];
    type SharedSecret = Secret4;
    type Seed = [u8; 4];
    type EncapsRandomness = [u8; 4];

    fn keygen_from_seed(seed: &[u8]) -> Result<(Secret4, Key4), InputError> {
        let dk = four(seed, Param::Seed)?;
        Ok((Secret4(dk), Key4(xor(dk, 0x5a))))
    }
    fn encapsulate_deterministic(ek: &Key4, m: &[u8]) -> Result<([u8; 4], Secret4), InputError> {
        let m = four(m, Param::Randomness)?;
        let c: Vec<u8> = m.iter().zip(ek.0).map(|(a, b)| a ^ b).collect();
        Ok((four(&c, Param::Ciphertext)?, Secret4(toy_k(m))))
    }
    fn decapsulate(dk: &Secret4, c: &[u8]) -> Result<Secret4, InputError> {
        let c = four(c, Param::Ciphertext)?;
        let ek = xor(dk.0, 0x5a);
        let m: Vec<u8> = c.iter().zip(ek).map(|(a, b)| a ^ b).collect();
        Ok(Secret4(toy_k(four(&m, Param::Ciphertext)?)))
    }
}

// ---------------------------------------------------------------------------------------
// Toy signature: sk = seed, vk = sk ^ 0x33, sig = [xor(sk, msg), xor(sk[1], ctx), rnd0, rnd1];
// contexts up to 8 bytes.

struct ToySig;

impl Algorithm for ToySig {
    const INFO: AlgorithmInfo = info("toy-sig-4", Family::Signature);
}

fn fold(init: u8, data: &[u8]) -> u8 {
    data.iter().fold(init, |a, b| a ^ b)
}

fn toy_sig(sk: [u8; 4], msg: &[u8], ctx: &[u8], rnd: Option<&[u8]>) -> [u8; 4] {
    let r = rnd.unwrap_or(&[0, 0]);
    [fold(fold(0, &sk), msg), fold(sk[1], ctx), r[0], r[1]]
}

impl SignatureScheme for ToySig {
    const SEED_LEN: usize = 4;
    const SIGNING_KEY_LEN: usize = 4;
    const VERIFYING_KEY_LEN: usize = 4;
    const SIGNATURE_LEN: usize = 4;
    const RANDOMNESS_LEN: usize = 2;
    const MAX_CONTEXT_LEN: usize = 8;
    type SigningKey = Secret4;
    type VerifyingKey = Key4;
    type Seed = [u8; 4];
    type Randomness = [u8; 2];

    fn keygen_from_seed(seed: &[u8]) -> Result<(Secret4, Key4), InputError> {
        let sk = four(seed, Param::Seed)?;
        Ok((Secret4(sk), Key4(xor(sk, 0x33))))
    }
    fn sign_into(
        sk: &Secret4,
        message: &[u8],
        context: &[u8],
        randomness: Option<&[u8]>,
        signature: &mut [u8],
    ) -> Result<(), InputError> {
        InputError::check_max(Param::Context, 8, context.len())?;
        if let Some(r) = randomness {
            InputError::check_len(Param::Randomness, 2, r.len())?;
        }
        InputError::check_len(Param::Signature, 4, signature.len())?;
        signature.copy_from_slice(&toy_sig(sk.0, message, context, randomness));
        Ok(())
    }
    fn verify(vk: &Key4, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        InputError::check_max(Param::Context, 8, context.len())?;
        let want = toy_sig(xor(vk.0, 0x33), message, context, None);
        if signature.len() == 4 && signature[..2] == want[..2] {
            Ok(())
        } else {
            Err(CryptoError.into())
        }
    }
}

static KEM: Dispatch<ToyKem> = Dispatch::NEW;
static SIG: Dispatch<ToySig> = Dispatch::NEW;

fn kem() -> Option<Entry> {
    Some(Entry::Kem(&KEM))
}

fn sig() -> Option<Entry> {
    Some(Entry::Signature(&SIG))
}

fn h(b: &[u8]) -> String {
    hex::encode_upper(b)
}

fn counts(r: &FileReport) -> (usize, usize, usize) {
    (r.passed, r.failed, r.skipped)
}

fn failed_ids(r: &FileReport) -> Vec<&str> {
    r.failures.iter().map(|f| f.id.as_str()).collect()
}

/// Splits a combined (prompt + answers) vector set into ACVP's two files: answer fields go
/// to expectedResults, the rest stays in the prompt.
fn split_acvp(combined: &Value, answers: &[&str]) -> (String, String) {
    let mut prompt = combined.clone();
    let mut expected = json!({
        "vsId": combined["vsId"], "algorithm": combined["algorithm"],
        "mode": combined["mode"], "revision": combined["revision"], "testGroups": []
    });
    for g in prompt["testGroups"].as_array_mut().unwrap() {
        let mut eg = json!({"tgId": g["tgId"], "tests": []});
        for t in g["tests"].as_array_mut().unwrap() {
            let t = t.as_object_mut().unwrap();
            let mut et = serde_json::Map::new();
            et.insert("tcId".into(), t["tcId"].clone());
            for a in answers {
                if let Some(v) = t.remove(*a) {
                    et.insert((*a).into(), v);
                }
            }
            eg["tests"].as_array_mut().unwrap().push(Value::Object(et));
        }
        expected["testGroups"].as_array_mut().unwrap().push(eg);
    }
    // The prompt in ACVP's array form, to cover it too.
    let prompt = json!([{"acvVersion": "1.0"}, prompt]);
    (prompt.to_string(), expected.to_string())
}

// ---------------------------------------------------------------------------------------
// ACVP ML-KEM-shaped vectors.

fn kem_keygen_set() -> Value {
    let case = |tc: u64, d: [u8; 2], z: [u8; 2], wrong: bool| {
        let seed = [d[0], d[1], z[0], z[1]];
        let mut ek = xor(seed, 0x5a);
        if wrong {
            ek[0] ^= 1;
        }
        json!({"tcId": tc, "d": h(&d), "z": h(&z), "ek": h(&ek), "dk": h(&seed)})
    };
    json!({
        "vsId": 7, "algorithm": "ML-KEM", "mode": "keyGen", "revision": "FIPS203", "isSample": true,
        "testGroups": [
            {"tgId": 1, "testType": "AFT", "parameterSet": "toy-kem-4", "tests": [
                case(1, [1, 2], [3, 4], false),
                case(2, [9, 9], [0, 0], false),
                case(3, [5, 6], [7, 8], true),
            ]},
            {"tgId": 2, "testType": "AFT", "parameterSet": "ML-KEM-768", "tests": [
                case(4, [1, 1], [1, 1], false),
                case(5, [2, 2], [2, 2], false),
            ]},
        ]
    })
}

#[test]
fn acvp_kem_keygen_pass_fail_skip() {
    let (prompt, expected) = split_acvp(&kem_keygen_set(), &["ek", "dk"]);
    let r = run_text("prompt.json", &prompt, Some(&expected), kem()).unwrap();
    assert_eq!(r.format, Format::Acvp);
    assert_eq!(r.algorithm, Some("toy-kem-4"));
    assert_eq!(counts(&r), (2, 1, 2), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tgId 1 / tcId 3"]);
    assert!(
        r.failures[0].detail.starts_with("ek: expected "),
        "{}",
        r.failures[0].detail
    );
    assert_eq!(
        r.skip_reasons,
        [(
            "ML-KEM-768: not the requested algorithm (toy-kem-4)".to_owned(),
            2
        )]
    );
    // Without a requested algorithm each group goes to the implementation its parameter set
    // names: the toy set is not in Mamori (skipped), and ML-KEM-768 runs on the real ML-KEM,
    // which rejects the toy values (2-byte seeds).
    let r = run_text("prompt.json", &prompt, Some(&expected), None).unwrap();
    assert_eq!(counts(&r), (0, 2, 3), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tgId 2 / tcId 4", "tgId 2 / tcId 5"]);
    assert_eq!(
        r.skip_reasons,
        [("toy-kem-4: not implemented in Mamori".to_owned(), 3)]
    );
}

#[test]
fn acvp_combined_file_with_inline_answers_runs_alone() {
    let r = run_text(
        "internalProjection.json",
        &kem_keygen_set().to_string(),
        None,
        kem(),
    )
    .unwrap();
    assert_eq!(counts(&r), (2, 1, 2));
}

fn kem_encap_decap_set() -> Value {
    let ek_of = |dk: [u8; 4]| xor(dk, 0x5a);
    let enc = |tc: u64, dk: [u8; 4], m: [u8; 4]| {
        let ek = ek_of(dk);
        let c: Vec<u8> = m.iter().zip(ek).map(|(a, b)| a ^ b).collect();
        json!({"tcId": tc, "ek": h(&ek), "m": h(&m), "c": h(&c), "k": h(&toy_k(m))})
    };
    let dec = |tc: u64, dk: [u8; 4], m: [u8; 4], wrong: bool| {
        let ek = ek_of(dk);
        let c: Vec<u8> = m.iter().zip(ek).map(|(a, b)| a ^ b).collect();
        let mut k = toy_k(m);
        if wrong {
            k[3] ^= 0x10;
        }
        json!({"tcId": tc, "dk": h(&dk), "c": h(&c), "k": h(&k)})
    };
    json!({
        "vsId": 8, "algorithm": "ML-KEM", "mode": "encapDecap", "revision": "FIPS203",
        "testGroups": [
            {"tgId": 1, "testType": "AFT", "parameterSet": "toy-kem-4", "function": "encapsulation", "tests": [
                enc(1, [1, 2, 3, 4], [9, 8, 7, 6]), enc(2, [0, 0, 0, 0], [1, 1, 1, 1]), enc(3, [5, 5, 5, 5], [0, 1, 2, 3]),
            ]},
            {"tgId": 2, "testType": "VAL", "parameterSet": "toy-kem-4", "function": "decapsulation", "tests": [
                dec(4, [1, 2, 3, 4], [9, 8, 7, 6], false), dec(5, [7, 7, 7, 7], [1, 2, 3, 4], true),
            ]},
            {"tgId": 3, "testType": "VAL", "parameterSet": "toy-kem-4", "function": "encapsulationKeyCheck", "tests": [
                {"tcId": 6, "ek": "01020304", "testPassed": true},
                {"tcId": 7, "ek": "FF020304", "testPassed": false},
                {"tcId": 8, "ek": "010203", "testPassed": false},
            ]},
            {"tgId": 4, "testType": "VAL", "parameterSet": "toy-kem-4", "function": "decapsulationKeyCheck", "tests": [
                {"tcId": 9, "dk": "01020304", "testPassed": true},
                // Wrong expectation: the key is malformed but the file says it passes.
                {"tcId": 10, "dk": "FF020304", "testPassed": true},
            ]},
            // Later ACVP revisions: private keys given as seeds.
            {"tgId": 5, "testType": "VAL", "parameterSet": "toy-kem-4", "function": "decapsulation", "keyFormat": "seed", "tests": [
                dec(11, [3, 1, 4, 1], [5, 9, 2, 6], false),
            ]},
            {"tgId": 6, "testType": "VAL", "parameterSet": "toy-kem-4", "function": "somethingNew", "tests": [
                {"tcId": 12, "ek": "00"},
            ]},
            {"tgId": 7, "testType": "VAL", "parameterSet": "toy-kem-4", "function": "decapsulation", "keyFormat": "compressed", "tests": [
                {"tcId": 13, "dk": "00", "c": "00", "k": "00"},
            ]},
        ]
    })
}

#[test]
fn acvp_kem_encap_decap_groups() {
    let set = kem_encap_decap_set();
    let (prompt, expected) = split_acvp(&set, &["c", "k", "testPassed"]);
    let r = run_text("prompt.json", &prompt, Some(&expected), kem()).unwrap();
    // Passed: 3 encaps, decaps 4, key checks 6, 7, 8, 9, seed decaps 11 = 9.
    // Failed: 5 (wrong k), 10 (malformed key expected to pass). Skipped: 12, 13.
    assert_eq!(counts(&r), (9, 2, 2), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tgId 2 / tcId 5", "tgId 4 / tcId 10"]);
    assert!(r.failures[0].detail.starts_with("shared secret: expected "));
    assert!(
        r.failures[1].detail.contains("rejected a valid case"),
        "{}",
        r.failures[1].detail
    );
    assert_eq!(
        r.skip_reasons,
        [
            (
                "ACVP ML-KEM encapDecap function `somethingNew`: not supported by mamori-kat"
                    .to_owned(),
                1
            ),
            (
                "ACVP ML-KEM keyFormat `compressed`: not supported by mamori-kat".to_owned(),
                1
            ),
        ]
    );
    let parsed = mamori_kat::acvp::parse(&prompt, Some(&expected)).unwrap();
    assert_eq!(parsed.case_count(), 13);
    assert_eq!(
        parsed.groups[4].key_format,
        Some(mamori_kat::acvp::KeyFormat::Seed)
    );
}

#[test]
fn acvp_unknown_modes_and_algorithms_are_skipped() {
    let mut set = kem_keygen_set();
    set["mode"] = json!("keyVerify");
    let r = run_text("x.json", &set.to_string(), None, kem()).unwrap();
    assert_eq!(counts(&r), (0, 0, 5));
    assert_eq!(
        r.skip_reasons[0],
        (
            "ACVP ML-KEM mode `keyVerify`: not supported by mamori-kat".to_owned(),
            3
        )
    );
    let mut set = kem_keygen_set();
    set["algorithm"] = json!("AES-GCM");
    set["mode"] = json!("encrypt");
    for g in set["testGroups"].as_array_mut().unwrap() {
        g.as_object_mut().unwrap().remove("parameterSet");
    }
    let r = run_text("x.json", &set.to_string(), None, None).unwrap();
    assert_eq!(
        r.skip_reasons,
        [("AES-GCM: not implemented in Mamori".to_owned(), 5)]
    );
    // A KEM file given for a signature scheme is a mismatch.
    let e = run_text("x.json", &kem_keygen_set().to_string(), None, sig()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Mismatch);
    assert!(
        e.to_string().contains("toy-sig-4 (a signature scheme)"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------
// ACVP ML-DSA-shaped vectors.

fn sig_set(mode: &str) -> Value {
    let sk = [1u8, 2, 3, 4];
    let vk = xor(sk, 0x33);
    let msg = [0xaa, 0xbb, 0xcc];
    let ctx = [0x01, 0x02];
    let rnd = [0x77, 0x88];
    let good = toy_sig(sk, &msg, &ctx, None);
    let hedged = toy_sig(sk, &msg, &ctx, Some(&rnd));
    match mode {
        "keyGen" => json!({
            "vsId": 9, "algorithm": "ML-DSA", "mode": "keyGen", "revision": "FIPS204",
            "testGroups": [{"tgId": 1, "testType": "AFT", "parameterSet": "toy-sig-4", "tests": [
                {"tcId": 1, "seed": h(&sk), "pk": h(&vk), "sk": h(&sk)},
                {"tcId": 2, "seed": "00000000", "pk": "33333333", "sk": "00000000"},
            ]}]
        }),
        "sigGen" => {
            let t = |tc: u64, extra: Value| {
                let mut v = json!({"tcId": tc, "sk": h(&sk), "message": h(&msg), "context": h(&ctx), "signature": h(&good)});
                for (k, x) in extra.as_object().unwrap() {
                    v[k] = x.clone();
                }
                v
            };
            json!({
                "vsId": 10, "algorithm": "ML-DSA", "mode": "sigGen", "revision": "FIPS204",
                "testGroups": [
                    {"tgId": 1, "testType": "AFT", "parameterSet": "toy-sig-4", "deterministic": true,
                     "signatureInterface": "external", "preHash": "pure", "tests": [
                        t(1, json!({})),
                        t(2, json!({"signature": "00000000"})),
                    ]},
                    {"tgId": 2, "testType": "AFT", "parameterSet": "toy-sig-4", "deterministic": false,
                     "signatureInterface": "external", "preHash": "pure", "tests": [
                        t(3, json!({"rnd": h(&rnd), "signature": h(&hedged)})),
                    ]},
                    {"tgId": 3, "testType": "AFT", "parameterSet": "toy-sig-4", "deterministic": true,
                     "signatureInterface": "external", "preHash": "preHash", "tests": [
                        t(4, json!({"hashAlg": "SHA2-256"})), t(5, json!({"hashAlg": "SHA3-512"})),
                    ]},
                    {"tgId": 4, "testType": "AFT", "parameterSet": "toy-sig-4", "deterministic": true,
                     "signatureInterface": "internal", "externalMu": false, "tests": [t(6, json!({}))]},
                    {"tgId": 5, "testType": "AFT", "parameterSet": "toy-sig-4", "deterministic": true,
                     "signatureInterface": "internal", "externalMu": true, "tests": [
                        {"tcId": 7, "sk": h(&sk), "mu": "00", "signature": "00"},
                    ]},
                    // Seed-format private keys: the seed is the toy's sk.
                    {"tgId": 6, "testType": "AFT", "parameterSet": "toy-sig-4", "deterministic": true,
                     "signatureInterface": "external", "preHash": "pure", "keyFormat": "seed", "tests": [t(8, json!({}))]},
                ]
            })
        }
        _ => {
            let t = |tc: u64, sig: &[u8], passed: bool| json!({"tcId": tc, "pk": h(&vk), "message": h(&msg), "context": h(&ctx), "signature": h(sig), "testPassed": passed});
            let bad = [good[0] ^ 1, good[1], 0, 0];
            json!({
                "vsId": 11, "algorithm": "ML-DSA", "mode": "sigVer", "revision": "FIPS204",
                "testGroups": [
                    {"tgId": 1, "testType": "AFT", "parameterSet": "toy-sig-4",
                     "signatureInterface": "external", "preHash": "pure", "tests": [
                        t(1, &good, true), t(2, &bad, false), t(3, &hedged, true),
                        // Wrong expectation: a bad signature said to verify.
                        t(4, &bad, true),
                    ]},
                    {"tgId": 2, "testType": "AFT", "parameterSet": "toy-sig-4",
                     "signatureInterface": "internal", "externalMu": false, "tests": [t(5, &good, true)]},
                    {"tgId": 3, "testType": "AFT", "parameterSet": "ML-DSA-87",
                     "signatureInterface": "external", "preHash": "pure", "tests": [t(6, &good, true)]},
                ]
            })
        }
    }
}

#[test]
fn acvp_signature_keygen() {
    let (p, e) = split_acvp(&sig_set("keyGen"), &["pk", "sk"]);
    let r = run_text("prompt.json", &p, Some(&e), sig()).unwrap();
    assert_eq!(counts(&r), (2, 0, 0), "{:?}", r.failures);
}

#[test]
fn acvp_signature_siggen_interfaces() {
    let (p, e) = split_acvp(&sig_set("sigGen"), &["signature"]);
    let r = run_text("prompt.json", &p, Some(&e), sig()).unwrap();
    // Pass: 1, 3 (hedged), 8 (seed key). Fail: 2. Skipped: 4, 5 (pre-hash), 6 (internal),
    // 7 (external mu).
    assert_eq!(counts(&r), (3, 1, 4), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tgId 1 / tcId 2"]);
    assert!(
        r.failures[0]
            .detail
            .starts_with("signature: expected 00000000, got ")
    );
    assert_eq!(
        r.skip_reasons,
        [
            (
                "toy-sig-4: pre-hash interface not supported by the trait layer".to_owned(),
                2
            ),
            (
                "toy-sig-4: internal interface not supported by the trait layer".to_owned(),
                1
            ),
            (
                "toy-sig-4: external-mu interface not supported by the trait layer".to_owned(),
                1
            ),
        ]
    );
}

#[test]
fn acvp_signature_sigver() {
    let (p, e) = split_acvp(&sig_set("sigVer"), &["testPassed"]);
    let r = run_text("prompt.json", &p, Some(&e), sig()).unwrap();
    assert_eq!(counts(&r), (3, 1, 2), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tgId 1 / tcId 4"]);
    assert!(
        r.failures[0]
            .detail
            .contains("verification rejected a valid case")
    );
    assert_eq!(
        r.skip_reasons[1],
        (
            "ML-DSA-87: not the requested algorithm (toy-sig-4)".to_owned(),
            1
        )
    );
}

#[test]
fn acvp_join_errors() {
    let (p, e) = split_acvp(&sig_set("sigVer"), &["testPassed"]);
    // A missing expected result.
    let mut ev: Value = serde_json::from_str(&e).unwrap();
    ev["testGroups"][0]["tests"].as_array_mut().unwrap().pop();
    let err = run_text("prompt.json", &p, Some(&ev.to_string()), sig()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Expected);
    assert!(err.to_string().contains("no tgId 1 / tcId 4"), "{err}");
    // No expected results at all.
    let err = run_text("prompt.json", &p, None, sig()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Expected);
    // Malformed hex in the prompt names the field and case.
    let bad = p.replace("\"pk\":\"", "\"pk\":\"Z");
    let err = run_text("prompt.json", &bad, Some(&e), sig()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(
        err.to_string().contains("field `pk` of tgId 1 / tcId 1"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// Wycheproof ML-KEM / ML-DSA-shaped vectors.

#[test]
fn wycheproof_kem_groups() {
    let dk = [1u8, 2, 3, 4];
    let ek = xor(dk, 0x5a);
    let m = [4u8, 3, 2, 1];
    let c: Vec<u8> = m.iter().zip(ek).map(|(a, b)| a ^ b).collect();
    let k = toy_k(m);
    let file = json!({
        "algorithm": "ML-KEM", "schema": "mlkem_encaps_test_schema.json", "numberOfTests": 3,
        "header": [], "notes": {},
        "testGroups": [
            {"type": "MLKEMEncapsTest", "source": {"name": "synthetic"}, "parameterSet": "toy-kem-4", "tests": [
                {"tcId": 1, "comment": "", "flags": [], "ek": h(&ek), "m": h(&m), "c": h(&c), "K": h(&k), "result": "valid"},
                {"tcId": 2, "comment": "malformed ek", "flags": [], "ek": "FF000000", "m": h(&m), "c": "", "K": "", "result": "invalid"},
                {"tcId": 3, "comment": "", "flags": [], "ek": h(&ek), "m": "0102", "c": "", "K": "", "result": "acceptable"},
            ]},
            {"type": "MLKEMTest", "source": {"name": "synthetic"}, "parameterSet": "toy-kem-4", "tests": [
                {"tcId": 4, "comment": "", "flags": [], "seed": h(&dk), "ek": h(&ek), "c": h(&c), "K": h(&k), "result": "valid"},
                {"tcId": 5, "comment": "short c", "flags": [], "seed": h(&dk), "c": "00", "K": "", "result": "invalid"},
            ]},
            {"type": "MLKEMKeyGen", "source": {"name": "synthetic"}, "parameterSet": "toy-kem-4", "tests": [
                {"tcId": 6, "comment": "", "flags": [], "seed": h(&dk), "ek": h(&ek), "dk": h(&dk), "result": "valid"},
            ]},
            {"type": "MLKEMDecapsValidationTest", "source": {"name": "synthetic"}, "parameterSet": "toy-kem-4", "tests": [
                {"tcId": 7, "comment": "", "flags": [], "dk": h(&dk), "ek": h(&ek), "c": h(&c), "K": h(&k), "result": "valid"},
                {"tcId": 8, "comment": "bad dk", "flags": [], "dk": "FF000000", "ek": "", "c": h(&c), "result": "invalid"},
                // Wrong expectation: accepted but marked invalid.
                {"tcId": 9, "comment": "", "flags": [], "dk": h(&dk), "ek": "", "c": h(&c), "result": "invalid"},
            ]},
            {"type": "MLKEMTest", "source": {"name": "synthetic"}, "parameterSet": "ML-KEM-1024", "tests": [
                {"tcId": 10, "comment": "", "flags": [], "seed": "00", "c": "00", "K": "00", "result": "valid"},
            ]},
        ]
    });
    let r = run_text("mlkem_test.json", &file.to_string(), None, kem()).unwrap();
    assert_eq!(r.format, Format::Wycheproof);
    assert_eq!(counts(&r), (8, 1, 1), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tcId 9"]);
    // Without a requested algorithm the ML-KEM-1024 group runs on the real ML-KEM: its
    // 1-byte seed marked valid fails; the toy groups are skipped.
    let r = run_text("mlkem_test.json", &file.to_string(), None, None).unwrap();
    assert_eq!(counts(&r), (0, 1, 9), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tcId 10"]);
    assert_eq!(
        r.skip_reasons,
        [("toy-kem-4: not implemented in Mamori".to_owned(), 9)]
    );
}

#[test]
fn wycheproof_signature_groups() {
    let sk = [9u8, 8, 7, 6];
    let vk = xor(sk, 0x33);
    let msg = [1u8, 2, 3];
    let sign = json!({
        "algorithm": "toy-sig-4", "schema": "mldsa_sign_seed_schema.json", "numberOfTests": 4,
        "header": [], "notes": {},
        "testGroups": [{"type": "MlDsaSign", "source": {"name": "synthetic"}, "privateSeed": h(&sk), "publicKey": h(&vk), "tests": [
            {"tcId": 1, "comment": "", "flags": [], "msg": h(&msg), "mu": "00", "sig": h(&toy_sig(sk, &msg, &[], None)), "result": "valid"},
            {"tcId": 2, "comment": "", "flags": ["Randomized"], "msg": h(&msg), "ctx": "0102", "rnd": "0A0B", "mu": "00",
             "sig": h(&toy_sig(sk, &msg, &[1, 2], Some(&[10, 11]))), "result": "valid"},
            {"tcId": 3, "comment": "context too long", "flags": [], "msg": h(&msg), "ctx": "000102030405060708", "sig": "", "result": "invalid"},
            {"tcId": 4, "comment": "", "flags": ["Internal"], "mu": "00", "sig": "00", "result": "valid"},
        ]}]
    });
    let r = run_text("mldsa_sign_seed_test.json", &sign.to_string(), None, sig()).unwrap();
    assert_eq!(counts(&r), (3, 0, 1), "{:?}", r.failures);
    let verify = json!({
        "algorithm": "toy-sig-4", "schema": "mldsa_verify_schema.json", "numberOfTests": 3,
        "header": [], "notes": {},
        "testGroups": [{"type": "MlDsaVerify", "source": {"name": "synthetic"}, "publicKey": h(&vk), "publicKeyDer": "", "tests": [
            {"tcId": 1, "comment": "", "flags": [], "msg": h(&msg), "sig": h(&toy_sig(sk, &msg, &[], None)), "result": "valid"},
            {"tcId": 2, "comment": "", "flags": [], "msg": h(&msg), "sig": "00000000", "result": "invalid"},
            {"tcId": 3, "comment": "", "flags": [], "msg": h(&msg), "sig": "00000000", "result": "valid"},
        ]}]
    });
    let r = run_text("mldsa_verify_test.json", &verify.to_string(), None, sig()).unwrap();
    assert_eq!(counts(&r), (2, 1, 0), "{:?}", r.failures);
    assert_eq!(failed_ids(&r), ["tcId 3"]);
    // Unknown result values are an error.
    let bad = verify.to_string().replace("\"invalid\"", "\"maybe\"");
    let e = run_text("v.json", &bad, None, sig()).unwrap_err();
    assert!(e.to_string().contains("unknown result `maybe`"), "{e}");
}
