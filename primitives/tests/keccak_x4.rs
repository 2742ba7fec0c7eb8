//! The four-way Keccak against the scalar one: every backend's permutation against four
//! `keccak_f1600` calls on random states, and `SpongeX4` against four `Sponge` runs (SHAKE128
//! and SHAKE256 rates, several absorb and squeeze calls of lengths that cross the rate at
//! every offset), plus known answers; and `hash_x4` (one-shot hashes of messages of
//! different lengths, each with its own domain byte) against `Sponge`, `Sha3_256` and
//! `Shake256` on random messages and parts of random lengths, the empty message, multiples
//! of the rate and a rate minus one among them. Backends this CPU lacks are skipped with a
//! message.

#[cfg(target_arch = "x86_64")]
use mamori_primitives::keccak::{Avx2X4, Avx512X4, FastestX4};
use mamori_primitives::keccak::{
    KeccakX4, PortableX4, Sha3_256, Shake256, Sponge, SpongeX4, StateX4, hash_x4, keccak_f1600,
};
use proptest::prelude::*;

/// Calls `$check!(backend, name)` for every backend this CPU runs, and reports the others.
macro_rules! for_each_backend {
    ($check:ident) => {{
        $check!(PortableX4, "portable");
        #[cfg(target_arch = "x86_64")]
        {
            match Avx2X4::detect() {
                Some(p) => $check!(p, "avx2"),
                None => eprintln!("Avx2X4: AVX2 not available here, skipped"),
            }
            match Avx512X4::detect() {
                Some(p) => $check!(p, "avx512"),
                None => eprintln!(
                    "Avx512X4: AVX-512F/VL not available here, skipped (tests/keccak_x4_miri.rs)"
                ),
            }
            match FastestX4::detect() {
                Some(p) => $check!(p, "fastest"),
                None => eprintln!("FastestX4: AVX2 not available here, skipped"),
            }
        }
    }};
}

/// `words` (100 of them) as four states, interleaved.
fn states(words: &[u64]) -> StateX4 {
    core::array::from_fn(|i| core::array::from_fn(|j| words[25 * j + i]))
}

/// Four scalar permutations of the four states in `s`.
fn scalar_x4(s: &StateX4) -> StateX4 {
    let mut out = *s;
    for j in 0..4 {
        let mut one: [u64; 25] = core::array::from_fn(|i| s[i][j]);
        keccak_f1600(&mut one);
        for i in 0..25 {
            out[i][j] = one[i];
        }
    }
    out
}

/// `P` on `s` (twice, so a second permutation starts from the first's output) against
/// the scalar permutation.
fn check_permutation<P: KeccakX4>(p: P, name: &str, s: &StateX4) {
    let mut got = *s;
    p.permute(&mut got);
    let want = scalar_x4(s);
    assert_eq!(got, want, "{name}: one permutation");
    p.permute(&mut got);
    assert_eq!(got, scalar_x4(&want), "{name}: two permutations");
}

/// Instance `j`'s input of absorb call `call`: `L` bytes of `pool` from an offset that
/// differs between instances and calls.
fn input<const L: usize>(pool: &[u8], call: usize, j: usize) -> [u8; L] {
    let at = (call * 131 + j * 57) % (pool.len() - L);
    core::array::from_fn(|i| pool[at + i])
}

/// The four-way and scalar sponges, side by side.
struct Pair<P: KeccakX4, const RATE: usize> {
    x4: SpongeX4<P, RATE>,
    one: [Sponge<RATE>; 4],
    calls: usize,
}

impl<P: KeccakX4, const RATE: usize> Pair<P, RATE> {
    fn new(p: P) -> Self {
        Pair {
            x4: SpongeX4::new(p),
            one: core::array::from_fn(|_| Sponge::new()),
            calls: 0,
        }
    }

    fn absorb<const L: usize>(&mut self, pool: &[u8]) -> &mut Self {
        let d: [[u8; L]; 4] = core::array::from_fn(|j| input(pool, self.calls, j));
        self.calls += 1;
        self.x4.absorb([&d[0], &d[1], &d[2], &d[3]]);
        for (s, d) in self.one.iter_mut().zip(&d) {
            s.absorb(d);
        }
        self
    }

    fn finish(&mut self, ds: u8) -> &mut Self {
        self.x4.finish(ds);
        for s in &mut self.one {
            s.finish(ds);
        }
        self
    }

    fn squeeze<const L: usize>(&mut self, what: &str) -> &mut Self {
        let mut got = [[0u8; L]; 4];
        {
            let [o0, o1, o2, o3] = &mut got;
            self.x4.squeeze([o0, o1, o2, o3]);
        }
        for (j, (s, got)) in self.one.iter_mut().zip(&got).enumerate() {
            let mut want = [0u8; L];
            s.squeeze(&mut want);
            assert_eq!(got, &want, "{what}: instance {j}, squeeze of {L} bytes");
        }
        self
    }
}

/// Absorb and squeeze schedules on one backend and rate: lengths 0, 1, around 8, around
/// the rate and over two rates, so calls start and end at every kind of offset.
fn check_sponge<P: KeccakX4, const RATE: usize>(p: P, name: &str, pool: &[u8]) {
    let what = format!("{name}, rate {RATE}");
    let what = what.as_str();
    // Nothing absorbed (the padding alone), short squeezes then a long one.
    Pair::<P, RATE>::new(p)
        .absorb::<0>(pool)
        .finish(0x1f)
        .squeeze::<1>(what)
        .squeeze::<7>(what)
        .squeeze::<8>(what)
        .squeeze::<400>(what)
        .squeeze::<3>(what);
    // Unaligned pieces crossing the first block, SHA-3 padding.
    Pair::<P, RATE>::new(p)
        .absorb::<3>(pool)
        .absorb::<13>(pool)
        .absorb::<RATE>(pool)
        .absorb::<1>(pool)
        .absorb::<250>(pool)
        .finish(0x06)
        .squeeze::<32>(what)
        .squeeze::<RATE>(what)
        .squeeze::<5>(what);
    // Exactly one block, then exactly the rate at a time.
    Pair::<P, RATE>::new(p)
        .absorb::<RATE>(pool)
        .finish(0x1f)
        .squeeze::<RATE>(what)
        .squeeze::<RATE>(what)
        .squeeze::<1>(what);
    // The ML-KEM shapes: a seed and two index bytes, three blocks, then one at a time;
    // a seed and a nonce, 128 bytes then 64.
    Pair::<P, RATE>::new(p)
        .absorb::<32>(pool)
        .absorb::<2>(pool)
        .finish(0x1f)
        .squeeze::<504>(what)
        .squeeze::<168>(what)
        .squeeze::<168>(what);
    Pair::<P, RATE>::new(p)
        .absorb::<32>(pool)
        .absorb::<1>(pool)
        .finish(0x1f)
        .squeeze::<128>(what)
        .squeeze::<64>(what);
    // A rate minus one (the padding bytes share a byte), and many blocks at once.
    Pair::<P, RATE>::new(p)
        .absorb::<7>(pool)
        .absorb::<{ 135 - 7 }>(pool)
        .finish(0x1f)
        .squeeze::<9>(what)
        .squeeze::<300>(what);
    Pair::<P, RATE>::new(p)
        .absorb::<5>(pool)
        .absorb::<600>(pool)
        .absorb::<{ 167 - 5 }>(pool)
        .finish(0x1f)
        .squeeze::<1000>(what);
}

/// A message length: uniform below four blocks half of the time, otherwise one of the edge
/// cases `0`, `1`, `k RATE - 1`, `k RATE`, `k RATE + 1` for `k` in `1..=3`.
fn length<const RATE: usize>(pick: u16) -> usize {
    let pick = usize::from(pick);
    if pick & 1 == 0 {
        return (pick >> 1) % (4 * RATE);
    }
    let edges = [
        0,
        1,
        RATE - 1,
        RATE,
        RATE + 1,
        2 * RATE - 1,
        2 * RATE,
        2 * RATE + 1,
        3 * RATE - 1,
        3 * RATE,
    ];
    edges[(pick >> 1) % edges.len()]
}

/// Message `j` of a `hash_x4` test: `len` bytes of `pool` from an offset of its own,
/// cut into up to three parts at `cuts` (taken modulo the length).
fn message(pool: &[u8], j: usize, len: usize, cuts: [u16; 2]) -> Vec<&[u8]> {
    let at = (j * 389) % (pool.len() - len);
    let m = &pool[at..at + len];
    let mut cuts = cuts.map(|c| usize::from(c) % (len + 1));
    cuts.sort_unstable();
    vec![&m[..cuts[0]], &m[cuts[0]..cuts[1]], &m[cuts[1]..]]
}

/// `hash_x4` with `N` messages of the lengths `picks` chooses (split at `cuts`), the domain
/// bytes `ds`, against a `Sponge` per message.
fn check_hash_x4<P: KeccakX4, const RATE: usize, const OUT: usize, const N: usize>(
    p: P,
    name: &str,
    pool: &[u8],
    picks: [u16; N],
    cuts: [[u16; 2]; N],
    ds: [u8; N],
) {
    let msgs: [Vec<&[u8]>; N] =
        core::array::from_fn(|j| message(pool, j, length::<RATE>(picks[j]), cuts[j]));
    let got = hash_x4::<P, RATE, OUT, N>(p, core::array::from_fn(|j| (&msgs[j][..], ds[j])));
    for j in 0..N {
        let mut one = Sponge::<RATE>::new();
        for part in &msgs[j] {
            one.absorb(part);
        }
        one.finish(ds[j]);
        let mut want = [0u8; OUT];
        one.squeeze(&mut want);
        let len: usize = msgs[j].iter().map(|m| m.len()).sum();
        assert_eq!(
            got[j], want,
            "{name}, rate {RATE}: message {j} of {N}, {len} bytes, ds {:#x}",
            ds[j]
        );
    }
}

/// ML-KEM's pair: SHA3-256 of one message and SHAKE256 (32 bytes) of another, against the
/// `Sha3_256` and `Shake256` types.
fn check_sha3_shake<P: KeccakX4>(p: P, name: &str, pool: &[u8], picks: [u16; 2]) {
    let a = message(pool, 0, length::<136>(picks[0]), [0, 0]).concat();
    let b = message(pool, 1, length::<136>(picks[1]), [0, 0]).concat();
    let [h, j] = hash_x4::<P, 136, 32, 2>(p, [(&[&a[..]], 0x06), (&[&b[..]], 0x1f)]);
    assert_eq!(
        h,
        Sha3_256::digest(&a),
        "{name}: SHA3-256 of {} bytes",
        a.len()
    );
    let mut shake = Shake256::new();
    shake.update(&b);
    let mut want = [0u8; 32];
    shake.finalize_xof().read(&mut want);
    assert_eq!(j, want, "{name}: SHAKE256 of {} bytes", b.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn hash_x4_matches_sponge(
        pool in proptest::collection::vec(any::<u8>(), 2000),
        picks in any::<[u16; 4]>(),
        cuts in any::<[[u16; 2]; 4]>(),
        ds in any::<[bool; 4]>(),
    ) {
        let ds = ds.map(|shake| if shake { 0x1f } else { 0x06 });
        let [p0, p1, p2, p3] = picks;
        let [c0, c1, c2, c3] = cuts;
        macro_rules! check {
            ($p:expr, $name:expr) => {{
                check_hash_x4::<_, 136, 32, 4>($p, $name, &pool, picks, cuts, ds);
                check_hash_x4::<_, 168, 168, 4>($p, $name, &pool, picks, cuts, ds);
                check_hash_x4::<_, 72, 64, 3>($p, $name, &pool, [p0, p1, p2], [c0, c1, c2], [ds[0], ds[1], ds[2]]);
                check_hash_x4::<_, 136, 1, 2>($p, $name, &pool, [p2, p3], [c2, c3], [ds[2], ds[3]]);
                check_hash_x4::<_, 104, 48, 1>($p, $name, &pool, [p3], [c3], [ds[3]]);
                check_sha3_shake($p, $name, &pool, [p0, p1]);
            }};
        }
        for_each_backend!(check);
    }

    #[test]
    fn permutation_x4_matches_scalar(words in proptest::collection::vec(any::<u64>(), 100)) {
        let s = states(&words);
        macro_rules! check {
            ($p:expr, $name:expr) => {
                check_permutation($p, $name, &s)
            };
        }
        for_each_backend!(check);
    }

    #[test]
    fn sponge_x4_matches_sponge(pool in proptest::collection::vec(any::<u8>(), 1200)) {
        macro_rules! check {
            ($p:expr, $name:expr) => {{
                check_sponge::<_, 168>($p, $name, &pool);
                check_sponge::<_, 136>($p, $name, &pool);
            }};
        }
        for_each_backend!(check);
    }
}

/// Identical instances: the permutation of the all-zero state and of the all-ones state
/// in every slot, and one slot different from the other three (no cross-slot leakage).
#[test]
fn permutation_x4_special_states() {
    let zero: StateX4 = [[0; 4]; 25];
    let ones: StateX4 = [[u64::MAX; 4]; 25];
    let mut one_slot = zero;
    one_slot[7][2] = 1 << 63;
    macro_rules! check {
        ($p:expr, $name:expr) => {{
            check_permutation($p, $name, &zero);
            check_permutation($p, $name, &ones);
            check_permutation($p, $name, &one_slot);
        }};
    }
    for_each_backend!(check);
}

/// SHAKE128("") and SHA3-256("") (FIPS 202 examples) in all four instances.
#[test]
fn sponge_x4_known_answers() {
    const SHAKE128_EMPTY: &str = "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26";
    const SHA3_256_EMPTY: &str = "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a";
    macro_rules! check {
        ($p:expr, $name:expr) => {{
            let mut s = SpongeX4::<_, 168>::new($p);
            s.absorb([&[0u8; 0]; 4]);
            s.finish(0x1f);
            let mut out = [[0u8; 32]; 4];
            {
                let [o0, o1, o2, o3] = &mut out;
                s.squeeze([o0, o1, o2, o3]);
            }
            for o in &out {
                assert_eq!(hex::encode(o), SHAKE128_EMPTY, "{}: SHAKE128", $name);
            }
            let mut s = SpongeX4::<_, 136>::new($p);
            s.finish(0x06);
            {
                let [o0, o1, o2, o3] = &mut out;
                s.squeeze([o0, o1, o2, o3]);
            }
            for o in &out {
                assert_eq!(hex::encode(o), SHA3_256_EMPTY, "{}: SHA3-256", $name);
            }
        }};
    }
    for_each_backend!(check);
}

/// Detection is stable, and reports what it found.
#[cfg(target_arch = "x86_64")]
#[test]
fn detection_is_cached() {
    let avx2 = Avx2X4::detect().is_some();
    let avx512 = Avx512X4::detect().is_some();
    eprintln!("keccak x4: avx2 {avx2}, avx512 {avx512}");
    assert_eq!(Avx2X4::detect().is_some(), avx2);
    assert_eq!(Avx512X4::detect().is_some(), avx512);
    assert!(!avx512 || avx2, "AVX-512 backend implies AVX2");
    // The dispatcher takes the AVX-512VL permutation exactly where it runs.
    assert_eq!(FastestX4::detect().is_some(), avx2);
    assert_eq!(
        FastestX4::detect().is_some_and(FastestX4::is_avx512),
        avx512
    );
}
