//! Test support shared by the SIMD backends' tests: the parameter sets and the full-KEM
//! comparison of a backend's entry points with the portable instantiation of K-PKE.

use super::super::Params;
use super::super::kpke::{self, PublicKey, SecretKey};
use super::portable::Portable;

/// FIPS 203 Table 2.
pub(crate) const ML_KEM_512: Params = Params {
    eta1: 3,
    eta2: 2,
    du: 10,
    dv: 4,
};
pub(crate) const ML_KEM_768: Params = Params {
    eta1: 2,
    eta2: 2,
    du: 10,
    dv: 4,
};
pub(crate) const ML_KEM_1024: Params = Params {
    eta1: 2,
    eta2: 2,
    du: 11,
    dv: 5,
};

/// `rounds` key generations, encapsulations and decapsulations (and one implicit
/// rejection each) of parameter set `p` against the portable instantiation
/// of K-PKE through the backend's `keygen`, `encaps` and `decaps`: same bytes. And
/// decapsulation from the expanded key bytes, the backend's `decaps_expanded` (its hashes
/// on the four-way Keccak) and the portable one (scalar hashes), against `decaps` on the
/// parsed key, for the valid and the changed ciphertext, and `None` for a key whose
/// embedded `H(ek)` is changed.
pub(crate) fn same_bytes_as_portable<const K: usize>(
    p: &Params,
    mut seed: u32,
    rounds: usize,
    keygen: impl Fn(&Params, &[u8; 32], &[u8; 32]) -> SecretKey<K>,
    encaps: impl Fn(&Params, &PublicKey<K>, &[u8; 32], &mut [u8]) -> [u8; 32],
    decaps: impl Fn(&Params, &SecretKey<K>, &[u8]) -> [u8; 32],
    decaps_expanded: impl Fn(&Params, &[u8], &[u8]) -> Option<[u8; 32]>,
) {
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    for _ in 0..rounds {
        let mut bytes = || -> [u8; 32] { core::array::from_fn(|_| next() as u8) };
        let (d, z, m) = (bytes(), bytes(), bytes());
        let sk = keygen(p, &d, &z);
        let want = kpke::keygen::<Portable, K>(p, &d, &z);
        let mut got_dk = [0u8; 768 * 4 + 96];
        let mut want_dk = [0u8; 768 * 4 + 96];
        let dk_len = 768 * K + 96;
        kpke::encode_dk(&sk, &mut got_dk[..dk_len]);
        kpke::encode_dk(&want, &mut want_dk[..dk_len]);
        assert_eq!(got_dk, want_dk, "expanded decapsulation key, K {K}");

        let ct_len = 32 * (p.du as usize * K + p.dv as usize);
        let mut ct = [0u8; 1568];
        let mut want_ct = [0u8; 1568];
        let key = encaps(p, &sk.pk, &m, &mut ct[..ct_len]);
        let want_key = kpke::encaps::<Portable, K>(p, &want.pk, &m, &mut want_ct[..ct_len]);
        assert_eq!(ct, want_ct, "ciphertext, K {K}");
        assert_eq!(key, want_key, "encapsulated key, K {K}");
        assert_eq!(decaps(p, &sk, &ct[..ct_len]), want_key, "decaps, K {K}");

        let mut bad = want_ct;
        bad[(next() as usize) % ct_len] ^= 1 << (next() % 8);
        let rejected = decaps(p, &sk, &bad[..ct_len]);
        assert_eq!(
            rejected,
            kpke::decaps::<Portable, K>(p, &want, &bad[..ct_len]),
            "implicit rejection, K {K}"
        );
        assert_eq!(
            rejected,
            crate::ml_kem::sample::j(&z, &bad[..ct_len]),
            "implicit rejection key, K {K}"
        );

        let dk = &want_dk[..dk_len];
        for (c, want_key) in [(&want_ct[..ct_len], want_key), (&bad[..ct_len], rejected)] {
            assert_eq!(
                decaps_expanded(p, dk, c),
                Some(want_key),
                "decaps_expanded, K {K}"
            );
            assert_eq!(
                kpke::decaps_expanded::<Portable, K>(p, dk, c),
                Some(want_key),
                "portable decaps_expanded, K {K}"
            );
        }
        let mut broken = want_dk;
        broken[dk_len - 64 + (next() as usize) % 32] ^= 1 << (next() % 8);
        assert_eq!(
            decaps_expanded(p, &broken[..dk_len], &want_ct[..ct_len]),
            None,
            "decaps_expanded with a changed H(ek), K {K}"
        );
        assert_eq!(
            kpke::decaps_expanded::<Portable, K>(p, &broken[..dk_len], &want_ct[..ct_len]),
            None,
            "portable decaps_expanded with a changed H(ek), K {K}"
        );
    }
}
