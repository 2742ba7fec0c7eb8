//! The four-way Keccak against the scalar one: every backend's permutation against four
//! `keccak_f1600` calls on random states, and `SpongeX4` against four `Sponge` runs (SHAKE128
//! and SHAKE256 rates, several absorb and squeeze calls of lengths that cross the rate at
//! every offset), plus known answers. Backends this CPU lacks are skipped with a message.

#[cfg(target_arch = "x86_64")]
use mamori_primitives::keccak::{Avx2X4, Avx512X4};
use mamori_primitives::keccak::{KeccakX4, PortableX4, Sponge, SpongeX4, StateX4, keccak_f1600};
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

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
}
