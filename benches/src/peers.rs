//! Peer implementations measured next to Mamori's.
//!
//! Each peer is wrapped in Mamori's own trait layer ([`Aead`], [`Hash`], [`Xof`],
//! [`Kem`](mamori_primitives::Kem)) and
//! registered as an [`Entry`] through the same [`Dispatch`] adaptor the registry
//! uses. The engine therefore drives a peer through exactly the same `dyn` calls, buffer
//! handling and length checks as the Mamori implementation of the same algorithm: only the
//! type behind the vtable differs, so the comparison is like for like.
//!
//! | Mamori algorithm | Peer |
//! |---|---|
//! | `ascon-aead128` | RustCrypto `ascon-aead128` |
//! | `ascon-hash256` | RustCrypto `ascon-hash` (`AsconHash256`) |
//! | `ascon-xof128` | RustCrypto `ascon-hash` (`AsconXof128`) |
//! | `ascon-cxof128` | none: no RustCrypto Ascon-CXOF128 builds in this workspace |
//! | `rocca-s` | `rocca` 0.3 (Frank Denis; AES-NI only if built with `+aes`, which `.cargo/config.toml` sets); reference points, other algorithms: libaegis AEGIS-256X4, `hiae` 0.3 (HiAE), `ring` 0.17 AES-256-GCM, RustCrypto `chacha20poly1305` 0.11 |
//! | `aegis-256`, `aegis-256-t256` | libaegis through the `aegis` 0.9 crate (C, runtime dispatch); reference: libaegis AEGIS-256X4 |
//! | `sha3-256`, `sha3-384`, `sha3-512` | RustCrypto `sha3` 0.12 |
//! | `shake128`, `shake256` | RustCrypto `shake` 0.1 |
//! | `ml-dsa-44`, `ml-dsa-65`, `ml-dsa-87` | `aws-lc-rs` 1.19 (AWS-LC, C; hedged signing only), `libcrux-ml-dsa` 0.0.11 (Cryspen; AVX2 chosen at run time), `pqcrypto-mldsa` 0.1.2 (PQClean: C, AVX2 chosen at run time; randomized API only), RustCrypto `ml-dsa` 0.1.2; details in [`ml_dsa`] |
//! | `ml-kem-512`, `ml-kem-768`, `ml-kem-1024` | `libcrux-ml-kem` 0.0.11 (Cryspen; AVX2 chosen at run time, and its portable instantiation as a second row), RustCrypto `ml-kem` 0.3.4, `aws-lc-rs` 1.19 (AWS-LC, mlkem-native: C and AVX2 assembly), `pqcrypto-mlkem` 0.1.1 (PQClean: C, AVX2 chosen at run time); details in [`ml_kem`] |
//!
//! A reference point is a *different* AEAD measured on the same inputs: its ratio says how
//! much faster Mamori's algorithm is than that AEAD, not than another implementation.
//! KEM rows marked `[own RNG]` are peers without seeded key generation or deterministic
//! encapsulation: their `keygen` and `encaps` draw from their own RNG (its cost included).
//! The KEM `*-parsed` rows use the views in [`parsed_kem`], Mamori's included; the signature
//! ones those in [`parsed_signature`]. Signature rows marked `[hedged]` sign with fresh
//! randomness of their own instead of deterministically (`[own RNG]`: key generation too).
//! The split `ascon-hash256` / `ascon-xof128` crates cannot be used: they need `ascon`
//! 0.5.0, which conflicts with the `=0.5.0-rc.0` pin `ascon-aead128` 0.1.1 requires.

use crate::kem::ParsedKem;
use crate::results::MAMORI;
use crate::signature::{MamoriExpanded, ParsedSignature};
use ascon_aead128::aead::{AeadInOut, KeyInit};
use ascon_hash::{ExtendableOutput, Update, XofReader as _};
use mamori_kat::dynamic::Dispatch;
use mamori_kat::registry::Entry;
use mamori_primitives::{
    Aead, Algorithm, AlgorithmInfo, CryptoError, Error, Hash, InputError, Param, Xof, XofReader,
};

/// Version of the RustCrypto `ascon-aead128` crate in `Cargo.lock` (checked by a test).
pub const ASCON_AEAD128_VERSION: &str = "0.1.1";
/// Version of the RustCrypto `ascon-hash` crate in `Cargo.lock` (checked by a test).
pub const ASCON_HASH_VERSION: &str = "0.4.0";

/// A peer implementation of a Mamori algorithm.
#[derive(Clone, Copy, Debug)]
pub struct Peer {
    /// Implementation name as reported: crate name and version, e.g. `"ascon-aead128 0.1.1"`.
    pub impl_name: &'static str,
    /// The peer behind Mamori's dynamic view (its metadata is the Mamori algorithm's).
    pub entry: Entry,
}

static PEERS: &[Peer] = &[
    Peer {
        impl_name: "ascon-aead128 0.1.1",
        entry: Entry::Aead(&Dispatch::<RustCryptoAsconAead128>::NEW),
    },
    Peer {
        impl_name: "ascon-hash 0.4.0",
        entry: Entry::Hash(&Dispatch::<RustCryptoAsconHash256>::NEW),
    },
    Peer {
        impl_name: "ascon-hash 0.4.0",
        entry: Entry::Xof(&Dispatch::<RustCryptoAsconXof128>::NEW),
    },
    Peer {
        impl_name: "sha3 0.12.0",
        entry: Entry::Hash(&Dispatch::<sha3::DigestPeer<::sha3::Sha3_256, mk::Sha3_256, 32>>::NEW),
    },
    Peer {
        impl_name: "sha3 0.12.0",
        entry: Entry::Hash(&Dispatch::<sha3::DigestPeer<::sha3::Sha3_384, mk::Sha3_384, 48>>::NEW),
    },
    Peer {
        impl_name: "sha3 0.12.0",
        entry: Entry::Hash(&Dispatch::<sha3::DigestPeer<::sha3::Sha3_512, mk::Sha3_512, 64>>::NEW),
    },
    Peer {
        impl_name: "shake 0.1.0",
        entry: Entry::Xof(&Dispatch::<sha3::XofPeer<::shake::Shake128, mk::Shake128>>::NEW),
    },
    Peer {
        impl_name: "shake 0.1.0",
        entry: Entry::Xof(&Dispatch::<sha3::XofPeer<::shake::Shake256, mk::Shake256>>::NEW),
    },
    Peer {
        impl_name: ROCCA_NAME,
        entry: Entry::Aead(&Dispatch::<aes_family::RoccaCrate>::NEW),
    },
    Peer {
        impl_name: "libaegis (aegis 0.9) AEGIS-256X4 [other algorithm]",
        entry: Entry::Aead(&Dispatch::<aes_family::Aegis256X4Ref<mamori_aead::RoccaS>>::NEW),
    },
    Peer {
        impl_name: "hiae 0.3 HiAE [other algorithm]",
        entry: Entry::Aead(&Dispatch::<aes_family::HiaeRef>::NEW),
    },
    Peer {
        impl_name: "ring 0.17 AES-256-GCM [other algorithm]",
        entry: Entry::Aead(&Dispatch::<aes_family::RingAes256Gcm>::NEW),
    },
    Peer {
        impl_name: "chacha20poly1305 0.11 [other algorithm]",
        entry: Entry::Aead(&Dispatch::<aes_family::ChaCha20Poly1305Ref>::NEW),
    },
    Peer {
        impl_name: "mamori batch x2 [2 messages of size/2]",
        entry: Entry::Aead(&Dispatch::<aes_family::MamoriBatch<RoccaSCore, 2>>::NEW),
    },
    Peer {
        impl_name: "mamori batch x4 [4 messages of size/4]",
        entry: Entry::Aead(&Dispatch::<aes_family::MamoriBatch<RoccaSCore, 4>>::NEW),
    },
    Peer {
        impl_name: "libaegis (aegis 0.9)",
        entry: Entry::Aead(&Dispatch::<aes_family::LibAegis256<16>>::NEW),
    },
    Peer {
        impl_name: "mamori batch x2 [2 messages of size/2]",
        entry: Entry::Aead(&Dispatch::<aes_family::MamoriBatch<Aegis256Core<16>, 2>>::NEW),
    },
    Peer {
        impl_name: "mamori batch x4 [4 messages of size/4]",
        entry: Entry::Aead(&Dispatch::<aes_family::MamoriBatch<Aegis256Core<16>, 4>>::NEW),
    },
    Peer {
        impl_name: "libaegis (aegis 0.9) AEGIS-256X4 [other algorithm]",
        entry: Entry::Aead(&Dispatch::<aes_family::Aegis256X4Ref<mamori_aead::Aegis256>>::NEW),
    },
    Peer {
        impl_name: "libaegis (aegis 0.9)",
        entry: Entry::Aead(&Dispatch::<aes_family::LibAegis256<32>>::NEW),
    },
    Peer {
        impl_name: LIBCRUX,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem512::Libcrux>::NEW),
    },
    Peer {
        impl_name: LIBCRUX_PORTABLE,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem512::LibcruxPortable>::NEW),
    },
    Peer {
        impl_name: RUSTCRYPTO_ML_KEM,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem512::RustCrypto>::NEW),
    },
    Peer {
        impl_name: AWS_LC,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem512::AwsLc>::NEW),
    },
    Peer {
        impl_name: PQCLEAN,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem512::PqClean>::NEW),
    },
    Peer {
        impl_name: LIBCRUX,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem768::Libcrux>::NEW),
    },
    Peer {
        impl_name: LIBCRUX_PORTABLE,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem768::LibcruxPortable>::NEW),
    },
    Peer {
        impl_name: RUSTCRYPTO_ML_KEM,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem768::RustCrypto>::NEW),
    },
    Peer {
        impl_name: AWS_LC,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem768::AwsLc>::NEW),
    },
    Peer {
        impl_name: PQCLEAN,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem768::PqClean>::NEW),
    },
    Peer {
        impl_name: LIBCRUX,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem1024::Libcrux>::NEW),
    },
    Peer {
        impl_name: LIBCRUX_PORTABLE,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem1024::LibcruxPortable>::NEW),
    },
    Peer {
        impl_name: RUSTCRYPTO_ML_KEM,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem1024::RustCrypto>::NEW),
    },
    Peer {
        impl_name: AWS_LC,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem1024::AwsLc>::NEW),
    },
    Peer {
        impl_name: PQCLEAN,
        entry: Entry::Kem(&Dispatch::<ml_kem::mlkem1024::PqClean>::NEW),
    },
    Peer {
        impl_name: LIBCRUX_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa44::Libcrux>::NEW),
    },
    Peer {
        impl_name: RUSTCRYPTO_ML_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa44::RustCrypto>::NEW),
    },
    Peer {
        impl_name: AWS_LC_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa44::AwsLc>::NEW),
    },
    Peer {
        impl_name: PQCLEAN_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa44::PqClean>::NEW),
    },
    Peer {
        impl_name: LIBCRUX_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa65::Libcrux>::NEW),
    },
    Peer {
        impl_name: RUSTCRYPTO_ML_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa65::RustCrypto>::NEW),
    },
    Peer {
        impl_name: AWS_LC_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa65::AwsLc>::NEW),
    },
    Peer {
        impl_name: PQCLEAN_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa65::PqClean>::NEW),
    },
    Peer {
        impl_name: LIBCRUX_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa87::Libcrux>::NEW),
    },
    Peer {
        impl_name: RUSTCRYPTO_ML_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa87::RustCrypto>::NEW),
    },
    Peer {
        impl_name: AWS_LC_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa87::AwsLc>::NEW),
    },
    Peer {
        impl_name: PQCLEAN_DSA,
        entry: Entry::Signature(&Dispatch::<ml_dsa::mldsa87::PqClean>::NEW),
    },
];

/// Implementation names of the ML-KEM peers (crate and version as in `Cargo.lock`).
const LIBCRUX: &str = "libcrux-ml-kem 0.0.11";
const LIBCRUX_PORTABLE: &str = "libcrux-ml-kem 0.0.11 portable";
const RUSTCRYPTO_ML_KEM: &str = "ml-kem 0.3.4";
const AWS_LC: &str = "aws-lc-rs 1.19.0 [own RNG]";
const PQCLEAN: &str = "pqcrypto-mlkem 0.1.1 (PQClean) [own RNG]";

/// Implementation names of the ML-DSA peers (crate and version as in `Cargo.lock`).
const LIBCRUX_DSA: &str = "libcrux-ml-dsa 0.0.11";
const RUSTCRYPTO_ML_DSA: &str = "ml-dsa 0.1.2";
const AWS_LC_DSA: &str = "aws-lc-rs 1.19.0 [hedged]";
const PQCLEAN_DSA: &str = "pqcrypto-mldsa 0.1.2 (PQClean) [own RNG]";

/// The parsed-key view ([`ParsedSignature`]) of each signature implementation, Mamori's and
/// the peers', by implementation name (as [`PARSED_KEMS`] for KEMs).
//
// Mamori's view is its keys with the cached matrix ([`crate::signature::MamoriExpanded`]);
// `ml-dsa`'s parsed keys hold the expanded matrix and NTT-domain vectors too.
static PARSED_SIGNATURES: &[(&str, &dyn ParsedSignature)] = &[
    (MAMORI, &MamoriExpanded::<mamori_sign::MlDsa44>::NEW),
    (MAMORI, &MamoriExpanded::<mamori_sign::MlDsa65>::NEW),
    (MAMORI, &MamoriExpanded::<mamori_sign::MlDsa87>::NEW),
    (LIBCRUX_DSA, &Dispatch::<ml_dsa::mldsa44::Libcrux>::NEW),
    (LIBCRUX_DSA, &Dispatch::<ml_dsa::mldsa65::Libcrux>::NEW),
    (LIBCRUX_DSA, &Dispatch::<ml_dsa::mldsa87::Libcrux>::NEW),
    (
        RUSTCRYPTO_ML_DSA,
        &Dispatch::<ml_dsa::mldsa44::RustCrypto>::NEW,
    ),
    (
        RUSTCRYPTO_ML_DSA,
        &Dispatch::<ml_dsa::mldsa65::RustCrypto>::NEW,
    ),
    (
        RUSTCRYPTO_ML_DSA,
        &Dispatch::<ml_dsa::mldsa87::RustCrypto>::NEW,
    ),
    (AWS_LC_DSA, &Dispatch::<ml_dsa::mldsa44::AwsLc>::NEW),
    (AWS_LC_DSA, &Dispatch::<ml_dsa::mldsa65::AwsLc>::NEW),
    (AWS_LC_DSA, &Dispatch::<ml_dsa::mldsa87::AwsLc>::NEW),
    (PQCLEAN_DSA, &Dispatch::<ml_dsa::mldsa44::PqClean>::NEW),
    (PQCLEAN_DSA, &Dispatch::<ml_dsa::mldsa65::PqClean>::NEW),
    (PQCLEAN_DSA, &Dispatch::<ml_dsa::mldsa87::PqClean>::NEW),
];

/// The parsed-key view of implementation `impl_name` (`"mamori"` or a peer's name) of the
/// signature scheme named `alg`, if it has one.
#[must_use]
pub fn parsed_signature(impl_name: &str, alg: &str) -> Option<&'static dyn ParsedSignature> {
    PARSED_SIGNATURES
        .iter()
        .find(|(name, view)| *name == impl_name && view.info().name == alg)
        .map(|&(_, view)| view)
}

/// True if implementation `impl_name` of `alg` has a parsed-key view (KEM or signature).
#[must_use]
pub fn has_parsed_view(impl_name: &str, alg: &str) -> bool {
    parsed_kem(impl_name, alg).is_some() || parsed_signature(impl_name, alg).is_some()
}

/// The parsed-key view ([`ParsedKem`]) of each KEM implementation, Mamori's and the peers',
/// by implementation name: a registry entry is a `&dyn DynKem`, which cannot be turned back
/// into its type.
static PARSED_KEMS: &[(&str, &dyn ParsedKem)] = &[
    (MAMORI, &Dispatch::<mamori_kem::MlKem512>::NEW),
    (MAMORI, &Dispatch::<mamori_kem::MlKem768>::NEW),
    (MAMORI, &Dispatch::<mamori_kem::MlKem1024>::NEW),
    (
        MAMORI_PORTABLE,
        &Dispatch::<mamori_kem::Portable<mamori_kem::MlKem512>>::NEW,
    ),
    (
        MAMORI_PORTABLE,
        &Dispatch::<mamori_kem::Portable<mamori_kem::MlKem768>>::NEW,
    ),
    (
        MAMORI_PORTABLE,
        &Dispatch::<mamori_kem::Portable<mamori_kem::MlKem1024>>::NEW,
    ),
    (LIBCRUX, &Dispatch::<ml_kem::mlkem512::Libcrux>::NEW),
    (LIBCRUX, &Dispatch::<ml_kem::mlkem768::Libcrux>::NEW),
    (LIBCRUX, &Dispatch::<ml_kem::mlkem1024::Libcrux>::NEW),
    (
        LIBCRUX_PORTABLE,
        &Dispatch::<ml_kem::mlkem512::LibcruxPortable>::NEW,
    ),
    (
        LIBCRUX_PORTABLE,
        &Dispatch::<ml_kem::mlkem768::LibcruxPortable>::NEW,
    ),
    (
        LIBCRUX_PORTABLE,
        &Dispatch::<ml_kem::mlkem1024::LibcruxPortable>::NEW,
    ),
    (
        RUSTCRYPTO_ML_KEM,
        &Dispatch::<ml_kem::mlkem512::RustCrypto>::NEW,
    ),
    (
        RUSTCRYPTO_ML_KEM,
        &Dispatch::<ml_kem::mlkem768::RustCrypto>::NEW,
    ),
    (
        RUSTCRYPTO_ML_KEM,
        &Dispatch::<ml_kem::mlkem1024::RustCrypto>::NEW,
    ),
    (AWS_LC, &Dispatch::<ml_kem::mlkem512::AwsLc>::NEW),
    (AWS_LC, &Dispatch::<ml_kem::mlkem768::AwsLc>::NEW),
    (AWS_LC, &Dispatch::<ml_kem::mlkem1024::AwsLc>::NEW),
    (PQCLEAN, &Dispatch::<ml_kem::mlkem512::PqClean>::NEW),
    (PQCLEAN, &Dispatch::<ml_kem::mlkem768::PqClean>::NEW),
    (PQCLEAN, &Dispatch::<ml_kem::mlkem1024::PqClean>::NEW),
];

/// The parsed-key view of implementation `impl_name` (`"mamori"` or a peer's name) of the
/// KEM named `alg`, if it has one.
#[must_use]
pub fn parsed_kem(impl_name: &str, alg: &str) -> Option<&'static dyn ParsedKem> {
    PARSED_KEMS
        .iter()
        .find(|(name, view)| *name == impl_name && view.info().name == alg)
        .map(|&(_, view)| view)
}

/// Notes on an algorithm's peers for the report: how to read rows that do not measure
/// exactly the same work.
#[must_use]
pub fn notes(alg: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let signature = of(alg).any(|p| matches!(p.entry, Entry::Signature(_)));
    if signature {
        out.push(
            "sign rows sign 64 distinct 32-byte messages in turn (empty context): signing time \
             depends on the message; [hedged] and [own RNG] peers sign with fresh randomness \
             of their own (cost included; the same distribution of rejection rounds), \
             [own RNG] peers also generate keys from their own RNG; mamori's sign row (bytes \
             in) includes its checks of the expanded signing key (about a keygen), which no \
             peer makes",
        );
    } else if of(alg).any(|p| p.impl_name.ends_with("[own RNG]")) {
        out.push(
            "[own RNG] peers have no seeded keygen or deterministic encaps API: their keygen, \
             encaps and encaps-parsed rows draw from their own RNG (included in the time); \
             their decaps rows do the same work as mamori's",
        );
    }
    out
}

/// How the `rocca` peer was built: with AES-NI (`+aes`, from `.cargo/config.toml`) or with
/// its silent software-AES fallback (for example when `RUSTFLAGS` overrides the config).
const ROCCA_NAME: &str = if cfg!(target_feature = "aes") {
    "rocca 0.3 (AES-NI)"
} else {
    "rocca 0.3 (software AES: built without +aes)"
};

/// `bytes` as exactly `N` bytes, or a length error naming `param`.
fn array<const N: usize>(bytes: &[u8], param: Param) -> Result<[u8; N], InputError> {
    bytes.try_into().map_err(|_| InputError::Length {
        param,
        expected: N,
        actual: bytes.len(),
    })
}

/// Copies a peer's encoding `src` into `out`, which must be exactly as long.
fn copy_out(src: &[u8], out: &mut [u8]) -> Result<(), InputError> {
    InputError::check_len(Param::Output, src.len(), out.len())?;
    out.copy_from_slice(src);
    Ok(())
}

/// A peer's own error, which says nothing finer, as "`param` was rejected".
fn malformed<E>(param: Param) -> impl FnOnce(E) -> InputError {
    move |_| InputError::Malformed { param }
}

/// AVX2 if this CPU has it (for the peers that pick it at run time), else portable.
fn avx2_or_portable() -> mamori_primitives::Backend {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        return mamori_primitives::Backend::Avx2;
    }
    mamori_primitives::Backend::Portable
}

/// `Encode` and `Decode` for a peer's key wrapper `$ty` of `$len` bytes: it encodes as
/// `$enc` (an expression of `$k: &$ty` giving `&[u8]`; `?` allowed) and
/// decodes by `$dec` (an expression of `$b: &[u8]`, evaluated once `$b` is known to be
/// `$len` long, giving `Result<$ty, InputError>`). Attributes go on both impls.
macro_rules! key_codec {
    (
        $(#[$attr:meta])*
        $ty:ty, $param:expr, $len:expr, |$k:ident| $enc:expr, |$b:ident| $dec:expr $(,)?
    ) => {
        $(#[$attr])*
        impl Encode for $ty {
            const ENCODED_LEN: usize = $len;
            fn encode_into(&self, out: &mut [u8]) -> Result<(), InputError> {
                let $k = self;
                $crate::peers::copy_out($enc, out)
            }
        }

        $(#[$attr])*
        impl Decode for $ty {
            fn decode($b: &[u8]) -> Result<Self, InputError> {
                InputError::check_len($param, $len, $b.len())?;
                $dec
            }
        }
    };
}

mod aes_family;
pub mod ml_dsa;
pub mod ml_kem;
mod sha3;

use mamori_primitives::keccak as mk;

/// Version of RustCrypto `sha3` in `Cargo.lock` (checked by a test).
pub const SHA3_VERSION: &str = "0.12.0";
/// Version of RustCrypto `shake` in `Cargo.lock` (checked by a test).
pub const SHAKE_VERSION: &str = "0.1.0";

use mamori_aead::aegis256::Aegis256Core;
use mamori_aead::rocca_s::RoccaSCore;

/// Every peer, in registry order.
#[must_use]
pub fn all() -> &'static [Peer] {
    PEERS
}

/// The peers of the Mamori algorithm named `alg` (canonical name).
pub fn of(alg: &str) -> impl Iterator<Item = &'static Peer> + '_ {
    PEERS.iter().filter(move |p| p.entry.info().name == alg)
}

/// Implementation name of Mamori pinned to its portable backend ([`Variant`]).
pub const MAMORI_PORTABLE: &str = "mamori portable";

/// Another build of Mamori's own implementation, measured beside it and compared with one
/// peer (not counted among the peers): Mamori's portable ML-KEM against RustCrypto `ml-kem`,
/// the portable peer issue 4 names.
#[derive(Clone, Copy, Debug)]
pub struct Variant {
    /// Implementation name as reported, e.g. [`MAMORI_PORTABLE`].
    pub impl_name: &'static str,
    /// The variant behind Mamori's dynamic view.
    pub entry: Entry,
    /// The implementation name of the peer it is compared with.
    pub versus: &'static str,
}

static VARIANTS: &[Variant] = &[
    Variant {
        impl_name: MAMORI_PORTABLE,
        entry: Entry::Kem(&Dispatch::<mamori_kem::Portable<mamori_kem::MlKem512>>::NEW),
        versus: RUSTCRYPTO_ML_KEM,
    },
    Variant {
        impl_name: MAMORI_PORTABLE,
        entry: Entry::Kem(&Dispatch::<mamori_kem::Portable<mamori_kem::MlKem768>>::NEW),
        versus: RUSTCRYPTO_ML_KEM,
    },
    Variant {
        impl_name: MAMORI_PORTABLE,
        entry: Entry::Kem(&Dispatch::<mamori_kem::Portable<mamori_kem::MlKem1024>>::NEW),
        versus: RUSTCRYPTO_ML_KEM,
    },
];

/// The [`Variant`]s of Mamori's implementation of `alg`.
pub fn variants(alg: &str) -> impl Iterator<Item = &'static Variant> + '_ {
    VARIANTS.iter().filter(move |v| v.entry.info().name == alg)
}

/// Whether `impl_name` is Mamori's implementation or one of its [`Variant`]s (not a peer).
#[must_use]
pub fn is_mamori(impl_name: &str) -> bool {
    impl_name == MAMORI || VARIANTS.iter().any(|v| v.impl_name == impl_name)
}

/// Why an algorithm has no peer, for the report's notes.
#[must_use]
pub fn no_peer_reason(alg: &str) -> &'static str {
    match alg {
        "ascon-cxof128" => {
            "no peer: no RustCrypto Ascon-CXOF128 builds in this workspace (ascon-xof128 0.2, \
             which has it, needs ascon 0.5.0, which conflicts with ascon-aead128's =0.5.0-rc.0 \
             pin; primitives/differential tests CXOF128 against it instead)"
        }
        _ => "no peer",
    }
}

/// RustCrypto `ascon-aead128`, behind Mamori's [`Aead`] trait.
pub struct RustCryptoAsconAead128(ascon_aead128::AsconAead128);

impl Algorithm for RustCryptoAsconAead128 {
    const INFO: AlgorithmInfo = <mamori_aead::AsconAead128 as Algorithm>::INFO;
}

impl Aead for RustCryptoAsconAead128 {
    const KEY_LEN: usize = 16;
    const NONCE_LEN: usize = 16;
    const TAG_LEN: usize = 16;

    fn new(key: &[u8]) -> Result<Self, InputError> {
        let key: [u8; 16] = key.try_into().map_err(|_| InputError::Length {
            param: Param::Key,
            expected: 16,
            actual: key.len(),
        })?;
        Ok(Self(ascon_aead128::AsconAead128::new(&key.into())))
    }

    fn seal_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &mut [u8],
    ) -> Result<(), InputError> {
        let nonce = array16(nonce, Param::Nonce)?;
        InputError::check_len(Param::Tag, 16, tag.len())?;
        let t = self
            .0
            .encrypt_inout_detached(&nonce.into(), associated_data, buffer.into())
            .map_err(|_| InputError::TooLong {
                param: Param::Message,
                max: u64::MAX,
            })?;
        tag.copy_from_slice(&t);
        Ok(())
    }

    fn open_in_place(
        &self,
        nonce: &[u8],
        associated_data: &[u8],
        buffer: &mut [u8],
        tag: &[u8],
    ) -> Result<(), Error> {
        let nonce = array16(nonce, Param::Nonce)?;
        let tag = array16(tag, Param::Tag)?;
        match self.0.decrypt_inout_detached(
            &nonce.into(),
            associated_data,
            (&mut *buffer).into(),
            &tag.into(),
        ) {
            Ok(()) => Ok(()),
            Err(_) => {
                buffer.fill(0);
                Err(CryptoError.into())
            }
        }
    }
}

fn array16(bytes: &[u8], param: Param) -> Result<[u8; 16], InputError> {
    bytes.try_into().map_err(|_| InputError::Length {
        param,
        expected: 16,
        actual: bytes.len(),
    })
}

/// RustCrypto `ascon-hash` Ascon-Hash256, behind Mamori's [`Hash`] trait.
#[derive(Clone, Default)]
pub struct RustCryptoAsconHash256(ascon_hash::AsconHash256);

impl Algorithm for RustCryptoAsconHash256 {
    const INFO: AlgorithmInfo = <mamori_primitives::ascon::AsconHash256 as Algorithm>::INFO;
}

impl Hash for RustCryptoAsconHash256 {
    const OUTPUT_LEN: usize = 32;
    type Output = [u8; 32];

    fn update(&mut self, data: &[u8]) {
        Update::update(&mut self.0, data);
    }

    fn finalize(self) -> [u8; 32] {
        let d = ascon_hash::Digest::finalize(self.0);
        let mut out = [0u8; 32];
        out.copy_from_slice(&d);
        out
    }
}

/// RustCrypto `ascon-hash` Ascon-XOF128, behind Mamori's [`Xof`] trait (not customizable).
#[derive(Clone, Default)]
pub struct RustCryptoAsconXof128(ascon_hash::AsconXof128);

/// Output reader of [`RustCryptoAsconXof128`].
pub struct RustCryptoAsconXof128Reader(ascon_hash::AsconXof128Reader);

impl XofReader for RustCryptoAsconXof128Reader {
    fn read(&mut self, out: &mut [u8]) {
        self.0.read(out);
    }
}

impl Algorithm for RustCryptoAsconXof128 {
    const INFO: AlgorithmInfo = <mamori_primitives::ascon::AsconXof128 as Algorithm>::INFO;
}

impl Xof for RustCryptoAsconXof128 {
    const MAX_CUSTOMIZATION_LEN: usize = 0;
    type Reader = RustCryptoAsconXof128Reader;

    fn new() -> Self {
        Self::default()
    }

    fn update(&mut self, data: &[u8]) {
        Update::update(&mut self.0, data);
    }

    fn finalize_xof(self) -> Self::Reader {
        RustCryptoAsconXof128Reader(self.0.finalize_xof())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_kat::dynamic::{DynKem, DynSignature};
    use mamori_kat::registry;

    /// Peers agree with Mamori, so the benchmark compares equal work.
    #[test]
    fn peers_match_mamori() {
        let data: Vec<u8> = (0..100u8).collect();
        for peer in all() {
            let ours = registry::find(peer.entry.info().name).expect("peer of a registry alg");
            match (peer.entry, ours) {
                (Entry::Aead(p), Entry::Aead(m)) => {
                    let key = vec![7u8; p.key_len()];
                    let nonce = vec![9u8; p.nonce_len()];
                    let (mut a, mut b) = (data.clone(), data.clone());
                    let (mut ta, mut tb) = (vec![0u8; p.tag_len()], vec![0u8; m.tag_len()]);
                    let pk = p.with_key(&key).unwrap();
                    pk.seal(&nonce, b"ad", &mut a, &mut ta).unwrap();
                    // A reference point is another algorithm, and a batch row splits the
                    // message: only their round trips are checked here (batches against
                    // single calls: aead/tests/aes_family.rs).
                    let same_work = !peer.impl_name.contains("[other algorithm]")
                        && !peer.impl_name.starts_with("mamori batch");
                    if same_work {
                        m.with_key(&key)
                            .unwrap()
                            .seal(&nonce, b"ad", &mut b, &mut tb)
                            .unwrap();
                        assert_eq!((&a, &ta), (&b, &tb), "{}", peer.impl_name);
                    }
                    pk.open(&nonce, b"ad", &mut a, &ta).unwrap();
                    assert_eq!(a, data);
                    ta[0] ^= 1;
                    assert!(pk.open(&nonce, b"ad", &mut a, &ta).is_err());
                    assert!(a.iter().all(|&x| x == 0), "{}", peer.impl_name);
                }
                (Entry::Hash(p), Entry::Hash(m)) => {
                    assert_eq!(p.output_len(), m.output_len());
                    let (mut a, mut b) = (vec![0u8; p.output_len()], vec![0u8; m.output_len()]);
                    p.hash(&data, &mut a).unwrap();
                    m.hash(&data, &mut b).unwrap();
                    assert_eq!(a, b);
                }
                (Entry::Xof(p), Entry::Xof(m)) => {
                    let (mut a, mut b) = ([0u8; 50], [0u8; 50]);
                    p.xof(b"", &data, &mut a).unwrap();
                    m.xof(b"", &data, &mut b).unwrap();
                    assert_eq!(a, b);
                    assert!(p.xof(b"c", &data, &mut a).is_err());
                }
                (Entry::Kem(p), Entry::Kem(m)) => kem_matches_mamori(peer.impl_name, p, m),
                (Entry::Signature(p), Entry::Signature(m)) => {
                    signature_matches_mamori(peer.impl_name, p, m);
                }
                _ => panic!("peer family differs from {}", ours.info().name),
            }
        }
        assert_eq!(of("ascon-cxof128").count(), 0);
        assert!(no_peer_reason("ascon-cxof128").starts_with("no peer"));
    }

    /// An ML-KEM peer against Mamori: byte-identical keys and ciphertexts where the peer
    /// takes a seed and randomness; otherwise keys of the right sizes and fresh each time.
    /// Either way each side decapsulates the other's ciphertexts with the other's keys, and
    /// implicit rejection yields the same secret.
    fn kem_matches_mamori(name: &str, p: &dyn DynKem, m: &dyn DynKem) {
        let seed: Vec<u8> = (0..64u8).collect();
        let r = [0x5au8; 32];
        let (ek_m, dk_m) = m.keygen_from_seed(&seed).unwrap();
        let (ek_p, dk_p) = p.keygen_from_seed(&seed).unwrap();
        let (ct_m, ss_m) = m.encapsulate(&ek_m, &r).unwrap();
        let seeded = !name.ends_with("[own RNG]");
        if seeded {
            assert_eq!((&ek_p, &dk_p), (&ek_m, &dk_m), "{name}: keygen");
            assert_eq!(
                p.encapsulate(&ek_m, &r).unwrap(),
                (ct_m.clone(), ss_m.clone()),
                "{name}"
            );
        } else {
            assert_eq!((ek_p.len(), dk_p.len()), (ek_m.len(), dk_m.len()), "{name}");
            assert_ne!(
                p.keygen_from_seed(&seed).unwrap().0,
                ek_p,
                "{name}: not random"
            );
        }
        // Mamori's keys and ciphertexts in the peer, and the other way round.
        assert_eq!(p.decapsulate(&dk_m, &ct_m).unwrap(), ss_m, "{name}");
        let (ct_p, ss_p) = p.encapsulate(&ek_m, &r).unwrap();
        assert_eq!(m.decapsulate(&dk_m, &ct_p).unwrap(), ss_p, "{name}");
        let (ct, ss) = m.encapsulate(&ek_p, &r).unwrap();
        assert_eq!(p.decapsulate(&dk_p, &ct).unwrap(), ss, "{name}");
        assert_eq!(m.decapsulate(&dk_p, &ct).unwrap(), ss, "{name}");
        // Implicit rejection: the same pseudorandom secret from both.
        let mut bad = ct_m.clone();
        bad[5] ^= 0x10;
        let rejected = m.decapsulate(&dk_m, &bad).unwrap();
        assert_ne!(rejected, ss_m);
        assert_eq!(p.decapsulate(&dk_m, &bad).unwrap(), rejected, "{name}");
        // Wrong lengths are input errors, as in Mamori.
        assert!(p.keygen_from_seed(&seed[1..]).is_err(), "{name}");
        assert!(p.encapsulate(&ek_m, &r[1..]).is_err(), "{name}");
        assert!(p.decapsulate(&dk_m, &ct_m[1..]).is_err(), "{name}");
        assert!(p.check_encapsulation_key(&ek_m[1..]).is_err(), "{name}");
        // FIPS 203 §7.2 (a coefficient >= q in ek) and §7.3 (a wrong H(ek) in dk): Mamori,
        // libcrux and ml-kem reject such keys when decoding them; AWS-LC imports them and
        // fails the operation; PQClean checks neither (see `ml_kem`'s table).
        let mut big = ek_m.clone();
        big[0] = 0xff;
        big[1] |= 0x0f;
        let mut dk_bad = dk_m.clone();
        let last_hash_byte = dk_bad.len() - 33;
        dk_bad[last_hash_byte] ^= 1;
        assert!(m.check_encapsulation_key(&big).is_err());
        assert!(m.check_decapsulation_key(&dk_bad).is_err());
        let (decode_checks, op_checks) = match name.split(' ').next() {
            Some("libcrux-ml-kem" | "ml-kem") => (true, true),
            Some("aws-lc-rs") => (false, true),
            Some("pqcrypto-mlkem") => (false, false),
            _ => panic!("{name}: which checks does it make?"),
        };
        assert_eq!(
            p.check_encapsulation_key(&big).is_err(),
            decode_checks,
            "{name}"
        );
        assert_eq!(
            p.check_decapsulation_key(&dk_bad).is_err(),
            decode_checks,
            "{name}"
        );
        assert_eq!(p.encapsulate(&big, &r).is_err(), op_checks, "{name}");
        assert_eq!(p.decapsulate(&dk_bad, &ct_m).is_err(), op_checks, "{name}");
    }

    /// An ML-DSA peer against Mamori: byte-identical keys where the peer takes a seed, and
    /// byte-identical signatures where it signs deterministically (hedged: fresh ones each
    /// time). Either way each verifies the other's signatures under the other's keys, and
    /// rejects modified signatures, other messages and other contexts.
    fn signature_matches_mamori(name: &str, p: &dyn DynSignature, m: &dyn DynSignature) {
        let seed = [0x17u8; 32];
        let (vk_m, sk_m) = m.keygen_from_seed(&seed).unwrap();
        let (vk_p, sk_p) = p.keygen_from_seed(&seed).unwrap();
        let own_rng_keys = name.ends_with("[own RNG]");
        let hedged = own_rng_keys || name.ends_with("[hedged]");
        if own_rng_keys {
            assert_eq!((vk_p.len(), sk_p.len()), (vk_m.len(), sk_m.len()), "{name}");
            assert_ne!(p.keygen_from_seed(&seed).unwrap().0, vk_p, "{name}");
        } else {
            assert_eq!((&vk_p, &sk_p), (&vk_m, &sk_m), "{name}: keygen");
        }
        // AWS-LC signs with an empty context only.
        let ctx: &[u8] = if name.starts_with("aws-lc-rs") {
            b""
        } else {
            b"ctx"
        };
        for (i, msg) in crate::subject::sign_messages(4).iter().enumerate() {
            let sig_m = m.sign(&sk_m, msg, ctx, None).unwrap();
            let sig_p = p.sign(&sk_m, msg, ctx, None).unwrap();
            if hedged {
                assert_ne!(sig_p, sig_m, "{name}: not hedged");
            } else {
                assert_eq!(sig_p, sig_m, "{name}: deterministic signature");
            }
            // Each side's signatures under the other's keys, and the other way round.
            p.verify(&vk_m, msg, ctx, &sig_m).unwrap();
            m.verify(&vk_m, msg, ctx, &sig_p).unwrap();
            let theirs = p.sign(&sk_p, msg, ctx, None).unwrap();
            m.verify(&vk_p, msg, ctx, &theirs).unwrap();
            p.verify(&vk_p, msg, ctx, &theirs).unwrap();
            let mut bad = sig_m.clone();
            let at = i * 101 % bad.len();
            bad[at] ^= 0x04;
            assert!(p.verify(&vk_m, msg, ctx, &bad).is_err(), "{name}");
            assert!(p.verify(&vk_m, b"other", ctx, &sig_m).is_err(), "{name}");
            if !ctx.is_empty() {
                assert!(p.verify(&vk_m, msg, b"ctX", &sig_m).is_err(), "{name}");
            }
        }
        // Wrong lengths are errors, as in Mamori.
        let sig = m.sign(&sk_m, b"m", b"", None).unwrap();
        assert!(p.keygen_from_seed(&seed[1..]).is_err(), "{name}");
        assert!(p.sign(&sk_m[1..], b"m", b"", None).is_err(), "{name}");
        assert!(p.sign(&sk_m, b"m", b"", Some(&[0; 31])).is_err(), "{name}");
        assert!(p.sign(&sk_m, b"m", &[0; 256], None).is_err(), "{name}");
        assert!(p.verify(&vk_m[1..], b"m", b"", &sig).is_err(), "{name}");
        assert!(p.verify(&vk_m, b"m", b"", &sig[1..]).is_err(), "{name}");
        assert!(p.verify(&vk_m, b"m", &[0; 256], &sig).is_err(), "{name}");
    }

    /// Every signature implementation has a parsed-key view, and only its own.
    #[test]
    fn parsed_views_cover_every_signature_scheme() {
        for e in registry::all()
            .iter()
            .filter(|e| matches!(e, Entry::Signature(_)))
        {
            let alg = e.info().name;
            assert!(parsed_signature(MAMORI, alg).is_some(), "{alg}");
            assert!(parsed_kem(MAMORI, alg).is_none(), "{alg}");
            assert_eq!(of(alg).count(), 4, "{alg}");
            for p in of(alg) {
                let view = parsed_signature(p.impl_name, alg).expect("view");
                assert_eq!(view.info().name, alg);
                assert_eq!(view.backend(), p.entry.backend(), "{}", p.impl_name);
                assert!(has_parsed_view(p.impl_name, alg));
            }
            assert_eq!(notes(alg).len(), 1);
        }
        assert!(parsed_signature("no such peer", "ml-dsa-65").is_none());
    }

    /// Every KEM implementation has a parsed-key view, and only its own.
    #[test]
    fn parsed_views_cover_every_kem() {
        for e in registry::all()
            .iter()
            .filter(|e| matches!(e, Entry::Kem(_)))
        {
            let alg = e.info().name;
            assert!(parsed_kem(MAMORI, alg).is_some(), "{alg}");
            assert_eq!(of(alg).count(), 5, "{alg}");
            for p in of(alg) {
                let view = parsed_kem(p.impl_name, alg).expect("view");
                assert_eq!(view.info().name, alg);
                assert_eq!(view.backend(), p.entry.backend(), "{}", p.impl_name);
            }
            assert_eq!(notes(alg).len(), 1);
        }
        assert!(parsed_kem("no such peer", "ml-kem-768").is_none());
        assert!(notes("ascon-aead128").is_empty());
    }

    /// The reported peer versions are the ones in `Cargo.lock`.
    #[test]
    fn versions_match_lock_file() {
        let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock"))
            .expect("Cargo.lock");
        for (name, version) in [
            ("ascon-aead128", ASCON_AEAD128_VERSION),
            ("ascon-hash", ASCON_HASH_VERSION),
            ("sha3", SHA3_VERSION),
            ("shake", SHAKE_VERSION),
            ("aws-lc-rs", ml_kem::AWS_LC_RS_VERSION),
            ("libcrux-ml-kem", ml_kem::LIBCRUX_ML_KEM_VERSION),
            ("pqcrypto-mlkem", ml_kem::PQCRYPTO_MLKEM_VERSION),
            ("ml-kem", ml_kem::ML_KEM_VERSION),
            ("libcrux-ml-dsa", ml_dsa::LIBCRUX_ML_DSA_VERSION),
            ("pqcrypto-mldsa", ml_dsa::PQCRYPTO_MLDSA_VERSION),
            ("ml-dsa", ml_dsa::ML_DSA_VERSION),
        ] {
            let needle = format!("name = \"{name}\"\nversion = \"{version}\"");
            assert!(
                lock.contains(&needle),
                "{name} is not {version} in Cargo.lock"
            );
            assert!(
                all()
                    .iter()
                    .any(|p| p.impl_name == format!("{name} {version}")
                        || p.impl_name.starts_with(&format!("{name} {version} "))),
                "{name}"
            );
        }
    }
}
