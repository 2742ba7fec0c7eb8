//! Flat JSON: an array of objects, one vector each, with hex fields.
//!
//! * AEAD: `key`, `nonce` (or `iv`), `ad` (or `aad`, default empty), `msg` (or `pt`; may be
//!   `null` for vectors that must fail), `ct` (without the tag), `tag`; optional `tag_bits`
//!   and `valid` (default `true`; `false` = must fail to open and release nothing).
//! * Block cipher: `key`, `plaintext`, `ciphertext`.
//! * Stream cipher: `key`, `iv`, `keystream`.
//!
//! Optional everywhere: `algorithm` (which algorithm the vector is for) and `name` (its id);
//! other fields (`source`, `key_bits`, ...) are ignored.

use crate::cases::{AeadCase, BlockCase, Expect, StreamCase};
use crate::cases::{Batch, Group, run_groups};
use crate::error::{ErrorKind, KatError};
use crate::registry::Entry;
use crate::report::Tally;
use crate::resolve::{self, Resolved, describe};
use crate::util::{Lookup, Obj, as_object, has, opt_bool, opt_hex, opt_str, opt_u64, req_hex};
use serde_json::Value;

/// One flat-JSON case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlatCase {
    /// An AEAD vector.
    Aead(AeadCase),
    /// A block-cipher vector.
    Block(BlockCase),
    /// A stream-cipher vector.
    Stream(StreamCase),
}

impl FlatCase {
    /// This one case as a batch.
    pub(crate) fn batch(&self) -> Batch<'_> {
        match self {
            FlatCase::Aead(c) => Batch::Aead(core::slice::from_ref(c)),
            FlatCase::Block(c) => Batch::Block(core::slice::from_ref(c)),
            FlatCase::Stream(c) => Batch::Stream(core::slice::from_ref(c)),
        }
    }

    /// The case's id.
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            FlatCase::Aead(c) => &c.id,
            FlatCase::Block(c) => &c.id,
            FlatCase::Stream(c) => &c.id,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            FlatCase::Aead(_) => "flat JSON AEAD vectors (key, nonce, ad, msg, ct, tag)",
            FlatCase::Block(_) => "flat JSON block-cipher vectors (key, plaintext, ciphertext)",
            FlatCase::Stream(_) => "flat JSON stream-cipher vectors (key, iv, keystream)",
        }
    }

    fn fits(&self, e: Entry) -> bool {
        self.batch().fits(e)
    }
}

/// One flat-JSON vector: the algorithm it names, if any, and the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlatVector {
    /// The `algorithm` field.
    pub algorithm: Option<String>,
    /// The case.
    pub case: FlatCase,
}

/// Parses flat-JSON text.
///
/// # Errors
/// [`ErrorKind::Malformed`] for bad JSON, a non-array, an empty array, an object that is no
/// known kind of vector, or a missing field or bad hex.
pub fn parse(text: &str) -> Result<Vec<FlatVector>, KatError> {
    parse_value(&crate::util::parse_json(text)?)
}

pub(crate) fn parse_value(value: &Value) -> Result<Vec<FlatVector>, KatError> {
    let Value::Array(items) = value else {
        return Err(KatError::malformed("flat JSON must be an array of objects"));
    };
    if items.is_empty() {
        return Err(KatError::malformed("the JSON array holds no test vectors"));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, v)| vector(i, v))
        .collect()
}

fn vector(index: usize, value: &Value) -> Result<FlatVector, KatError> {
    let map = as_object(value, &|| format!("element #{} of the array", index + 1))?;
    let name = map.get("name").and_then(Value::as_str);
    let base_id = name.map_or_else(|| format!("#{}", index + 1), str::to_owned);
    let o = Obj {
        map,
        ctx: format!("vector {base_id}"),
    };
    let algorithm = opt_str(&o, "algorithm")?.map(str::to_owned);
    let is_aead = has(&o, "key") && (has(&o, "ct") || has(&o, "tag"));
    let case = if is_aead {
        FlatCase::Aead(aead_case(&o, base_id)?)
    } else if has(&o, "plaintext") || has(&o, "ciphertext") {
        FlatCase::Block(BlockCase {
            key: req_hex(&o, "key")?,
            plaintext: req_hex(&o, "plaintext")?,
            ciphertext: req_hex(&o, "ciphertext")?,
            id: base_id,
        })
    } else if has(&o, "keystream") {
        FlatCase::Stream(StreamCase {
            key: req_hex(&o, "key")?,
            iv: req_hex(&o, "iv")?,
            keystream: req_hex(&o, "keystream")?,
            id: base_id,
        })
    } else {
        return Err(KatError::malformed(format!(
            "{}: not a known kind of vector (AEAD: key, nonce, ad, msg, ct, tag; block cipher: key, plaintext, ciphertext; stream cipher: key, iv, keystream)",
            o.context()
        )));
    };
    Ok(FlatVector { algorithm, case })
}

/// The first of `names` present, hex-decoded.
fn hex_alias(o: &dyn Lookup<'_>, names: &[&str]) -> Result<Option<Vec<u8>>, KatError> {
    for n in names {
        if let Some(v) = opt_hex(o, n)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

fn aead_case(o: &Obj<'_>, base_id: String) -> Result<AeadCase, KatError> {
    let valid = opt_bool(o, "valid")?.unwrap_or(true);
    let tag = req_hex(o, "tag")?;
    let tag_bits = opt_u64(o, "tag_bits")?;
    if let Some(bits) = tag_bits
        && Some(bits) != u64::try_from(tag.len()).ok().and_then(|n| n.checked_mul(8))
    {
        return Err(KatError::malformed(format!(
            "{}: `tag_bits` is {bits} but `tag` has {} bytes",
            o.context(),
            tag.len()
        )));
    }
    let msg = hex_alias(o, &["msg", "pt"])?;
    if valid && msg.is_none() {
        return Err(KatError::malformed(format!(
            "{}: missing field `msg` (required unless `valid` is false)",
            o.context()
        )));
    }
    let nonce = hex_alias(o, &["nonce", "iv"])?
        .ok_or_else(|| KatError::malformed(format!("{}: missing field `nonce`", o.context())))?;
    let id = match tag_bits {
        Some(bits) => format!("{base_id} ({bits}-bit tag)"),
        None => base_id,
    };
    Ok(AeadCase {
        id,
        key: req_hex(o, "key")?,
        nonce,
        ad: hex_alias(o, &["ad", "aad"])?.unwrap_or_default(),
        msg,
        ct: req_hex(o, "ct")?,
        tag,
        expect: Expect::from_bool(valid),
    })
}

/// Files such as the AEGIS-256 draft's mix tag sizes (`tag_bits` 128 and 256), which
/// Mamori offers as two algorithms. A vector whose tag does not fit the resolved algorithm
/// goes to the variant with its tag size when the algorithm was inferred from the file;
/// when the caller or the vector named the algorithm, it is skipped as being for the variant.
fn route_tag_size(v: &FlatVector, resolved: Resolved, requested: bool) -> Resolved {
    let (Resolved::Run(e), FlatCase::Aead(c)) = (&resolved, &v.case) else {
        return resolved;
    };
    match crate::registry::tag_variant(*e, c.tag.len()) {
        Some(variant) if requested || v.algorithm.is_some() => Resolved::Skip(format!(
            "{}-byte tag: a vector for {}",
            c.tag.len(),
            variant.info().name
        )),
        Some(variant) => Resolved::Run(variant),
        None => resolved,
    }
}

/// Runs flat-JSON vectors. Each vector's algorithm is its `algorithm` field, else the
/// caller's, else the one the file name suggests.
pub(crate) fn run(
    value: &Value,
    label: &str,
    requested: Option<Entry>,
    tally: &mut Tally,
) -> Result<(), KatError> {
    let vectors = parse_value(value)?;
    let inferred = resolve::infer_json(label);
    let mut plan = Vec::with_capacity(vectors.len());
    for v in &vectors {
        let Some((resolved, from_name)) =
            resolve::pick(v.algorithm.as_deref(), requested, inferred.as_ref())
        else {
            return Err(KatError::new(
                ErrorKind::AlgorithmNeeded,
                format!(
                    "cannot tell which algorithm vector {} is for (no `algorithm` field, and the file name names none): name the algorithm",
                    v.case.id()
                ),
            ));
        };
        if let Resolved::Run(e) = resolved
            && !v.case.fits(e)
        {
            let how = from_name.map_or_else(String::new, |name| {
                format!(", the algorithm inferred from the file name (`{name}`)")
            });
            return Err(KatError::mismatch(format!(
                "{} do not fit {}{how}",
                v.case.kind(),
                describe(e)
            )));
        }
        plan.push(route_tag_size(v, resolved, requested.is_some()));
    }
    let groups: Vec<Group<'_>> = vectors
        .iter()
        .zip(plan)
        .map(|(v, resolved)| Group {
            named: v.algorithm.as_deref(),
            resolved,
            batch: v.case.batch(),
        })
        .collect();
    // Each vector is a group of one; `fits` above rejected every family that does not fit.
    run_groups(&groups, requested, "vectors", tally, |i, e| {
        KatError::mismatch(format!(
            "{} do not fit {}",
            vectors.get(i).map_or("vectors", |v| v.case.kind()),
            describe(e)
        ))
    })
}
