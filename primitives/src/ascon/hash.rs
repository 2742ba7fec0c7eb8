//! Ascon-Hash256, Ascon-XOF128 and Ascon-CXOF128 (NIST SP 800-232 §5).
//!
//! All three are the same sponge with a 64-bit rate and Ascon-p\[12\], differing only in
//! the initial value (Table 12) and in how much output is squeezed; CXOF128 first absorbs the
//! bit length of its customization string and then the string itself.

use super::lanes::{self, Lanes};
use super::permutation::{State, load_partial, p12, pad};
use crate::{
    Algorithm, AlgorithmInfo, Backend, Cryptrec, Family, Hash, InputError, Param, Security,
    Standard, Xof, XofReader,
};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Rate in bytes.
const RATE: usize = 8;

/// Initial state `p12(IV || 0^256)`, computed at compile time.
const fn initial_state(iv: u64) -> State {
    let mut s = [iv, 0, 0, 0, 0];
    p12(&mut s);
    s
}

/// SP 800-232 Table 12 IVs (Ascon-Hash256, Ascon-XOF128, Ascon-CXOF128).
const HASH256_INIT: State = initial_state(0x0000_0801_00cc_0002);
const XOF128_INIT: State = initial_state(0x0000_0800_00cc_0003);
const CXOF128_INIT: State = initial_state(0x0000_0800_00cc_0004);

/// Longest Ascon-CXOF128 customization string: 2048 bits (§5.3).
pub const CXOF128_MAX_CUSTOMIZATION_LEN: usize = 256;

/// The absorbing half of the sponge: state plus a partial block.
#[derive(Clone)]
struct Absorb {
    state: lanes::Selected,
    buf: [u8; RATE],
    buf_len: usize,
}

impl Absorb {
    #[inline(always)]
    fn new(state: State) -> Self {
        Self {
            state: lanes::Selected::from_words(state),
            buf: [0; RATE],
            buf_len: 0,
        }
    }

    #[inline]
    fn update(&mut self, mut data: &[u8]) {
        if self.buf_len > 0 {
            let take = (RATE - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&data[..take]);
            self.buf_len += take;
            data = &data[take..];
            if self.buf_len < RATE {
                return;
            }
            self.state.xor_word(0, u64::from_le_bytes(self.buf));
            self.state.p12();
            self.buf_len = 0;
        }
        let (blocks, rest) = data.as_chunks::<RATE>();
        let mut s = self.state;
        for block in blocks {
            s.xor_word(0, u64::from_le_bytes(*block));
            s.p12();
        }
        self.state = s;
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buf_len = rest.len();
    }

    /// Pads the last (possibly empty) block and permutes: the state is ready to squeeze.
    #[inline]
    fn finish(&mut self) -> lanes::Selected {
        self.state.xor_word(
            0,
            load_partial(&self.buf[..self.buf_len]) ^ pad(self.buf_len),
        );
        self.state.p12();
        let s = self.state;
        self.zeroize();
        s
    }
}

impl Zeroize for Absorb {
    fn zeroize(&mut self) {
        self.state.wipe();
        self.buf.zeroize();
        self.buf_len = 0;
    }
}

impl Drop for Absorb {
    fn drop(&mut self) {
        self.zeroize();
    }
}

/// Squeezes `out.len()` bytes from a finished state (§5.1, Algorithm 5, steps 11-16).
///
/// Invariant: `state[0]` is the current output word, of which `offset` (0..=8) bytes were
/// already read. The permutation runs lazily, only when another word is needed, so no
/// permutation is wasted after the last output byte.
#[inline]
fn squeeze(state: &mut lanes::Selected, offset: &mut usize, mut out: &mut [u8]) {
    while !out.is_empty() {
        if *offset == RATE {
            state.p12();
            *offset = 0;
        }
        let word = state.word(0).to_le_bytes();
        let take = (RATE - *offset).min(out.len());
        out[..take].copy_from_slice(&word[*offset..*offset + take]);
        *offset += take;
        out = &mut out[take..];
    }
}

/// Ascon-Hash256 (SP 800-232 §5.1): 256-bit digest, 128-bit security.
#[derive(Clone)]
pub struct AsconHash256(Absorb);

impl Default for AsconHash256 {
    fn default() -> Self {
        Self(Absorb::new(HASH256_INIT))
    }
}

impl ZeroizeOnDrop for AsconHash256 {}

impl core::fmt::Debug for AsconHash256 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AsconHash256").finish_non_exhaustive()
    }
}

impl Algorithm for AsconHash256 {
    const INFO: AlgorithmInfo = AlgorithmInfo {
        name: "ascon-hash256",
        aliases: &["Ascon-Hash256", "AsconHash256", "Ascon-Hash256-SP800-232"],
        family: Family::Hash,
        standard: Standard {
            document: "NIST SP 800-232",
            section: "§5.1 Ascon-Hash256",
        },
        security: Security {
            classical_bits: 128,
            pq_category: None,
        },
        sizes: &[("digest", 32), ("rate", RATE)],
        cryptrec: Cryptrec::NotListed,
    };

    fn backend() -> Backend {
        lanes::Selected::BACKEND
    }
}

/// Inherent API (the same operations as the [`Hash`] and `digest` traits, callable without
/// importing either, and never ambiguous when both are in scope).
impl AsconHash256 {
    /// A fresh hasher.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// Finishes and returns the 32-byte digest.
    #[must_use]
    pub fn finalize(mut self) -> [u8; 32] {
        let mut state = self.0.finish();
        let mut out = [0u8; 32];
        squeeze(&mut state, &mut 0, &mut out);
        state.wipe();
        out
    }

    /// One-shot digest of `data`.
    #[must_use]
    pub fn digest(data: &[u8]) -> [u8; 32] {
        let mut h = Self::new();
        h.update(data);
        h.finalize()
    }
}

impl Hash for AsconHash256 {
    const OUTPUT_LEN: usize = 32;
    type Output = [u8; 32];

    fn update(&mut self, data: &[u8]) {
        self.update(data);
    }

    fn finalize(self) -> [u8; 32] {
        self.finalize()
    }
}

/// Reader of Ascon-XOF128 / Ascon-CXOF128 output.
#[derive(Clone)]
pub struct AsconXofReader {
    state: lanes::Selected,
    offset: usize,
}

impl AsconXofReader {
    /// Fills `out` with the next output bytes.
    pub fn read(&mut self, out: &mut [u8]) {
        squeeze(&mut self.state, &mut self.offset, out);
    }
}

impl XofReader for AsconXofReader {
    fn read(&mut self, out: &mut [u8]) {
        self.read(out);
    }
}

impl Drop for AsconXofReader {
    fn drop(&mut self) {
        self.state.wipe();
    }
}

impl ZeroizeOnDrop for AsconXofReader {}

impl core::fmt::Debug for AsconXofReader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AsconXofReader").finish_non_exhaustive()
    }
}

/// What the two XOF types share: `Debug` without state, zeroize-on-drop, the inherent
/// `update`/`finalize_xof`, and the [`Xof`] impl (which checks the customization length
/// against `max` before `customized` runs).
macro_rules! xof_type {
    ($ty:ident, max = $max:expr, new = $new:expr, customized($z:ident) = $custom:expr) => {
        impl ZeroizeOnDrop for $ty {}

        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($ty)).finish_non_exhaustive()
            }
        }

        /// Inherent API (as the [`Xof`] and `digest` traits, never ambiguous when both are in
        /// scope).
        impl $ty {
            /// Absorbs `data`.
            pub fn update(&mut self, data: &[u8]) {
                self.0.update(data);
            }

            /// Finishes absorbing; the reader squeezes any amount of output.
            #[must_use]
            pub fn finalize_xof(mut self) -> AsconXofReader {
                AsconXofReader {
                    state: self.0.finish(),
                    offset: 0,
                }
            }
        }

        impl Xof for $ty {
            const MAX_CUSTOMIZATION_LEN: usize = $max;
            type Reader = AsconXofReader;

            fn new() -> Self {
                $new
            }

            fn new_customized($z: &[u8]) -> Result<Self, InputError> {
                InputError::check_max(Param::Customization, $max as u64, $z.len())?;
                Ok($custom)
            }

            fn update(&mut self, data: &[u8]) {
                self.update(data);
            }

            fn finalize_xof(self) -> AsconXofReader {
                self.finalize_xof()
            }
        }
    };
}

/// Ascon-XOF128 (SP 800-232 §5.2): arbitrary-length output, 128-bit security.
#[derive(Clone)]
pub struct AsconXof128(Absorb);

impl Default for AsconXof128 {
    fn default() -> Self {
        Self(Absorb::new(XOF128_INIT))
    }
}

impl Algorithm for AsconXof128 {
    const INFO: AlgorithmInfo = AlgorithmInfo {
        name: "ascon-xof128",
        aliases: &["Ascon-XOF128", "AsconXof128", "Ascon-XOF128-SP800-232"],
        family: Family::Xof,
        standard: Standard {
            document: "NIST SP 800-232",
            section: "§5.2 Ascon-XOF128",
        },
        security: Security {
            classical_bits: 128,
            pq_category: None,
        },
        sizes: &[("rate", RATE)],
        cryptrec: Cryptrec::NotListed,
    };

    fn backend() -> Backend {
        lanes::Selected::BACKEND
    }
}

xof_type!(
    AsconXof128,
    max = 0,
    new = Self::default(),
    customized(_z) = Self::default()
);

/// Ascon-CXOF128 (SP 800-232 §5.3): Ascon-XOF128 with a customization string of up to
/// 256 bytes, domain-separated from Ascon-XOF128 by its IV.
#[derive(Clone)]
pub struct AsconCxof128(Absorb);

impl Algorithm for AsconCxof128 {
    const INFO: AlgorithmInfo = AlgorithmInfo {
        name: "ascon-cxof128",
        aliases: &["Ascon-CXOF128", "AsconCxof128", "Ascon-CXOF128-SP800-232"],
        family: Family::Xof,
        standard: Standard {
            document: "NIST SP 800-232",
            section: "§5.3 Ascon-CXOF128",
        },
        security: Security {
            classical_bits: 128,
            pq_category: None,
        },
        sizes: &[
            ("rate", RATE),
            ("max customization", CXOF128_MAX_CUSTOMIZATION_LEN),
        ],
        cryptrec: Cryptrec::NotListed,
    };

    fn backend() -> Backend {
        lanes::Selected::BACKEND
    }
}

xof_type!(
    AsconCxof128,
    max = CXOF128_MAX_CUSTOMIZATION_LEN,
    new = Self::customized(&[]),
    customized(z) = Self::customized(z)
);

impl AsconCxof128 {
    /// §5.3 Algorithm 6 steps 1-7: absorb `int64(|Z|)` (bits) then the padded `Z`.
    /// The caller has checked `customization.len() <= 256`.
    fn customized(customization: &[u8]) -> Self {
        let mut a = Absorb::new(CXOF128_INIT);
        let bits = (customization.len() as u64) * 8;
        a.update(&bits.to_le_bytes());
        a.update(customization);
        let state = a.finish();
        Self(Absorb {
            state,
            buf: [0; RATE],
            buf_len: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xof_incremental<X: Xof>(x: X, data: &[u8], split: usize, out: &mut [u8], read_split: usize) {
        let mut x = x;
        x.update(&data[..split]);
        x.update(&data[split..]);
        let mut r = x.finalize_xof();
        let (a, b) = out.split_at_mut(read_split);
        r.read(a);
        r.read(b);
    }

    #[test]
    fn incremental_equals_one_shot() {
        let data: [u8; 77] = core::array::from_fn(|i| i as u8);
        let mut one = [0u8; 45];
        AsconXof128::xof(&data, &mut one);
        for split in [0, 1, 7, 8, 9, 16, 77] {
            for read_split in [0, 1, 8, 13, 45] {
                let mut out = [0u8; 45];
                xof_incremental(AsconXof128::new(), &data, split, &mut out, read_split);
                assert_eq!(out, one, "split={split} read_split={read_split}");
            }
            let mut h = AsconHash256::default();
            h.update(&data[..split]);
            h.update(&data[split..]);
            assert_eq!(h.finalize(), AsconHash256::digest(&data));
        }
    }

    #[test]
    fn cxof_customization_limits() {
        assert!(AsconCxof128::new_customized(&[0u8; 256]).is_ok());
        assert_eq!(
            AsconCxof128::new_customized(&[0u8; 257]).err(),
            Some(InputError::TooLong {
                param: Param::Customization,
                max: 256
            })
        );
        assert!(AsconXof128::new_customized(b"x").is_err());
        assert!(AsconXof128::new_customized(b"").is_ok());
    }

    #[test]
    fn cxof_is_domain_separated_from_xof() {
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        AsconXof128::xof(b"abc", &mut a);
        AsconCxof128::xof(b"abc", &mut b);
        assert_ne!(a, b);
    }
}

// ---------------------------------------------------------------------------------------
// RustCrypto `digest` 0.11 traits, so generic ecosystem code works with these types.

mod rustcrypto {
    use super::{AsconCxof128, AsconHash256, AsconXof128, AsconXofReader};
    use crate::InputError;
    use digest::{
        ExtendableOutput, FixedOutput, HashMarker, Output, OutputSizeUser, TryCustomizedInit,
        Update, consts::U32,
    };

    impl HashMarker for AsconHash256 {}
    impl HashMarker for AsconXof128 {}
    impl HashMarker for AsconCxof128 {}

    impl OutputSizeUser for AsconHash256 {
        type OutputSize = U32;
    }

    impl Update for AsconHash256 {
        fn update(&mut self, data: &[u8]) {
            self.0.update(data);
        }
    }

    impl FixedOutput for AsconHash256 {
        fn finalize_into(self, out: &mut Output<Self>) {
            out.copy_from_slice(&AsconHash256::finalize(self));
        }
    }

    impl Update for AsconXof128 {
        fn update(&mut self, data: &[u8]) {
            self.0.update(data);
        }
    }

    impl Update for AsconCxof128 {
        fn update(&mut self, data: &[u8]) {
            self.0.update(data);
        }
    }

    impl ExtendableOutput for AsconXof128 {
        type Reader = AsconXofReader;
        fn finalize_xof(self) -> AsconXofReader {
            Self::finalize_xof(self)
        }
    }

    impl ExtendableOutput for AsconCxof128 {
        type Reader = AsconXofReader;
        fn finalize_xof(self) -> AsconXofReader {
            Self::finalize_xof(self)
        }
    }

    impl digest::XofReader for AsconXofReader {
        fn read(&mut self, buffer: &mut [u8]) {
            AsconXofReader::read(self, buffer);
        }
    }

    impl TryCustomizedInit for AsconCxof128 {
        type Error = InputError;
        fn try_new_customized(customization: &[u8]) -> Result<Self, InputError> {
            crate::Xof::new_customized(customization)
        }
    }
}
