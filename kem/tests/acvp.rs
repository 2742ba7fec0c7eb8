//! NIST ACVP vectors (`kat/vectors/ml-kem/`), every group of keyGen and encapDecap, run
//! through the typed API of each parameter set (the `mamori kat` path goes through the
//! trait layer instead; both must pass).

use mamori_kem::{ml_kem_512, ml_kem_768, ml_kem_1024};
use serde_json::Value;

fn load(dir: &str) -> (Value, Value) {
    let base = format!("{}/../kat/vectors/ml-kem/{dir}", env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| -> Value {
        let text = std::fs::read_to_string(format!("{base}/{f}")).expect("vector file");
        serde_json::from_str(&text).expect("JSON")
    };
    (read("prompt.json"), read("expectedResults.json"))
}

fn hex(v: &Value, key: &str) -> Vec<u8> {
    hex::decode(v[key].as_str().expect(key)).expect("hex")
}

/// Yields `(parameter set, function, prompt case, expected case)` for every case.
fn cases(dir: &str) -> Vec<(String, String, Value, Value)> {
    let (prompt, expected) = load(dir);
    let mut out = Vec::new();
    for g in prompt["testGroups"].as_array().expect("groups") {
        let eg = expected["testGroups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|e| e["tgId"] == g["tgId"])
            .expect("expected group");
        for t in g["tests"].as_array().expect("tests") {
            let et = eg["tests"]
                .as_array()
                .expect("tests")
                .iter()
                .find(|e| e["tcId"] == t["tcId"])
                .expect("expected case");
            out.push((
                g["parameterSet"].as_str().expect("set").to_owned(),
                g["function"].as_str().unwrap_or("keyGen").to_owned(),
                t.clone(),
                et.clone(),
            ));
        }
    }
    out
}

macro_rules! run_set {
    ($m:ident, $name:literal) => {{
        use $m::{Ciphertext, DecapsulationKey, EncapsulationKey};
        let mut n = 0;
        for (set, _, t, e) in cases("ML-KEM-keyGen-FIPS203") {
            if set != $name {
                continue;
            }
            let mut seed = [0u8; 64];
            seed[..32].copy_from_slice(&hex(&t, "d"));
            seed[32..].copy_from_slice(&hex(&t, "z"));
            let dk = DecapsulationKey::from_seed(&seed);
            assert_eq!(
                dk.encapsulation_key().to_bytes().to_vec(),
                hex(&e, "ek"),
                "{t}"
            );
            assert_eq!(dk.to_expanded().to_vec(), hex(&e, "dk"), "{t}");
            // The expanded form parses back to the same key.
            let again = DecapsulationKey::from_expanded(&hex(&e, "dk")).expect("valid dk");
            assert_eq!(again.to_expanded(), dk.to_expanded());
            assert!(again.seed().is_none());
            n += 1;
        }
        for (set, function, t, e) in cases("ML-KEM-encapDecap-FIPS203") {
            if set != $name {
                continue;
            }
            match function.as_str() {
                "encapsulation" => {
                    let ek = EncapsulationKey::from_bytes(&hex(&t, "ek")).expect("valid ek");
                    let m: [u8; 32] = hex(&t, "m").try_into().expect("32-byte m");
                    let (ct, k) = ek.encapsulate_deterministic(&m);
                    assert_eq!(ct.as_bytes().to_vec(), hex(&e, "c"), "{t}");
                    assert_eq!(k.as_bytes().to_vec(), hex(&e, "k"), "{t}");
                }
                "decapsulation" => {
                    let dk = DecapsulationKey::from_expanded(&hex(&t, "dk")).expect("valid dk");
                    let ct = Ciphertext::from_bytes(&hex(&t, "c")).expect("ct length");
                    assert_eq!(dk.decapsulate(&ct).as_bytes().to_vec(), hex(&e, "k"), "{t}");
                    // From the key bytes (H(ek) and J(z || c) hashed together).
                    let k = DecapsulationKey::decapsulate_expanded(&hex(&t, "dk"), &hex(&t, "c"))
                        .expect("valid dk");
                    assert_eq!(k.as_bytes().to_vec(), hex(&e, "k"), "{t}");
                }
                "encapsulationKeyCheck" => {
                    let ok = EncapsulationKey::from_bytes(&hex(&t, "ek")).is_ok();
                    assert_eq!(Some(ok), e["testPassed"].as_bool(), "{t}");
                }
                "decapsulationKeyCheck" => {
                    let ok = DecapsulationKey::from_expanded(&hex(&t, "dk")).is_ok();
                    assert_eq!(Some(ok), e["testPassed"].as_bool(), "{t}");
                    let ct = [0u8; $m::CIPHERTEXT_LEN];
                    let ok = DecapsulationKey::decapsulate_expanded(&hex(&t, "dk"), &ct).is_ok();
                    assert_eq!(Some(ok), e["testPassed"].as_bool(), "{t}: from bytes");
                }
                other => panic!("unexpected function {other}"),
            }
            n += 1;
        }
        n
    }};
}

#[test]
fn ml_kem_512_acvp() {
    assert_eq!(run_set!(ml_kem_512, "ML-KEM-512"), 25 + 25 + 10 + 20);
}

#[test]
fn ml_kem_768_acvp() {
    assert_eq!(run_set!(ml_kem_768, "ML-KEM-768"), 25 + 25 + 10 + 20);
}

#[test]
fn ml_kem_1024_acvp() {
    assert_eq!(run_set!(ml_kem_1024, "ML-KEM-1024"), 25 + 25 + 10 + 20);
}
