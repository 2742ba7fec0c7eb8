//! What the engine times: one [`Subject`] per (implementation, operation, size), built from
//! a registry [`Entry`] (Mamori's or a peer's) with every buffer allocated up front.

use crate::kem::{KemKeys, ParsedKem};
use core::fmt;
use core::hint::black_box;
use mamori_kat::dynamic::{DynKem, KeyedAead};
use mamori_kat::registry::Entry;
use mamori_primitives::{Family, InputError};
use serde::Serialize;

/// Output length squeezed by XOF benchmarks, in bytes.
pub const XOF_OUTPUT_LEN: usize = 32;

/// A benchmarked operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Op {
    /// AEAD encryption (empty associated data).
    Seal,
    /// AEAD decryption of a valid ciphertext (includes restoring the ciphertext first).
    Open,
    /// One-shot hash of the message.
    Hash,
    /// Absorb the message, squeeze [`XOF_OUTPUT_LEN`] bytes.
    Xof,
    /// KEM key generation from a fixed seed, bytes out: the encoded encapsulation and
    /// decapsulation keys (per op).
    Keygen,
    /// KEM encapsulation from the encoded encapsulation key and fixed randomness, bytes out:
    /// ciphertext and shared secret (per op; includes decoding and checking the key).
    Encaps,
    /// KEM decapsulation of a valid ciphertext from the encoded decapsulation key, bytes
    /// out: the shared secret (per op; includes decoding and checking the key).
    Decaps,
    /// KEM encapsulation to an encapsulation key parsed at set-up (per op; see
    /// [`crate::kem`]).
    #[serde(rename = "encaps-parsed")]
    EncapsParsed,
    /// KEM decapsulation with a decapsulation key parsed at set-up (per op; see
    /// [`crate::kem`]).
    #[serde(rename = "decaps-parsed")]
    DecapsParsed,
    /// Signing (per op).
    Sign,
    /// Verification (per op).
    Verify,
}

impl Op {
    /// Lower-case name, as used in ids and reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Op::Seal => "seal",
            Op::Open => "open",
            Op::Hash => "hash",
            Op::Xof => "xof",
            Op::Keygen => "keygen",
            Op::Encaps => "encaps",
            Op::Decaps => "decaps",
            Op::EncapsParsed => "encaps-parsed",
            Op::DecapsParsed => "decaps-parsed",
            Op::Sign => "sign",
            Op::Verify => "verify",
        }
    }

    /// True if the cost scales with a message size (reported per byte); false for
    /// fixed-cost operations (reported per op).
    #[must_use]
    pub const fn per_byte(self) -> bool {
        matches!(self, Op::Seal | Op::Open | Op::Hash | Op::Xof)
    }

    /// The operations [`build`] benchmarks for a family from its registry entry alone, or
    /// `None` if the family is not benchmarked yet. Signatures are measured per op; wiring
    /// them in means adding their subjects to [`build`].
    #[must_use]
    pub fn for_family(family: Family) -> Option<&'static [Op]> {
        match family {
            Family::Aead => Some(&[Op::Seal, Op::Open]),
            Family::Hash => Some(&[Op::Hash]),
            Family::Xof => Some(&[Op::Xof]),
            Family::Kem => Some(&[Op::Keygen, Op::Encaps, Op::Decaps]),
            _ => None,
        }
    }

    /// The operations on keys parsed at set-up for a family (built by [`build_parsed`]
    /// from a [`ParsedKem`] view): empty for families without them.
    #[must_use]
    pub fn parsed_for_family(family: Family) -> &'static [Op] {
        match family {
            Family::Kem => &[Op::EncapsParsed, Op::DecapsParsed],
            _ => &[],
        }
    }

    /// True for the operations that run on keys parsed at set-up ([`build_parsed`]).
    #[must_use]
    pub const fn parsed_keys(self) -> bool {
        matches!(self, Op::EncapsParsed | Op::DecapsParsed)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One timed unit of work. Implementations run one operation on buffers allocated when the
/// subject was built; they must not allocate in [`run`](Subject::run).
pub trait Subject {
    /// Runs the operation once.
    fn run(&mut self);
}

/// A subject could not be set up (the implementation rejected its own parameters, or a
/// self-check failed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetupError(pub String);

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetupError {}

fn fill(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn setup<E: fmt::Display>(what: &str) -> impl FnOnce(E) -> SetupError + '_ {
    move |e| SetupError(format!("{what}: {e}"))
}

struct AeadSeal {
    aead: Box<dyn KeyedAead>,
    nonce: Vec<u8>,
    buf: Vec<u8>,
    tag: Vec<u8>,
}

impl Subject for AeadSeal {
    #[inline(never)]
    fn run(&mut self) {
        let r = self
            .aead
            .seal(black_box(&self.nonce), &[], &mut self.buf, &mut self.tag);
        black_box(r.is_ok());
        black_box((&mut self.buf, &mut self.tag));
    }
}

struct AeadOpen {
    aead: Box<dyn KeyedAead>,
    nonce: Vec<u8>,
    ciphertext: Vec<u8>,
    buf: Vec<u8>,
    tag: Vec<u8>,
}

impl Subject for AeadOpen {
    #[inline(never)]
    fn run(&mut self) {
        // Opening decrypts in place, so the ciphertext is restored first (a memcpy, the
        // same for every implementation).
        self.buf.copy_from_slice(&self.ciphertext);
        let r = self
            .aead
            .open(black_box(&self.nonce), &[], &mut self.buf, &self.tag);
        black_box((r.is_ok(), &mut self.buf));
    }
}

struct HashSubject {
    hash: &'static dyn mamori_kat::dynamic::DynHash,
    data: Vec<u8>,
    out: Vec<u8>,
}

impl Subject for HashSubject {
    #[inline(never)]
    fn run(&mut self) {
        let r = self.hash.hash(black_box(&self.data), &mut self.out);
        black_box(r.is_ok());
        black_box(&mut self.out);
    }
}

struct XofSubject {
    xof: &'static dyn mamori_kat::dynamic::DynXof,
    data: Vec<u8>,
    out: Vec<u8>,
}

impl Subject for XofSubject {
    #[inline(never)]
    fn run(&mut self) {
        let r = self.xof.xof(&[], black_box(&self.data), &mut self.out);
        black_box(r.is_ok());
        black_box(&mut self.out);
    }
}

/// Seed of the KEM benchmarks' key generation (a `fill` pattern).
const KEM_SEED: u8 = 6;
/// Seed of the KEM benchmarks' encapsulation randomness (a `fill` pattern).
const KEM_RANDOMNESS: u8 = 7;

/// A KEM key pair and a valid ciphertext, made from the entry's own byte interface and
/// checked: decapsulation recovers the encapsulated secret, and a modified ciphertext does
/// not (implicit rejection).
struct KemFixture {
    seed: Vec<u8>,
    ek: Vec<u8>,
    dk: Vec<u8>,
    randomness: Vec<u8>,
    ct: Vec<u8>,
    ss: Vec<u8>,
}

/// The length an operation expects, read from the [`InputError::Length`] it returns for an
/// empty input (`DynKem` does not expose its seed and randomness lengths).
fn expected_len<T>(what: &str, r: Result<T, InputError>) -> Result<usize, SetupError> {
    match r {
        Err(InputError::Length { expected, .. }) => Ok(expected),
        Err(e) => Err(SetupError(format!("{what}: {e}"))),
        Ok(_) => Err(SetupError(format!("{what}: an empty input was accepted"))),
    }
}

impl KemFixture {
    fn new(kem: &'static dyn DynKem) -> Result<Self, SetupError> {
        let info = kem.info();
        let seed = fill(
            expected_len("seed length", kem.keygen_from_seed(&[]))?,
            KEM_SEED,
        );
        let (ek, dk) = kem.keygen_from_seed(&seed).map_err(setup("keygen"))?;
        for (name, key) in [("ek", &ek), ("dk", &dk)] {
            if info.size(name).is_some_and(|n| n != key.len()) {
                return Err(SetupError(format!("keygen: {name} is {} bytes", key.len())));
            }
        }
        kem.check_encapsulation_key(&ek)
            .map_err(setup("generated ek rejected"))?;
        kem.check_decapsulation_key(&dk)
            .map_err(setup("generated dk rejected"))?;
        let randomness = fill(
            expected_len("randomness length", kem.encapsulate(&ek, &[]))?,
            KEM_RANDOMNESS,
        );
        let (ct, ss) = kem.encapsulate(&ek, &randomness).map_err(setup("encaps"))?;
        if kem.decapsulate(&dk, &ct).map_err(setup("decaps"))? != ss {
            return Err(SetupError(
                "decapsulation does not recover the encapsulated secret".into(),
            ));
        }
        let mut bad = ct.clone();
        bad[0] ^= 1;
        if kem.decapsulate(&dk, &bad).map_err(setup("decaps"))? == ss {
            return Err(SetupError(
                "a modified ciphertext decapsulates to the same secret".into(),
            ));
        }
        Ok(Self {
            seed,
            ek,
            dk,
            randomness,
            ct,
            ss,
        })
    }
}

// The byte-interface subjects go through `DynKem`, which returns `Vec`s: each run allocates
// (and frees) its outputs, 1-2 small buffers. That is the same for every implementation and
// small next to a KEM operation; the `*-parsed` subjects allocate nothing.

struct KemKeygen {
    kem: &'static dyn DynKem,
    seed: Vec<u8>,
}

impl Subject for KemKeygen {
    #[inline(never)]
    fn run(&mut self) {
        let r = self.kem.keygen_from_seed(black_box(&self.seed));
        black_box(&r);
    }
}

struct KemEncaps {
    kem: &'static dyn DynKem,
    ek: Vec<u8>,
    randomness: Vec<u8>,
}

impl Subject for KemEncaps {
    #[inline(never)]
    fn run(&mut self) {
        let r = self
            .kem
            .encapsulate(black_box(&self.ek), black_box(&self.randomness));
        black_box(&r);
    }
}

struct KemDecaps {
    kem: &'static dyn DynKem,
    dk: Vec<u8>,
    ct: Vec<u8>,
}

impl Subject for KemDecaps {
    #[inline(never)]
    fn run(&mut self) {
        let r = self
            .kem
            .decapsulate(black_box(&self.dk), black_box(&self.ct));
        black_box(&r);
    }
}

struct KemEncapsParsed {
    keys: Box<dyn KemKeys>,
    randomness: Vec<u8>,
    ct: Vec<u8>,
    ss: Vec<u8>,
}

impl Subject for KemEncapsParsed {
    #[inline(never)]
    fn run(&mut self) {
        let r = self
            .keys
            .encapsulate(black_box(&self.randomness), &mut self.ct, &mut self.ss);
        black_box(r.is_ok());
        black_box((&mut self.ct, &mut self.ss));
    }
}

struct KemDecapsParsed {
    keys: Box<dyn KemKeys>,
    ct: Vec<u8>,
    ss: Vec<u8>,
}

impl Subject for KemDecapsParsed {
    #[inline(never)]
    fn run(&mut self) {
        let r = self.keys.decapsulate(black_box(&self.ct), &mut self.ss);
        black_box(r.is_ok());
        black_box(&mut self.ss);
    }
}

/// Builds the subject for `op` on `entry` with a `size`-byte message (ignored by per-op
/// operations).
///
/// # Errors
/// [`SetupError`] if the entry's family has no such operation or is not benchmarked yet, or
/// the implementation fails its own set-up or self-check (e.g. a seal that does not open).
pub fn build(entry: Entry, op: Op, size: usize) -> Result<Box<dyn Subject>, SetupError> {
    match (entry, op) {
        (Entry::Aead(a), Op::Seal | Op::Open) => {
            let key = fill(a.key_len(), 1);
            let aead = a.with_key(&key).map_err(setup("key setup"))?;
            let nonce = fill(a.nonce_len(), 2);
            let mut buf = fill(size, 3);
            let mut tag = vec![0u8; a.tag_len()];
            aead.seal(&nonce, &[], &mut buf, &mut tag)
                .map_err(setup("seal"))?;
            if op == Op::Seal {
                return Ok(Box::new(AeadSeal {
                    aead,
                    nonce,
                    buf,
                    tag,
                }));
            }
            let mut check = buf.clone();
            aead.open(&nonce, &[], &mut check, &tag)
                .map_err(setup("open of a fresh seal"))?;
            if check != fill(size, 3) {
                return Err(SetupError("open did not return the plaintext".into()));
            }
            Ok(Box::new(AeadOpen {
                aead,
                nonce,
                ciphertext: buf.clone(),
                buf,
                tag,
            }))
        }
        (Entry::Hash(h), Op::Hash) => {
            let mut s = HashSubject {
                hash: h,
                data: fill(size, 4),
                out: vec![0u8; h.output_len()],
            };
            h.hash(&s.data, &mut s.out).map_err(setup("hash"))?;
            Ok(Box::new(s))
        }
        (Entry::Xof(x), Op::Xof) => {
            let mut s = XofSubject {
                xof: x,
                data: fill(size, 5),
                out: vec![0u8; XOF_OUTPUT_LEN],
            };
            x.xof(&[], &s.data, &mut s.out).map_err(setup("xof"))?;
            Ok(Box::new(s))
        }
        (Entry::Kem(kem), Op::Keygen | Op::Encaps | Op::Decaps) => {
            let f = KemFixture::new(kem)?;
            Ok(match op {
                Op::Keygen => Box::new(KemKeygen { kem, seed: f.seed }),
                Op::Encaps => Box::new(KemEncaps {
                    kem,
                    ek: f.ek,
                    randomness: f.randomness,
                }),
                _ => Box::new(KemDecaps {
                    kem,
                    dk: f.dk,
                    ct: f.ct,
                }),
            })
        }
        _ => Err(SetupError(format!(
            "{} ({}): operation {op} is not benchmarked",
            entry.info().name,
            entry.info().family
        ))),
    }
}

/// Builds the subject for a parsed-key operation ([`Op::parsed_keys`]): keys are made
/// through `entry`'s byte interface and then parsed once by `view`, the same
/// implementation's [`ParsedKem`].
///
/// # Errors
/// [`SetupError`] if `op` is not a parsed-key operation of `entry`'s family, `view` is
/// another algorithm, or a self-check fails: a round trip through the parsed keys, and the
/// parsed decapsulation key agreeing with `entry` on `entry`'s ciphertext.
pub fn build_parsed(
    entry: Entry,
    view: &'static dyn ParsedKem,
    op: Op,
) -> Result<Box<dyn Subject>, SetupError> {
    let (Entry::Kem(kem), Op::EncapsParsed | Op::DecapsParsed) = (entry, op) else {
        return Err(SetupError(format!(
            "{} ({}): operation {op} is not benchmarked on parsed keys",
            entry.info().name,
            entry.info().family
        )));
    };
    if view.info().name != kem.info().name {
        return Err(SetupError(format!(
            "parsed-key view is {}, not {}",
            view.info().name,
            kem.info().name
        )));
    }
    let f = KemFixture::new(kem)?;
    let keys = view.parse(&f.ek, &f.dk).map_err(setup("parsing keys"))?;
    let mut ss = vec![0u8; keys.shared_secret_len()];
    keys.decapsulate(&f.ct, &mut ss)
        .map_err(setup("decaps on parsed keys"))?;
    if ss != f.ss {
        return Err(SetupError(
            "decapsulation on parsed keys disagrees with the byte interface".into(),
        ));
    }
    let mut ct = vec![0u8; keys.ciphertext_len()];
    let randomness = fill(keys.randomness_len(), KEM_RANDOMNESS);
    keys.encapsulate(&randomness, &mut ct, &mut ss)
        .map_err(setup("encaps on parsed keys"))?;
    let mut check = vec![0u8; ss.len()];
    keys.decapsulate(&ct, &mut check)
        .map_err(setup("decaps on parsed keys"))?;
    if check != ss {
        return Err(SetupError(
            "parsed keys: decapsulation does not recover the encapsulated secret".into(),
        ));
    }
    Ok(if op == Op::EncapsParsed {
        Box::new(KemEncapsParsed {
            keys,
            randomness,
            ct,
            ss,
        })
    } else {
        Box::new(KemDecapsParsed { keys, ct: f.ct, ss })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::MAMORI;
    use mamori_kat::registry;

    #[test]
    fn every_registry_op_builds_and_runs() {
        for e in registry::all() {
            // Signatures (ML-DSA) are in the registry but not benchmarked yet: `plan` notes
            // them instead.
            let Some(ops) = Op::for_family(e.info().family) else {
                assert_eq!(e.info().family, Family::Signature, "{}", e.info().name);
                continue;
            };
            for &op in ops {
                let sizes: &[usize] = if op.per_byte() {
                    &[0, 1, 16, 17, 100]
                } else {
                    &[0]
                };
                for &size in sizes {
                    let mut s = build(*e, op, size).unwrap();
                    s.run();
                    s.run();
                }
            }
        }
    }

    fn kem(entry: Entry) -> &'static dyn DynKem {
        match entry {
            Entry::Kem(k) => k,
            _ => panic!("not a KEM"),
        }
    }

    /// Builds every KEM subject of one implementation, runs it, and checks the round trip
    /// the subjects time: the encapsulated secret is what decapsulation of its ciphertext
    /// returns, through the byte interface and through the parsed keys.
    fn kem_subjects_round_trip(entry: Entry, view: &'static dyn ParsedKem) {
        let name = entry.info().name;
        let family = entry.info().family;
        let mut ops = Op::for_family(family).unwrap().to_vec();
        ops.extend_from_slice(Op::parsed_for_family(family));
        assert_eq!(ops.len(), 5);
        for op in ops {
            assert!(!op.per_byte(), "{op}");
            let mut s = if op.parsed_keys() {
                build_parsed(entry, view, op)
            } else {
                build(entry, op, 0)
            }
            .unwrap_or_else(|e| panic!("{name} {op}: {e}"));
            s.run();
            s.run();
        }
        let f = KemFixture::new(kem(entry)).unwrap();
        assert_eq!((f.seed.len(), f.randomness.len()), (64, 32), "{name}");
        assert_eq!(
            kem(entry).decapsulate(&f.dk, &f.ct).unwrap(),
            f.ss,
            "{name}"
        );
        // The timed subjects compute the same values as the set-up.
        let mut e = KemEncapsParsed {
            keys: view.parse(&f.ek, &f.dk).unwrap(),
            randomness: f.randomness.clone(),
            ct: vec![0; f.ct.len()],
            ss: vec![0; f.ss.len()],
        };
        e.run();
        let mut d = KemDecapsParsed {
            keys: view.parse(&f.ek, &f.dk).unwrap(),
            ct: e.ct.clone(),
            ss: vec![0; f.ss.len()],
        };
        d.run();
        assert_eq!(d.ss, e.ss, "{name}: parsed round trip");
        assert_eq!(
            kem(entry).decapsulate(&f.dk, &e.ct).unwrap(),
            e.ss,
            "{name}"
        );
    }

    #[test]
    fn kem_subjects_round_trip_for_mamori_and_peers() {
        let mut checked = 0;
        for e in registry::all()
            .iter()
            .filter(|e| e.info().family == Family::Kem)
        {
            let name = e.info().name;
            kem_subjects_round_trip(*e, crate::peers::parsed_kem(MAMORI, name).unwrap());
            for p in crate::peers::of(name) {
                let view = crate::peers::parsed_kem(p.impl_name, name).unwrap();
                kem_subjects_round_trip(p.entry, view);
                checked += 1;
            }
        }
        assert_eq!(checked, 3 * 5);
    }

    /// The wiring does not depend on Mamori's ML-KEM: a peer stands in as the "Mamori"
    /// entry, and a view of another parameter set is refused.
    #[test]
    fn kem_subjects_build_from_a_peer_alone() {
        use crate::peers::ml_kem::{mlkem512, mlkem768};
        use mamori_kat::dynamic::Dispatch;
        let entry = Entry::Kem(&Dispatch::<mlkem768::RustCrypto>::NEW);
        kem_subjects_round_trip(entry, &Dispatch::<mlkem768::Libcrux>::NEW);
        let err = build_parsed(
            entry,
            &Dispatch::<mlkem512::RustCrypto>::NEW,
            Op::DecapsParsed,
        )
        .err()
        .unwrap();
        assert!(err.to_string().contains("view is ml-kem-512"), "{err}");
        let err = build_parsed(entry, &Dispatch::<mlkem768::RustCrypto>::NEW, Op::Decaps)
            .err()
            .unwrap();
        assert!(err.to_string().contains("not benchmarked"), "{err}");
        assert!(build(entry, Op::EncapsParsed, 0).is_err());
        assert!(build(entry, Op::Seal, 0).is_err());
    }

    #[test]
    fn op_names() {
        for op in [Op::Keygen, Op::EncapsParsed, Op::DecapsParsed] {
            let json = serde_json::to_string(&op).unwrap();
            assert_eq!(json, format!("\"{}\"", op.name()));
        }
        assert!(Op::EncapsParsed.parsed_keys() && !Op::Encaps.parsed_keys());
        assert!(Op::parsed_for_family(Family::Aead).is_empty());
    }

    #[test]
    fn wrong_op_is_an_error() {
        let e = registry::find("ascon-hash256").unwrap();
        let err = build(e, Op::Seal, 16).err().unwrap();
        assert!(err.to_string().contains("not benchmarked"), "{err}");
    }
}
