//! The NIST ACVP reader shared by the integration tests (`acvp.rs`, `small_stack.rs`):
//! the vector files of `kat/vectors/ml-dsa/`, their cases paired with the expected
//! results, and HashML-DSA's pre-hash.

use mamori_sign::{PreHash, PreHashed};
use serde_json::Value;
use sha2::Digest;

/// `prompt.json` and `expectedResults.json` of the ACVP directory `dir`.
fn load(dir: &str) -> (Value, Value) {
    let base = format!("{}/../kat/vectors/ml-dsa/{dir}", env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| -> Value {
        let text = std::fs::read_to_string(format!("{base}/{f}")).expect("vector file");
        serde_json::from_str(&text).expect("JSON")
    };
    (read("prompt.json"), read("expectedResults.json"))
}

/// The hex field `key` of `v`, decoded.
pub fn hex(v: &Value, key: &str) -> Vec<u8> {
    hex::decode(v[key].as_str().expect(key)).expect("hex")
}

/// `(group, prompt case, expected case)` for every case of parameter set `set` in `dir`.
pub fn cases(dir: &str, set: &str) -> Vec<(Value, Value, Value)> {
    let (prompt, expected) = load(dir);
    let mut out = Vec::new();
    for g in prompt["testGroups"].as_array().expect("groups") {
        if g["parameterSet"] != set {
            continue;
        }
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
            out.push((g.clone(), t.clone(), et.clone()));
        }
    }
    out
}

/// `PH(M)` for HashML-DSA: SHA-3 and SHAKE by Mamori, SHA-2 by RustCrypto `sha2`.
pub fn prehash(t: &Value, message: &[u8]) -> PreHashed {
    let name = t["hashAlg"].as_str().expect("hashAlg");
    let alg = PreHash::from_name(name).unwrap_or_else(|| panic!("unknown hash {name}"));
    if let Some(p) = PreHashed::hash(alg, message) {
        return p;
    }
    let digest: Vec<u8> = match alg {
        PreHash::Sha2_224 => sha2::Sha224::digest(message).to_vec(),
        PreHash::Sha2_256 => sha2::Sha256::digest(message).to_vec(),
        PreHash::Sha2_384 => sha2::Sha384::digest(message).to_vec(),
        PreHash::Sha2_512 => sha2::Sha512::digest(message).to_vec(),
        PreHash::Sha2_512_224 => sha2::Sha512_224::digest(message).to_vec(),
        PreHash::Sha2_512_256 => sha2::Sha512_256::digest(message).to_vec(),
        other => panic!("{other:?} should be computed by Mamori"),
    };
    PreHashed::from_digest(alg, &digest).expect("digest length")
}
