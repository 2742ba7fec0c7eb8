//! End-to-end tests of the `mamori` binary.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mamori(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .env("CI", "true")
        .output()
        .expect("run mamori")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A clean scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn vector(file: &str) -> String {
    format!("{}/../kat/vectors/ascon/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// Failed cleanly: non-zero exit, one `error: ` line naming the problem, no panic.
fn assert_clean_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "should fail: {err}");
    assert_ne!(o.status.code(), Some(101), "panic exit code: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "expected '{needle}' in: {err}");
}

const ALGS: [&str; 18] = [
    "ascon-aead128",
    "rocca-s",
    "aegis-256",
    "aegis-256-t256",
    "ascon-hash256",
    "ascon-xof128",
    "ascon-cxof128",
    "sha3-256",
    "sha3-384",
    "sha3-512",
    "shake128",
    "shake256",
    "ml-kem-512",
    "ml-kem-768",
    "ml-kem-1024",
    "ml-dsa-44",
    "ml-dsa-65",
    "ml-dsa-87",
];

#[test]
fn list_shows_every_algorithm() {
    let o = mamori(&["list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for alg in ALGS {
        assert!(out.contains(alg), "{alg} missing:\n{out}");
    }
    assert!(out.contains("NIST SP 800-232"), "{out}");
    assert!(out.contains("portable"), "{out}");

    let o = mamori(&["list", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ALGS);
    assert_eq!(v[0]["family"], "aead");
    assert_eq!(v[0]["sizes"][0]["bytes"], 16);

    for format in ["csv", "md"] {
        let o = mamori(&["list", "--format", format]);
        assert!(o.status.success());
        assert_eq!(
            stdout(&o).lines().count(),
            ALGS.len() + 1 + usize::from(format == "md")
        );
    }
}

#[test]
fn bundled_kats_pass() {
    let o = mamori(&["kat"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    for alg in ALGS {
        assert!(out.contains(alg), "{alg} missing:\n{out}");
    }
    assert!(out.contains("all passed"), "{out}");
    assert!(!out.contains("FAIL"), "{out}");

    let o = mamori(&["kat", "Ascon-Hash256"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).matches("bundled:").count(), 1);
}

#[test]
fn kat_file_acvp_ml_kem_all_parameter_sets() {
    let dir = format!(
        "{}/../kat/vectors/ml-kem/ML-KEM-encapDecap-FIPS203",
        env!("CARGO_MANIFEST_DIR")
    );
    // The prompt alone: its expectedResults.json is found beside it.
    let o = mamori(&["kat", "--file", &format!("{dir}/prompt.json")]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains("ACVP"), "{out}");
    assert!(out.contains("165 passed, 0 failed, 0 skipped"), "{out}");
}

#[test]
fn kat_files_acvp_ml_dsa_all_parameter_sets_and_interfaces() {
    let dir = format!("{}/../kat/vectors/ml-dsa", env!("CARGO_MANIFEST_DIR"));
    // keyGen 3 x 25; sigGen 3 x 8 groups of 15 (pure, pre-hash, internal, external mu; each
    // deterministic and hedged); sigVer 3 x 4 groups of 15.
    for (set, n) in [
        ("ML-DSA-keyGen-FIPS204", 75),
        ("ML-DSA-sigGen-FIPS204", 360),
        ("ML-DSA-sigVer-FIPS204", 180),
    ] {
        let o = mamori(&["kat", "--file", &format!("{dir}/{set}")]);
        let out = stdout(&o);
        assert!(o.status.success(), "{out}{}", stderr(&o));
        assert!(out.contains("ACVP"), "{out}");
        assert!(
            out.contains(&format!("{n} passed, 0 failed, 0 skipped")),
            "{set}: {out}"
        );
    }
    // One parameter set: the others' cases are skipped.
    let o = mamori(&[
        "kat",
        "ml-dsa-87",
        "--file",
        &format!("{dir}/ML-DSA-sigVer-FIPS204/prompt.json"),
    ]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains("60 passed, 0 failed, 120 skipped"), "{out}");
}

#[test]
fn kat_file_in_bundled_format() {
    let path = vector("asconaead128_LWC_AEAD_KAT_128_128.txt");
    let o = mamori(&["kat", "--file", &path]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains("LWC"), "{out}");
    assert!(out.contains("ascon-aead128"), "{out}");
    assert!(out.contains("0 failed"), "{out}");
}

#[test]
fn kat_failures_are_reported_with_exit_code_1() {
    let dir = scratch("kat-fail");
    let original =
        std::fs::read_to_string(vector("asconaead128_LWC_AEAD_KAT_128_128.txt")).unwrap();
    // The first three cases, the second with a corrupted ciphertext.
    let cases: Vec<&str> = original.split("\n\n").take(3).collect();
    let mut text = cases.join("\n\n");
    text = text.replacen("Count = 2\n", "Count = 2\nMARK\n", 1);
    let (head, tail) = text.split_once("MARK\n").unwrap();
    let ct_line = tail.lines().find(|l| l.starts_with("CT = ")).unwrap();
    let bad_line = format!("CT = 00{}", &ct_line[7..]);
    let text = format!("{head}{}", tail.replacen(ct_line, &bad_line, 1)) + "\n";
    let path = dir.join("asconaead128_LWC_AEAD_KAT_128_128.txt");
    std::fs::write(&path, text).unwrap();

    let o = mamori(&["kat", "--file", path.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(out.contains("2 passed, 1 failed"), "{out}");
    assert!(out.contains("FAIL Count = 2"), "{out}");
    assert!(out.contains("FAILED"), "{out}");
    let o = mamori(&[
        "kat",
        "--file",
        path.to_str().unwrap(),
        "--max-failures",
        "0",
    ]);
    assert!(
        stdout(&o).contains("... and 1 more failure"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn kat_file_where_nothing_ran_fails() {
    let dir = scratch("kat-skipped");
    let path = dir.join("v.json");
    std::fs::write(
        &path,
        r#"[{"algorithm": "Camellia-128", "key": "00", "plaintext": "00", "ciphertext": "00"}]"#,
    )
    .unwrap();
    let o = mamori(&["kat", "--file", path.to_str().unwrap()]);
    assert_clean_error(&o, "nothing ran: ");
    assert!(
        stderr(&o).contains("not implemented in Mamori"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_algorithm_is_a_clean_error() {
    for cmd in [
        &["kat", "foo"][..],
        &["bench", "foo", "--quick"],
        &["kat", "--file", "x", "foo"],
    ] {
        let o = mamori(cmd);
        assert_clean_error(&o, "unknown algorithm 'foo'; run `mamori list`");
    }
}

#[test]
fn bad_vector_files_are_clean_errors() {
    let dir = scratch("bad-files");
    let garbage = dir.join("garbage.txt");
    std::fs::write(&garbage, "this is not a vector file\n").unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"testGroups\": [").unwrap();
    let missing = dir.join("missing.txt");
    for path in [&garbage, &broken, &missing] {
        let o = mamori(&["kat", "--file", path.to_str().unwrap()]);
        assert_clean_error(&o, "");
    }

    // Hash vectors run as an AEAD: rejected or nothing runs, never a pass.
    let o = mamori(&[
        "kat",
        "ascon-aead128",
        "--file",
        &vector("asconhash256_LWC_HASH_KAT_128_256.txt"),
    ]);
    assert_clean_error(&o, "");
}

#[test]
fn bench_formats_parse() {
    let o = mamori(&[
        "bench",
        "ascon-hash256",
        "--quick",
        "--sizes",
        "16,1k",
        "--format",
        "csv",
    ]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<&str> = out.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(&header[..5], ["alg", "impl", "backend", "op", "size"]);
    // mamori + ascon-hash peer, two sizes.
    assert_eq!(lines.len(), 1 + 4, "{out}");
    for l in &lines[1..] {
        assert_eq!(l.split(',').count(), header.len(), "{l}");
        assert!(l.starts_with("ascon-hash256,"), "{l}");
    }

    let o = mamori(&[
        "bench",
        "ascon-aead128",
        "--quick",
        "--sizes",
        "64",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4, "seal + open, mamori + peer");
    for r in rows {
        assert_eq!(r["size"], 64);
        assert!(r["ns_per_op"].as_f64().unwrap() > 0.0);
        assert_eq!(r["ratio"].is_null(), r["impl"] == "mamori");
    }

    let o = mamori(&["bench", "ascon-cxof128", "--quick", "--sizes", "16"]);
    let out = stdout(&o);
    assert!(o.status.success());
    assert!(out.contains("ratio = peer"), "{out}");
    assert!(out.contains("no peer"), "{out}");
}

#[test]
fn bench_bad_input_is_a_clean_error() {
    let o = mamori(&["bench", "--sizes", "16,12x"]);
    assert_clean_error(&o, "bad size '12x'");
    let o = mamori(&["bench", "--sizes", ""]);
    assert_clean_error(&o, "bad size");
    let dir = scratch("bench-out");
    let out = dir.join("no-such-dir").join("x.csv");
    let o = mamori(&["bench", "--quick", "--out", out.to_str().unwrap()]);
    assert_clean_error(&o, "cannot write");
}

#[test]
fn bench_out_writes_file() {
    let dir = scratch("bench-out-ok");
    let out = dir.join("r.md");
    let o = mamori(&[
        "bench",
        "ascon-xof128",
        "--quick",
        "--sizes",
        "16",
        "--format",
        "md",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let md = std::fs::read_to_string(out).unwrap();
    assert!(md.contains("| alg | op |"), "{md}");
}

#[test]
fn eval_writes_the_report() {
    let dir = scratch("eval");
    let out = dir.join("report");
    let o = mamori(&[
        "eval",
        "--out",
        out.to_str().unwrap(),
        "--quick",
        "--sizes",
        "16,64",
    ]);
    let text = stdout(&o);
    assert!(o.status.success(), "{text}{}", stderr(&o));
    assert!(text.contains("all passed"), "{text}");
    assert!(text.contains("ascon-aead128"), "{text}");
    assert!(text.contains("report written to"), "{text}");

    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("## Known-answer tests"), "{md}");
    assert!(
        md.contains("![cycles/byte by message size](chart.svg)"),
        "{md}"
    );
    let csv = std::fs::read_to_string(out.join("results.csv")).unwrap();
    assert!(csv.starts_with("alg,impl,"), "{csv}");
    for op in ["keygen", "sign", "verify", "sign-parsed", "verify-parsed"] {
        assert!(
            csv.lines()
                .any(|l| l.starts_with("ml-dsa-65,mamori,") && l.split(',').nth(3) == Some(op)),
            "{op}: {csv}"
        );
    }
    assert!(text.contains("ml-dsa-87"), "{text}");
    // Rows per size: Ascon 9, Rocca-S 16 (5 peers, 2 batch rows), AEGIS-256 10 (2 peers,
    // 2 batch rows), AEGIS-256/256 4, SHA-3 and SHAKE 10 (one peer each).
    // KEM rows do not depend on sizes: 3 parameter sets x 5 ops x (Mamori + 5 peers); nor
    // do ML-DSA's: 3 parameter sets x 5 ops x (Mamori + 4 peers).
    let rows = (9 + 16 + 10 + 4 + 10) * 2 + 3 * 5 * 6 + 3 * 5 * 5;
    assert_eq!(csv.lines().count(), 1 + rows, "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    assert_eq!(json["kat_ok"], true);
    // Bundled files: 7 before ML-KEM, plus keyGen and encapDecap for each of its 3 sets,
    // plus keyGen, sigGen and sigVer for each of ML-DSA's 3 sets.
    assert_eq!(json["kat"].as_array().unwrap().len(), 7 + 6 + 9);
    assert_eq!(json["bench"]["rows"].as_array().unwrap().len(), rows);
    let svg = std::fs::read_to_string(out.join("chart.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("ascon-aead128 seal: mamori"));
}

#[test]
fn eval_unwritable_out_is_a_clean_error() {
    let dir = scratch("eval-bad");
    let file = dir.join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let o = mamori(&[
        "eval",
        "--out",
        file.join("sub").to_str().unwrap(),
        "--quick",
    ]);
    assert_clean_error(&o, "cannot write report to");
}
