//! SHA3-256, SHA3-384, SHA3-512 (FIPS 202 §6.1) and SHAKE128, SHAKE256 (§6.2).

use super::permutation::Sponge;
use crate::{
    Algorithm, AlgorithmInfo, Backend, Cryptrec, Family, Hash, Security, Standard, Xof, XofReader,
};
use zeroize::ZeroizeOnDrop;

/// SHA-3 domain separation `01` followed by the first bit of pad10*1 (FIPS 202 §6.1).
const SHA3_DS: u8 = 0x06;
/// SHAKE domain separation `1111` followed by the first bit of pad10*1 (FIPS 202 §6.2).
const SHAKE_DS: u8 = 0x1f;

/// Metadata of a FIPS 202 function.
const fn info(
    name: &'static str,
    aliases: &'static [&'static str],
    family: Family,
    section: &'static str,
    classical_bits: u16,
    sizes: &'static [(&'static str, usize)],
) -> AlgorithmInfo {
    AlgorithmInfo {
        name,
        aliases,
        family,
        standard: Standard {
            document: "NIST FIPS 202",
            section,
        },
        security: Security {
            classical_bits,
            pq_category: None,
        },
        sizes,
        // SHA3-256/384/512 and SHAKE128/256 are on the e-Government Recommended Ciphers
        // List since 2023 (CRYPTREC.md).
        cryptrec: Cryptrec::Recommended,
    }
}

/// What the hash and XOF types share: the sponge newtype, `Debug` without state,
/// zeroize-on-drop, metadata, `new`/`update` and `digest::Update`.
macro_rules! sponge_type {
    ($ty:ident, $rate:literal, $info:expr, $doc:expr, $new_doc:literal) => {
        #[doc = $doc]
        #[derive(Clone, Default)]
        pub struct $ty(Sponge<$rate>);

        impl ZeroizeOnDrop for $ty {}

        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($ty)).finish_non_exhaustive()
            }
        }

        impl Algorithm for $ty {
            const INFO: AlgorithmInfo = $info;

            fn backend() -> Backend {
                Backend::Portable
            }
        }

        /// Inherent API (as Mamori's and the `digest` traits, never ambiguous when both
        /// are in scope).
        impl $ty {
            #[doc = $new_doc]
            #[must_use]
            pub fn new() -> Self {
                Self::default()
            }

            /// Absorbs `data`.
            pub fn update(&mut self, data: &[u8]) {
                self.0.absorb(data);
            }
        }

        impl digest::HashMarker for $ty {}

        impl digest::Update for $ty {
            fn update(&mut self, data: &[u8]) {
                self.0.absorb(data);
            }
        }
    };
}

/// A SHA-3 hash: `$rate`-byte rate, `$out`-byte digest.
macro_rules! sha3_hash {
    ($ty:ident, $rate:literal, $out:literal, $info:expr, $u:ident) => {
        sponge_type!(
            $ty,
            $rate,
            $info,
            concat!(
                "FIPS 202 ",
                stringify!($ty),
                ": ",
                stringify!($out),
                "-byte digest, ",
                stringify!($rate),
                "-byte rate."
            ),
            "A fresh hasher."
        );

        impl $ty {
            /// Finishes and returns the digest.
            #[must_use]
            pub fn finalize(mut self) -> [u8; $out] {
                self.0.finish(SHA3_DS);
                let mut out = [0u8; $out];
                self.0.squeeze(&mut out);
                out
            }

            /// One-shot digest of `data`.
            #[must_use]
            pub fn digest(data: &[u8]) -> [u8; $out] {
                let mut h = Self::new();
                h.update(data);
                h.finalize()
            }
        }

        impl Hash for $ty {
            const OUTPUT_LEN: usize = $out;
            type Output = [u8; $out];

            fn update(&mut self, data: &[u8]) {
                self.update(data);
            }

            fn finalize(self) -> [u8; $out] {
                self.finalize()
            }
        }

        impl digest::OutputSizeUser for $ty {
            type OutputSize = digest::consts::$u;
        }

        impl digest::FixedOutput for $ty {
            fn finalize_into(self, out: &mut digest::Output<Self>) {
                out.copy_from_slice(&$ty::finalize(self));
            }
        }
    };
}

sha3_hash!(
    Sha3_256,
    136,
    32,
    info(
        "sha3-256",
        &["SHA3-256", "Sha3_256", "sha3_256"],
        Family::Hash,
        "§6.1 SHA3-256",
        128,
        &[("digest", 32), ("rate", 136)]
    ),
    U32
);
sha3_hash!(
    Sha3_384,
    104,
    48,
    info(
        "sha3-384",
        &["SHA3-384", "Sha3_384", "sha3_384"],
        Family::Hash,
        "§6.1 SHA3-384",
        192,
        &[("digest", 48), ("rate", 104)]
    ),
    U48
);
sha3_hash!(
    Sha3_512,
    72,
    64,
    info(
        "sha3-512",
        &["SHA3-512", "Sha3_512", "sha3_512"],
        Family::Hash,
        "§6.1 SHA3-512",
        256,
        &[("digest", 64), ("rate", 72)]
    ),
    U64
);

/// Reader of SHAKE output (`RATE`: 168 for SHAKE128, 136 for SHAKE256).
#[derive(Clone)]
pub struct ShakeReader<const RATE: usize>(Sponge<RATE>);

impl<const RATE: usize> ShakeReader<RATE> {
    /// Fills `out` with the next output bytes.
    pub fn read(&mut self, out: &mut [u8]) {
        self.0.squeeze(out);
    }
}

impl<const RATE: usize> XofReader for ShakeReader<RATE> {
    fn read(&mut self, out: &mut [u8]) {
        self.0.squeeze(out);
    }
}

impl<const RATE: usize> digest::XofReader for ShakeReader<RATE> {
    fn read(&mut self, buffer: &mut [u8]) {
        self.0.squeeze(buffer);
    }
}

impl<const RATE: usize> ZeroizeOnDrop for ShakeReader<RATE> {}

impl<const RATE: usize> core::fmt::Debug for ShakeReader<RATE> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ShakeReader").finish_non_exhaustive()
    }
}

/// A SHAKE XOF with a `$rate`-byte rate.
macro_rules! shake {
    ($ty:ident, $rate:literal, $info:expr) => {
        sponge_type!(
            $ty,
            $rate,
            $info,
            concat!(
                "FIPS 202 ",
                stringify!($ty),
                ": arbitrary-length output, ",
                stringify!($rate),
                "-byte rate."
            ),
            "A fresh instance."
        );

        impl $ty {
            /// Finishes absorbing; the reader squeezes any amount of output.
            #[must_use]
            pub fn finalize_xof(mut self) -> ShakeReader<$rate> {
                self.0.finish(SHAKE_DS);
                ShakeReader(core::mem::take(&mut self.0))
            }
        }

        impl Xof for $ty {
            const MAX_CUSTOMIZATION_LEN: usize = 0;
            type Reader = ShakeReader<$rate>;

            fn new() -> Self {
                Self::default()
            }

            fn update(&mut self, data: &[u8]) {
                self.update(data);
            }

            fn finalize_xof(self) -> ShakeReader<$rate> {
                self.finalize_xof()
            }
        }

        impl digest::ExtendableOutput for $ty {
            type Reader = ShakeReader<$rate>;

            fn finalize_xof(self) -> ShakeReader<$rate> {
                $ty::finalize_xof(self)
            }
        }
    };
}

shake!(
    Shake128,
    168,
    info(
        "shake128",
        &["SHAKE128", "Shake128"],
        Family::Xof,
        "§6.2 SHAKE128",
        128,
        &[("rate", 168)]
    )
);
shake!(
    Shake256,
    136,
    info(
        "shake256",
        &["SHAKE256", "Shake256"],
        Family::Xof,
        "§6.2 SHAKE256",
        256,
        &[("rate", 136)]
    )
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_equals_one_shot() {
        let data: [u8; 400] = core::array::from_fn(|i| (i * 7) as u8);
        for split in [0, 1, 71, 72, 73, 135, 136, 137, 168, 300, 400] {
            let mut h = Sha3_256::new();
            h.update(&data[..split]);
            h.update(&data[split..]);
            assert_eq!(h.finalize(), Sha3_256::digest(&data), "split {split}");

            let mut one = [0u8; 400];
            Shake128::xof(&data, &mut one);
            for read_split in [0, 1, 167, 168, 169, 400] {
                let mut x = Shake128::new();
                x.update(&data[..split]);
                x.update(&data[split..]);
                let mut r = x.finalize_xof();
                let mut out = [0u8; 400];
                let (a, b) = out.split_at_mut(read_split);
                r.read(a);
                r.read(b);
                assert_eq!(out, one, "split {split} read split {read_split}");
            }
        }
    }

    #[test]
    fn shake_rejects_customization() {
        assert!(Shake256::new_customized(b"x").is_err());
        assert!(Shake256::new_customized(b"").is_ok());
    }
}
