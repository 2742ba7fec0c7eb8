//! Mamori's Ascon hash modes agree with RustCrypto's on random inputs.

use digest::{Digest, ExtendableOutput, TryCustomizedInit, Update, XofReader as _};
use mamori_primitives::ascon::{AsconCxof128, AsconHash256, AsconXof128};
use mamori_primitives::{Hash, Xof};
use proptest::prelude::*;

use ascon_xof128::digest;

fn split_update<X: Xof>(mut x: X, data: &[u8], split: usize) -> X::Reader {
    let split = split.min(data.len());
    x.update(&data[..split]);
    x.update(&data[split..]);
    x.finalize_xof()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn hash256(data in proptest::collection::vec(any::<u8>(), 0..600), split in 0usize..600) {
        let theirs = ascon_hash256::AsconHash256::digest(&data);
        prop_assert_eq!(&<AsconHash256 as Hash>::digest(&data)[..], &theirs[..]);
        let mut h = AsconHash256::default();
        let split = split.min(data.len());
        Hash::update(&mut h, &data[..split]);
        Hash::update(&mut h, &data[split..]);
        prop_assert_eq!(&h.finalize()[..], &theirs[..]);
    }

    #[test]
    fn xof128(
        data in proptest::collection::vec(any::<u8>(), 0..600),
        split in 0usize..600,
        out_len in 0usize..300,
        read_split in 0usize..300,
    ) {
        let mut theirs = vec![0u8; out_len];
        let mut x = ascon_xof128::AsconXof128::default();
        Update::update(&mut x, &data);
        x.finalize_xof().read(&mut theirs);

        let mut ours = vec![0u8; out_len];
        let mut r = split_update(<AsconXof128 as Xof>::new(), &data, split);
        let (a, b) = ours.split_at_mut(read_split.min(out_len));
        r.read(a);
        r.read(b);
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn cxof128(
        custom in proptest::collection::vec(any::<u8>(), 0..=256),
        data in proptest::collection::vec(any::<u8>(), 0..600),
        split in 0usize..600,
        out_len in 0usize..300,
    ) {
        let mut theirs = vec![0u8; out_len];
        let mut x = ascon_xof128::AsconCxof128::try_new_customized(&custom).unwrap();
        Update::update(&mut x, &data);
        x.finalize_xof().read(&mut theirs);

        let mut ours = vec![0u8; out_len];
        split_update(AsconCxof128::new_customized(&custom).unwrap(), &data, split).read(&mut ours);
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn cxof128_rejects_what_rustcrypto_rejects(len in 250usize..300) {
        let custom = vec![0u8; len];
        prop_assert_eq!(
            AsconCxof128::new_customized(&custom).is_ok(),
            ascon_xof128::AsconCxof128::try_new_customized(&custom).is_ok()
        );
    }
}
