//! The ML-DSA API: input checks (lengths, context strings), the strict signature decoding of
//! FIPS 204 (hint encoding, `‖z‖∞`), tampering, both signing-key forms, the interfaces
//! agreeing with each other, redacted `Debug`, and round trips on random inputs, for all
//! three sets.

use mamori_primitives::reexport::rand_core;
use mamori_primitives::{Decode, Encode, Error, InputError, Param, SignatureScheme};
use mamori_sign::{MlDsa44, MlDsa65, MlDsa87, PreHash, PreHashed};
use proptest::prelude::*;

/// Where the parts of a signature are, and the bounds they obey (FIPS 204 Table 1).
struct Layout {
    ctilde: usize,
    l: usize,
    k: usize,
    z_bits: u32,
    omega: usize,
    gamma1: u32,
    beta: u32,
    /// Bytes of one packed polynomial of s1 or s2.
    eta_poly: usize,
}

impl Layout {
    fn hints(&self) -> usize {
        self.ctilde + self.l * 32 * self.z_bits as usize
    }
}

const L44: Layout = Layout {
    ctilde: 32,
    l: 4,
    k: 4,
    z_bits: 18,
    omega: 80,
    gamma1: 1 << 17,
    beta: 78,
    eta_poly: 96,
};
const L65: Layout = Layout {
    ctilde: 48,
    l: 5,
    k: 6,
    z_bits: 20,
    omega: 55,
    gamma1: 1 << 19,
    beta: 196,
    eta_poly: 128,
};
const L87: Layout = Layout {
    ctilde: 64,
    l: 7,
    k: 8,
    z_bits: 20,
    omega: 75,
    gamma1: 1 << 19,
    beta: 120,
    eta_poly: 96,
};

fn encode<E: Encode>(e: &E) -> Vec<u8> {
    let mut out = vec![0u8; E::ENCODED_LEN];
    e.encode_into(&mut out).expect("exact length");
    out
}

/// A deterministic RNG for the tests (the randomness source is not under test here).
struct Counter(u64);
impl rand_core::TryRng for Counter {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        Ok(self.0 >> 11 ^ self.0)
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for b in dst {
            *b = self.try_next_u64()? as u8;
        }
        Ok(())
    }
}
impl rand_core::TryCryptoRng for Counter {}

fn sign<T: SignatureScheme>(
    sk: &T::SigningKey,
    msg: &[u8],
    ctx: &[u8],
    rnd: Option<&[u8]>,
) -> Vec<u8> {
    let mut sig = vec![0u8; T::SIGNATURE_LEN];
    T::sign_into(sk, msg, ctx, rnd, &mut sig).expect("valid inputs");
    sig
}

fn rejects<T: SignatureScheme>(
    vk: &T::VerifyingKey,
    msg: &[u8],
    ctx: &[u8],
    sig: &[u8],
    what: &str,
) {
    assert_eq!(
        T::verify(vk, msg, ctx, sig),
        Err(Error::Crypto(Default::default())),
        "{what}"
    );
}

/// Writes the `bits`-bit value `v` as coefficient 0 of z_0.
fn set_z0(sig: &mut [u8], lay: &Layout, v: u32) {
    let at = lay.ctilde;
    let mut acc = u32::from(sig[at]) | u32::from(sig[at + 1]) << 8 | u32::from(sig[at + 2]) << 16;
    acc = (acc & !((1 << lay.z_bits) - 1)) | v;
    sig[at..at + 3].copy_from_slice(&acc.to_le_bytes()[..3]);
}

fn checks<T: SignatureScheme>(lay: &Layout)
where
    T::SigningKey: std::fmt::Debug,
    T::VerifyingKey: std::fmt::Debug,
{
    let seed: Vec<u8> = (0..32u8).map(|i| i.wrapping_mul(7) + 1).collect();
    let (sk, vk) = T::keygen_from_seed(&seed).expect("seed length");
    let sk_bytes = encode(&sk);
    let vk_bytes = encode(&vk);
    assert_eq!(sk_bytes.len(), T::SIGNING_KEY_LEN);
    assert_eq!(vk_bytes.len(), T::VERIFYING_KEY_LEN);
    assert_eq!(T::SIGNATURE_LEN, lay.hints() + lay.omega + lay.k);
    assert_eq!(T::MAX_CONTEXT_LEN, 255);

    // Wrong lengths and over-long contexts are errors naming the parameter, never panics,
    // and nothing is written.
    let len_err = |param, expected, actual| InputError::Length {
        param,
        expected,
        actual,
    };
    assert_eq!(
        T::keygen_from_seed(&seed[..31]).err(),
        Some(len_err(Param::Seed, 32, 31))
    );
    assert!(matches!(
        T::VerifyingKey::decode(&vk_bytes[1..]),
        Err(InputError::Length {
            param: Param::VerifyingKey,
            ..
        })
    ));
    assert!(matches!(
        T::SigningKey::decode(&[sk_bytes.as_slice(), &[0]].concat()),
        Err(InputError::Length {
            param: Param::SigningKey,
            ..
        })
    ));
    assert!(
        vk.encode_into(&mut vec![0u8; T::VERIFYING_KEY_LEN + 1])
            .is_err()
    );
    assert!(
        sk.encode_into(&mut vec![0u8; T::SIGNING_KEY_LEN - 1])
            .is_err()
    );
    let n = T::SIGNATURE_LEN;
    let long_ctx = [7u8; 256];
    let mut out = vec![0xaau8; n];
    let too_long = InputError::TooLong {
        param: Param::Context,
        max: 255,
    };
    assert_eq!(
        T::sign_into(&sk, b"m", &long_ctx, None, &mut out),
        Err(too_long)
    );
    assert_eq!(
        T::sign_into(&sk, b"m", b"", Some(&[0; 31]), &mut out),
        Err(len_err(Param::Randomness, 32, 31))
    );
    assert_eq!(
        T::sign_into(&sk, b"m", b"", Some(&[0; 33]), &mut out),
        Err(len_err(Param::Randomness, 32, 33))
    );
    assert!(out.iter().all(|&b| b == 0xaa), "nothing written");
    let mut short = vec![0xaau8; n - 1];
    assert_eq!(
        T::sign_into(&sk, b"m", b"", None, &mut short),
        Err(len_err(Param::Output, n, n - 1))
    );
    assert!(short.iter().all(|&b| b == 0xaa), "nothing written");
    let mut rng = Counter(1);
    assert_eq!(
        T::sign_with_rng(&sk, b"m", &long_ctx, &mut rng, &mut out),
        Err(too_long)
    );
    assert!(out.iter().all(|&b| b == 0xaa), "nothing written");

    // Round trip: deterministic, with randomness, hedged from an RNG; contexts 0..=255 bytes.
    let msg = b"the message";
    let ctx = b"ctx";
    let det = sign::<T>(&sk, msg, ctx, None);
    assert_eq!(
        det,
        sign::<T>(&sk, msg, ctx, Some(&[0; 32])),
        "None is rnd = 0^32"
    );
    let hedged = sign::<T>(&sk, msg, ctx, Some(&[1; 32]));
    assert_ne!(det, hedged);
    let mut from_rng = vec![0u8; n];
    T::sign_with_rng(&sk, msg, ctx, &mut rng, &mut from_rng).expect("valid");
    for sig in [&det, &hedged, &from_rng] {
        T::verify(&vk, msg, ctx, sig).expect("valid signature");
    }
    for ctx in [&[][..], &[0u8; 255][..]] {
        let sig = sign::<T>(&sk, msg, ctx, None);
        T::verify(&vk, msg, ctx, &sig).expect("valid signature");
    }
    let vk2 = T::VerifyingKey::decode(&vk_bytes).expect("own vk");
    T::verify(&vk2, msg, ctx, &det).expect("parsed vk");
    let sk2 = T::SigningKey::decode(&sk_bytes).expect("own sk");
    assert_eq!(
        sign::<T>(&sk2, msg, ctx, None),
        det,
        "expanded key signs alike"
    );

    // Signing from the encoding (`sign_encoded`, FIPS 204's checks only): the same
    // signatures; wrong lengths, over-long contexts and out-of-range s1 or s2 coefficients
    // are errors with nothing written. A t0 that does not match passes (FIPS 204 asks no
    // such check) where `Decode` rejects it.
    let mut enc = vec![0u8; n];
    T::sign_encoded(&sk_bytes, msg, ctx, None, &mut enc).expect("own sk");
    assert_eq!(enc, det, "sign_encoded, deterministic");
    T::sign_encoded(&sk_bytes, msg, ctx, Some(&[1; 32]), &mut enc).expect("own sk");
    assert_eq!(enc, hedged, "sign_encoded, hedged");
    let malformed = InputError::Malformed {
        param: Param::SigningKey,
    };
    let s2_at = 128 + lay.l * lay.eta_poly;
    let s2_end = s2_at + lay.k * lay.eta_poly;
    let with = |at: usize, v: u8| {
        let mut b = sk_bytes.clone();
        b[at] = v;
        b
    };
    let mut out = vec![0xaau8; n];
    for (key, ctx, rnd, out_len, want) in [
        (
            &sk_bytes[1..],
            &ctx[..],
            None,
            n,
            len_err(
                Param::SigningKey,
                T::SIGNING_KEY_LEN,
                T::SIGNING_KEY_LEN - 1,
            ),
        ),
        (&with(128, 0xff)[..], ctx, None, n, malformed),
        (&with(s2_at, 0xff)[..], ctx, None, n, malformed),
        (&with(s2_end - 1, 0xff)[..], ctx, None, n, malformed),
        (&sk_bytes[..], &long_ctx[..], None, n, too_long),
        (
            &sk_bytes[..],
            ctx,
            Some(&[0u8; 31][..]),
            n,
            len_err(Param::Randomness, 32, 31),
        ),
        (
            &sk_bytes[..],
            ctx,
            None,
            n - 1,
            len_err(Param::Output, n, n - 1),
        ),
    ] {
        assert_eq!(
            T::sign_encoded(key, msg, ctx, rnd, &mut out[..out_len]),
            Err(want)
        );
        assert!(out.iter().all(|&b| b == 0xaa), "nothing written: {want:?}");
    }
    let bad_t0 = with(T::SIGNING_KEY_LEN - 1, sk_bytes[T::SIGNING_KEY_LEN - 1] ^ 1);
    assert!(T::SigningKey::decode(&bad_t0).is_err(), "Decode checks t0");
    T::sign_encoded(&bad_t0, msg, ctx, None, &mut out).expect("FIPS 204 checks no t0");

    // Verification: wrong message, context, key or length fail as `Crypto`; an over-long
    // context is an `Input` error.
    rejects::<T>(&vk, b"the messagf", ctx, &det, "message");
    rejects::<T>(&vk, msg, b"ctx2", &det, "context");
    rejects::<T>(&vk, msg, b"", &det, "empty context");
    let (_, other_vk) = T::keygen_from_seed(&[9; 32]).expect("seed");
    rejects::<T>(&other_vk, msg, ctx, &det, "key");
    rejects::<T>(&vk, msg, ctx, &det[..n - 1], "short");
    rejects::<T>(&vk, msg, ctx, &[det.as_slice(), &[0]].concat(), "long");
    rejects::<T>(&vk, msg, ctx, &[], "empty");
    assert_eq!(
        T::verify(&vk, msg, &long_ctx, &det),
        Err(Error::Input(too_long))
    );

    // Tampering anywhere: c̃, z, hint positions, hint counts.
    for at in [
        0,
        lay.ctilde - 1,
        lay.ctilde,
        lay.hints() - 1,
        lay.hints(),
        n - lay.k,
        n - 1,
    ] {
        for bit in [0, 7] {
            let mut bad = det.clone();
            bad[at] ^= 1 << bit;
            rejects::<T>(&vk, msg, ctx, &bad, &format!("byte {at} bit {bit}"));
        }
    }
    rejects::<T>(&vk, msg, ctx, &vec![0xff; n], "all ones");
    rejects::<T>(&vk, msg, ctx, &vec![0; n], "all zeros");

    // ‖z‖∞ must be below γ1 - β: coefficient 0 of z_0 set to ±(γ1 - β).
    for z in [
        lay.gamma1 - lay.beta,
        -((lay.gamma1 - lay.beta) as i32) as u32,
    ] {
        let mut bad = det.clone();
        set_z0(
            &mut bad,
            lay,
            lay.gamma1.wrapping_sub(z) & ((1 << lay.z_bits) - 1),
        );
        rejects::<T>(&vk, msg, ctx, &bad, "z out of range");
    }

    hint_malleability::<T>(&vk, &sk, lay);

    // Debug prints no secret bytes.
    let shown = format!("{sk:?} {vk:?}");
    let secret_hex = hex::encode(&sk_bytes[32..64]); // K
    let s1_hex = hex::encode(&sk_bytes[128..160]);
    assert!(
        !shown.contains(&secret_hex[..8]) && !shown.contains(&s1_hex[..8]),
        "{shown}"
    );
    assert!(shown.contains("SigningKey(..)"), "{shown}");
}

/// The hint encoding must be the unique one (FIPS 204 Algorithm 21): any other encoding of
/// a valid signature's hints, or a malformed one, fails.
fn hint_malleability<T: SignatureScheme>(vk: &T::VerifyingKey, sk: &T::SigningKey, lay: &Layout) {
    let h = lay.hints();
    let counts = h + lay.omega;
    // A signature with two ones in some polynomial and fewer than ω ones in all.
    let (msg, sig, poly) = (0u32..)
        .find_map(|i| {
            let msg = i.to_le_bytes();
            let sig = sign::<T>(sk, &msg, b"", None);
            let total = usize::from(sig[counts + lay.k - 1]);
            let poly = (0..lay.k).find(|&p| {
                let start = if p == 0 {
                    0
                } else {
                    usize::from(sig[counts + p - 1])
                };
                usize::from(sig[counts + p]) >= start + 2
            })?;
            (total < lay.omega).then_some((msg, sig, poly))
        })
        .expect("such a signature exists");
    T::verify(vk, &msg, b"", &sig).expect("valid");
    let start = h + if poly == 0 {
        0
    } else {
        usize::from(sig[counts + poly - 1])
    };
    let total = usize::from(sig[counts + lay.k - 1]);

    let mut bad = sig.clone();
    bad.swap(start, start + 1);
    rejects::<T>(vk, &msg, b"", &bad, "positions swapped (decreasing)");
    let mut bad = sig.clone();
    bad[start + 1] = bad[start];
    rejects::<T>(vk, &msg, b"", &bad, "position repeated");
    // A nonzero unused position byte: the same hints under a lenient decoder.
    for at in [h + total, h + lay.omega - 1] {
        let mut bad = sig.clone();
        bad[at] = 1;
        rejects::<T>(vk, &msg, b"", &bad, "unused position byte not zero");
    }
    let mut bad = sig.clone();
    bad[counts + lay.k - 1] = lay.omega as u8 + 1;
    rejects::<T>(vk, &msg, b"", &bad, "count above omega");
    if poly + 1 < lay.k {
        // Counts must not decrease.
        let mut bad = sig.clone();
        bad[counts + poly + 1] = bad[counts + poly] - 1;
        rejects::<T>(vk, &msg, b"", &bad, "count decreasing");
    }
    let mut bad = sig.clone();
    bad[counts + lay.k - 1] = 255;
    rejects::<T>(vk, &msg, b"", &bad, "count 255");
}

#[test]
fn ml_dsa_44_checks() {
    checks::<MlDsa44>(&L44);
}

#[test]
fn ml_dsa_65_checks() {
    checks::<MlDsa65>(&L65);
}

#[test]
fn ml_dsa_87_checks() {
    checks::<MlDsa87>(&L87);
}

#[test]
fn seed_and_expanded_forms() {
    use mamori_sign::ml_dsa_65::SigningKey;
    let seed = [42u8; 32];
    let sk = SigningKey::from_seed(&seed);
    assert_eq!(sk.seed(), Some(&seed));
    let expanded = sk.to_expanded();
    let back = SigningKey::from_expanded(&expanded).expect("valid");
    assert_eq!(back.seed(), None);
    assert_eq!(back.verifying_key(), sk.verifying_key());
    assert_eq!(back.verifying_key().tr(), &expanded[64..128]);

    // The checks of `from_expanded`: tr, t0 and the range of s1 and s2. ρ, K: anything.
    let malformed = Err(InputError::Malformed {
        param: Param::SigningKey,
    });
    let t0_at = expanded.len() - 6 * 416;
    for (at, what) in [
        (0, "rho"),
        (64, "tr"),
        (127, "tr"),
        (t0_at, "t0"),
        (expanded.len() - 1, "t0"),
    ] {
        let mut bad = expanded;
        bad[at] ^= 1;
        assert_eq!(
            SigningKey::from_expanded(&bad).map(drop),
            malformed,
            "{what}"
        );
    }
    // ML-DSA-65 packs s1 coefficients in 4 bits as 4 - s; 9..=15 are out of range.
    let mut bad = expanded;
    bad[128] = (bad[128] & 0xf0) | 9;
    assert_eq!(
        SigningKey::from_expanded(&bad).map(drop),
        malformed,
        "s1 range"
    );
    // K is not bound to anything else in the key: it parses, and signs differently.
    let mut other = expanded;
    other[40] ^= 1;
    let other = SigningKey::from_expanded(&other).expect("K is free");
    assert_ne!(
        other.sign_deterministic(b"m", b"").expect("ctx"),
        sk.sign_deterministic(b"m", b"").expect("ctx")
    );

    // Generated keys.
    let mut rng = Counter(3);
    let a = SigningKey::generate(&mut rng);
    let b = SigningKey::generate(&mut rng);
    assert_ne!(a.verifying_key(), b.verifying_key());
    let sig = a.sign(b"m", b"c", &mut rng).expect("ctx");
    a.verifying_key()
        .verify(b"m", b"c", sig.as_bytes())
        .expect("valid");
    assert!(
        b.verifying_key()
            .verify(b"m", b"c", sig.as_bytes())
            .is_err()
    );
}

/// External, internal and external-μ signing agree; so do their verifications.
#[test]
fn interfaces_agree() {
    use mamori_sign::ml_dsa_44::{Signature, SigningKey};
    let sk = SigningKey::from_seed(&[5; 32]);
    let vk = sk.verifying_key();
    let (msg, ctx, rnd) = (b"message".as_slice(), b"context".as_slice(), [3u8; 32]);
    let external = sk.sign_with_randomness(msg, ctx, &rnd).expect("ctx");
    let m_prime = [&[0, ctx.len() as u8][..], ctx, msg].concat();
    assert_eq!(sk.sign_internal(&m_prime, &rnd), external);
    let mu = vk.mu(msg, ctx).expect("ctx");
    assert_eq!(sk.sign_mu(&mu, &rnd), external);
    vk.verify_internal(&m_prime, external.as_bytes())
        .expect("valid");
    vk.verify_mu(&mu, external.as_bytes()).expect("valid");
    assert!(vk.verify_internal(msg, external.as_bytes()).is_err());
    assert_eq!(
        Signature::from_bytes(external.as_bytes()).expect("length"),
        external
    );
    assert!(Signature::from_bytes(&external.as_bytes()[1..]).is_err());
    assert_eq!(format!("{external:?}"), "MlDsa44Signature(2420 bytes)");

    // HashML-DSA: M' = 1 || |ctx| || ctx || OID || PH(M).
    for alg in [
        PreHash::Sha3_256,
        PreHash::Shake128,
        PreHash::Shake256,
        PreHash::Sha3_224,
    ] {
        let ph = PreHashed::hash(alg, msg).expect("SHA-3 family");
        assert_eq!(ph.digest().len(), alg.digest_len());
        let sig = sk.sign_prehashed(&ph, ctx, &rnd).expect("ctx");
        let m_prime = [&[1, ctx.len() as u8][..], ctx, &alg.oid(), ph.digest()].concat();
        assert_eq!(sk.sign_internal(&m_prime, &rnd), sig);
        vk.verify_prehashed(&ph, ctx, sig.as_bytes())
            .expect("valid");
        assert!(
            vk.verify(msg, ctx, sig.as_bytes()).is_err(),
            "pure and pre-hash are separated"
        );
        let other = PreHashed::from_digest(alg, &vec![0; alg.digest_len()]).expect("length");
        assert!(vk.verify_prehashed(&other, ctx, sig.as_bytes()).is_err());
    }
    assert!(PreHashed::hash(PreHash::Sha2_256, msg).is_none());
    assert_eq!(
        PreHashed::from_digest(PreHash::Sha2_256, &[0; 31]).err(),
        Some(InputError::Length {
            param: Param::Message,
            expected: 32,
            actual: 31
        })
    );
    for alg in PreHash::ALL {
        assert_eq!(PreHash::from_name(alg.name()), Some(alg));
    }
    assert!(
        sk.sign_prehashed(
            &PreHashed::hash(PreHash::Sha3_512, msg).expect("sha3"),
            &[0; 256],
            &rnd
        )
        .is_err()
    );
    assert!(vk.mu(msg, &[0; 256]).is_err());
}

#[test]
fn algorithm_info() {
    use mamori_primitives::{Algorithm, Family};
    for (info, pk, sk, sig) in [
        (MlDsa44::INFO, 1312, 2560, 2420),
        (MlDsa65::INFO, 1952, 4032, 3309),
        (MlDsa87::INFO, 2592, 4896, 4627),
    ] {
        assert_eq!(info.family, Family::Signature);
        assert_eq!(info.size("pk"), Some(pk));
        assert_eq!(info.size("sk"), Some(sk));
        assert_eq!(info.size("signature"), Some(sig));
        assert!(info.matches(&info.name.to_uppercase()));
    }
    assert_eq!(MlDsa65::SIGNATURE_LEN, 3309);
}

fn round_trip<T: SignatureScheme>(seed: &[u8], msg: &[u8], ctx: &[u8], rnd: &[u8], flip: usize) {
    let (sk, vk) = T::keygen_from_seed(seed).expect("seed");
    let sig = sign::<T>(&sk, msg, ctx, Some(rnd));
    T::verify(&vk, msg, ctx, &sig).expect("valid");
    let mut enc = vec![0u8; sig.len()];
    T::sign_encoded(&encode(&sk), msg, ctx, Some(rnd), &mut enc).expect("own sk");
    assert_eq!(enc, sig, "sign_encoded");
    let mut bad = sig.clone();
    bad[flip % sig.len()] ^= 1 << (flip % 8);
    rejects::<T>(&vk, msg, ctx, &bad, "flipped bit");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn random_round_trips(
        seed in proptest::collection::vec(any::<u8>(), 32),
        msg in proptest::collection::vec(any::<u8>(), 0..300),
        ctx in proptest::collection::vec(any::<u8>(), 0..=255),
        rnd in proptest::collection::vec(any::<u8>(), 32),
        flip in any::<usize>(),
    ) {
        round_trip::<MlDsa44>(&seed, &msg, &ctx, &rnd, flip);
        round_trip::<MlDsa65>(&seed, &msg, &ctx, &rnd, flip);
        round_trip::<MlDsa87>(&seed, &msg, &ctx, &rnd, flip);
    }
}

// Verification never panics on arbitrary signature bytes of the right length.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn garbage_signatures_fail(bytes in proptest::collection::vec(any::<u8>(), 2420)) {
        let (_, vk) = MlDsa44::keygen_from_seed(&[1; 32]).expect("seed");
        prop_assert!(MlDsa44::verify(&vk, b"m", b"", &bytes).is_err());
    }
}

/// The expanded-key types against the byte-based ones for one parameter set: the same
/// signatures from every signing method, and the same verdicts from every verifying method
/// on valid, flipped and garbled signatures.
macro_rules! expanded_same_as_bytes {
    ($m:ident, $seed:expr, $msg:expr, $ctx:expr, $rnd:expr, $flip:expr) => {{
        use mamori_sign::$m::{ExpandedSigningKey, ExpandedVerifyingKey, SigningKey};
        let sk = SigningKey::from_seed($seed);
        let vk = sk.verifying_key();
        let esk = ExpandedSigningKey::new(&sk);
        let evk = ExpandedVerifyingKey::from(&vk);
        assert_eq!(esk.verifying_key(), vk);
        assert_eq!(evk.verifying_key(), &vk);
        let sig = sk.sign_with_randomness($msg, $ctx, $rnd).expect("ctx");
        assert_eq!(
            esk.sign_with_randomness($msg, $ctx, $rnd).expect("ctx"),
            sig
        );
        assert_eq!(
            esk.sign_deterministic($msg, $ctx).expect("ctx"),
            sk.sign_deterministic($msg, $ctx).expect("ctx")
        );
        assert_eq!(esk.sign_internal($msg, $rnd), sk.sign_internal($msg, $rnd));
        let digest = PreHashed::hash(PreHash::Shake256, $msg).expect("SHAKE");
        let psig = sk.sign_prehashed(&digest, $ctx, $rnd).expect("ctx");
        assert_eq!(esk.sign_prehashed(&digest, $ctx, $rnd).expect("ctx"), psig);
        let mu = vk.mu($msg, $ctx).expect("ctx");
        assert_eq!(esk.sign_mu(&mu, $rnd), sk.sign_mu(&mu, $rnd));
        let mut bad = sig.as_bytes().to_vec();
        let at = $flip % bad.len();
        bad[at] ^= 1 << ($flip % 8);
        let mut garbled = sig.as_bytes().to_vec();
        for (i, b) in garbled.iter_mut().enumerate().skip(at) {
            *b = (i as u8).wrapping_mul(151) ^ ($flip as u8);
        }
        for s in [sig.as_bytes().as_slice(), &bad, &garbled, &bad[1..]] {
            let want = vk.verify($msg, $ctx, s).is_ok();
            assert_eq!(evk.verify($msg, $ctx, s).is_ok(), want);
            assert_eq!(evk.verify_mu(&mu, s).is_ok(), vk.verify_mu(&mu, s).is_ok());
            assert_eq!(
                evk.verify_internal($msg, s).is_ok(),
                vk.verify_internal($msg, s).is_ok()
            );
        }
        assert!(evk.verify($msg, $ctx, sig.as_bytes()).is_ok());
        assert!(evk.verify($msg, $ctx, &bad).is_err());
        assert!(evk.verify_prehashed(&digest, $ctx, psig.as_bytes()).is_ok());
        assert!(
            evk.verify_internal($msg, esk.sign_internal($msg, $rnd).as_bytes())
                .is_ok()
        );
        assert!(format!("{esk:?}").ends_with("ExpandedSigningKey(..)"));
        assert!(format!("{evk:?}").contains("ExpandedVerifyingKey(tr = "));
    }};
}

// The expanded keys sign and verify exactly as the byte-based keys, on random keys and
// messages (on the backend this CPU runs; the library's unit tests compare every backend's
// expanded path with the portable one).
proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn expanded_keys_same_as_bytes(
        seed in proptest::array::uniform32(any::<u8>()),
        msg in proptest::collection::vec(any::<u8>(), 0..300),
        ctx in proptest::collection::vec(any::<u8>(), 0..=255),
        rnd in proptest::array::uniform32(any::<u8>()),
        flip in any::<usize>(),
    ) {
        expanded_same_as_bytes!(ml_dsa_44, &seed, &msg, &ctx, &rnd, flip);
        expanded_same_as_bytes!(ml_dsa_65, &seed, &msg, &ctx, &rnd, flip);
        expanded_same_as_bytes!(ml_dsa_87, &seed, &msg, &ctx, &rnd, flip);
    }
}
