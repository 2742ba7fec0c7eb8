//! The ML-KEM API: input checks (FIPS 203 §7), both decapsulation-key forms, implicit
//! rejection, decapsulation from the encoded key (against decoding then decapsulating),
//! redacted `Debug`, and round trips on random inputs, for all three sets; and the same
//! through [`Portable`], with the same bytes as the dispatched backend.

use mamori_kem::{MlKem512, MlKem768, MlKem1024, Portable};
use mamori_primitives::{Algorithm, Backend, Decode, Encode, InputError, Kem, Param};
use proptest::prelude::*;
use shake::{ExtendableOutput, Update, XofReader};

/// `J(z || c) = SHAKE256(z || c, 32)`, from RustCrypto, independently of Mamori's Keccak.
fn j(z: &[u8], c: &[u8]) -> Vec<u8> {
    let mut h = shake::Shake256::default();
    h.update(z);
    h.update(c);
    let mut out = vec![0u8; 32];
    h.finalize_xof().read(&mut out);
    out
}

fn encode<E: Encode>(e: &E) -> Vec<u8> {
    let mut out = vec![0u8; E::ENCODED_LEN];
    e.encode_into(&mut out).expect("exact length");
    out
}

fn checks<T: Kem>()
where
    T::DecapsulationKey: std::fmt::Debug,
    T::SharedSecret: std::fmt::Debug,
{
    let seed: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(7) + 1).collect();
    let (dk, ek) = T::keygen_from_seed(&seed).expect("seed length");
    let ek_bytes = encode(&ek);
    let dk_bytes = encode(&dk);
    assert_eq!(ek_bytes.len(), T::ENCAPSULATION_KEY_LEN);
    assert_eq!(dk_bytes.len(), T::DECAPSULATION_KEY_LEN);

    // Wrong lengths are errors naming the parameter, never panics.
    let len_err = |param, expected, actual| InputError::Length {
        param,
        expected,
        actual,
    };
    assert_eq!(
        T::keygen_from_seed(&seed[..63]).err(),
        Some(len_err(Param::Seed, 64, 63))
    );
    assert_eq!(
        T::encapsulate_deterministic(&ek, &[0; 31]).err(),
        Some(len_err(Param::Randomness, 32, 31))
    );
    let n = T::CIPHERTEXT_LEN;
    assert_eq!(
        T::decapsulate(&dk, &vec![0; n + 1]).err(),
        Some(len_err(Param::Ciphertext, n, n + 1))
    );
    assert!(matches!(
        T::EncapsulationKey::decode(&ek_bytes[1..]),
        Err(InputError::Length {
            param: Param::EncapsulationKey,
            ..
        })
    ));
    assert!(matches!(
        T::DecapsulationKey::decode(&dk_bytes[..dk_bytes.len() - 1]),
        Err(InputError::Length {
            param: Param::DecapsulationKey,
            ..
        })
    ));
    let mut short = vec![0u8; T::ENCAPSULATION_KEY_LEN - 1];
    assert!(ek.encode_into(&mut short).is_err());

    // §7.2: a 12-bit value >= q fails the modulus check; q - 1 passes.
    let mut bad = ek_bytes.clone();
    bad[0] = 0x01;
    bad[1] = (bad[1] & 0xf0) | 0x0d; // first coefficient 0xd01 = 3329 = q
    assert_eq!(
        T::EncapsulationKey::decode(&bad).err(),
        Some(InputError::Malformed {
            param: Param::EncapsulationKey
        })
    );
    bad[0] = 0x00; // 0xd00 = q - 1
    assert!(T::EncapsulationKey::decode(&bad).is_ok());

    // §7.3: the embedded H(ek) must match the embedded ek.
    let k = T::ENCAPSULATION_KEY_LEN;
    let (h_at, ek_at) = (
        T::DECAPSULATION_KEY_LEN - 64,
        T::DECAPSULATION_KEY_LEN - 64 - k,
    );
    for flip in [h_at, h_at + 31, ek_at, ek_at + k - 1] {
        let mut bad = dk_bytes.clone();
        bad[flip] ^= 1;
        assert_eq!(
            T::DecapsulationKey::decode(&bad).err(),
            Some(InputError::Malformed {
                param: Param::DecapsulationKey
            }),
            "byte {flip}"
        );
    }
    let parsed = T::DecapsulationKey::decode(&dk_bytes).expect("valid dk");
    assert_eq!(encode(&parsed), dk_bytes);

    // Round trip, then implicit rejection: a changed ciphertext gives J(z || c').
    let (ct, ss) = T::encapsulate_deterministic(&ek, &[5; 32]).expect("lengths");
    let ss2 = T::decapsulate(&dk, ct.as_ref()).expect("length");
    assert_eq!(ss.as_ref(), ss2.as_ref());
    let z = &dk_bytes[T::DECAPSULATION_KEY_LEN - 32..];
    for flip in [0, n / 2, n - 1] {
        let mut c = ct.as_ref().to_vec();
        c[flip] ^= 0x80;
        let rejected = T::decapsulate(&dk, &c).expect("length");
        assert_eq!(rejected.as_ref(), j(z, &c).as_slice(), "byte {flip}");
        assert_ne!(rejected.as_ref(), ss.as_ref());
    }

    // Decapsulation from the encoded key (ML-KEM hashes H(ek) and J(z || c) together):
    // the results and errors of decoding then decapsulating, in that order.
    let encoded = |dk: &[u8], c: &[u8]| T::decapsulate_encoded(dk, c).map(|s| s.as_ref().to_vec());
    let separate = |dk: &[u8], c: &[u8]| {
        T::decapsulate(&T::DecapsulationKey::decode(dk)?, c).map(|s| s.as_ref().to_vec())
    };
    let c = ct.as_ref();
    assert_eq!(encoded(&dk_bytes, c), Ok(ss.as_ref().to_vec()));
    let mut flipped = c.to_vec();
    flipped[n / 3] ^= 2;
    assert_eq!(encoded(&dk_bytes, &flipped), Ok(j(z, &flipped)));
    let mut bad_hash = dk_bytes.clone();
    bad_hash[h_at + 5] ^= 0x10;
    let mut bad_ek = dk_bytes.clone();
    bad_ek[ek_at + 7] ^= 0x01;
    let long_ct = vec![0; n + 1];
    for (dk, c) in [
        (&dk_bytes[..], &flipped[..]),
        (&bad_hash[..], c),
        (&bad_ek[..], c),
        (&dk_bytes[1..], c),
        (&dk_bytes[..], &long_ct[..]),
        (&dk_bytes[..], &c[..n - 1]),
        (&bad_hash[..], &long_ct[..]),
        (&dk_bytes[1..], &long_ct[..]),
    ] {
        assert_eq!(
            encoded(dk, c),
            separate(dk, c),
            "{} / {} bytes",
            dk.len(),
            c.len()
        );
    }
    assert!(matches!(
        encoded(&bad_hash, &long_ct),
        Err(InputError::Malformed {
            param: Param::DecapsulationKey
        })
    ));

    // Debug prints no secret bytes.
    let shown = format!("{dk:?} {ss:?}");
    let z_hex = hex::encode(z);
    let ss_hex = hex::encode(ss.as_ref());
    assert!(
        !shown.contains(&z_hex[..8]) && !shown.contains(&ss_hex[..8]),
        "{shown}"
    );
}

#[test]
fn ml_kem_512_checks() {
    checks::<MlKem512>();
}

#[test]
fn ml_kem_768_checks() {
    checks::<MlKem768>();
}

#[test]
fn ml_kem_1024_checks() {
    checks::<MlKem1024>();
}

#[test]
fn portable_checks() {
    checks::<Portable<MlKem512>>();
    checks::<Portable<MlKem768>>();
    checks::<Portable<MlKem1024>>();
    assert_eq!(Portable::<MlKem768>::backend(), Backend::Portable);
    assert_eq!(Portable::<MlKem768>::INFO.name, MlKem768::INFO.name);
}

#[test]
fn seed_and_expanded_forms() {
    use mamori_kem::ml_kem_768::DecapsulationKey;
    let seed = [42u8; 64];
    let dk = DecapsulationKey::from_seed(&seed);
    assert_eq!(dk.seed(), Some(&seed));
    let expanded = dk.to_expanded();
    let back = DecapsulationKey::from_expanded(&expanded).expect("valid");
    assert_eq!(back.seed(), None);
    assert_eq!(back.encapsulation_key(), dk.encapsulation_key());
    // The expanded key ends with z, the second half of the seed.
    assert_eq!(&expanded[expanded.len() - 32..], &seed[32..]);
}

fn round_trip<T: Kem>(seed: &[u8], m: &[u8], flip: usize) {
    let (dk, ek) = T::keygen_from_seed(seed).expect("seed");
    let ek2 = T::EncapsulationKey::decode(&encode(&ek)).expect("own ek is valid");
    let (ct, ss) = T::encapsulate_deterministic(&ek2, m).expect("m");
    assert_eq!(
        T::decapsulate(&dk, ct.as_ref()).expect("ct").as_ref(),
        ss.as_ref()
    );
    let mut c = ct.as_ref().to_vec();
    let i = flip % c.len();
    c[i] ^= 1;
    let rejected = T::decapsulate(&dk, &c).expect("ct");
    assert_ne!(rejected.as_ref(), ss.as_ref());
    // From the encoded key: the same keys.
    let dk_bytes = encode(&dk);
    let from_bytes = T::decapsulate_encoded(&dk_bytes, ct.as_ref()).expect("valid");
    assert_eq!(from_bytes.as_ref(), ss.as_ref());
    let from_bytes = T::decapsulate_encoded(&dk_bytes, &c).expect("valid");
    assert_eq!(from_bytes.as_ref(), rejected.as_ref());
}

/// `T` (the backend this CPU dispatches to) and `Portable<T>` give the same bytes for every
/// operation, implicit rejection and the encoded-key path included.
fn same_as_portable<T: Kem>(seed: &[u8], m: &[u8], flip: usize)
where
    Portable<T>:
        Kem<DecapsulationKey = T::DecapsulationKey, EncapsulationKey = T::EncapsulationKey>,
{
    let (dk, ek) = T::keygen_from_seed(seed).expect("seed");
    let (dk_p, ek_p) = Portable::<T>::keygen_from_seed(seed).expect("seed");
    let dk_bytes = encode(&dk);
    assert_eq!(dk_bytes, encode(&dk_p));
    assert_eq!(encode(&ek), encode(&ek_p));
    let (ct, ss) = T::encapsulate_deterministic(&ek, m).expect("m");
    let (ct_p, ss_p) = Portable::<T>::encapsulate_deterministic(&ek, m).expect("m");
    assert_eq!(ct.as_ref(), ct_p.as_ref());
    assert_eq!(ss.as_ref(), ss_p.as_ref());
    let mut flipped = ct.as_ref().to_vec();
    let i = flip % flipped.len();
    flipped[i] ^= 1;
    for c in [ct.as_ref().to_vec(), flipped] {
        let k = T::decapsulate(&dk, &c).expect("ct");
        let k_p = Portable::<T>::decapsulate(&dk, &c).expect("ct");
        assert_eq!(k.as_ref(), k_p.as_ref());
        let k_p = Portable::<T>::decapsulate_encoded(&dk_bytes, &c).expect("valid");
        assert_eq!(k.as_ref(), k_p.as_ref());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn portable_same_bytes(
        seed in proptest::collection::vec(any::<u8>(), 64),
        m in proptest::collection::vec(any::<u8>(), 32),
        flip in any::<usize>(),
    ) {
        same_as_portable::<MlKem512>(&seed, &m, flip);
        same_as_portable::<MlKem768>(&seed, &m, flip);
        same_as_portable::<MlKem1024>(&seed, &m, flip);
    }

    #[test]
    fn random_round_trips(
        seed in proptest::collection::vec(any::<u8>(), 64),
        m in proptest::collection::vec(any::<u8>(), 32),
        flip in any::<usize>(),
    ) {
        round_trip::<MlKem512>(&seed, &m, flip);
        round_trip::<MlKem768>(&seed, &m, flip);
        round_trip::<MlKem1024>(&seed, &m, flip);
    }
}
