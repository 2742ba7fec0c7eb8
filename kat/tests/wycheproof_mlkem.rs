//! Wycheproof's four ML-KEM test schemas, read by `mamori kat` and run against Mamori's
//! ML-KEM. No Wycheproof ML-KEM file is on hand (only the schemas, `../shared/kat/
//! wycheproof-schemas/`), so the files are written here in those schemas from the official
//! ACVP vectors bundled in `kat/vectors/ml-kem/`: valid cases carry the ACVP values, invalid
//! ones break them the way Wycheproof does (a key failing the FIPS 203 §7.2 modulus check
//! or the §7.3 hash check, a ciphertext or seed of the wrong length).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use mamori_kat::{FileReport, Format, find_algorithm, run_text};
use serde_json::{Value, json};

fn acvp(dir: &str) -> Vec<(String, String, Value, Value)> {
    let base = format!("{}/vectors/ml-kem/{dir}", env!("CARGO_MANIFEST_DIR"));
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
        for (t, et) in g["tests"]
            .as_array()
            .unwrap()
            .iter()
            .zip(eg["tests"].as_array().unwrap())
        {
            out.push((
                g["parameterSet"].as_str().unwrap().to_owned(),
                g["function"].as_str().unwrap_or("keyGen").to_owned(),
                t.clone(),
                et.clone(),
            ));
        }
    }
    out
}

fn s(v: &Value) -> String {
    v.as_str().unwrap().to_owned()
}

/// Flips the low bit of the last hex digit of `hex`.
fn corrupt_last(hex: &str) -> String {
    let mut b = hex::decode(hex).unwrap();
    let n = b.len();
    b[n - 1] ^= 1;
    hex::encode(b)
}

/// Sets the first 12-bit coefficient of an encoded ek to 0xfff (not below q).
fn over_modulus(ek: &str) -> String {
    let mut b = hex::decode(ek).unwrap();
    b[0] = 0xff;
    b[1] |= 0x0f;
    hex::encode(b)
}

fn file(schema: &str, kind: &str, groups: Vec<(String, Vec<Value>)>) -> String {
    let n: usize = groups.iter().map(|(_, t)| t.len()).sum();
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(set, tests)| json!({"type": kind, "parameterSet": set, "tests": tests}))
        .collect();
    json!({
        "algorithm": "ML-KEM",
        "schema": schema,
        "numberOfTests": n,
        "header": ["written by mamori-kat's tests from the NIST ACVP ML-KEM vectors"],
        "testGroups": groups,
    })
    .to_string()
}

fn per_set(cases: impl Iterator<Item = (String, Value)>) -> Vec<(String, Vec<Value>)> {
    let mut out: Vec<(String, Vec<Value>)> = Vec::new();
    for (set, t) in cases {
        match out.iter_mut().find(|(s, _)| *s == set) {
            Some((_, v)) => v.push(t),
            None => out.push((set, vec![t])),
        }
    }
    for (_, tests) in &mut out {
        for (i, t) in tests.iter_mut().enumerate() {
            t["tcId"] = json!(i + 1);
        }
    }
    out
}

fn run(name: &str, text: &str) -> FileReport {
    let r = run_text(name, text, None, None).unwrap();
    assert_eq!(r.format, Format::Wycheproof, "{r}");
    r
}

#[test]
fn keygen_seed_schema() {
    let cases = acvp("ML-KEM-keyGen-FIPS203").into_iter().flat_map(|(set, _, t, e)| {
        let seed = format!("{}{}", s(&t["d"]), s(&t["z"]));
        [
            (set.clone(), json!({"seed": seed, "ek": e["ek"], "dk": e["dk"], "result": "valid", "flags": []})),
            (set, json!({"seed": &seed[2..], "ek": e["ek"], "dk": e["dk"], "result": "invalid", "flags": ["ShortSeed"]})),
        ]
    });
    let text = file(
        "mlkem_keygen_seed_test_schema.json",
        "MLKEMKeyGen",
        per_set(cases),
    );
    let r = run("mlkem_keygen_seed_test.json", &text);
    assert_eq!((r.passed, r.failed, r.skipped), (150, 0, 0), "{r}");
}

#[test]
fn encaps_schema() {
    let cases = acvp("ML-KEM-encapDecap-FIPS203")
        .into_iter()
        .filter(|(_, f, _, _)| f == "encapsulation")
        .flat_map(|(set, _, t, e)| {
            [
                (set.clone(), json!({"ek": t["ek"], "m": t["m"], "c": e["c"], "K": e["k"], "result": "valid", "flags": []})),
                (set, json!({"ek": over_modulus(&s(&t["ek"])), "m": t["m"], "c": "", "K": "", "result": "invalid", "flags": ["ModulusOverflow"]})),
            ]
        });
    let text = file(
        "mlkem_encaps_test_schema.json",
        "MLKEMEncapsTest",
        per_set(cases),
    );
    let r = run("mlkem_encaps_test.json", &text);
    assert_eq!((r.passed, r.failed, r.skipped), (150, 0, 0), "{r}");
}

#[test]
fn semi_expanded_decaps_schema() {
    let cases = acvp("ML-KEM-encapDecap-FIPS203")
        .into_iter()
        .filter(|(_, f, _, _)| f == "decapsulation")
        .flat_map(|(set, _, t, e)| {
            let dk = s(&t["dk"]);
            // The byte just before z is the last byte of H(ek).
            let mut bad = hex::decode(&dk).unwrap();
            let n = bad.len();
            bad[n - 33] ^= 1;
            [
                (set.clone(), json!({"dk": dk, "c": t["c"], "K": e["k"], "result": "valid", "flags": []})),
                (set.clone(), json!({"dk": hex::encode(bad), "c": t["c"], "K": "", "result": "invalid", "flags": ["InvalidHash"]})),
                (set, json!({"dk": dk, "c": corrupt_last(&s(&t["c"]))[2..], "K": "", "result": "invalid", "flags": ["ShortCiphertext"]})),
            ]
        });
    let text = file(
        "mlkem_semi_expanded_decaps_test_schema.json",
        "MLKEMDecapsValidationTest",
        per_set(cases),
    );
    let r = run("mlkem_semi_expanded_decaps_test.json", &text);
    assert_eq!((r.passed, r.failed, r.skipped), (90, 0, 0), "{r}");
}

#[test]
fn keygen_and_decaps_schema() {
    // Seeds from keyGen, ciphertexts from encapsulations under those keys, made here with
    // Mamori's own ML-KEM through the registry (the ACVP files pair no seed with a
    // ciphertext); an all-zero ciphertext exercises implicit rejection.
    let mut cases = Vec::new();
    for (set, _, t, e) in acvp("ML-KEM-keyGen-FIPS203") {
        let kem = find_algorithm(&set).unwrap();
        let mamori_kat::registry::Entry::Kem(kem) = kem else {
            panic!("{set} is not a KEM")
        };
        let seed = hex::decode(format!("{}{}", s(&t["d"]), s(&t["z"]))).unwrap();
        let ek = hex::decode(s(&e["ek"])).unwrap();
        let (c, k) = kem.encapsulate(&ek, &[7; 32]).unwrap();
        cases.push((
            set.clone(),
            json!({"seed": hex::encode(&seed), "ek": e["ek"], "c": hex::encode(&c), "K": hex::encode(&k), "result": "valid", "flags": []}),
        ));
        let zero = vec![0u8; c.len()];
        let rejected = kem
            .decapsulate(&kem.keygen_from_seed(&seed).unwrap().1, &zero)
            .unwrap();
        cases.push((
            set.clone(),
            json!({"seed": hex::encode(&seed), "ek": e["ek"], "c": hex::encode(&zero), "K": hex::encode(rejected), "result": "valid", "flags": ["ImplicitRejection"]}),
        ));
        cases.push((
            set,
            json!({"seed": hex::encode(&seed), "ek": e["ek"], "c": hex::encode(&c[1..]), "K": "", "result": "invalid", "flags": ["ShortCiphertext"]}),
        ));
    }
    let text = file(
        "mlkem_test_schema.json",
        "MLKEMTest",
        per_set(cases.into_iter()),
    );
    let r = run("mlkem_test.json", &text);
    assert_eq!((r.passed, r.failed, r.skipped), (225, 0, 0), "{r}");
}
