//! C2SP Wycheproof JSON: top-level `algorithm`, `testGroups[].tests[]` with `tcId`,
//! `comment`, `flags` and a `result` of `valid`, `invalid` or `acceptable`.
//!
//! Test-group types (the group's `type`, else the file's `schema`):
//!
//! * `AeadTest` (`aead_test_schema_v1.json`): `key`, `iv`, `aad`, `msg`, `ct`, `tag`; the
//!   group's `keySize`, `ivSize`, `tagSize` are in bits. Invalid cases with sizes the
//!   algorithm does not offer pass when the API rejects them.
//! * `MLKEMTest` (seed, then decapsulate `c`), `MLKEMEncapsTest`, `MLKEMKeyGen`,
//!   `MLKEMDecapsValidationTest`, with a group-level `parameterSet`.
//! * `MlDsaSign` (group `privateKey`, or `privateSeed` for the seed schema) and
//!   `MlDsaVerify` (group `publicKey`).
//!
//! Other types are counted and skipped.

use crate::cases::{AeadCase, Expect, KemCase, KemOp, KeyForm, SigCase, SigInterface, SigOp};
use crate::cases::{Batch, Group, run_groups};
use crate::error::{ErrorKind, KatError};
use crate::registry::Entry;
use crate::report::Tally;
use crate::resolve::{self, describe};
use crate::util::{
    Layered, Lookup, Obj, as_object, has, opt_hex, opt_str, opt_u64, parse_json, req_array,
    req_hex, req_str, req_u64,
};
use serde_json::Value;

/// The cases of one Wycheproof test group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WycheproofCases {
    /// AEAD cases.
    Aead(Vec<AeadCase>),
    /// KEM cases.
    Kem(Vec<KemCase>),
    /// Signature cases.
    Signature(Vec<SigCase>),
    /// A group type mamori-kat cannot run, with why and how many cases it holds.
    Unsupported {
        /// Why.
        reason: String,
        /// Number of test cases.
        count: usize,
    },
}

impl WycheproofCases {
    fn batch(&self) -> Batch<'_> {
        match self {
            WycheproofCases::Aead(c) => Batch::Aead(c),
            WycheproofCases::Kem(c) => Batch::Kem(c),
            WycheproofCases::Signature(c) => Batch::Signature(c),
            WycheproofCases::Unsupported { reason, count } => Batch::Unsupported(reason, *count),
        }
    }
}

impl WycheproofCases {
    /// Number of test cases.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            WycheproofCases::Aead(c) => c.len(),
            WycheproofCases::Kem(c) => c.len(),
            WycheproofCases::Signature(c) => c.len(),
            WycheproofCases::Unsupported { count, .. } => *count,
        }
    }

    /// True if the group holds no test cases.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One Wycheproof test group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WycheproofGroup {
    /// The group's type (e.g. `AeadTest`).
    pub kind: String,
    /// `parameterSet`, if the group has one (ML-KEM).
    pub parameter_set: Option<String>,
    /// The cases.
    pub cases: WycheproofCases,
}

/// A parsed Wycheproof file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WycheproofFile {
    /// Top-level `algorithm`.
    pub algorithm: Option<String>,
    /// Top-level `schema`.
    pub schema: Option<String>,
    /// Top-level `numberOfTests`.
    pub number_of_tests: Option<u64>,
    /// The test groups.
    pub groups: Vec<WycheproofGroup>,
}

impl WycheproofFile {
    /// Number of test cases over all groups.
    #[must_use]
    pub fn case_count(&self) -> usize {
        self.groups.iter().map(|g| g.cases.len()).sum()
    }
}

/// Parses Wycheproof text.
///
/// # Errors
/// [`ErrorKind::Malformed`] for bad JSON, a missing or mistyped field, bad hex or an unknown
/// `result`.
pub fn parse(text: &str) -> Result<WycheproofFile, KatError> {
    parse_value(&parse_json(text)?)
}

/// The group type a schema file name implies, for groups without `type`.
fn type_from_schema(schema: &str) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
        ("aead_test_schema", "AeadTest"),
        ("mlkem_encaps_test_schema", "MLKEMEncapsTest"),
        ("mlkem_keygen_seed_test_schema", "MLKEMKeyGen"),
        (
            "mlkem_semi_expanded_decaps_test_schema",
            "MLKEMDecapsValidationTest",
        ),
        ("mlkem_test_schema", "MLKEMTest"),
        ("mldsa_sign_noseed_schema", "MlDsaSign"),
        ("mldsa_sign_seed_schema", "MlDsaSign"),
        ("mldsa_verify_schema", "MlDsaVerify"),
    ];
    MAP.iter()
        .find(|(prefix, _)| schema.starts_with(prefix))
        .map(|&(_, t)| t)
}

fn expect(t: &dyn Lookup<'_>) -> Result<Expect, KatError> {
    match req_str(t, "result")? {
        "valid" => Ok(Expect::Valid),
        "invalid" => Ok(Expect::Invalid),
        "acceptable" => Ok(Expect::Acceptable),
        other => Err(KatError::malformed(format!(
            "{}: unknown result `{other}` (valid, invalid or acceptable)",
            t.context()
        ))),
    }
}

fn flags<'a>(t: &dyn Lookup<'a>) -> Vec<&'a str> {
    t.lookup("flags")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

pub(crate) fn parse_value(value: &Value) -> Result<WycheproofFile, KatError> {
    let map = as_object(value, &|| "a Wycheproof file".to_owned())?;
    let top = Obj {
        map,
        ctx: "the file".to_owned(),
    };
    let schema = opt_str(&top, "schema")?.map(str::to_owned);
    let mut groups = Vec::new();
    for (gi, g) in req_array(&top, "testGroups")?.iter().enumerate() {
        let gm = as_object(g, &|| format!("test group #{}", gi + 1))?;
        let go = Obj {
            map: gm,
            ctx: format!("test group #{}", gi + 1),
        };
        let kind = match opt_str(&go, "type")? {
            Some(t) => t.to_owned(),
            None => schema
                .as_deref()
                .and_then(type_from_schema)
                .unwrap_or("")
                .to_owned(),
        };
        let mut views = Vec::new();
        for t in req_array(&go, "tests")? {
            let tm = as_object(t, &|| format!("a test of {}", go.context()))?;
            let tc = req_u64(
                &Obj {
                    map: tm,
                    ctx: go.context(),
                },
                "tcId",
            )?;
            views.push(Layered {
                layers: vec![tm, gm],
                ctx: format!("tcId {tc}"),
            });
        }
        let cases = group_cases(&kind, &go, &views)?;
        groups.push(WycheproofGroup {
            kind,
            parameter_set: opt_str(&go, "parameterSet")?.map(str::to_owned),
            cases,
        });
    }
    Ok(WycheproofFile {
        algorithm: opt_str(&top, "algorithm")?.map(str::to_owned),
        schema,
        number_of_tests: opt_u64(&top, "numberOfTests")?,
        groups,
    })
}

/// A hex field that may be absent or empty (for cases expected to fail).
fn maybe_hex(t: &dyn Lookup<'_>, name: &str) -> Result<Option<Vec<u8>>, KatError> {
    Ok(opt_hex(t, name)?.filter(|v| !v.is_empty()))
}

/// An expected output: required for valid cases, optional otherwise.
fn output(t: &dyn Lookup<'_>, name: &str, e: Expect) -> Result<Option<Vec<u8>>, KatError> {
    if e == Expect::Valid {
        req_hex(t, name).map(Some)
    } else {
        maybe_hex(t, name)
    }
}

fn group_cases(
    kind: &str,
    group: &Obj<'_>,
    views: &[Layered<'_>],
) -> Result<WycheproofCases, KatError> {
    let kem = |f: &dyn Fn(&Layered<'_>, Expect) -> Result<KemOp, KatError>| {
        views
            .iter()
            .map(|t| {
                let e = expect(t)?;
                Ok(KemCase {
                    id: t.context(),
                    op: f(t, e)?,
                    expect: e,
                })
            })
            .collect::<Result<Vec<_>, KatError>>()
            .map(WycheproofCases::Kem)
    };
    match kind {
        "AeadTest" => views
            .iter()
            .map(|t| {
                Ok(AeadCase {
                    id: t.context(),
                    key: req_hex(t, "key")?,
                    nonce: req_hex(t, "iv")?,
                    ad: req_hex(t, "aad")?,
                    msg: Some(req_hex(t, "msg")?),
                    ct: req_hex(t, "ct")?,
                    tag: req_hex(t, "tag")?,
                    expect: expect(t)?,
                })
            })
            .collect::<Result<Vec<_>, KatError>>()
            .map(WycheproofCases::Aead),
        "MLKEMTest" => kem(&|t, e| {
            Ok(KemOp::KeyGenDecapsulate {
                seed: req_hex(t, "seed")?,
                ek: maybe_hex(t, "ek")?,
                ciphertext: req_hex(t, "c")?,
                shared_secret: output(t, "K", e)?,
            })
        }),
        "MLKEMEncapsTest" => kem(&|t, e| {
            Ok(KemOp::Encapsulate {
                ek: req_hex(t, "ek")?,
                randomness: req_hex(t, "m")?,
                ciphertext: output(t, "c", e)?,
                shared_secret: output(t, "K", e)?,
            })
        }),
        "MLKEMKeyGen" => kem(&|t, e| {
            Ok(KemOp::KeyGen {
                seed: req_hex(t, "seed")?,
                ek: output(t, "ek", e)?,
                dk: output(t, "dk", e)?,
            })
        }),
        "MLKEMDecapsValidationTest" => kem(&|t, e| {
            Ok(KemOp::Decapsulate {
                dk: KeyForm::Expanded(req_hex(t, "dk")?),
                ciphertext: req_hex(t, "c")?,
                shared_secret: output(t, "K", e)?,
            })
        }),
        "MlDsaSign" => {
            let (key, vk) = if has(group, "privateSeed") {
                (
                    KeyForm::Seed(req_hex(group, "privateSeed")?),
                    opt_hex(group, "publicKey")?,
                )
            } else {
                (KeyForm::Expanded(req_hex(group, "privateKey")?), None)
            };
            views
                .iter()
                .map(|t| {
                    let e = expect(t)?;
                    // No `msg`: sign the given `mu` (`Sign_internal` on μ; the schema's
                    // `Internal` flag marks these and forbids `msg`). `Internal` with a
                    // `msg` (outside the schema) signs it as the formatted message M'.
                    let interface = if !has(t, "msg") {
                        SigInterface::ExternalMu
                    } else if flags(t).contains(&"Internal") {
                        SigInterface::Internal
                    } else {
                        SigInterface::External
                    };
                    let message = match interface {
                        SigInterface::ExternalMu => maybe_hex(t, "mu")?.unwrap_or_default(),
                        _ => opt_hex(t, "msg")?.unwrap_or_default(),
                    };
                    Ok(SigCase {
                        id: t.context(),
                        op: SigOp::Sign {
                            key: key.clone(),
                            vk: vk.clone(),
                            message,
                            context: opt_hex(t, "ctx")?.unwrap_or_default(),
                            randomness: opt_hex(t, "rnd")?,
                            interface,
                            signature: output(t, "sig", e)?,
                        },
                        expect: e,
                    })
                })
                .collect::<Result<Vec<_>, KatError>>()
                .map(WycheproofCases::Signature)
        }
        "MlDsaVerify" => {
            let vk = req_hex(group, "publicKey")?;
            views
                .iter()
                .map(|t| {
                    Ok(SigCase {
                        id: t.context(),
                        op: SigOp::Verify {
                            vk: vk.clone(),
                            message: req_hex(t, "msg")?,
                            context: opt_hex(t, "ctx")?.unwrap_or_default(),
                            signature: req_hex(t, "sig")?,
                            interface: if flags(t).contains(&"Internal") {
                                SigInterface::Internal
                            } else {
                                SigInterface::External
                            },
                        },
                        expect: expect(t)?,
                    })
                })
                .collect::<Result<Vec<_>, KatError>>()
                .map(WycheproofCases::Signature)
        }
        other => Ok(WycheproofCases::Unsupported {
            reason: if other.is_empty() {
                "Wycheproof test group without `type` (and no known `schema`): not supported by mamori-kat".to_owned()
            } else {
                format!("Wycheproof test type `{other}`: not supported by mamori-kat")
            },
            count: views.len(),
        }),
    }
}

/// An AEAD group whose tags (the first case's) have the size of a sibling variant of the
/// resolved algorithm runs on that variant: Wycheproof names the family (`AEGIS256`) and
/// gives the tag size per group. Only when the algorithm was not requested by the caller.
fn route_tag_size(
    g: &WycheproofGroup,
    resolved: resolve::Resolved,
    requested: bool,
) -> resolve::Resolved {
    if requested {
        return resolved;
    }
    let (resolve::Resolved::Run(e), crate::cases::Batch::Aead(cases)) =
        (&resolved, g.cases.batch())
    else {
        return resolved;
    };
    match cases
        .first()
        .and_then(|c| crate::registry::tag_variant(*e, c.tag.len()))
    {
        Some(variant) => resolve::Resolved::Run(variant),
        None => resolved,
    }
}

/// Runs a Wycheproof file. A group's algorithm is its `parameterSet`, else the file's
/// `algorithm`, else the caller's, else the one the file name suggests.
pub(crate) fn run(
    value: &Value,
    label: &str,
    requested: Option<Entry>,
    tally: &mut Tally,
) -> Result<(), KatError> {
    let file = parse_value(value)?;
    let inferred = resolve::infer_json(label);
    let mut plan = Vec::with_capacity(file.groups.len());
    for g in &file.groups {
        let named = g.parameter_set.as_deref().or(file.algorithm.as_deref());
        let Some((resolved, _)) = resolve::pick(named, requested, inferred.as_ref()) else {
            return Err(KatError::new(
                ErrorKind::AlgorithmNeeded,
                "cannot tell which algorithm these Wycheproof vectors are for (no `algorithm` field): name the algorithm",
            ));
        };
        plan.push(route_tag_size(g, resolved, requested.is_some()));
    }
    let groups: Vec<Group<'_>> = file
        .groups
        .iter()
        .zip(plan)
        .map(|(g, resolved)| Group {
            named: g.parameter_set.as_deref().or(file.algorithm.as_deref()),
            resolved,
            batch: g.cases.batch(),
        })
        .collect();
    run_groups(&groups, requested, "Wycheproof vectors", tally, |i, e| {
        KatError::mismatch(format!(
            "Wycheproof {} vectors do not fit {}",
            file.groups.get(i).map_or("", |g| g.kind.as_str()),
            describe(e)
        ))
    })
}
