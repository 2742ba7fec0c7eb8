//! The AES round on every backend this CPU has: the portable (bitsliced) round against
//! RustCrypto's `aes::hazmat::cipher_round` and FIPS 197, and every other backend against
//! the portable one, lane by lane.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use mamori_primitives::Backend;
use mamori_primitives::aes_round::{AesBackend, AesJob, AesWord, Block};
use proptest::prelude::*;

/// Runs the operations under test on the word of one backend; returns every result as
/// blocks, lane by lane.
struct Ops<'a> {
    x: &'a [Block],
    k: &'a [Block],
}

impl AesJob for Ops<'_> {
    type Output = Vec<Block>;

    fn run<W: AesWord>(self, w: W) -> Vec<Block> {
        let lanes = W::LANES;
        let mut out = Vec::new();
        let word = |v: &[Block], j: usize| w.gather(|i| v[(j * lanes + i) % v.len()]);
        let mut push = |x: W| x.scatter(|_, b| out.push(b));
        let xs: [W; 8] = core::array::from_fn(|j| word(self.x, j));
        let ks: [W; 8] = core::array::from_fn(|j| word(self.k, j));
        for j in 0..8 {
            push(xs[j].aes(ks[j]));
        }
        W::aes_many(xs, ks).into_iter().for_each(&mut push);
        let six: [W; 6] = core::array::from_fn(|j| xs[j]);
        let six_k: [W; 6] = core::array::from_fn(|j| ks[j]);
        W::aes_many(six, six_k).into_iter().for_each(&mut push);
        let five: [W; 5] = core::array::from_fn(|j| xs[j]);
        let five_k: [W; 5] = core::array::from_fn(|j| ks[j]);
        W::aes_many(five, five_k).into_iter().for_each(&mut push);
        push(xs[0].xor(ks[1]));
        push(xs[2].and(ks[3]));
        push(w.zero());
        push(w.splat(&self.x[0]));
        // Lanes out and back in, in reverse order.
        push(w.from_lanes(|i| xs[1].lane(lanes - 1 - i)));
        let mut tail = vec![xs[3].first()];
        let single = xs[4].lane(lanes - 1).aes(w.single().splat(&self.k[0]));
        single.scatter(|_, b| tail.push(b));
        out.extend(tail);
        out
    }
}

/// What [`Ops`] must return for a word of `lanes` lanes, computed one block at a time
/// with `round`.
fn expected(
    x: &[Block],
    k: &[Block],
    lanes: usize,
    round: impl Fn(Block, Block) -> Block,
) -> Vec<Block> {
    let at = |v: &[Block], j: usize, i: usize| v[(j * lanes + i) % v.len()];
    let xor = |a: Block, b: Block| -> Block { core::array::from_fn(|i| a[i] ^ b[i]) };
    let and = |a: Block, b: Block| -> Block { core::array::from_fn(|i| a[i] & b[i]) };
    let mut out = Vec::new();
    for count in [8, 8, 6, 5] {
        for j in 0..count {
            (0..lanes).for_each(|i| out.push(round(at(x, j, i), at(k, j, i))));
        }
    }
    (0..lanes).for_each(|i| out.push(xor(at(x, 0, i), at(k, 1, i))));
    (0..lanes).for_each(|i| out.push(and(at(x, 2, i), at(k, 3, i))));
    (0..lanes).for_each(|_| out.push([0; 16]));
    (0..lanes).for_each(|_| out.push(x[0]));
    (0..lanes).for_each(|i| out.push(at(x, 1, lanes - 1 - i)));
    out.push(at(x, 3, 0));
    out.push(round(at(x, 4, lanes - 1), k[0]));
    out
}

/// RustCrypto's AES round (`AESENC`).
fn reference(x: Block, k: Block) -> Block {
    let mut b = aes::Block::from(x);
    aes::hazmat::cipher_round(&mut b, &aes::Block::from(k));
    b.into()
}

fn hex16(s: &str) -> Block {
    hex::decode(s).unwrap().try_into().unwrap()
}

#[test]
fn portable_round_matches_fips_197() {
    // FIPS 197 Appendix C.1 (AES-128): round[1].start, round[1].k_sch -> round[2].start.
    let start = hex16("00102030405060708090a0b0c0d0e0f0");
    let key = hex16("d6aa74fdd2af72fadaa678f1d6ab76fe");
    let next = hex16("89d810e8855ace682d1843d8cb128fe4");
    let got = AesBackend::portable().run(Ops {
        x: &[start],
        k: &[key],
    });
    assert_eq!(got[0], next);
    assert_eq!(reference(start, key), next);
}

#[test]
fn backends_on_this_cpu() {
    let all: Vec<Backend> = AesBackend::available().map(|b| b.backend()).collect();
    let missing: Vec<Backend> = [Backend::AesNi, Backend::Vaes256, Backend::Vaes512]
        .into_iter()
        .filter(|b| !all.contains(b))
        .collect();
    eprintln!("AES round backends tested: {all:?}; not on this CPU (skipped): {missing:?}");
    assert_eq!(all[0], Backend::Portable);
    for b in AesBackend::available() {
        assert_eq!(AesBackend::force(b.backend()), Some(b));
    }
    assert!(AesBackend::force(Backend::Avx2).is_none());
    assert!(AesBackend::detect_wide().lanes() >= AesBackend::detect().lanes());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn portable_matches_rustcrypto(x in any::<[[u8; 16]; 8]>(), k in any::<[[u8; 16]; 8]>()) {
        let got = AesBackend::portable().run(Ops { x: &x, k: &k });
        prop_assert_eq!(got, expected(&x, &k, 1, reference));
    }

    #[test]
    fn every_backend_matches_portable(x in any::<[[u8; 16]; 32]>(), k in any::<[[u8; 16]; 32]>()) {
        let portable = |a: Block, b: Block| AesBackend::portable().run(Ops { x: &[a], k: &[b] })[0];
        for b in AesBackend::available() {
            let got = b.run(Ops { x: &x, k: &k });
            prop_assert_eq!(got, expected(&x, &k, b.lanes(), portable), "backend {}", b.backend());
        }
    }
}
