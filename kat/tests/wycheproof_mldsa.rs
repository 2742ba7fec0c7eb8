//! Wycheproof's three ML-DSA test schemas (sign with an expanded key, sign from a seed,
//! verify), read by `mamori kat` and run against Mamori's ML-DSA. No Wycheproof ML-DSA file
//! is on hand (only the schemas, `../shared/kat/wycheproof-schemas/`), so the files are
//! written here in those schemas, one per parameter set as Wycheproof ships them, from the
//! official ACVP vectors bundled in `kat/vectors/ml-dsa/`:
//!
//! * sign, expanded key: the ACVP sigGen cases of the external pure interface (deterministic
//!   and, flagged `Randomized`, with their `rnd`) and of `Sign_internal` on μ (flagged
//!   `Internal`, no `msg`), with the ACVP signatures; invalid: a context of 256 bytes, and a
//!   private key one byte short (`publicKey` null);
//! * sign, seed: the ACVP keyGen seeds with their ACVP public keys; the expected signature of
//!   each message is the deterministic signature under the ACVP expanded key of that seed
//!   (checked against ACVP by the first file); invalid: a 31-byte seed;
//! * verify: the ACVP sigVer cases of the external pure interface (each with its own key,
//!   so one group per case), valid or not as ACVP says; invalid: an ACVP-valid signature
//!   one byte short, and with a 256-byte context.
//!
//! The `mu` and `publicKey` fields the schemas require beside an expanded key, which ACVP
//! does not give, are computed with Mamori (`mamori kat` reads neither for these cases).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{FileReport, Format, run_text};
use serde_json::{Value, json};

const SETS: [&str; 3] = ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"];

/// One ACVP case: its group (without tests), prompt and expected result.
struct Case {
    group: Value,
    t: Value,
    e: Value,
}

impl Case {
    fn set(&self) -> &str {
        self.group["parameterSet"].as_str().unwrap()
    }
    fn is(&self, key: &str, value: Value) -> bool {
        self.group[key] == value
    }
}

fn acvp(dir: &str) -> Vec<Case> {
    let base = format!("{}/vectors/ml-dsa/{dir}", env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(format!("{base}/{f}")).unwrap()).unwrap()
    };
    let (p, e) = (read("prompt.json"), read("expectedResults.json"));
    let mut out = Vec::new();
    for (g, eg) in p["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .zip(e["testGroups"].as_array().unwrap())
    {
        let mut group = g.clone();
        group.as_object_mut().unwrap().remove("tests");
        for (t, et) in g["tests"]
            .as_array()
            .unwrap()
            .iter()
            .zip(eg["tests"].as_array().unwrap())
        {
            out.push(Case {
                group: group.clone(),
                t: t.clone(),
                e: et.clone(),
            });
        }
    }
    out
}

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap()).unwrap()
}

/// The public key and `μ(msg, ctx)` of the expanded key `sk` of parameter set `set`, and its
/// deterministic signature of `msg` under `ctx`.
fn with_expanded(set: &str, sk: &[u8], msg: &[u8], ctx: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    macro_rules! by_set {
        ($($name:literal => $m:ident),*) => {
            match set {
                $($name => {
                    let sk = mamori_sign::$m::SigningKey::from_expanded(sk).unwrap();
                    let vk = sk.verifying_key();
                    (
                        vk.to_bytes().to_vec(),
                        vk.mu(msg, ctx).unwrap().to_vec(),
                        sk.sign_deterministic(msg, ctx).unwrap().as_bytes().to_vec(),
                    )
                })*
                _ => panic!("unknown parameter set {set}"),
            }
        };
    }
    by_set!("ML-DSA-44" => ml_dsa_44, "ML-DSA-65" => ml_dsa_65, "ML-DSA-87" => ml_dsa_87)
}

/// A Wycheproof file of `schema` for `set`, its groups' tests numbered in order.
fn file(set: &str, schema: &str, mut groups: Vec<Value>) -> String {
    let mut n = 0;
    for g in &mut groups {
        g["source"] = json!({"name": "mamori-kat tests", "version": "ACVP"});
        for t in g["tests"].as_array_mut().unwrap() {
            n += 1;
            t["tcId"] = json!(n);
            if t.get("comment").is_none() {
                t["comment"] = json!("");
            }
        }
    }
    json!({
        "algorithm": set,
        "schema": schema,
        "numberOfTests": n,
        "header": ["written by mamori-kat's tests from the NIST ACVP ML-DSA vectors"],
        "notes": {},
        "testGroups": groups,
    })
    .to_string()
}

fn run(name: &str, text: &str) -> FileReport {
    let r = run_text(name, text, None, None).unwrap();
    assert_eq!(r.format, Format::Wycheproof, "{r}");
    r
}

#[test]
fn sign_noseed_schema() {
    let cases = acvp("ML-DSA-sigGen-FIPS204");
    for set in SETS {
        let mut groups = Vec::new();
        let mut expected = 0;
        for c in cases.iter().filter(|c| c.set() == set) {
            let sk = unhex(&c.t["sk"]);
            let rnd = c.t.get("rnd").map(|r| (r.clone(), json!(["Randomized"])));
            let (rnd_field, flags) = rnd.clone().unwrap_or((Value::Null, json!([])));
            let mut tests = Vec::new();
            if c.is("signatureInterface", json!("external")) && c.is("preHash", json!("pure")) {
                let (msg, ctx) = (unhex(&c.t["message"]), unhex(&c.t["context"]));
                let (pk, mu, _) = with_expanded(set, &sk, &msg, &ctx);
                let mut valid = json!({"msg": c.t["message"], "ctx": c.t["context"], "mu": hex::encode(mu),
                    "sig": c.e["signature"], "result": "valid", "flags": flags});
                if rnd.is_some() {
                    valid["rnd"] = rnd_field;
                }
                tests.push(valid);
                tests.push(json!({"comment": "context of 256 bytes", "msg": c.t["message"],
                    "ctx": hex::encode([7u8; 256]), "sig": "", "result": "invalid", "flags": ["InvalidContext"]}));
                groups.push(json!({"type": "MlDsaSign", "privateKey": c.t["sk"], "publicKey": hex::encode(pk), "tests": tests}));
            } else if c.is("signatureInterface", json!("internal"))
                && c.is("externalMu", json!(true))
            {
                let (pk, _, _) = with_expanded(set, &sk, &[], &[]);
                let mut flags = flags;
                flags.as_array_mut().unwrap().push(json!("Internal"));
                let mut valid = json!({"mu": c.t["mu"], "sig": c.e["signature"], "result": "valid", "flags": flags});
                if rnd.is_some() {
                    valid["rnd"] = rnd_field;
                }
                groups.push(json!({"type": "MlDsaSign", "privateKey": c.t["sk"], "publicKey": hex::encode(pk), "tests": [valid]}));
            } else {
                continue;
            }
            expected += groups.last().unwrap()["tests"].as_array().unwrap().len();
        }
        // A private key one byte short.
        let c = cases.iter().find(|c| c.set() == set).unwrap();
        let short = &c.t["sk"].as_str().unwrap()[2..];
        groups.push(json!({"type": "MlDsaSign", "privateKey": short, "publicKey": null, "tests": [
            {"comment": "private key one byte short", "msg": "00", "sig": "", "result": "invalid", "flags": ["InvalidPrivateKey"]}]}));
        expected += 1;
        // 15 external pure cases of each kind (deterministic, hedged) give 2 tests each;
        // 15 external-μ cases of each kind give 1.
        assert_eq!(expected, 2 * 15 * 2 + 2 * 15 + 1, "{set}");
        let text = file(set, "mldsa_sign_noseed_schema.json", groups);
        let r = run(&format!("{set}_sign_noseed_test.json"), &text);
        assert_eq!(
            (r.passed, r.failed, r.skipped),
            (expected, 0, 0),
            "{set}: {r}"
        );
    }
}

#[test]
fn sign_seed_schema() {
    let keys = acvp("ML-DSA-keyGen-FIPS204");
    for set in SETS {
        let mut groups = Vec::new();
        for (i, c) in keys.iter().filter(|c| c.set() == set).take(5).enumerate() {
            let sk = unhex(&c.e["sk"]);
            let mut tests = Vec::new();
            for (msg, ctx) in [
                (vec![i as u8; i * 37], vec![]),
                (b"Mamori".to_vec(), vec![0xa5; 255]),
            ] {
                let (pk, mu, sig) = with_expanded(set, &sk, &msg, &ctx);
                assert_eq!(
                    pk,
                    unhex(&c.e["pk"]),
                    "{set}: ACVP keyGen pk and sk disagree"
                );
                tests.push(json!({"msg": hex::encode(&msg), "ctx": hex::encode(&ctx), "mu": hex::encode(mu),
                    "sig": hex::encode(sig), "result": "valid", "flags": []}));
            }
            groups.push(json!({"type": "MlDsaSign", "privateSeed": c.t["seed"], "publicKey": c.e["pk"], "tests": tests}));
        }
        let seed = &keys.iter().find(|c| c.set() == set).unwrap().t["seed"];
        groups.push(json!({"type": "MlDsaSign", "privateSeed": &seed.as_str().unwrap()[2..], "publicKey": null, "tests": [
            {"comment": "seed of 31 bytes", "msg": "00", "sig": "", "result": "invalid", "flags": ["IncorrectPrivateKeyLength"]}]}));
        let text = file(set, "mldsa_sign_seed_schema.json", groups);
        let r = run(&format!("{set}_sign_seed_test.json"), &text);
        assert_eq!(
            (r.passed, r.failed, r.skipped),
            (5 * 2 + 1, 0, 0),
            "{set}: {r}"
        );
    }
}

#[test]
fn verify_schema() {
    let cases = acvp("ML-DSA-sigVer-FIPS204");
    for set in SETS {
        let mut groups = Vec::new();
        let (mut valid, mut invalid) = (0, 0);
        for c in cases.iter().filter(|c| {
            c.set() == set
                && c.is("signatureInterface", json!("external"))
                && c.is("preHash", json!("pure"))
        }) {
            let ok = c.e["testPassed"].as_bool().unwrap();
            let mut tests = vec![
                json!({"msg": c.t["message"], "ctx": c.t["context"], "sig": c.t["signature"],
                "result": if ok { "valid" } else { "invalid" }, "flags": []}),
            ];
            if ok {
                valid += 1;
                let sig = c.t["signature"].as_str().unwrap();
                tests.push(json!({"comment": "signature one byte short", "msg": c.t["message"], "ctx": c.t["context"],
                    "sig": &sig[..sig.len() - 2], "result": "invalid", "flags": ["IncorrectSignatureLength"]}));
                tests.push(json!({"comment": "context of 256 bytes", "msg": c.t["message"],
                    "ctx": hex::encode([7u8; 256]), "sig": sig, "result": "invalid", "flags": ["InvalidContext"]}));
                invalid += 2;
            } else {
                invalid += 1;
            }
            groups.push(json!({"type": "MlDsaVerify", "publicKey": c.t["pk"], "publicKeyDer": "", "tests": tests}));
        }
        assert!(
            valid > 0 && invalid > valid,
            "{set}: {valid} valid, {invalid} invalid"
        );
        let text = file(set, "mldsa_verify_schema.json", groups);
        let r = run(&format!("{set}_verify_test.json"), &text);
        assert_eq!(
            (r.passed, r.failed, r.skipped),
            (valid + invalid, 0, 0),
            "{set}: {r}"
        );
    }
}
