//! Differential tests against two independent ML-KEM implementations on random inputs:
//! RustCrypto `ml-kem` 0.3 (deterministic API: same seed, same `m` → same bytes) and
//! PQClean's through `pqcrypto-mlkem` (randomized API only: its keys and ciphertexts must
//! interoperate with Mamori's both ways).

// The expanded key form is deprecated in `ml-kem` 0.3 but is the FIPS 203 encoding we compare.
#![allow(deprecated)]

use ml_kem::{Decapsulate, ExpandedKeyEncoding, KeyExport};
use pqcrypto_traits::kem::{Ciphertext as _, PublicKey as _, SecretKey as _, SharedSecret as _};
use proptest::prelude::*;

macro_rules! against_ml_kem {
    ($ours:ident, $theirs:ident, $seed:expr, $m:expr, $flip:expr) => {{
        use mamori_kem::$ours::{Ciphertext, DecapsulationKey, EncapsulationKey};
        let seed: [u8; 64] = $seed;
        let m: [u8; 32] = $m;
        let dk = DecapsulationKey::from_seed(&seed);
        let ek = dk.encapsulation_key();
        let their_dk = ml_kem::$theirs::DecapsulationKey::from_seed(seed.into());
        let their_ek = their_dk.encapsulation_key();
        assert_eq!(ek.to_bytes()[..], their_ek.to_bytes()[..], "ek");
        assert_eq!(dk.to_expanded()[..], their_dk.to_expanded_bytes()[..], "dk");
        let (ct, k) = ek.encapsulate_deterministic(&m);
        let (their_ct, their_k) = their_ek.encapsulate_deterministic(&m.into());
        assert_eq!(ct.as_bytes()[..], their_ct[..], "ciphertext");
        assert_eq!(k.as_bytes()[..], their_k[..], "shared secret");
        // A changed ciphertext: both reject implicitly, to the same key.
        let mut bad = *ct.as_bytes();
        let i = $flip % bad.len();
        bad[i] ^= 1 << ($flip % 8);
        let ours = dk.decapsulate(&Ciphertext::from_bytes(&bad).expect("length"));
        let theirs = their_dk.decapsulate(&bad.into());
        assert_eq!(ours.as_bytes()[..], theirs[..], "implicit rejection");
        // From the expanded key bytes (H(ek) and J(z || c) hashed together).
        let expanded = their_dk.to_expanded_bytes();
        let from_bytes =
            |c: &[u8]| DecapsulationKey::decapsulate_expanded(&expanded, c).expect("valid");
        assert_eq!(
            from_bytes(&their_ct[..]).as_bytes()[..],
            their_k[..],
            "from bytes"
        );
        assert_eq!(
            from_bytes(&bad[..]).as_bytes()[..],
            theirs[..],
            "implicit rejection from bytes"
        );
        let _ = EncapsulationKey::from_bytes(&ek.to_bytes()).expect("valid");
    }};
}

macro_rules! against_pqclean {
    ($ours:ident, $theirs:ident) => {{
        use mamori_kem::$ours::{Ciphertext, DecapsulationKey, EncapsulationKey};
        use pqcrypto_mlkem::$theirs as pq;
        let (pk, sk) = pq::keypair();
        // Their keys, our encapsulation and decapsulation.
        let ek = EncapsulationKey::from_bytes(pk.as_bytes()).expect("PQClean ek");
        let dk = DecapsulationKey::from_expanded(sk.as_bytes()).expect("PQClean dk");
        let (ct, k) = ek.encapsulate(&mut rand_core_rng());
        let theirs = pq::decapsulate(&pq::Ciphertext::from_bytes(ct.as_bytes()).expect("ct"), &sk);
        assert_eq!(k.as_bytes()[..], theirs.as_bytes()[..]);
        let (their_k, their_ct) = pq::encapsulate(&pk);
        let ours = dk.decapsulate(&Ciphertext::from_bytes(their_ct.as_bytes()).expect("ct"));
        assert_eq!(ours.as_bytes()[..], their_k.as_bytes()[..]);
    }};
}

/// A deterministic RNG for the tests (the randomness source is not under test here).
fn rand_core_rng() -> impl mamori_primitives::reexport::rand_core::CryptoRng {
    struct Counter(u64);
    impl mamori_primitives::reexport::rand_core::TryRng for Counter {
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
    impl mamori_primitives::reexport::rand_core::TryCryptoRng for Counter {}
    Counter(0x5eed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn same_bytes_as_rustcrypto_ml_kem(
        seed in proptest::array::uniform32(any::<u8>()),
        seed2 in proptest::array::uniform32(any::<u8>()),
        m in proptest::array::uniform32(any::<u8>()),
        flip in any::<usize>(),
    ) {
        let mut s = [0u8; 64];
        s[..32].copy_from_slice(&seed);
        s[32..].copy_from_slice(&seed2);
        against_ml_kem!(ml_kem_512, ml_kem_512, s, m, flip);
        against_ml_kem!(ml_kem_768, ml_kem_768, s, m, flip);
        against_ml_kem!(ml_kem_1024, ml_kem_1024, s, m, flip);
    }
}

#[test]
fn interoperates_with_pqclean() {
    for _ in 0..8 {
        against_pqclean!(ml_kem_512, mlkem512);
        against_pqclean!(ml_kem_768, mlkem768);
        against_pqclean!(ml_kem_1024, mlkem1024);
    }
}
