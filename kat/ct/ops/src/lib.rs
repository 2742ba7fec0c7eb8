//! The secret-handling operations the constant-time gate checks, one `#[inline(never)]`
//! function each.
//!
//! Keeping every library call behind a non-inlined function of this crate does two things:
//!
//! * the gate binaries run the library code as a caller in another crate would get it
//!   (lengths are run-time values, nothing is constant-folded into the test harness);
//! * the division scan (`kat/ct/div_scan.py`) can find all machine code of an operation in
//!   functions named `mamori_ct_ops::*` (plus the `mamori_primitives::*` / `mamori_aead::*`
//!   functions they call), whatever LTO inlined where. The same crate is built for
//!   `thumbv7em-none-eabihf`, without the valgrind cfg, for the Cortex-M scan.
//!
//! `no_std`, no allocation, no panics on any input these functions accept.
#![no_std]

use mamori_aead::AsconAead128;
use mamori_aead::ascon_aead128::{KEY_LEN, NONCE_LEN, TAG_LEN};
use mamori_primitives::ascon::{AsconCxof128, AsconHash256, AsconXof128};
use mamori_primitives::keccak::{Sha3_256, Sha3_384, Sha3_512, Shake128, Shake256};
use mamori_primitives::{Aead, CryptoError, Error, Hash, InputError, Xof};

/// Ascon-AEAD128 seal through the typed API: encrypts `buffer` in place, returns the tag.
#[inline(never)]
#[must_use]
pub fn ascon_aead128_seal(
    key: &[u8; KEY_LEN],
    nonce: &[u8; NONCE_LEN],
    associated_data: &[u8],
    buffer: &mut [u8],
) -> [u8; TAG_LEN] {
    AsconAead128::new(key).seal_in_place_detached(nonce, associated_data, buffer)
}

/// Ascon-AEAD128 open through the typed API.
///
/// # Errors
/// [`CryptoError`] when the tag does not verify (`buffer` is then zeroed).
#[inline(never)]
pub fn ascon_aead128_open(
    key: &[u8; KEY_LEN],
    nonce: &[u8; NONCE_LEN],
    associated_data: &[u8],
    buffer: &mut [u8],
    tag: &[u8; TAG_LEN],
) -> Result<(), CryptoError> {
    AsconAead128::new(key).open_in_place_detached(nonce, associated_data, buffer, tag)
}

/// Ascon-AEAD128 seal through Mamori's slice trait API ([`Aead`]): length checks first.
///
/// # Errors
/// [`InputError`] for a key, nonce or tag buffer of the wrong length.
#[inline(never)]
pub fn ascon_aead128_seal_slices(
    key: &[u8],
    nonce: &[u8],
    associated_data: &[u8],
    buffer: &mut [u8],
    tag: &mut [u8],
) -> Result<(), InputError> {
    <AsconAead128 as Aead>::new(key)?.seal_in_place(nonce, associated_data, buffer, tag)
}

/// Ascon-AEAD128 open through Mamori's slice trait API ([`Aead`]).
///
/// # Errors
/// [`Error::Input`] for wrong lengths, [`Error::Crypto`] when the tag does not verify.
#[inline(never)]
pub fn ascon_aead128_open_slices(
    key: &[u8],
    nonce: &[u8],
    associated_data: &[u8],
    buffer: &mut [u8],
    tag: &[u8],
) -> Result<(), Error> {
    <AsconAead128 as Aead>::new(key)?.open_in_place(nonce, associated_data, buffer, tag)
}

/// Ascon-Hash256 of `first ‖ second`, absorbed in two `update` calls (so the partial-block
/// buffering between calls runs too).
#[inline(never)]
#[must_use]
pub fn ascon_hash256(first: &[u8], second: &[u8]) -> [u8; 32] {
    let mut h = AsconHash256::default();
    Hash::update(&mut h, first);
    Hash::update(&mut h, second);
    Hash::finalize(h)
}

/// The SHA3-256, SHA3-384 and SHA3-512 digests of `first || second` (two `update` calls),
/// concatenated (32 + 48 + 64 bytes).
#[inline(never)]
#[must_use]
pub fn sha3_all(first: &[u8], second: &[u8]) -> [u8; 144] {
    fn one<H: Hash>(first: &[u8], second: &[u8], out: &mut [u8]) {
        let mut h = H::default();
        h.update(first);
        h.update(second);
        out.copy_from_slice(h.finalize().as_ref());
    }
    let mut out = [0u8; 144];
    let (a, rest) = out.split_at_mut(32);
    let (b, c) = rest.split_at_mut(48);
    one::<Sha3_256>(first, second, a);
    one::<Sha3_384>(first, second, b);
    one::<Sha3_512>(first, second, c);
    out
}

/// SHAKE128 (`wide == false`) or SHAKE256 of `data`, squeezed into `out1` then `out2`.
#[inline(never)]
pub fn shake(wide: bool, data: &[u8], out1: &mut [u8], out2: &mut [u8]) {
    fn one<X: Xof>(data: &[u8], out1: &mut [u8], out2: &mut [u8]) {
        let mut x = X::new();
        x.update(data);
        let mut r = x.finalize_xof();
        mamori_primitives::XofReader::read(&mut r, out1);
        mamori_primitives::XofReader::read(&mut r, out2);
    }
    if wide {
        one::<Shake256>(data, out1, out2);
    } else {
        one::<Shake128>(data, out1, out2);
    }
}

/// Ascon-XOF128 of `data`, squeezed into `out1` then `out2` (two reads, so the reader's
/// partial-word offset path runs too).
#[inline(never)]
pub fn ascon_xof128(data: &[u8], out1: &mut [u8], out2: &mut [u8]) {
    let mut x = <AsconXof128 as Xof>::new();
    Xof::update(&mut x, data);
    let mut r = x.finalize_xof();
    r.read(out1);
    r.read(out2);
}

/// Ascon-CXOF128 of `data` with customization string `customization`, into `out`.
///
/// # Errors
/// [`InputError::TooLong`] if `customization` is longer than 256 bytes.
#[inline(never)]
pub fn ascon_cxof128(customization: &[u8], data: &[u8], out: &mut [u8]) -> Result<(), InputError> {
    let mut x = AsconCxof128::new_customized(customization)?;
    Xof::update(&mut x, data);
    x.finalize_xof().read(out);
    Ok(())
}

/// Which AES-round AEAD a gate operation runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AesAead {
    /// Rocca-S (16-byte nonce, 32-byte tag).
    RoccaS,
    /// AEGIS-256 with 128-bit tags (32-byte nonce, 16-byte tag). The 256-bit-tag variant
    /// runs the same code up to the last XOR of the tag words.
    Aegis256,
}

impl AesAead {
    /// Nonce length in bytes.
    #[must_use]
    pub const fn nonce_len(self) -> usize {
        match self {
            AesAead::RoccaS => 16,
            AesAead::Aegis256 => 32,
        }
    }

    /// Tag length in bytes.
    #[must_use]
    pub const fn tag_len(self) -> usize {
        match self {
            AesAead::RoccaS => 32,
            AesAead::Aegis256 => 16,
        }
    }

    /// Canonical name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            AesAead::RoccaS => "rocca-s",
            AesAead::Aegis256 => "aegis-256",
        }
    }
}

/// Rocca-S or AEGIS-256 seal on the forced AES-round `backend`; `None` if this CPU lacks
/// the backend.
///
/// # Errors
/// [`InputError`] for a nonce or tag of the wrong length.
#[inline(never)]
pub fn aes_aead_seal(
    alg: AesAead,
    backend: mamori_primitives::Backend,
    key: &[u8; 32],
    nonce: &[u8],
    associated_data: &[u8],
    buffer: &mut [u8],
    tag: &mut [u8],
) -> Option<Result<(), InputError>> {
    Some(match alg {
        AesAead::RoccaS => mamori_aead::RoccaS::with_backend(key, backend)?.seal(
            nonce,
            associated_data,
            buffer,
            tag,
        ),
        AesAead::Aegis256 => mamori_aead::Aegis256::with_backend(key, backend)?.seal(
            nonce,
            associated_data,
            buffer,
            tag,
        ),
    })
}

/// Rocca-S or AEGIS-256 open on the forced AES-round `backend`; `None` if this CPU lacks
/// the backend.
///
/// # Errors
/// [`Error::Input`] for wrong lengths, [`Error::Crypto`] when the tag does not verify
/// (`buffer` is then zeroed).
#[inline(never)]
pub fn aes_aead_open(
    alg: AesAead,
    backend: mamori_primitives::Backend,
    key: &[u8; 32],
    nonce: &[u8],
    associated_data: &[u8],
    buffer: &mut [u8],
    tag: &[u8],
) -> Option<Result<(), Error>> {
    Some(match alg {
        AesAead::RoccaS => mamori_aead::RoccaS::with_backend(key, backend)?.open(
            nonce,
            associated_data,
            buffer,
            tag,
        ),
        AesAead::Aegis256 => mamori_aead::Aegis256::with_backend(key, backend)?.open(
            nonce,
            associated_data,
            buffer,
            tag,
        ),
    })
}

/// An ML-KEM parameter set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MlKem {
    /// ML-KEM-512.
    K512,
    /// ML-KEM-768.
    K768,
    /// ML-KEM-1024.
    K1024,
}

/// Applies `$body` with `$m` bound to the module of `$set` (`ml_kem_512` etc.).
macro_rules! with_set {
    ($set:expr, $m:ident => $body:expr) => {
        match $set {
            MlKem::K512 => {
                use mamori_kem::ml_kem_512 as $m;
                $body
            }
            MlKem::K768 => {
                use mamori_kem::ml_kem_768 as $m;
                $body
            }
            MlKem::K1024 => {
                use mamori_kem::ml_kem_1024 as $m;
                $body
            }
        }
    };
}

/// ML-KEM key generation from the seed `d || z`: writes the encapsulation key to `ek` and
/// the expanded decapsulation key to `dk` (both at least the set's length; the lengths
/// written are returned).
#[inline(never)]
pub fn ml_kem_keygen(set: MlKem, seed: &[u8; 64], ek: &mut [u8], dk: &mut [u8]) -> (usize, usize) {
    with_set!(set, m => {
        let key = m::DecapsulationKey::from_seed(seed);
        let e = key.encapsulation_key().to_bytes();
        let d = key.to_expanded();
        ek[..e.len()].copy_from_slice(&e);
        dk[..d.len()].copy_from_slice(&d);
        (e.len(), d.len())
    })
}

/// ML-KEM encapsulation from encapsulation-key bytes and randomness `m`: writes the
/// ciphertext to `ct` and returns its length and the shared secret.
///
/// # Errors
/// [`InputError`] for a malformed or wrong-length key.
#[inline(never)]
pub fn ml_kem_encaps(
    set: MlKem,
    ek: &[u8],
    m: &[u8; 32],
    ct: &mut [u8],
) -> Result<(usize, [u8; 32]), InputError> {
    with_set!(set, km => {
        let key = km::EncapsulationKey::from_bytes(ek)?;
        let (c, k) = key.encapsulate_deterministic(m);
        ct[..c.as_bytes().len()].copy_from_slice(c.as_bytes());
        Ok((c.as_bytes().len(), *k.as_bytes()))
    })
}

/// ML-KEM decapsulation from expanded decapsulation-key bytes (implicit rejection for a
/// ciphertext that does not re-encrypt).
///
/// # Errors
/// [`InputError`] for a malformed or wrong-length key or ciphertext.
#[inline(never)]
pub fn ml_kem_decaps(set: MlKem, dk: &[u8], ct: &[u8]) -> Result<[u8; 32], InputError> {
    with_set!(set, m => {
        let key = m::DecapsulationKey::from_expanded(dk)?;
        Ok(*key.decapsulate_bytes(ct)?.as_bytes())
    })
}

/// ML-KEM decapsulation in one call from expanded decapsulation-key bytes
/// (`DecapsulationKey::decapsulate_expanded`: the key check's `H(ek)` and the rejection key
/// `J(z || c)` hashed together on the four-way Keccak where there is one), as
/// [`ml_kem_decaps`].
///
/// # Errors
/// As [`ml_kem_decaps`].
#[inline(never)]
pub fn ml_kem_decaps_encoded(set: MlKem, dk: &[u8], ct: &[u8]) -> Result<[u8; 32], InputError> {
    with_set!(set, m => Ok(*m::DecapsulationKey::decapsulate_expanded(dk, ct)?.as_bytes()))
}

/// An ML-DSA parameter set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MlDsa {
    /// ML-DSA-44.
    D44,
    /// ML-DSA-65.
    D65,
    /// ML-DSA-87.
    D87,
}

/// Applies `$body` with `$m` bound to the module of `$set` (`ml_dsa_44` etc.).
macro_rules! with_dsa {
    ($set:expr, $m:ident => $body:expr) => {
        match $set {
            MlDsa::D44 => {
                use mamori_sign::ml_dsa_44 as $m;
                $body
            }
            MlDsa::D65 => {
                use mamori_sign::ml_dsa_65 as $m;
                $body
            }
            MlDsa::D87 => {
                use mamori_sign::ml_dsa_87 as $m;
                $body
            }
        }
    };
}

/// ML-DSA key generation from the seed `ξ`: writes the verifying key to `vk` and the
/// expanded signing key to `sk` (both at least the set's length; the lengths written are
/// returned).
#[inline(never)]
pub fn ml_dsa_keygen(set: MlDsa, seed: &[u8; 32], vk: &mut [u8], sk: &mut [u8]) -> (usize, usize) {
    with_dsa!(set, m => {
        let key = m::SigningKey::from_seed(seed);
        let v = key.verifying_key().to_bytes();
        let s = key.to_expanded();
        vk[..v.len()].copy_from_slice(&v);
        sk[..s.len()].copy_from_slice(&s);
        (v.len(), s.len())
    })
}

/// ML-DSA signing (FIPS 204 Algorithm 2) with the expanded signing key `sk` and the
/// randomness `rnd` (all zero: the deterministic variant): writes the signature to `sig`
/// and returns its length.
///
/// # Errors
/// [`InputError`] for a malformed or wrong-length key, or a context longer than 255 bytes.
#[inline(never)]
pub fn ml_dsa_sign(
    set: MlDsa,
    sk: &[u8],
    message: &[u8],
    context: &[u8],
    rnd: &[u8; 32],
    sig: &mut [u8],
) -> Result<usize, InputError> {
    with_dsa!(set, m => {
        let key = m::SigningKey::from_expanded(sk)?;
        let s = key.sign_with_randomness(message, context, rnd)?;
        sig[..s.as_bytes().len()].copy_from_slice(s.as_bytes());
        Ok(s.as_bytes().len())
    })
}

/// ML-DSA signing straight from the expanded encoding (`ml_dsa_NN::sign_expanded`: FIPS
/// 204's checks of the encoding only, its verdict declassified), as [`ml_dsa_sign`]; returns
/// the signature length.
///
/// # Errors
/// As [`ml_dsa_sign`].
#[inline(never)]
pub fn ml_dsa_sign_encoded(
    set: MlDsa,
    sk: &[u8],
    message: &[u8],
    context: &[u8],
    rnd: &[u8; 32],
    sig: &mut [u8],
) -> Result<usize, InputError> {
    with_dsa!(set, m => {
        m::sign_expanded(sk, message, context, rnd, &mut sig[..m::SIGNATURE_LEN])?;
        Ok(m::SIGNATURE_LEN)
    })
}

/// ML-DSA verification (FIPS 204 Algorithm 3): all inputs public.
///
/// # Errors
/// [`Error::Input`] for a wrong-length key or a context longer than 255 bytes,
/// [`Error::Crypto`] for an invalid signature.
#[inline(never)]
pub fn ml_dsa_verify(
    set: MlDsa,
    vk: &[u8],
    message: &[u8],
    context: &[u8],
    sig: &[u8],
) -> Result<(), Error> {
    with_dsa!(set, m => m::VerifyingKey::from_bytes(vk)?.verify(message, context, sig))
}
