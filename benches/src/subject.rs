//! What the engine times: one [`Subject`] per (implementation, operation, size), built from
//! a registry [`Entry`] (Mamori's or a peer's) with every buffer allocated up front.

use core::fmt;
use core::hint::black_box;
use mamori_kat::dynamic::KeyedAead;
use mamori_kat::registry::Entry;
use mamori_primitives::Family;
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
    /// KEM key generation (per op).
    Keygen,
    /// KEM encapsulation (per op).
    Encaps,
    /// KEM decapsulation (per op).
    Decaps,
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

    /// The operations benchmarked for a family, or `None` if the family is not benchmarked
    /// yet. KEMs and signatures are measured per op; wiring them in means adding their
    /// subjects to [`build`].
    #[must_use]
    pub fn for_family(family: Family) -> Option<&'static [Op]> {
        match family {
            Family::Aead => Some(&[Op::Seal, Op::Open]),
            Family::Hash => Some(&[Op::Hash]),
            Family::Xof => Some(&[Op::Xof]),
            _ => None,
        }
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
        _ => Err(SetupError(format!(
            "{} ({}): operation {op} is not benchmarked",
            entry.info().name,
            entry.info().family
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_kat::registry;

    #[test]
    fn every_registry_op_builds_and_runs() {
        for e in registry::all() {
            let ops = Op::for_family(e.info().family).expect("Ascon families are benchmarked");
            for &op in ops {
                for size in [0, 1, 16, 17, 100] {
                    let mut s = build(*e, op, size).unwrap();
                    s.run();
                    s.run();
                }
            }
        }
    }

    #[test]
    fn wrong_op_is_an_error() {
        let e = registry::find("ascon-hash256").unwrap();
        let err = build(e, Op::Seal, 16).err().unwrap();
        assert!(err.to_string().contains("not benchmarked"), "{err}");
    }
}
