//! Test support shared by the SIMD backends' tests (AVX2, AVX-512): a test-data generator,
//! the parameter sets, and comparisons of a backend with the portable backend and the
//! scalar reference, written once over [`Lanes`] (any `N`: a unit of `N` lanes is checked
//! against `N / 8` portable units) and over a backend's entry points ([`EntryPoints`]).
//! Each backend's tests call these inside their target features, after detection.

use super::super::Params;
use super::super::arith::{GAMMA2_32, GAMMA2_88, Q};
use super::super::{dsa, poly};
use super::portable::Portable;
use super::{Lanes, sample_eta_scalar, sample_uniform_scalar, scalar};

/// A small xorshift generator: test inputs only.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 32) as u32
    }
    /// Sixteen lanes `f(random)` (a backend reads the first `N`).
    pub(crate) fn lanes(&mut self, f: impl Fn(u32) -> i32) -> [i32; 16] {
        core::array::from_fn(|_| f(self.next()))
    }
}

/// FIPS 204 Table 1: ML-DSA-44, -65 or -87 (`set` 44, 65 or 87).
pub(crate) fn params(set: usize) -> Params {
    match set {
        44 => Params {
            eta: 2,
            tau: 39,
            beta: 78,
            gamma1_log: 17,
            gamma2: GAMMA2_88,
            omega: 80,
            ctilde_len: 32,
        },
        65 => Params {
            eta: 4,
            tau: 49,
            beta: 196,
            gamma1_log: 19,
            gamma2: GAMMA2_32,
            omega: 55,
            ctilde_len: 48,
        },
        _ => Params {
            eta: 2,
            tau: 60,
            beta: 120,
            gamma1_log: 19,
            gamma2: GAMMA2_32,
            omega: 75,
            ctilde_len: 64,
        },
    }
}

/// The first `V::N` lanes of `c` as a unit.
fn load<V: Lanes>(c: &[i32; 16]) -> V {
    V::load(&c[..V::N])
}

/// The lanes of `v`, zeros past `V::N`.
fn get<V: Lanes>(v: V) -> [i32; 16] {
    let mut c = [0; 16];
    v.store(&mut c[..V::N]);
    c
}

/// `f` on the portable units covering the first `V::N` lanes of the inputs (8 lanes at a
/// time), its `R` results gathered as 16 lanes each (zeros past `V::N`).
fn portable<V: Lanes, const A: usize, const R: usize>(
    ins: [&[i32; 16]; A],
    f: impl Fn([Portable; A]) -> [Portable; R],
) -> [[i32; 16]; R] {
    let mut out = [[0; 16]; R];
    for k in 0..V::N / 8 {
        let r = f(ins.map(|x| Portable::load(&x[8 * k..8 * k + 8])));
        for (o, r) in out.iter_mut().zip(r) {
            r.store(&mut o[8 * k..8 * k + 8]);
        }
    }
    out
}

/// Every lane operation of `V` against the portable backend (the NTT layers within a unit
/// against the scalar reference that backend uses), `rounds` times on random inputs and
/// then on edge values. Run inside the backend's target features.
pub(crate) fn lanes_match_portable<V: Lanes>(rng: &mut Rng, rounds: usize) {
    let std = |x: u32| (x % Q as u32) as i32;
    let any = |x: u32| x as i32;
    let small = |x: u32| (x % (2 * Q as u32)) as i32 - Q;
    let one = |f: fn(Portable) -> Portable| move |[x]: [Portable; 1]| [f(x)];
    for _ in 0..rounds {
        let (a, b, s, m) = (
            rng.lanes(any),
            rng.lanes(any),
            rng.lanes(std),
            rng.lanes(small),
        );
        let (va, vb, vs, vm) = (load::<V>(&a), load::<V>(&b), load::<V>(&s), load::<V>(&m));
        assert_eq!(
            [get(va.add(vb))],
            portable::<V, 2, 1>([&a, &b], |[x, y]| [x.add(y)])
        );
        assert_eq!(
            [get(va.sub(vb))],
            portable::<V, 2, 1>([&a, &b], |[x, y]| [x.sub(y)])
        );
        assert_eq!(
            [get(vs.shl(13))],
            portable::<V, 1, 1>([&s], one(|x| x.shl(13)))
        );
        assert_eq!(
            [get(va.sra(9))],
            portable::<V, 1, 1>([&a], one(|x| x.sra(9)))
        );
        assert_eq!(
            [get(va.mont_mul(vb))],
            portable::<V, 2, 1>([&a, &b], |[x, y]| [x.mont_mul(y)])
        );
        let c = b[0];
        assert_eq!(
            [get(va.mont_mul_const(c))],
            portable::<V, 1, 1>([&a], |[x]| [x.mont_mul_const(c)])
        );
        let r = rng.lanes(|x| (x >> 1) as i32 - (1 << 30));
        assert_eq!(
            [get(load::<V>(&r).reduce32())],
            portable::<V, 1, 1>([&r], one(Portable::reduce32))
        );
        assert_eq!(
            [get(vm.caddq())],
            portable::<V, 1, 1>([&m], one(Portable::caddq))
        );

        // The NTT layers within a unit, on a random unit of the polynomial.
        let unit = rng.next() as usize % (256 / V::N);
        let (mut fwd, mut inv) = (m, m);
        scalar::ntt_within(&mut fwd[..V::N], unit);
        scalar::inv_ntt_within(&mut inv[..V::N], unit);
        let n = V::N;
        assert_eq!(get(vm.ntt_within(unit))[..n], fwd[..n], "ntt_within {unit}");
        assert_eq!(
            get(vm.inv_ntt_within(unit))[..n],
            inv[..n],
            "inv_ntt_within {unit}"
        );

        let (x1, x0) = vs.power2round();
        assert_eq!(
            [get(x1), get(x0)],
            portable::<V, 1, 2>([&s], |[x]| {
                let (y1, y0) = x.power2round();
                [y1, y0]
            })
        );
        let h = rng.lanes(|x| (x & 1) as i32);
        for g in [GAMMA2_32, GAMMA2_88] {
            let (x1, x0) = vs.decompose(g);
            assert_eq!(
                [get(x1), get(x0)],
                portable::<V, 1, 2>([&s], |[x]| {
                    let (y1, y0) = x.decompose(g);
                    [y1, y0]
                })
            );
            // MakeHint near its thresholds as well as anywhere.
            let a0 = rng.lanes(|x| (x % 7) as i32 - 3 + if x & 8 == 0 { g } else { -g });
            let a1 = rng.lanes(|x| (x % 3) as i32);
            for a0 in [a0, m] {
                assert_eq!(
                    [get(V::make_hint(load(&a0), load(&a1), g))],
                    portable::<V, 2, 1>([&a0, &a1], |[x, y]| [Portable::make_hint(x, y, g)])
                );
            }
            assert_eq!(
                [get(vs.use_hint(load(&h), g))],
                portable::<V, 2, 1>([&s, &h], |[x, y]| [x.use_hint(y, g)])
            );
        }
        // Lazy sums of 0 to 7 products, matrix entries in [0, q) times NTT outputs
        // (below 9q in absolute value).
        let ntt_out = |x: u32| (x % (18 * Q as u32 - 1)) as i32 - (9 * Q - 1);
        let terms = rng.next() as usize % 8;
        let a: [[i32; 16]; 7] = core::array::from_fn(|_| rng.lanes(std));
        let b: [[i32; 16]; 7] = core::array::from_fn(|_| rng.lanes(ntt_out));
        check_mul_acc::<V>(&a[..terms], &b[..terms]);
        check_reductions::<V>(&h);
        let bound = (rng.next() % (Q as u32)) as i32 + 1;
        check_exceeds::<V>(&m, bound);
        check_exceeds::<V>(&rng.lanes(|x| (x >> 2) as i32 - (1 << 29)), bound);
        assert_eq!(vm.exceeds(Q), 0);
    }

    // Edge values.
    let edge: [i32; 16] = core::array::from_fn(|i| {
        [i32::MIN, i32::MIN + 1, -Q, -1, 0, 1, Q - 1, i32::MAX][i % 8] ^ (i as i32 >> 3)
    });
    let ve = load::<V>(&edge);
    assert_eq!(
        [get(ve.mont_mul(ve))],
        portable::<V, 2, 1>([&edge, &edge], |[x, y]| [x.mont_mul(y)])
    );
    // Lazy sums at the ends of their ranges: q - 1 (and 0) times ±(9q - 1), seven times,
    // all of one sign and mixed.
    let top_a: [i32; 16] = core::array::from_fn(|i| if i == 5 { 0 } else { Q - 1 });
    let pos = [9 * Q - 1; 16];
    let neg = [-(9 * Q - 1); 16];
    let mixed: [i32; 16] =
        core::array::from_fn(|i| if i % 3 == 0 { 9 * Q - 1 } else { -(9 * Q - 1) });
    for b in [pos, neg, mixed] {
        check_mul_acc::<V>(&[top_a; 7], &[b; 7]);
        check_mul_acc::<V>(&[top_a; 7], &[b, neg, pos, b, mixed, b, b]);
    }
    let edge2: [i32; 16] = core::array::from_fn(|i| {
        [-(1 << 30), -Q, -Q + 1, -1, 0, 1, Q, (1 << 30) - 1][(i + (i >> 3)) % 8]
    });
    for bound in [1, 2, Q - 1, Q, Q + 1, i32::MAX] {
        check_exceeds::<V>(&edge2, bound);
    }
    // A single lane over the bound, in every position.
    for i in 0..V::N {
        let mut one_over = [0; 16];
        one_over[i] = Q;
        assert_eq!(load::<V>(&one_over).exceeds(Q), 1, "lane {i}");
    }
    // Decompose and UseHint at the top of their domain.
    let top: [i32; 16] = core::array::from_fn(|i| Q - 1 - i as i32);
    for g in [GAMMA2_32, GAMMA2_88] {
        let (x1, x0) = load::<V>(&top).decompose(g);
        assert_eq!(
            [get(x1), get(x0)],
            portable::<V, 1, 2>([&top], |[x]| {
                let (y1, y0) = x.decompose(g);
                [y1, y0]
            })
        );
        for h in [[0; 16], [1; 16]] {
            assert_eq!(
                [get(load::<V>(&top).use_hint(load(&h), g))],
                portable::<V, 2, 1>([&top, &h], |[x, y]| [x.use_hint(y, g)])
            );
        }
    }
}

/// `wide_reduce` of the `mul_acc` sum of `a[k] * b[k]` against the portable units'.
fn check_mul_acc<V: Lanes>(a: &[[i32; 16]], b: &[[i32; 16]]) {
    let mut w = V::wide_zero();
    for (x, y) in a.iter().zip(b) {
        w = V::mul_acc(w, load(x), load(y));
    }
    let mut want = [0; 16];
    for k in 0..V::N / 8 {
        let mut w = Portable::wide_zero();
        for (x, y) in a.iter().zip(b) {
            let (x, y) = (&x[8 * k..8 * k + 8], &y[8 * k..8 * k + 8]);
            w = Portable::mul_acc(w, Portable::load(x), Portable::load(y));
        }
        Portable::wide_reduce(w).store(&mut want[8 * k..8 * k + 8]);
    }
    assert_eq!(get(V::wide_reduce(w)), want, "{} products", a.len());
}

/// `sum` and `bits` of hint lanes (0 or 1) against the portable units' (each unit's bits
/// shifted to its position).
fn check_reductions<V: Lanes>(h: &[i32; 16]) {
    let (mut sum, mut bits) = (0, 0);
    for k in 0..V::N / 8 {
        let p = Portable::load(&h[8 * k..8 * k + 8]);
        sum += p.sum();
        bits |= p.bits() << (8 * k);
    }
    assert_eq!(load::<V>(h).sum(), sum);
    assert_eq!(load::<V>(h).bits(), bits);
}

/// `exceeds` against the portable units' (any of them).
fn check_exceeds<V: Lanes>(x: &[i32; 16], bound: i32) {
    let mut want = 0;
    for k in 0..V::N / 8 {
        want |= Portable::load(&x[8 * k..8 * k + 8]).exceeds(bound);
    }
    assert_eq!(load::<V>(x).exceeds(bound), want, "bound {bound}");
}

/// The bit packings of `V` against the scalar ones, for every width the scheme uses and
/// a few more.
pub(crate) fn encode_decode_match_scalar<V: Lanes>(rng: &mut Rng) {
    for d in [1, 3, 4, 6, 10, 13, 18, 20, 24] {
        let len = V::N * d as usize / 8;
        let c = rng.lanes(|x| (x & ((1u64 << d) - 1) as u32) as i32);
        let (mut got, mut want) = ([0u8; 48], [0u8; 48]);
        load::<V>(&c).encode(d, &mut got[..len]);
        super::encode_scalar(&c[..V::N], d, &mut want[..len]);
        assert_eq!(got, want, "encode d {d}");
        let bytes: [u8; 48] = core::array::from_fn(|_| rng.next() as u8);
        let mut want = [0; 16];
        super::decode_scalar(&bytes[..len], d, &mut want[..V::N]);
        assert_eq!(get(V::decode(d, &bytes[..len])), want, "decode d {d}");
    }
}

/// A random polynomial with coefficients in `(-q, q)` (`round` 0, 1, 2: all `q - 1`,
/// all `-(q - 1)`, all 0).
pub(crate) fn random_coeffs(rng: &mut Rng, round: usize) -> [i32; 256] {
    let small = |x: u32| (x % (2 * Q as u32 - 1)) as i32 - (Q - 1);
    match round {
        0..3 => [[Q - 1, -(Q - 1), 0][round]; 256],
        _ => core::array::from_fn(|_| small(rng.next())),
    }
}

/// The NTTs of `V` (its whole-polynomial forms and the generic layers over its units)
/// against the portable backend, `rounds` times (the first three on extreme polynomials).
pub(crate) fn ntt_matches_portable<V: Lanes>(rng: &mut Rng, rounds: usize) {
    let coeffs = |p: &V::Poly| {
        let mut c = [0; 256];
        poly::to_coeffs::<V>(p, &mut c);
        c
    };
    for round in 0..rounds {
        let c = random_coeffs(rng, round);
        let mut want = poly::from_coeffs::<Portable>(&c);
        poly::ntt::<Portable>(&mut want);
        let mut want_c = [0; 256];
        poly::to_coeffs::<Portable>(&want, &mut want_c);
        let (mut a, mut g) = (poly::from_coeffs::<V>(&c), poly::from_coeffs::<V>(&c));
        poly::ntt::<V>(&mut a);
        poly::ntt_generic::<V>(&mut g);
        assert_eq!(coeffs(&a), want_c, "ntt round {round}");
        assert_eq!(coeffs(&g), want_c, "generic ntt round {round}");

        let mut want = poly::from_coeffs::<Portable>(&c);
        poly::inv_ntt::<Portable>(&mut want);
        poly::to_coeffs::<Portable>(&want, &mut want_c);
        let (mut a, mut g) = (poly::from_coeffs::<V>(&c), poly::from_coeffs::<V>(&c));
        poly::inv_ntt::<V>(&mut a);
        poly::inv_ntt_generic::<V>(&mut g);
        assert_eq!(coeffs(&a), want_c, "inverse ntt round {round}");
        assert_eq!(coeffs(&g), want_c, "generic inverse ntt round {round}");
    }
}

/// `V`'s `RejNTTPoly` loop against the scalar one, `rounds` times, with every fill level
/// reached mid-block and byte counts not a multiple of the vector step.
pub(crate) fn sample_uniform_matches_scalar<V: Lanes>(rng: &mut Rng, rounds: usize) {
    for round in 0..rounds {
        let len = 3 * (rng.next() as usize % 100);
        let mut bytes = [0u8; 300];
        for b in &mut bytes[..len] {
            // Mostly below q, some above (the top bit of each third byte is dropped). In a
            // third of the rounds every byte has its low 7 bits set: the third byte of each
            // candidate is 0x7f, rejected about one time in eight.
            *b = rng.next() as u8 | if round % 3 == 0 { 0x7f } else { 0 };
        }
        let start = if round % 2 == 0 {
            0
        } else {
            rng.next() as usize % 257
        };
        let init: [i32; 256] = core::array::from_fn(|i| -(i as i32) - 1);
        let (mut a, mut b) = (init, init);
        let (mut fa, mut fb) = (start, start);
        V::sample_uniform(&bytes[..len], &mut a, &mut fa);
        sample_uniform_scalar(&bytes[..len], &mut b, &mut fb);
        assert_eq!(fa, fb);
        assert_eq!(a[..fa], b[..fb]);
    }
}

/// `V`'s `RejBoundedPoly` loop against the scalar one, both η, any start and length.
pub(crate) fn sample_eta_matches_scalar<V: Lanes>(rng: &mut Rng, rounds: usize) {
    for round in 0..rounds {
        let len = rng.next() as usize % 160;
        let mut bytes = [0u8; 160];
        for b in &mut bytes[..len] {
            *b = rng.next() as u8;
        }
        let eta = if round % 2 == 0 { 2 } else { 4 };
        let start = if round % 3 == 0 {
            0
        } else {
            rng.next() as usize % 257
        };
        let init: [i32; 256] = core::array::from_fn(|i| 100 + i as i32);
        let (mut a, mut b) = (init, init);
        let (mut fa, mut fb) = (start, start);
        V::sample_eta(&bytes[..len], eta, &mut a, &mut fa);
        sample_eta_scalar(&bytes[..len], eta, &mut b, &mut fb);
        assert_eq!(fa, fb);
        assert_eq!(a[..fa], b[..fb]);
    }
}

/// A SIMD backend's entry points (implemented on its `Token` by `super::entry_points`), and
/// the streamed-matrix signing path instantiated on its lanes inside its target features.
pub(crate) trait EntryPoints: Copy {
    fn keygen<const K: usize, const L: usize>(
        self,
        p: &Params,
        xi: &[u8; 32],
        pk: &mut [u8],
        sk: &mut [u8],
    );
    fn check_sk<const K: usize, const L: usize>(self, p: &Params, sk: &[u8], pk: &mut [u8])
    -> bool;
    fn sign_mu<const K: usize, const L: usize>(
        self,
        p: &Params,
        sk: &[u8],
        mu: &[u8; 64],
        rnd: &[u8; 32],
        sig: &mut [u8],
    ) -> bool;
    fn verify_mu<const K: usize, const L: usize>(
        self,
        p: &Params,
        pk: &[u8],
        mu: &[u8; 64],
        sig: &[u8],
    ) -> bool;
    fn expand_sk<const K: usize, const L: usize>(
        self,
        p: &Params,
        sk: &[u8],
        out: &mut dsa::ExpandedSk<K, L>,
    );
    fn sign_expanded<const K: usize, const L: usize>(
        self,
        p: &Params,
        e: &dsa::ExpandedSk<K, L>,
        mu: &[u8; 64],
        rnd: &[u8; 32],
        sig: &mut [u8],
    );
    fn expand_vk<const K: usize, const L: usize>(self, pk: &[u8], out: &mut dsa::ExpandedVk<K, L>);
    fn verify_expanded<const K: usize, const L: usize>(
        self,
        p: &Params,
        e: &dsa::ExpandedVk<K, L>,
        mu: &[u8; 64],
        sig: &[u8],
    ) -> bool;
    /// `dsa::sign_mu_with::<_, K, L, false>` (the `small-stack` path).
    fn sign_streamed<const K: usize, const L: usize>(
        self,
        p: &Params,
        sk: &[u8],
        mu: &[u8; 64],
        rnd: &[u8; 32],
        sig: &mut [u8],
    ) -> bool;
}

/// How much of the scheme [`same_as_portable`] runs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Coverage {
    /// Key seeds.
    pub(crate) keys: u8,
    /// Messages per key.
    pub(crate) messages: u8,
    /// Also `check_sk`, the streamed matrix and the expanded keys (besides key generation,
    /// signing and verification).
    pub(crate) all_paths: bool,
}

/// Key generation, signing and verification (and, with `all_paths`, key checking, the
/// streamed matrix and the expanded keys) of parameter set `set` (`K`, `L`) through the
/// backend's entry points give the portable backend's bytes and verdicts, a corrupted
/// signature included.
pub(crate) fn same_as_portable<E: EntryPoints, const K: usize, const L: usize>(
    e: E,
    set: usize,
    cover: Coverage,
) {
    let p = params(set);
    let (pk_len, sk_len, sig_len) = (p.pk_len(K), p.sk_len(K, L), p.sig_len(K, L));
    for seed in 0..cover.keys {
        let xi = [seed; 32];
        let (mut pk_a, mut sk_a) = ([0u8; 2592], [0u8; 4896]);
        let (mut pk_p, mut sk_p) = ([0u8; 2592], [0u8; 4896]);
        e.keygen::<K, L>(&p, &xi, &mut pk_a[..pk_len], &mut sk_a[..sk_len]);
        dsa::keygen::<Portable, K, L>(&p, &xi, &mut pk_p[..pk_len], &mut sk_p[..sk_len]);
        assert_eq!(pk_a[..pk_len], pk_p[..pk_len]);
        assert_eq!(sk_a[..sk_len], sk_p[..sk_len]);
        if cover.all_paths {
            let mut pk2 = [0u8; 2592];
            assert!(e.check_sk::<K, L>(&p, &sk_a[..sk_len], &mut pk2[..pk_len]));
            assert_eq!(pk2[..pk_len], pk_p[..pk_len]);
        }
        for m in 0..cover.messages {
            let mu = [m ^ seed; 64];
            let rnd = [m; 32];
            let (mut sig_a, mut sig_p) = ([0u8; 4627], [0u8; 4627]);
            assert!(e.sign_mu::<K, L>(&p, &sk_a[..sk_len], &mu, &rnd, &mut sig_a[..sig_len]));
            assert!(dsa::sign_mu::<Portable, K, L>(
                &p,
                &sk_p[..sk_len],
                &mu,
                &rnd,
                &mut sig_p[..sig_len]
            ));
            assert_eq!(sig_a[..sig_len], sig_p[..sig_len]);
            assert!(e.verify_mu::<K, L>(&p, &pk_a[..pk_len], &mu, &sig_a[..sig_len]));
            let mut bad = sig_a;
            bad[sig_len / 2] ^= 1;
            let want = dsa::verify_mu::<Portable, K, L>(&p, &pk_a[..pk_len], &mu, &bad[..sig_len]);
            assert_eq!(
                e.verify_mu::<K, L>(&p, &pk_a[..pk_len], &mu, &bad[..sig_len]),
                want
            );
            if !cover.all_paths {
                continue;
            }
            // The streamed matrix (the `small-stack` path) and the expanded key give the
            // same signature; the expanded verifying key the same verdicts.
            let (mut sig_s, mut sig_e) = ([0u8; 4627], [0u8; 4627]);
            let mut esk = dsa::ExpandedSk::<K, L>::zero();
            let mut evk = dsa::ExpandedVk::<K, L>::zero();
            e.expand_sk::<K, L>(&p, &sk_a[..sk_len], &mut esk);
            e.expand_vk::<K, L>(&pk_a[..pk_len], &mut evk);
            assert!(e.sign_streamed::<K, L>(&p, &sk_a[..sk_len], &mu, &rnd, &mut sig_s[..sig_len]));
            e.sign_expanded::<K, L>(&p, &esk, &mu, &rnd, &mut sig_e[..sig_len]);
            assert_eq!(sig_s[..sig_len], sig_p[..sig_len]);
            assert_eq!(sig_e[..sig_len], sig_p[..sig_len]);
            assert!(e.verify_expanded::<K, L>(&p, &evk, &mu, &sig_a[..sig_len]));
            assert_eq!(
                e.verify_expanded::<K, L>(&p, &evk, &mu, &bad[..sig_len]),
                want
            );
        }
    }
}
