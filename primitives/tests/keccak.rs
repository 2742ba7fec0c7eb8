//! SHA3-256/384/512 and SHAKE128/256 against RustCrypto `sha3` 0.12 and `shake` 0.1
//! (independent implementations of FIPS 202), on random inputs crossing every rate boundary, through
//! Mamori's inherent API, its `Hash`/`Xof` traits and the `digest` traits.

use mamori_primitives::keccak::{Sha3_256, Sha3_384, Sha3_512, Shake128, Shake256};
use mamori_primitives::{Hash, Xof};
use proptest::prelude::*;
use sha3::digest::{Digest, ExtendableOutput, Update, XofReader};

/// The reference digest of `data` under `D`.
fn reference<D: Digest>(data: &[u8]) -> Vec<u8> {
    D::digest(data).to_vec()
}

/// The reference XOF output of `data` under `X`.
fn reference_xof<X: Default + Update + ExtendableOutput>(data: &[u8], len: usize) -> Vec<u8> {
    let mut x = X::default();
    x.update(data);
    let mut out = vec![0u8; len];
    x.finalize_xof().read(&mut out);
    out
}

/// Mamori's `H` over `data` absorbed in two pieces, through the `Hash` trait.
fn ours<H: Hash>(data: &[u8], split: usize) -> Vec<u8> {
    let mut h = H::default();
    h.update(&data[..split]);
    h.update(&data[split..]);
    h.finalize().as_ref().to_vec()
}

/// Mamori's `X` over `data`, read in two pieces, through the `Xof` trait.
fn ours_xof<X: Xof>(data: &[u8], len: usize, read_split: usize) -> Vec<u8> {
    let mut x = X::new();
    x.update(data);
    let mut r = x.finalize_xof();
    let mut out = vec![0u8; len];
    let (a, b) = out.split_at_mut(read_split.min(len));
    mamori_primitives::XofReader::read(&mut r, a);
    mamori_primitives::XofReader::read(&mut r, b);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sha3_matches_rustcrypto(data in proptest::collection::vec(any::<u8>(), 0..600), split in any::<prop::sample::Index>()) {
        let split = split.index(data.len() + 1);
        prop_assert_eq!(ours::<Sha3_256>(&data, split), reference::<sha3::Sha3_256>(&data));
        prop_assert_eq!(ours::<Sha3_384>(&data, split), reference::<sha3::Sha3_384>(&data));
        prop_assert_eq!(ours::<Sha3_512>(&data, split), reference::<sha3::Sha3_512>(&data));
        // The `digest` traits on Mamori's types.
        prop_assert_eq!(<Sha3_256 as Digest>::digest(&data).to_vec(), reference::<sha3::Sha3_256>(&data));
    }

    #[test]
    fn shake_matches_rustcrypto(data in proptest::collection::vec(any::<u8>(), 0..600), len in 0usize..700, read_split in 0usize..700) {
        prop_assert_eq!(ours_xof::<Shake128>(&data, len, read_split), reference_xof::<shake::Shake128>(&data, len));
        prop_assert_eq!(ours_xof::<Shake256>(&data, len, read_split), reference_xof::<shake::Shake256>(&data, len));
        // The `digest` XOF traits on Mamori's types.
        let mut x = Shake256::default();
        Update::update(&mut x, &data);
        let mut out = vec![0u8; len];
        ExtendableOutput::finalize_xof(x).read(&mut out);
        prop_assert_eq!(out, reference_xof::<shake::Shake256>(&data, len));
    }
}

/// Every length around the rates, exhaustively (the proptest samples them only sometimes).
#[test]
fn rate_boundaries() {
    let data: Vec<u8> = (0..=340u32).map(|i| (i * 31 + 7) as u8).collect();
    for n in 0..=data.len() {
        let d = &data[..n];
        assert_eq!(
            Sha3_256::digest(d).to_vec(),
            reference::<sha3::Sha3_256>(d),
            "sha3-256 n={n}"
        );
        assert_eq!(
            Sha3_512::digest(d).to_vec(),
            reference::<sha3::Sha3_512>(d),
            "sha3-512 n={n}"
        );
        assert_eq!(
            ours_xof::<Shake128>(d, 340, n),
            reference_xof::<shake::Shake128>(d, 340),
            "shake128 n={n}"
        );
    }
}
