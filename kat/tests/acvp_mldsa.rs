//! ML-DSA through the ACVP runner: every official case passes on every interface (pure,
//! pre-hash, internal, external mu), a wrong expected value fails on each of them (so no
//! interface is silently skipped or compared loosely), and groups with `keyFormat: seed`
//! (later ACVP revisions) sign with the key derived from the seed.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{FileReport, find_algorithm, run_file, run_text};
use mamori_sign::{PreHash, PreHashed, ml_dsa_44};
use serde_json::{Value, json};
use std::path::PathBuf;

fn dir(set: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("vectors/ml-dsa")
        .join(set)
}

fn read(set: &str, file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir(set).join(file)).unwrap()).unwrap()
}

fn h(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(bytes)
}

fn counts(r: &FileReport) -> (usize, usize, usize) {
    (r.passed, r.failed, r.skipped)
}

#[test]
fn official_sets_pass_in_full() {
    for (set, n) in [
        ("ML-DSA-keyGen-FIPS204", 75),
        ("ML-DSA-sigGen-FIPS204", 360),
        ("ML-DSA-sigVer-FIPS204", 180),
    ] {
        let r = run_file(&dir(set), None, None).unwrap();
        assert_eq!(counts(&r), (n, 0, 0), "{r}");
        assert!(r.skip_reasons.is_empty(), "{r}");
        // One parameter set asked for: a third runs, the rest is skipped.
        let r = run_file(&dir(set), None, Some(find_algorithm("mldsa44").unwrap())).unwrap();
        assert_eq!(counts(&r), (n / 3, 0, 2 * n / 3), "{r}");
        assert_eq!(r.algorithm, Some("ml-dsa-44"));
    }
}

/// Runs `set` with every expected value of its groups changed by `edit`.
fn run_edited(set: &str, edit: impl Fn(&mut Value)) -> FileReport {
    let prompt = std::fs::read_to_string(dir(set).join("prompt.json")).unwrap();
    let mut expected = read(set, "expectedResults.json");
    for g in expected["testGroups"].as_array_mut().unwrap() {
        for t in g["tests"].as_array_mut().unwrap() {
            edit(t);
        }
    }
    run_text("prompt.json", &prompt, Some(&expected.to_string()), None).unwrap()
}

/// Changes the first hex digit of `t[field]`.
fn flip(t: &mut Value, field: &str) {
    let s = t[field].as_str().unwrap();
    let first = if s.starts_with('0') { "1" } else { "0" };
    t[field] = json!(format!("{first}{}", &s[1..]));
}

#[test]
fn wrong_expected_values_fail_on_every_interface() {
    // Every signature one bit off: all 360 fail, whatever the interface.
    let r = run_edited("ML-DSA-sigGen-FIPS204", |t| flip(t, "signature"));
    assert_eq!(counts(&r), (0, 360, 0), "{r}");
    assert!(
        r.failures[0].detail.starts_with("signature: expected "),
        "{:?}",
        r.failures[0]
    );
    // Every verdict inverted: all 180 fail.
    let r = run_edited("ML-DSA-sigVer-FIPS204", |t| {
        t["testPassed"] = json!(!t["testPassed"].as_bool().unwrap());
    });
    assert_eq!(counts(&r), (0, 180, 0), "{r}");
    // Every public key, then every private key, wrong.
    for field in ["pk", "sk"] {
        let r = run_edited("ML-DSA-keyGen-FIPS204", |t| flip(t, field));
        assert_eq!(counts(&r), (0, 75, 0), "{r}");
        assert!(
            r.failures[0].detail.starts_with(field),
            "{:?}",
            r.failures[0]
        );
    }
}

#[test]
fn seed_format_keys_and_every_interface() {
    let seed = [0x42u8; 32];
    let sk = ml_dsa_44::SigningKey::from_seed(&seed);
    let vk = sk.verifying_key();
    let (msg, ctx, rnd) = (b"ACVP message".to_vec(), b"ctx".to_vec(), [7u8; 32]);
    let mu = vk.mu(&msg, &ctx).unwrap();
    let digest = PreHashed::hash(PreHash::Shake256, &msg).unwrap();
    let pure = sk.sign_with_randomness(&msg, &ctx, &rnd).unwrap();
    let internal = sk.sign_internal(&msg, &rnd);
    let from_mu = sk.sign_mu(&mu, &rnd);
    let pre = sk.sign_prehashed(&digest, &ctx, &rnd).unwrap();
    let group = |tg: u64, extra: Value, tests: Vec<Value>| {
        let mut g = json!({"tgId": tg, "testType": "AFT", "parameterSet": "ML-DSA-44",
                           "deterministic": false, "keyFormat": "seed", "tests": tests});
        for (k, v) in extra.as_object().unwrap() {
            g[k] = v.clone();
        }
        g
    };
    let case = |tc: u64, fields: Value| {
        let mut t = json!({"tcId": tc, "sk": h(seed), "rnd": h(rnd), "message": h(&msg),
                           "context": h(&ctx)});
        for (k, v) in fields.as_object().unwrap() {
            t[k] = v.clone();
        }
        t
    };
    let set = json!({
        "vsId": 1, "algorithm": "ML-DSA", "mode": "sigGen", "revision": "FIPS204",
        "testGroups": [
            group(1, json!({"signatureInterface": "external", "preHash": "pure"}), vec![
                case(1, json!({"signature": h(pure.as_bytes())})),
                // Wrong: the internal signature where the pure one is expected.
                case(2, json!({"signature": h(internal.as_bytes())})),
            ]),
            group(2, json!({"signatureInterface": "external", "preHash": "preHash"}), vec![
                case(3, json!({"hashAlg": "SHAKE-256", "signature": h(pre.as_bytes())})),
                // A hash FIPS 204 does not list: skipped, not failed.
                case(4, json!({"hashAlg": "MD5", "signature": h(pre.as_bytes())})),
            ]),
            group(3, json!({"signatureInterface": "internal", "externalMu": false}), vec![
                case(5, json!({"signature": h(internal.as_bytes())})),
            ]),
            group(4, json!({"signatureInterface": "internal", "externalMu": true}), vec![
                case(6, json!({"mu": h(mu), "signature": h(from_mu.as_bytes())})),
            ]),
        ]
    });
    let r = run_text("x.json", &set.to_string(), None, None).unwrap();
    assert_eq!(counts(&r), (4, 1, 1), "{r}: {:?}", r.failures);
    assert_eq!(r.failures[0].id, "tgId 1 / tcId 2");
    assert_eq!(
        r.skip_reasons,
        [(
            "ml-dsa-44: pre-hash interface not supported by the trait layer".to_owned(),
            1
        )]
    );
    // The same signatures verify through each interface, and fail on the wrong message.
    let v = |tc: u64, sig: &[u8], message: &[u8], passed: bool| {
        json!({"tcId": tc, "pk": h(vk.as_bytes()), "message": h(message), "context": h(&ctx),
               "mu": h(mu), "signature": h(sig), "hashAlg": "SHAKE-256", "testPassed": passed})
    };
    let ver = |tg: u64, extra: Value, tests: Vec<Value>| {
        let mut g = json!({"tgId": tg, "testType": "AFT", "parameterSet": "ML-DSA-44",
                           "tests": tests});
        for (k, x) in extra.as_object().unwrap() {
            g[k] = x.clone();
        }
        g
    };
    let set = json!({
        "vsId": 2, "algorithm": "ML-DSA", "mode": "sigVer", "revision": "FIPS204",
        "testGroups": [
            ver(1, json!({"signatureInterface": "external", "preHash": "pure"}), vec![
                v(1, pure.as_bytes(), &msg, true),
                v(2, pure.as_bytes(), b"other", false),
            ]),
            ver(2, json!({"signatureInterface": "external", "preHash": "preHash"}), vec![
                v(3, pre.as_bytes(), &msg, true),
                v(4, pre.as_bytes(), b"other", false),
            ]),
            ver(3, json!({"signatureInterface": "internal", "externalMu": false}), vec![
                v(5, internal.as_bytes(), &msg, true),
                v(6, internal.as_bytes(), b"other", false),
            ]),
            ver(4, json!({"signatureInterface": "internal", "externalMu": true}), vec![
                v(7, from_mu.as_bytes(), &msg, true),
                // A signature of another mu (the internal interface's, on M' = msg).
                v(8, internal.as_bytes(), &msg, false),
            ]),
        ]
    });
    let r = run_text("x.json", &set.to_string(), None, None).unwrap();
    assert_eq!(counts(&r), (8, 0, 0), "{r}: {:?}", r.failures);
}
