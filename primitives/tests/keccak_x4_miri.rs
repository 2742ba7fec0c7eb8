//! The SIMD four-way Keccak backends against the scalar permutation and sponge (and
//! `hash_x4` against the sponge), small enough for Miri: run by `.ci/miri.sh` with the
//! AVX-512 target features on, where `Avx512X4` is interpreted on machines without AVX-512
//! (and Miri checks the `unsafe` of both backends for undefined behaviour). Natively it runs what the CPU has and skips the rest; the full
//! random tests are in `keccak_x4.rs`.

#![cfg(target_arch = "x86_64")]

use mamori_primitives::keccak::{
    Avx2X4, Avx512X4, KeccakX4, Sponge, SpongeX4, StateX4, hash_x4, keccak_f1600,
};

/// A state with different lanes in every slot (a simple 64-bit LCG).
fn state() -> StateX4 {
    let mut x = 0x243f_6a88_85a3_08d3_u64;
    core::array::from_fn(|_| {
        core::array::from_fn(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x ^ x >> 29
        })
    })
}

/// One permutation against four scalar ones.
fn check_permutation<P: KeccakX4>(p: P, name: &str) {
    let s = state();
    let mut got = s;
    p.permute(&mut got);
    for j in 0..4 {
        let mut one: [u64; 25] = core::array::from_fn(|i| s[i][j]);
        keccak_f1600(&mut one);
        let lanes: [u64; 25] = core::array::from_fn(|i| got[i][j]);
        assert_eq!(lanes, one, "{name}: instance {j}");
    }
}

/// SHAKE128 over 3 + 170 bytes (a block boundary inside the second absorb), squeezed as 5 +
/// 200 bytes (a block boundary inside the second squeeze): four permutations in all.
fn check_sponge<P: KeccakX4>(p: P, name: &str) {
    let data: [[u8; 173]; 4] =
        core::array::from_fn(|j| core::array::from_fn(|i| (i * 7 + j * 61 + 1) as u8));
    let mut x4 = SpongeX4::<P, 168>::new(p);
    let heads: [[u8; 3]; 4] = core::array::from_fn(|j| core::array::from_fn(|i| data[j][i]));
    let tails: [[u8; 170]; 4] = core::array::from_fn(|j| core::array::from_fn(|i| data[j][3 + i]));
    x4.absorb([&heads[0], &heads[1], &heads[2], &heads[3]]);
    x4.absorb([&tails[0], &tails[1], &tails[2], &tails[3]]);
    x4.finish(0x1f);
    let mut a = [[0u8; 5]; 4];
    let mut b = [[0u8; 200]; 4];
    {
        let [o0, o1, o2, o3] = &mut a;
        x4.squeeze([o0, o1, o2, o3]);
        let [o0, o1, o2, o3] = &mut b;
        x4.squeeze([o0, o1, o2, o3]);
    }
    for j in 0..4 {
        let mut one = Sponge::<168>::new();
        one.absorb(&data[j]);
        one.finish(0x1f);
        let mut want = [0u8; 205];
        one.squeeze(&mut want);
        assert_eq!(a[j], want[..5], "{name}: instance {j}, first squeeze");
        assert_eq!(b[j], want[5..], "{name}: instance {j}, second squeeze");
    }
}

/// `hash_x4` on three messages of different lengths (empty, 3 + 2 bytes in two parts, a
/// block and 4 bytes), SHA-3 and SHAKE padding: two permutations.
fn check_hash<P: KeccakX4>(p: P, name: &str) {
    let data: [u8; 140] = core::array::from_fn(|i| (i * 13 + 5) as u8);
    let msgs: [(&[&[u8]], u8); 3] = [
        (&[], 0x1f),
        (&[&data[..3], &data[3..5]], 0x06),
        (&[&data[..]], 0x1f),
    ];
    let got = hash_x4::<P, 136, 32, 3>(p, msgs);
    for (j, (parts, ds)) in msgs.iter().enumerate() {
        let mut one = Sponge::<136>::new();
        for part in *parts {
            one.absorb(part);
        }
        one.finish(*ds);
        let mut want = [0u8; 32];
        one.squeeze(&mut want);
        assert_eq!(got[j], want, "{name}: hash_x4 message {j}");
    }
}

#[test]
fn simd_backends_match_scalar() {
    let mut ran = Vec::new();
    match Avx2X4::detect() {
        Some(p) => {
            check_permutation(p, "avx2");
            check_sponge(p, "avx2");
            check_hash(p, "avx2");
            ran.push("avx2");
        }
        None => eprintln!("Avx2X4: AVX2 not available here, skipped"),
    }
    match Avx512X4::detect() {
        Some(p) => {
            check_permutation(p, "avx512");
            check_sponge(p, "avx512");
            check_hash(p, "avx512");
            ran.push("avx512");
        }
        None => eprintln!("Avx512X4: AVX-512F/VL not available here, skipped"),
    }
    eprintln!("keccak x4 backends checked: {ran:?}");
}
