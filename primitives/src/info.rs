//! Metadata every algorithm carries: name, family, standard, security, sizes, CRYPTREC
//! status, and the backend that runs on this CPU.

use core::fmt;

/// What kind of primitive an algorithm is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Family {
    /// Authenticated encryption with associated data.
    Aead,
    /// Fixed-output hash function.
    Hash,
    /// Extendable-output function (optionally customizable).
    Xof,
    /// Key-encapsulation mechanism.
    Kem,
    /// Digital signature scheme.
    Signature,
    /// Block cipher.
    BlockCipher,
    /// Stream cipher.
    StreamCipher,
}

impl Family {
    /// Short lower-case name, e.g. `"aead"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Family::Aead => "aead",
            Family::Hash => "hash",
            Family::Xof => "xof",
            Family::Kem => "kem",
            Family::Signature => "signature",
            Family::BlockCipher => "block-cipher",
            Family::StreamCipher => "stream-cipher",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The document (and the part of it) an implementation follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Standard {
    /// Document, e.g. `"NIST SP 800-232"`.
    pub document: &'static str,
    /// Section or algorithm within it, e.g. `"§4 Ascon-AEAD128"`.
    pub section: &'static str,
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.document, self.section)
    }
}

/// Claimed security strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Security {
    /// Classical security strength in bits, as the standard claims it.
    pub classical_bits: u16,
    /// NIST post-quantum security category (1..=5), for post-quantum schemes only.
    pub pq_category: Option<u8>,
}

impl fmt::Display for Security {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-bit", self.classical_bits)?;
        if let Some(c) = self.pq_category {
            write!(f, " (NIST category {c})")?;
        }
        Ok(())
    }
}

/// Where an algorithm stands in Japan's CRYPTREC lists (see `CRYPTREC.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cryptrec {
    /// e-Government Recommended Ciphers List.
    Recommended,
    /// Candidate Recommended Ciphers List.
    Candidate,
    /// Monitored Ciphers List.
    Monitored,
    /// Covered by the CRYPTREC Lightweight Cryptography Guideline (no list status).
    LightweightGuideline,
    /// Not on any CRYPTREC list.
    NotListed,
}

impl Cryptrec {
    /// Short human-readable form.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Cryptrec::Recommended => "e-Government Recommended",
            Cryptrec::Candidate => "Candidate Recommended",
            Cryptrec::Monitored => "Monitored",
            Cryptrec::LightweightGuideline => "Lightweight Guideline",
            Cryptrec::NotListed => "not listed",
        }
    }
}

impl fmt::Display for Cryptrec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An implementation strategy. Which one runs is decided once (at key setup, or on first
/// use for keyless primitives) from the CPU's features.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Backend {
    /// Portable, constant-time Rust with no `unsafe`. Always available.
    Portable,
    /// Portable, constant-time Rust with bit-interleaved 32-bit lanes: the portable choice
    /// on 32-bit CPUs (e.g. Cortex-M), where 64-bit rotations are expensive.
    PortableBi32,
    /// x86-64 AES-NI on 128-bit registers.
    AesNi,
    /// x86-64 VAES on 256-bit registers.
    Vaes256,
    /// x86-64 VAES on 512-bit registers (AVX-512).
    Vaes512,
    /// x86-64 AVX2.
    Avx2,
    /// x86-64 AVX-512.
    Avx512,
}

impl Backend {
    /// Lower-case name used in benchmark ids and reports, e.g. `"portable"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Backend::Portable => "portable",
            Backend::PortableBi32 => "portable-bi32",
            Backend::AesNi => "aesni",
            Backend::Vaes256 => "vaes256",
            Backend::Vaes512 => "vaes512",
            Backend::Avx2 => "avx2",
            Backend::Avx512 => "avx512",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A named size, e.g. `("key", 16)`.
pub type Size = (&'static str, usize);

/// Static description of an algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AlgorithmInfo {
    /// Canonical lower-case name, e.g. `"ascon-aead128"`. Unique across Mamori.
    pub name: &'static str,
    /// Other spellings that vector files use (matched case- and punctuation-insensitively).
    pub aliases: &'static [&'static str],
    /// The kind of primitive.
    pub family: Family,
    /// The standard and section followed.
    pub standard: Standard,
    /// Claimed security strength.
    pub security: Security,
    /// Fixed sizes in bytes, in display order.
    pub sizes: &'static [Size],
    /// CRYPTREC status.
    pub cryptrec: Cryptrec,
}

impl AlgorithmInfo {
    /// True if `name` is this algorithm's canonical name or an alias, ignoring case and the
    /// characters `-`, `_`, ` ` and `.` (so `Ascon-AEAD128`, `ASCON_AEAD128` and
    /// `asconaead128` all match).
    #[must_use]
    pub fn matches(&self, name: &str) -> bool {
        core::iter::once(&self.name)
            .chain(self.aliases)
            .any(|n| normalized_eq(n, name))
    }

    /// The size with the given label, if the algorithm has one.
    #[must_use]
    pub fn size(&self, label: &str) -> Option<usize> {
        self.sizes
            .iter()
            .find(|(l, _)| *l == label)
            .map(|&(_, n)| n)
    }
}

fn normalized_eq(a: &str, b: &str) -> bool {
    fn significant(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes()
            .filter(|c| !matches!(c, b'-' | b'_' | b' ' | b'.'))
            .map(|c| c.to_ascii_lowercase())
    }
    significant(a).eq(significant(b))
}

/// Implemented by every Mamori algorithm type.
pub trait Algorithm {
    /// Static metadata.
    const INFO: AlgorithmInfo;

    /// The backend this CPU would run. Instances may record the choice they made at setup;
    /// it is the same as this.
    fn backend() -> Backend {
        Backend::Portable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_matching() {
        assert!(normalized_eq("Ascon-AEAD128", "asconaead128"));
        assert!(normalized_eq("ML_KEM 768", "ml-kem-768"));
        assert!(!normalized_eq("ascon-aead128", "ascon-aead"));
        assert!(!normalized_eq("ascon", "asconx"));
    }
}
