//! The wide AES-round backends against the portable one, small enough for Miri: run by
//! `.ci/miri.sh` with the AVX-512 target features on, where the VAES-512 backend is
//! interpreted on machines without AVX-512 (and Miri checks the `unsafe` for undefined
//! behaviour). Natively it runs on whatever the CPU has and skips the rest.

use mamori_primitives::Backend;
use mamori_primitives::aes_round::{AesBackend, AesJob, AesWord, Block};

/// Six rounds (AEGIS-256's step), lanes filled with different blocks, and a lane taken
/// out, run through one round alone and put back: everything a batch does.
struct Step<'a>(&'a [Block]);

impl AesJob for Step<'_> {
    type Output = Vec<Block>;

    fn run<W: AesWord>(self, w: W) -> Vec<Block> {
        let n = self.0.len();
        let word = |j: usize| w.gather(|i| self.0[(j * W::LANES + i) % n]);
        let x: [W; 6] = core::array::from_fn(word);
        let k: [W; 6] = core::array::from_fn(|j| word(j + 3));
        let mut out = Vec::new();
        for y in W::aes_many(x, k) {
            y.scatter(|_, b| out.push(b));
        }
        let last = x[0].lane(W::LANES - 1).aes(k[0].lane(0));
        w.from_lanes(|i| if i == 0 { last } else { x[1].lane(i) })
            .xor(x[2])
            .and(w.splat(&self.0[0]))
            .scatter(|_, b| out.push(b));
        out
    }
}

fn blocks(n: usize) -> Vec<Block> {
    (0..n)
        .map(|i| core::array::from_fn(|j| (i * 37 + j * 11) as u8))
        .collect()
}

/// What `Step` gives on a word of `lanes` lanes, one lane at a time on the portable word.
fn expected(lanes: usize, data: &[Block]) -> Vec<Block> {
    let n = data.len();
    let p = AesBackend::portable();
    let mut out = Vec::new();
    let one = |x: Block, k: Block| p.run(Step(&[x, x, x, k, k, k]))[0];
    let at = |j: usize, i: usize| data[(j * lanes + i) % n];
    for j in 0..6 {
        for i in 0..lanes {
            out.push(one(at(j, i), at(j + 3, i)));
        }
    }
    let xor = |a: Block, b: Block| -> Block { core::array::from_fn(|t| a[t] ^ b[t]) };
    let and = |a: Block, b: Block| -> Block { core::array::from_fn(|t| a[t] & b[t]) };
    for i in 0..lanes {
        let lane = if i == 0 {
            one(at(0, lanes - 1), at(3, 0))
        } else {
            at(1, i)
        };
        out.push(and(xor(lane, at(2, i)), data[0]));
    }
    out
}

#[test]
fn wide_backends_match_portable() {
    let data = blocks(9);
    let mut ran = Vec::new();
    for b in [Backend::AesNi, Backend::Vaes256, Backend::Vaes512] {
        let Some(backend) = AesBackend::force(b) else {
            eprintln!("{b}: not available here, skipped");
            continue;
        };
        assert_eq!(
            backend.run(Step(&data)),
            expected(backend.lanes(), &data),
            "{b}"
        );
        ran.push(b);
    }
    eprintln!("checked against portable: {ran:?}");
    if cfg!(all(
        miri,
        target_feature = "avx512f",
        target_feature = "vaes"
    )) {
        assert!(
            ran.contains(&Backend::Vaes512),
            "Miri with AVX-512 must run VAES-512"
        );
    }
}
