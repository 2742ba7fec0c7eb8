//! ML-KEM-512/768/1024 (mamori-kem, portable backend) as operations on bytes, shared by the
//! `ml_kem` firmware (KATs and measurements) and the `size_ml_kem_*` binaries, so the code
//! measured, the code sized and the code checked against the ACVP vectors are the same.

use mamori_kem::{ml_kem_512, ml_kem_768, ml_kem_1024};

/// The largest encapsulation key (ML-KEM-1024), in bytes.
pub const EK_MAX: usize = ml_kem_1024::ENCAPSULATION_KEY_LEN;
/// The largest expanded decapsulation key (ML-KEM-1024), in bytes.
pub const DK_MAX: usize = ml_kem_1024::DECAPSULATION_KEY_LEN;
/// The largest ciphertext (ML-KEM-1024), in bytes.
pub const CT_MAX: usize = ml_kem_1024::CIPHERTEXT_LEN;

/// One parameter set's operations on bytes, as a caller holding encoded keys runs them
/// (pqm4's `crypto_kem_*` API shape). The KATs and the measurements use these functions;
/// the measured ones are `#[inline(never)]`, so each is one call to the same machine code
/// in every binary (firmware and `size_ml_kem_*`), whatever the inliner does around it.
pub trait Set {
    /// `ML-KEM-768` and so on.
    const NAME: &'static str;
    /// The KAT tally's name.
    const KAT_NAME: &'static str;
    /// Rank k (the blobs' parameter-set tag).
    const K: u8;
    /// Encapsulation-key length in bytes.
    const EK: usize;
    /// Expanded decapsulation-key length in bytes.
    const DK: usize;
    /// Ciphertext length in bytes.
    const CT: usize;
    /// A parsed encapsulation key.
    type Ek;
    /// A parsed decapsulation key.
    type Dk;

    /// Key generation from `d || z` (FIPS 203 Algorithm 16): writes the encapsulation key
    /// and the expanded decapsulation key (which contains the encapsulation key).
    fn keygen(seed: &[u8; 64], ek: &mut [u8], dk: &mut [u8]);
    /// Encapsulation with randomness `m` from encoded `ek` (modulus check and H(ek)
    /// included); `false` if `ek` is refused.
    fn encaps(ek: &[u8], m: &[u8; 32], ct: &mut [u8], ss: &mut [u8; 32]) -> bool;
    /// Decapsulation from the expanded `dk` (hash check included) and ciphertext bytes;
    /// `false` if `dk` or the ciphertext length is refused.
    fn decaps(dk: &[u8], ct: &[u8], ss: &mut [u8; 32]) -> bool;
    /// The encapsulation key of an expanded decapsulation key, re-encoded.
    fn ek_of_dk(dk: &[u8], ek: &mut [u8]) -> bool;
    /// Parses an encapsulation key (FIPS 203 §7.2 modulus check).
    fn parse_ek(ek: &[u8]) -> Option<Self::Ek>;
    /// Parses an expanded decapsulation key (FIPS 203 §7.3 hash check).
    fn parse_dk(dk: &[u8]) -> Option<Self::Dk>;
    /// [`Set::encaps`] with a parsed key.
    fn encaps_parsed(ek: &Self::Ek, m: &[u8; 32], ct: &mut [u8], ss: &mut [u8; 32]);
    /// [`Set::decaps`] with a parsed key; `false` for a wrong ciphertext length.
    fn decaps_parsed(dk: &Self::Dk, ct: &[u8], ss: &mut [u8; 32]) -> bool;
}

macro_rules! set {
    ($ty:ident, $m:ident, $name:literal, $k:literal) => {
        #[doc = concat!("ML-KEM with the parameters of ", $name, ".")]
        pub struct $ty;
        impl Set for $ty {
            const NAME: &'static str = $name;
            const KAT_NAME: &'static str = concat!($name, " (ACVP FIPS 203)");
            const K: u8 = $k;
            const EK: usize = $m::ENCAPSULATION_KEY_LEN;
            const DK: usize = $m::DECAPSULATION_KEY_LEN;
            const CT: usize = $m::CIPHERTEXT_LEN;
            type Ek = $m::EncapsulationKey;
            type Dk = $m::DecapsulationKey;

            #[inline(never)]
            fn keygen(seed: &[u8; 64], ek: &mut [u8], dk: &mut [u8]) {
                let key = $m::DecapsulationKey::from_seed(seed);
                dk.copy_from_slice(&key.to_expanded());
                // dk = dk_pke (384 k bytes) || ek || H(ek) || z (FIPS 203 Algorithm 16).
                ek.copy_from_slice(&dk[384 * $k..384 * $k + Self::EK]);
            }
            #[inline(never)]
            fn encaps(ek: &[u8], m: &[u8; 32], ct: &mut [u8], ss: &mut [u8; 32]) -> bool {
                let Ok(ek) = $m::EncapsulationKey::from_bytes(ek) else {
                    return false;
                };
                Self::encaps_parsed(&ek, m, ct, ss);
                true
            }
            #[inline(never)]
            fn decaps(dk: &[u8], ct: &[u8], ss: &mut [u8; 32]) -> bool {
                let Ok(dk) = $m::DecapsulationKey::from_expanded(dk) else {
                    return false;
                };
                Self::decaps_parsed(&dk, ct, ss)
            }
            fn ek_of_dk(dk: &[u8], ek: &mut [u8]) -> bool {
                let Ok(dk) = $m::DecapsulationKey::from_expanded(dk) else {
                    return false;
                };
                ek.copy_from_slice(&dk.encapsulation_key().to_bytes());
                true
            }
            fn parse_ek(ek: &[u8]) -> Option<Self::Ek> {
                $m::EncapsulationKey::from_bytes(ek).ok()
            }
            fn parse_dk(dk: &[u8]) -> Option<Self::Dk> {
                $m::DecapsulationKey::from_expanded(dk).ok()
            }
            #[inline(never)]
            fn encaps_parsed(ek: &Self::Ek, m: &[u8; 32], ct: &mut [u8], ss: &mut [u8; 32]) {
                let (c, k) = ek.encapsulate_deterministic(m);
                ct.copy_from_slice(c.as_bytes());
                *ss = *k.as_bytes();
            }
            #[inline(never)]
            fn decaps_parsed(dk: &Self::Dk, ct: &[u8], ss: &mut [u8; 32]) -> bool {
                let Ok(ct) = $m::Ciphertext::from_bytes(ct) else {
                    return false;
                };
                *ss = *dk.decapsulate(&ct).as_bytes();
                true
            }
        }
    };
}
set!(Kem512, ml_kem_512, "ML-KEM-512", 2);
set!(Kem768, ml_kem_768, "ML-KEM-768", 3);
set!(Kem1024, ml_kem_1024, "ML-KEM-1024", 4);

/// The body of the `size_ml_kem_768` binary (and of one for any other parameter set): key
/// generation, encapsulation and decapsulation of `P` on bytes, inputs opaque to the
/// optimiser.
pub fn size_all<P: Set>(io: &mut crate::size::Io) {
    use core::hint::black_box;
    let (mut ek, mut dk, mut ct) = ([0u8; EK_MAX], [0u8; DK_MAX], [0u8; CT_MAX]);
    let (ek, dk, ct) = (&mut ek[..P::EK], &mut dk[..P::DK], &mut ct[..P::CT]);
    P::keygen(&black_box([io.key[0]; 64]), ek, dk);
    let (ek, dk, m) = (black_box(ek), black_box(dk), black_box(io.out));
    let mut ss = [0u8; 32];
    io.ok = P::encaps(ek, &m, ct, &mut ss);
    io.ok &= P::decaps(dk, black_box(ct), &mut io.out);
    io.ok &= black_box(ss) == io.out;
}
