//! NIST ACVP JSON: a `prompt.json` and its `expectedResults.json`, joined on `tgId` and
//! `tcId`, or one file that carries the expected values inline (an "internal projection").
//! Either file may be the bare vector-set object or ACVP's `[{"acvVersion": ..}, {..}]`
//! array.
//!
//! Parsed into typed cases:
//!
//! * ML-KEM `keyGen` (`d`, `z` → `ek`, `dk`; the seed is `d || z`) and `encapDecap` with
//!   groups of `function` `encapsulation`, `decapsulation`, `encapsulationKeyCheck` and
//!   `decapsulationKeyCheck`.
//! * ML-DSA `keyGen` (`seed` → `pk`, `sk`), `sigGen` and `sigVer`.
//! * SLH-DSA `keyGen` (`skSeed`, `skPrf`, `pkSeed` → `sk`, `pk`; the seed is their
//!   concatenation in that order), `sigGen` and `sigVer`.
//!
//! Signature groups carry `signatureInterface` (`external` / `internal`), `preHash`
//! (`pure` / `preHash`, with a `hashAlg` per case) and, for ML-DSA, `externalMu`; a group
//! without `signatureInterface` (older revisions) is taken as the internal interface.
//! A `keyFormat` of `seed` (later revisions) means private keys are given as their
//! key-generation seed, from the key field or a `seed` field; `expanded` (the default)
//! means the standard's encoding. Other algorithms and modes are counted and skipped.

use crate::cases::{Batch, Group, run_groups};
use crate::cases::{Expect, KemCase, KemOp, KeyForm, SigCase, SigInterface, SigOp};
use crate::error::{ErrorKind, KatError};
use crate::registry::Entry;
use crate::report::Tally;
use crate::resolve::{self, describe};
use crate::util::{
    Layered, Lookup, Obj, as_object, has, opt_bool, opt_hex, opt_str, opt_u64, parse_json,
    req_array, req_bool, req_hex, req_str, req_u64,
};
use mamori_primitives::Family;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// How private keys are given (ACVP `keyFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyFormat {
    /// The key-generation seed.
    Seed,
    /// The standard's expanded encoding.
    Expanded,
}

/// The cases of one ACVP test group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AcvpCases {
    /// KEM cases.
    Kem(Vec<KemCase>),
    /// Signature cases.
    Signature(Vec<SigCase>),
    /// A group mamori-kat cannot run, with why and how many cases it holds.
    Unsupported {
        /// Why.
        reason: String,
        /// Number of test cases.
        count: usize,
    },
}

impl AcvpCases {
    fn batch(&self) -> Batch<'_> {
        match self {
            AcvpCases::Kem(c) => Batch::Kem(c),
            AcvpCases::Signature(c) => Batch::Signature(c),
            AcvpCases::Unsupported { reason, count } => Batch::Unsupported(reason, *count),
        }
    }
}

impl AcvpCases {
    /// Number of test cases.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            AcvpCases::Kem(c) => c.len(),
            AcvpCases::Signature(c) => c.len(),
            AcvpCases::Unsupported { count, .. } => *count,
        }
    }

    /// True if the group holds no test cases.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One ACVP test group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcvpGroup {
    /// `tgId`.
    pub tg_id: u64,
    /// `testType` (`AFT`, `VAL`, ...).
    pub test_type: Option<String>,
    /// `parameterSet` (e.g. `ML-KEM-768`).
    pub parameter_set: Option<String>,
    /// `keyFormat`, if given.
    pub key_format: Option<KeyFormat>,
    /// The cases.
    pub cases: AcvpCases,
}

/// A parsed ACVP vector set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcvpVectorSet {
    /// `vsId`.
    pub vs_id: Option<u64>,
    /// `algorithm` (e.g. `ML-KEM`).
    pub algorithm: String,
    /// `mode` (e.g. `encapDecap`).
    pub mode: String,
    /// `revision` (e.g. `FIPS203`).
    pub revision: Option<String>,
    /// The test groups.
    pub groups: Vec<AcvpGroup>,
}

impl AcvpVectorSet {
    /// Number of test cases over all groups.
    #[must_use]
    pub fn case_count(&self) -> usize {
        self.groups.iter().map(|g| g.cases.len()).sum()
    }
}

/// The vector-set object of an ACVP file (bare, or inside the `[{acvVersion}, {..}]` array).
pub(crate) fn vector_set<'a>(
    v: &'a Value,
    which: &str,
) -> Result<&'a Map<String, Value>, KatError> {
    let found = match v {
        Value::Object(m) => Some(m),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_object)
            .find(|m| m.contains_key("testGroups")),
        _ => None,
    };
    found
        .filter(|m| m.contains_key("testGroups"))
        .ok_or_else(|| {
            KatError::malformed(format!(
                "{which} holds no ACVP vector set (an object with `testGroups`)"
            ))
        })
}

/// Parses an ACVP prompt and, if separate, its expected results.
///
/// # Errors
/// [`ErrorKind::Malformed`] for bad JSON, a missing or mistyped field or bad hex;
/// [`ErrorKind::Expected`] if expected values are missing (a prompt alone) or the two files
/// do not belong together.
pub fn parse(prompt: &str, expected: Option<&str>) -> Result<AcvpVectorSet, KatError> {
    let p = parse_json(prompt)?;
    let e = expected
        .map(parse_json)
        .transpose()
        .map_err(|e| KatError::new(e.kind(), format!("expected results: {}", e.message())))?;
    parse_values(&p, e.as_ref())
}

type ExpectedIndex<'a> =
    HashMap<u64, (&'a Map<String, Value>, HashMap<u64, &'a Map<String, Value>>)>;

fn index_expected(vs: &Map<String, Value>) -> Result<ExpectedIndex<'_>, KatError> {
    let top = Obj {
        map: vs,
        ctx: "expected results".to_owned(),
    };
    let mut index = HashMap::new();
    for g in req_array(&top, "testGroups")? {
        let gm = as_object(g, &|| "an expected-results test group".to_owned())?;
        let go = Obj {
            map: gm,
            ctx: "an expected-results test group".to_owned(),
        };
        let tg = req_u64(&go, "tgId")?;
        let mut tests = HashMap::new();
        for t in req_array(&go, "tests")? {
            let tm = as_object(t, &|| format!("an expected-results test of tgId {tg}"))?;
            let tc = req_u64(
                &Obj {
                    map: tm,
                    ctx: format!("expected results, tgId {tg}"),
                },
                "tcId",
            )?;
            tests.insert(tc, tm);
        }
        index.insert(tg, (gm, tests));
    }
    Ok(index)
}

fn same_set(p: &Obj<'_>, e: &Obj<'_>) -> Result<(), KatError> {
    for field in ["vsId", "algorithm", "mode", "revision"] {
        if let (Some(a), Some(b)) = (p.lookup(field), e.lookup(field))
            && a != b
        {
            return Err(KatError::new(
                ErrorKind::Expected,
                format!(
                    "the prompt and the expected results do not belong together: `{field}` is {a} in one and {b} in the other"
                ),
            ));
        }
    }
    Ok(())
}

/// The expected-value fields a test of this mode carries (at least one of them).
fn expected_fields(algorithm: &str, mode: &str) -> &'static [&'static str] {
    match (algorithm, mode) {
        ("mlkem", "keygen") => &["ek", "dk"],
        ("mlkem", "encapdecap") => &["k", "K", "testPassed"],
        ("mldsa" | "slhdsa", "keygen") => &["pk"],
        ("mldsa" | "slhdsa", "siggen") => &["signature"],
        ("mldsa" | "slhdsa", "sigver") => &["testPassed"],
        _ => &[],
    }
}

pub(crate) fn parse_values(
    prompt: &Value,
    expected: Option<&Value>,
) -> Result<AcvpVectorSet, KatError> {
    let vs = vector_set(prompt, "the prompt")?;
    let top = Obj {
        map: vs,
        ctx: "the vector set".to_owned(),
    };
    let algorithm = req_str(&top, "algorithm")?.to_owned();
    let mode = opt_str(&top, "mode")?.unwrap_or("").to_owned();
    let index = match expected {
        Some(ev) => {
            let evs = vector_set(ev, "the expected results")?;
            same_set(
                &top,
                &Obj {
                    map: evs,
                    ctx: "expected results".to_owned(),
                },
            )?;
            Some(index_expected(evs)?)
        }
        None => None,
    };
    let (alg_n, mode_n) = (
        crate::util::normalize(&algorithm),
        crate::util::normalize(&mode),
    );
    let outputs = expected_fields(&alg_n, &mode_n);
    let mut groups = Vec::new();
    for g in req_array(&top, "testGroups")? {
        let gm = as_object(g, &|| "a test group".to_owned())?;
        let go = Obj {
            map: gm,
            ctx: "a test group".to_owned(),
        };
        let tg_id = req_u64(&go, "tgId")?;
        let go = Obj {
            map: gm,
            ctx: format!("tgId {tg_id}"),
        };
        let exp_group = match &index {
            Some(ix) => Some(ix.get(&tg_id).ok_or_else(|| {
                KatError::new(
                    ErrorKind::Expected,
                    format!("the expected results have no test group tgId {tg_id}"),
                )
            })?),
            None => None,
        };
        let mut views = Vec::new();
        for t in req_array(&go, "tests")? {
            let tm = as_object(t, &|| format!("a test of tgId {tg_id}"))?;
            let tc_id = req_u64(
                &Obj {
                    map: tm,
                    ctx: format!("tgId {tg_id}"),
                },
                "tcId",
            )?;
            let ctx = format!("tgId {tg_id} / tcId {tc_id}");
            let mut layers = vec![tm];
            if let Some((eg, tests)) = exp_group {
                let et = tests.get(&tc_id).ok_or_else(|| {
                    KatError::new(
                        ErrorKind::Expected,
                        format!("the expected results have no {ctx}"),
                    )
                })?;
                layers.extend([*et, gm, *eg]);
            } else {
                if !outputs.is_empty() && !outputs.iter().any(|f| tm.contains_key(*f)) {
                    return Err(KatError::new(
                        ErrorKind::Expected,
                        format!(
                            "{ctx}: no expected values: give expectedResults.json as well (or the directory holding prompt.json and expectedResults.json)"
                        ),
                    ));
                }
                layers.push(gm);
            }
            views.push(Layered { layers, ctx });
        }
        // Group level, or once for the whole vector set.
        let key_format = match opt_str(&go, "keyFormat")?.or(opt_str(&top, "keyFormat")?) {
            None => Ok(None),
            Some(f) if f.eq_ignore_ascii_case("seed") => Ok(Some(KeyFormat::Seed)),
            Some(f) if f.eq_ignore_ascii_case("expanded") => Ok(Some(KeyFormat::Expanded)),
            Some(f) => Err(f.to_owned()),
        };
        let cases = match &key_format {
            Err(f) => AcvpCases::Unsupported {
                reason: format!("ACVP {algorithm} keyFormat `{f}`: not supported by mamori-kat"),
                count: views.len(),
            },
            Ok(kf) => group_cases(&alg_n, &mode_n, &algorithm, &mode, &go, *kf, &views)?,
        };
        groups.push(AcvpGroup {
            tg_id,
            test_type: opt_str(&go, "testType")?.map(str::to_owned),
            parameter_set: opt_str(&go, "parameterSet")?.map(str::to_owned),
            key_format: key_format.ok().flatten(),
            cases,
        });
    }
    Ok(AcvpVectorSet {
        vs_id: opt_u64(&top, "vsId")?,
        algorithm,
        mode,
        revision: opt_str(&top, "revision")?.map(str::to_owned),
        groups,
    })
}

fn unsupported(what: String, views: &[Layered<'_>]) -> AcvpCases {
    AcvpCases::Unsupported {
        reason: format!("ACVP {what}: not supported by mamori-kat"),
        count: views.len(),
    }
}

fn group_cases(
    alg_n: &str,
    mode_n: &str,
    algorithm: &str,
    mode: &str,
    group: &Obj<'_>,
    key_format: Option<KeyFormat>,
    views: &[Layered<'_>],
) -> Result<AcvpCases, KatError> {
    let seed_keys = key_format == Some(KeyFormat::Seed);
    // A keyGen vector's expanded private key: absent when the set uses seed-format keys.
    let expanded_key = |t: &Layered<'_>, field: &str| -> Result<Option<Vec<u8>>, KatError> {
        if seed_keys {
            Ok(None)
        } else {
            req_hex(t, field).map(Some)
        }
    };
    let kem = |f: &dyn Fn(&Layered<'_>) -> Result<KemCase, KatError>| {
        views
            .iter()
            .map(f)
            .collect::<Result<Vec<_>, _>>()
            .map(AcvpCases::Kem)
    };
    let sig = |f: &dyn Fn(&Layered<'_>) -> Result<SigCase, KatError>| {
        views
            .iter()
            .map(f)
            .collect::<Result<Vec<_>, _>>()
            .map(AcvpCases::Signature)
    };
    match (alg_n, mode_n) {
        ("mlkem", "keygen") => kem(&|t| {
            let mut seed = req_hex(t, "d")?;
            seed.extend(req_hex(t, "z")?);
            Ok(KemCase {
                id: t.context(),
                op: KemOp::KeyGen {
                    seed,
                    ek: Some(req_hex(t, "ek")?),
                    dk: expanded_key(t, "dk")?,
                },
                expect: Expect::Valid,
            })
        }),
        ("mlkem", "encapdecap") => {
            let function = match opt_str(group, "function")? {
                Some(f) => f.to_owned(),
                // Older revisions: AFT groups encapsulate, VAL groups decapsulate.
                None => match opt_str(group, "testType")? {
                    Some("AFT") => "encapsulation".to_owned(),
                    Some("VAL") => "decapsulation".to_owned(),
                    _ => String::new(),
                },
            };
            match function.as_str() {
                "encapsulation" => kem(&|t| {
                    Ok(KemCase {
                        id: t.context(),
                        op: KemOp::Encapsulate {
                            ek: req_hex(t, "ek")?,
                            randomness: req_hex(t, "m")?,
                            ciphertext: Some(req_hex(t, "c")?),
                            shared_secret: Some(shared_secret(t)?),
                        },
                        expect: Expect::Valid,
                    })
                }),
                "decapsulation" => kem(&|t| {
                    Ok(KemCase {
                        id: t.context(),
                        op: KemOp::Decapsulate {
                            dk: key_form(t, "dk", seed_keys)?,
                            ciphertext: req_hex(t, "c")?,
                            shared_secret: Some(shared_secret(t)?),
                        },
                        expect: Expect::Valid,
                    })
                }),
                "encapsulationKeyCheck" => kem(&|t| {
                    Ok(KemCase {
                        id: t.context(),
                        op: KemOp::CheckEncapsulationKey {
                            ek: req_hex(t, "ek")?,
                        },
                        expect: Expect::from_bool(req_bool(t, "testPassed")?),
                    })
                }),
                "decapsulationKeyCheck" if !seed_keys => kem(&|t| {
                    Ok(KemCase {
                        id: t.context(),
                        op: KemOp::CheckDecapsulationKey {
                            dk: req_hex(t, "dk")?,
                        },
                        expect: Expect::from_bool(req_bool(t, "testPassed")?),
                    })
                }),
                other => Ok(unsupported(
                    if seed_keys {
                        format!("{algorithm} {mode} function `{other}` with seed-format keys")
                    } else {
                        format!("{algorithm} {mode} function `{other}`")
                    },
                    views,
                )),
            }
        }
        ("mldsa", "keygen") => sig(&|t| {
            Ok(SigCase {
                id: t.context(),
                op: SigOp::KeyGen {
                    seed: req_hex(t, "seed")?,
                    vk: Some(req_hex(t, "pk")?),
                    sk: expanded_key(t, "sk")?,
                },
                expect: Expect::Valid,
            })
        }),
        ("slhdsa", "keygen") => sig(&|t| {
            let mut seed = req_hex(t, "skSeed")?;
            seed.extend(req_hex(t, "skPrf")?);
            seed.extend(req_hex(t, "pkSeed")?);
            Ok(SigCase {
                id: t.context(),
                op: SigOp::KeyGen {
                    seed,
                    vk: Some(req_hex(t, "pk")?),
                    sk: expanded_key(t, "sk")?,
                },
                expect: Expect::Valid,
            })
        }),
        ("mldsa" | "slhdsa", "siggen") => {
            let interface = interface(group)?;
            let deterministic = opt_bool(group, "deterministic")?.unwrap_or(true);
            sig(&|t| {
                let interface = with_hash(&interface, t)?;
                let randomness = if deterministic {
                    None
                } else {
                    Some(match opt_hex(t, "rnd")? {
                        Some(r) => r,
                        None => req_hex(t, "additionalRandomness")?,
                    })
                };
                Ok(SigCase {
                    id: t.context(),
                    op: SigOp::Sign {
                        key: key_form(t, "sk", seed_keys)?,
                        vk: None,
                        message: message(t, &interface)?,
                        context: opt_hex(t, "context")?.unwrap_or_default(),
                        randomness,
                        interface,
                        signature: Some(req_hex(t, "signature")?),
                    },
                    expect: Expect::Valid,
                })
            })
        }
        ("mldsa" | "slhdsa", "sigver") => {
            let interface = interface(group)?;
            sig(&|t| {
                let interface = with_hash(&interface, t)?;
                Ok(SigCase {
                    id: t.context(),
                    op: SigOp::Verify {
                        vk: req_hex(t, "pk")?,
                        message: message(t, &interface)?,
                        context: opt_hex(t, "context")?.unwrap_or_default(),
                        signature: req_hex(t, "signature")?,
                        interface,
                    },
                    expect: Expect::from_bool(req_bool(t, "testPassed")?),
                })
            })
        }
        ("mlkem" | "mldsa" | "slhdsa", _) => {
            Ok(unsupported(format!("{algorithm} mode `{mode}`"), views))
        }
        _ => Ok(unsupported(format!("{algorithm} {mode}"), views)),
    }
}

/// `k` (or `K`) of a KEM test.
fn shared_secret(t: &dyn Lookup<'_>) -> Result<Vec<u8>, KatError> {
    match opt_hex(t, "k")? {
        Some(k) => Ok(k),
        None => req_hex(t, "K"),
    }
}

/// A private key field, or the seed it derives from when the group's keys are seeds.
fn key_form(t: &dyn Lookup<'_>, field: &str, seed: bool) -> Result<KeyForm, KatError> {
    if seed {
        Ok(KeyForm::Seed(match opt_hex(t, "seed")? {
            Some(s) => s,
            None => req_hex(t, field)?,
        }))
    } else {
        Ok(KeyForm::Expanded(req_hex(t, field)?))
    }
}

/// The group's signing interface (the pre-hash function is filled in per case).
fn interface(group: &Obj<'_>) -> Result<SigInterface, KatError> {
    let external = match opt_str(group, "signatureInterface")? {
        Some(s) if s.eq_ignore_ascii_case("external") => true,
        Some(s) if s.eq_ignore_ascii_case("internal") => false,
        Some(s) => {
            return Err(KatError::malformed(format!(
                "{}: unknown signatureInterface `{s}`",
                group.context()
            )));
        }
        None => false,
    };
    Ok(if external {
        match opt_str(group, "preHash")? {
            Some(p) if p.eq_ignore_ascii_case("preHash") => SigInterface::PreHash {
                hash: String::new(),
            },
            _ => SigInterface::External,
        }
    } else if opt_bool(group, "externalMu")?.unwrap_or(false) {
        SigInterface::ExternalMu
    } else {
        SigInterface::Internal
    })
}

fn with_hash(interface: &SigInterface, t: &dyn Lookup<'_>) -> Result<SigInterface, KatError> {
    Ok(match interface {
        SigInterface::PreHash { .. } => SigInterface::PreHash {
            hash: req_str(t, "hashAlg")?.to_owned(),
        },
        other => other.clone(),
    })
}

fn message(t: &dyn Lookup<'_>, interface: &SigInterface) -> Result<Vec<u8>, KatError> {
    if *interface == SigInterface::ExternalMu || (!has(t, "message") && has(t, "mu")) {
        req_hex(t, "mu")
    } else {
        req_hex(t, "message")
    }
}

/// The family an ACVP algorithm belongs to, if mamori-kat knows it.
fn family(algorithm: &str) -> Option<Family> {
    match crate::util::normalize(algorithm).as_str() {
        "mlkem" => Some(Family::Kem),
        "mldsa" | "slhdsa" => Some(Family::Signature),
        _ => None,
    }
}

/// Runs an ACVP vector set.
pub(crate) fn run(
    prompt: &Value,
    expected: Option<&Value>,
    requested: Option<Entry>,
    tally: &mut Tally,
) -> Result<(), KatError> {
    let set = parse_values(prompt, expected)?;
    if let (Some(req), Some(fam)) = (requested, family(&set.algorithm))
        && req.info().family != fam
    {
        return Err(KatError::mismatch(format!(
            "ACVP {} {} vectors do not fit {}",
            set.algorithm,
            set.mode,
            describe(req)
        )));
    }
    let names: Vec<String> = set
        .groups
        .iter()
        .map(|g| {
            g.parameter_set
                .clone()
                .unwrap_or_else(|| set.algorithm.clone())
        })
        .collect();
    let groups: Vec<Group<'_>> = set
        .groups
        .iter()
        .zip(&names)
        .map(|(g, name)| Group {
            named: Some(name),
            resolved: resolve::by_name(name, requested),
            batch: g.cases.batch(),
        })
        .collect();
    run_groups(&groups, requested, "ACVP vectors", tally, |i, e| {
        KatError::mismatch(format!(
            "ACVP {} {} vectors (tgId {}) do not fit {}",
            set.algorithm,
            set.mode,
            set.groups.get(i).map_or(0, |g| g.tg_id),
            describe(e)
        ))
    })
}
