//! What the engine times: one [`Subject`] per (implementation, operation, size), built from
//! a registry [`Entry`] (Mamori's or a peer's) with every buffer allocated up front.

use crate::kem::{KemKeys, ParsedKem};
use crate::signature::{ParsedSignature, SignatureKeys};
use core::fmt;
use core::hint::black_box;
use mamori_kat::dynamic::{DynKem, DynSignature, KeyedAead};
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
    /// Key generation from a fixed seed, bytes out: the encoded encapsulation and
    /// decapsulation keys of a KEM, the verifying and signing keys of a signature scheme
    /// (per op).
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
    /// Deterministic signing from the encoded signing key, bytes out (per op; includes
    /// decoding the key, and whatever checks the implementation makes there). Signing time
    /// depends on the message (rejection rounds): the subject signs [`SIGN_MESSAGES`]
    /// distinct messages in turn, so a sample averages over them.
    Sign,
    /// Verification from the encoded verifying key of valid signatures of the same messages
    /// (per op; includes decoding the key).
    Verify,
    /// Deterministic signing with a signing key parsed at set-up (per op; see
    /// [`crate::signature`]).
    #[serde(rename = "sign-parsed")]
    SignParsed,
    /// Verification with a verifying key parsed at set-up (per op; see
    /// [`crate::signature`]).
    #[serde(rename = "verify-parsed")]
    VerifyParsed,
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
            Op::SignParsed => "sign-parsed",
            Op::VerifyParsed => "verify-parsed",
        }
    }

    /// True if the cost scales with a message size (reported per byte); false for
    /// fixed-cost operations (reported per op).
    #[must_use]
    pub const fn per_byte(self) -> bool {
        matches!(self, Op::Seal | Op::Open | Op::Hash | Op::Xof)
    }

    /// The operations [`build`] benchmarks for a family from its registry entry alone, or
    /// `None` if the family is not benchmarked yet.
    #[must_use]
    pub fn for_family(family: Family) -> Option<&'static [Op]> {
        match family {
            Family::Aead => Some(&[Op::Seal, Op::Open]),
            Family::Hash => Some(&[Op::Hash]),
            Family::Xof => Some(&[Op::Xof]),
            Family::Kem => Some(&[Op::Keygen, Op::Encaps, Op::Decaps]),
            Family::Signature => Some(&[Op::Keygen, Op::Sign, Op::Verify]),
            _ => None,
        }
    }

    /// The operations on keys parsed at set-up for a family (built by [`build_parsed`]
    /// from a [`ParsedKem`] view, or [`build_signature`] from a [`ParsedSignature`] view):
    /// empty for families without them.
    #[must_use]
    pub fn parsed_for_family(family: Family) -> &'static [Op] {
        match family {
            Family::Kem => &[Op::EncapsParsed, Op::DecapsParsed],
            Family::Signature => &[Op::SignParsed, Op::VerifyParsed],
            _ => &[],
        }
    }

    /// True for the operations that run on keys parsed at set-up ([`build_parsed`],
    /// [`build_signature`]).
    #[must_use]
    pub const fn parsed_keys(self) -> bool {
        matches!(
            self,
            Op::EncapsParsed | Op::DecapsParsed | Op::SignParsed | Op::VerifyParsed
        )
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

/// Distinct messages a signing or verification subject of the engine goes through in turn.
pub const SIGN_MESSAGES: usize = 64;
/// Length of the signed messages, in bytes.
pub const SIGN_MESSAGE_LEN: usize = 32;
/// Seed of the signature benchmarks' key generation (a `fill` pattern).
const SIG_SEED: u8 = 8;

/// The `count` distinct messages signed by the signature subjects: a `fill` pattern with
/// the message's index in its first four bytes.
#[must_use]
pub fn sign_messages(count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| {
            let mut m = fill(SIGN_MESSAGE_LEN, 9);
            m[..4].copy_from_slice(&(i as u32).to_le_bytes());
            m
        })
        .collect()
}

/// A signature key pair made from the entry's own byte interface, and deterministic
/// signatures (empty context) of [`sign_messages`], checked: every signature verifies, and
/// neither a modified signature nor another message does.
struct SigFixture {
    seed: Vec<u8>,
    vk: Vec<u8>,
    sk: Vec<u8>,
    messages: Vec<Vec<u8>>,
    signatures: Vec<Vec<u8>>,
}

impl SigFixture {
    fn new(sig: &'static dyn DynSignature, count: usize) -> Result<Self, SetupError> {
        let info = sig.info();
        let seed = fill(
            expected_len("seed length", sig.keygen_from_seed(&[]))?,
            SIG_SEED,
        );
        let (vk, sk) = sig.keygen_from_seed(&seed).map_err(setup("keygen"))?;
        for (name, key) in [("pk", &vk), ("sk", &sk)] {
            if info.size(name).is_some_and(|n| n != key.len()) {
                return Err(SetupError(format!("keygen: {name} is {} bytes", key.len())));
            }
        }
        let messages = sign_messages(count.max(1));
        let mut signatures = Vec::with_capacity(messages.len());
        for m in &messages {
            let s = sig.sign(&sk, m, &[], None).map_err(setup("sign"))?;
            sig.verify(&vk, m, &[], &s)
                .map_err(setup("a fresh signature does not verify"))?;
            signatures.push(s);
        }
        let mut bad = signatures[0].clone();
        bad[0] ^= 1;
        if sig.verify(&vk, &messages[0], &[], &bad).is_ok() {
            return Err(SetupError("a modified signature verifies".into()));
        }
        if messages.len() > 1 && sig.verify(&vk, &messages[1], &[], &signatures[0]).is_ok() {
            return Err(SetupError(
                "a signature verifies for another message".into(),
            ));
        }
        Ok(Self {
            seed,
            vk,
            sk,
            messages,
            signatures,
        })
    }
}

/// The next index of a subject going through `len` messages in turn.
fn advance(next: &mut usize, len: usize) -> usize {
    let i = *next;
    *next = if i + 1 == len { 0 } else { i + 1 };
    i
}

// As for KEMs, the byte-interface subjects go through `DynSignature`, which returns `Vec`s
// (one signature-sized buffer per signing); the `*-parsed` subjects allocate nothing beyond
// what the implementation does.

struct SigKeygen {
    sig: &'static dyn DynSignature,
    seed: Vec<u8>,
}

impl Subject for SigKeygen {
    #[inline(never)]
    fn run(&mut self) {
        let r = self.sig.keygen_from_seed(black_box(&self.seed));
        black_box(&r);
    }
}

struct SigSign {
    sig: &'static dyn DynSignature,
    sk: Vec<u8>,
    messages: Vec<Vec<u8>>,
    next: usize,
}

impl Subject for SigSign {
    #[inline(never)]
    fn run(&mut self) {
        let m = &self.messages[advance(&mut self.next, self.messages.len())];
        let r = self.sig.sign(black_box(&self.sk), black_box(m), &[], None);
        black_box(&r);
    }
}

struct SigVerify {
    sig: &'static dyn DynSignature,
    vk: Vec<u8>,
    messages: Vec<Vec<u8>>,
    signatures: Vec<Vec<u8>>,
    next: usize,
}

impl Subject for SigVerify {
    #[inline(never)]
    fn run(&mut self) {
        let i = advance(&mut self.next, self.messages.len());
        let r = self.sig.verify(
            black_box(&self.vk),
            black_box(&self.messages[i]),
            &[],
            black_box(&self.signatures[i]),
        );
        black_box(r.is_ok());
    }
}

struct SigSignParsed {
    keys: Box<dyn SignatureKeys>,
    messages: Vec<Vec<u8>>,
    signature: Vec<u8>,
    next: usize,
}

impl Subject for SigSignParsed {
    #[inline(never)]
    fn run(&mut self) {
        let m = &self.messages[advance(&mut self.next, self.messages.len())];
        let r = self.keys.sign(black_box(m), &[], None, &mut self.signature);
        black_box(r.is_ok());
        black_box(&mut self.signature);
    }
}

struct SigVerifyParsed {
    keys: Box<dyn SignatureKeys>,
    messages: Vec<Vec<u8>>,
    signatures: Vec<Vec<u8>>,
    next: usize,
}

impl Subject for SigVerifyParsed {
    #[inline(never)]
    fn run(&mut self) {
        let i = advance(&mut self.next, self.messages.len());
        let r = self.keys.verify(
            black_box(&self.messages[i]),
            &[],
            black_box(&self.signatures[i]),
        );
        black_box(r.is_ok());
    }
}

/// Builds the subject for a signature operation of `entry` going through `messages`
/// distinct messages ([`sign_messages`]); `view` is the same implementation's
/// [`ParsedSignature`], required for the parsed-key operations ([`Op::parsed_keys`]).
/// Keys and signatures are made through `entry`'s byte interface and checked
/// ([`Op::Sign`] and [`Op::Verify`]); parsed keys must verify `entry`'s signatures, and
/// `entry` must verify theirs.
///
/// # Errors
/// [`SetupError`] if `entry` is not a signature scheme, `op` not one of its operations,
/// `view` missing or of another algorithm, or a self-check fails.
pub fn build_signature(
    entry: Entry,
    view: Option<&'static dyn ParsedSignature>,
    op: Op,
    messages: usize,
) -> Result<Box<dyn Subject>, SetupError> {
    let Entry::Signature(sig) = entry else {
        return Err(SetupError(format!(
            "{} ({}): operation {op} is not benchmarked",
            entry.info().name,
            entry.info().family
        )));
    };
    let f = SigFixture::new(sig, messages)?;
    match op {
        Op::Keygen => return Ok(Box::new(SigKeygen { sig, seed: f.seed })),
        Op::Sign => {
            return Ok(Box::new(SigSign {
                sig,
                sk: f.sk,
                messages: f.messages,
                next: 0,
            }));
        }
        Op::Verify => {
            return Ok(Box::new(SigVerify {
                sig,
                vk: f.vk,
                messages: f.messages,
                signatures: f.signatures,
                next: 0,
            }));
        }
        Op::SignParsed | Op::VerifyParsed => {}
        _ => {
            return Err(SetupError(format!(
                "{} ({}): operation {op} is not benchmarked",
                sig.info().name,
                sig.info().family
            )));
        }
    }
    let view = view.ok_or_else(|| SetupError("no parsed-key view".into()))?;
    if view.info().name != sig.info().name {
        return Err(SetupError(format!(
            "parsed-key view is {}, not {}",
            view.info().name,
            sig.info().name
        )));
    }
    let keys = view.parse(&f.vk, &f.sk).map_err(setup("parsing keys"))?;
    let mut signature = vec![0u8; keys.signature_len()];
    for (m, s) in f.messages.iter().zip(&f.signatures) {
        keys.verify(m, &[], s)
            .map_err(setup("parsed key rejects a signature"))?;
    }
    keys.sign(&f.messages[0], &[], None, &mut signature)
        .map_err(setup("sign on parsed keys"))?;
    sig.verify(&f.vk, &f.messages[0], &[], &signature)
        .map_err(setup("a signature from the parsed key does not verify"))?;
    Ok(if op == Op::SignParsed {
        Box::new(SigSignParsed {
            keys,
            messages: f.messages,
            signature,
            next: 0,
        })
    } else {
        Box::new(SigVerifyParsed {
            keys,
            messages: f.messages,
            signatures: f.signatures,
            next: 0,
        })
    })
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
        (Entry::Signature(_), Op::Keygen | Op::Sign | Op::Verify) => {
            build_signature(entry, None, op, SIGN_MESSAGES)
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
            let ops = Op::for_family(e.info().family).expect("every family is benchmarked");
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

    fn signature(entry: Entry) -> &'static dyn DynSignature {
        match entry {
            Entry::Signature(s) => s,
            _ => panic!("not a signature scheme"),
        }
    }

    /// Builds every signature subject of Mamori and each peer, runs them, and checks what
    /// the timed subjects compute: the parsed-key signing subject's signatures verify
    /// through the byte interface, message after message.
    #[test]
    fn signature_subjects_for_mamori_and_peers() {
        let mut checked = 0;
        for e in registry::all()
            .iter()
            .filter(|e| e.info().family == Family::Signature)
        {
            let name = e.info().name;
            let mut impls = vec![(MAMORI, *e)];
            impls.extend(crate::peers::of(name).map(|p| (p.impl_name, p.entry)));
            for (impl_name, entry) in impls {
                let view = crate::peers::parsed_signature(impl_name, name).unwrap();
                let mut ops = Op::for_family(Family::Signature).unwrap().to_vec();
                ops.extend_from_slice(Op::parsed_for_family(Family::Signature));
                assert_eq!(ops.len(), 5);
                for op in ops {
                    assert!(!op.per_byte(), "{op}");
                    let mut s = build_signature(entry, Some(view), op, 3)
                        .unwrap_or_else(|e| panic!("{name} {impl_name} {op}: {e}"));
                    s.run();
                    s.run();
                }
                let f = SigFixture::new(signature(entry), 3).unwrap();
                assert_eq!(f.seed.len(), 32);
                let mut s = SigSignParsed {
                    keys: view.parse(&f.vk, &f.sk).unwrap(),
                    messages: f.messages.clone(),
                    signature: vec![0; f.signatures[0].len()],
                    next: 0,
                };
                for i in [0, 1, 2, 0] {
                    s.run();
                    signature(entry)
                        .verify(&f.vk, &f.messages[i], &[], &s.signature)
                        .unwrap_or_else(|e| panic!("{name} {impl_name}: {e}"));
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 3 * 5);
    }

    /// The signature wiring does not depend on Mamori's ML-DSA: a peer stands in as the
    /// "Mamori" entry; a view of another parameter set, a missing view and a KEM are refused.
    #[test]
    fn signature_subjects_build_from_a_peer_alone() {
        use crate::peers::ml_dsa::{mldsa44, mldsa65};
        use mamori_kat::dynamic::Dispatch;
        let entry = Entry::Signature(&Dispatch::<mldsa65::RustCrypto>::NEW);
        let view: &'static dyn ParsedSignature = &Dispatch::<mldsa65::Libcrux>::NEW;
        build_signature(entry, Some(view), Op::SignParsed, 2)
            .unwrap()
            .run();
        let other: &'static dyn ParsedSignature = &Dispatch::<mldsa44::Libcrux>::NEW;
        let err = build_signature(entry, Some(other), Op::VerifyParsed, 2)
            .err()
            .unwrap();
        assert!(err.to_string().contains("view is ml-dsa-44"), "{err}");
        let err = build_signature(entry, None, Op::SignParsed, 2)
            .err()
            .unwrap();
        assert!(err.to_string().contains("no parsed-key view"), "{err}");
        let err = build_signature(entry, Some(view), Op::Decaps, 2)
            .err()
            .unwrap();
        assert!(err.to_string().contains("not benchmarked"), "{err}");
        let kem = registry::find("ml-kem-512").unwrap();
        assert!(build_signature(kem, None, Op::Keygen, 2).is_err());
        assert!(build(entry, Op::SignParsed, 0).is_err());
        assert_eq!(sign_messages(3).len(), 3);
        assert_ne!(sign_messages(2)[0], sign_messages(2)[1]);
    }

    #[test]
    fn op_names() {
        for op in [
            Op::Keygen,
            Op::EncapsParsed,
            Op::DecapsParsed,
            Op::SignParsed,
            Op::VerifyParsed,
        ] {
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
