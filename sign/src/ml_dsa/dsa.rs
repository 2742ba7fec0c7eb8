//! The internal ML-DSA algorithms (FIPS 204 §6: `ML-DSA.KeyGen_internal`,
//! `ML-DSA.Sign_internal` from `μ` on, `ML-DSA.Verify_internal` from `μ` on) and the key and
//! signature encodings (§7.2), written once over [`Lanes`] and the dimensions `K × L`.
//!
//! Keys and signatures arrive and leave as bytes; the caller checks lengths. Byte offsets
//! are computed by multiplication (no `chunks_exact` by a length that is not a power of
//! two: it stays a `div` at opt-level s/z, which the CT gate's division scan rejects).
//!
//! **Memory.** Where the matrix `Â` comes from is a [`MatrixSource`]: [`Held`] reads it
//! from memory (`K L` KiB, expanded once by [`expand_matrix`], four entries at a time with
//! a four-way Keccak), [`Streamed`] samples each entry from `ρ` where it is used (none
//! held, or the last four with a four-way Keccak: 4 KiB). Signing from bytes
//! ([`sign_mu`]) expands `Â` once before its rejection loop and reads it in every
//! iteration; with the `small-stack` cargo feature it streams instead, sampling `Â` again
//! in every iteration (ML-DSA-65: about 2 to 3 times slower) for `K L` KiB less stack
//! (measured peak when streaming, release x86-64: about 72 / 58 / 48 KiB for ML-DSA-87 /
//! 65 / 44 signing). Key generation, key checking and verification from bytes use each
//! entry once and always stream (30 KiB for ML-DSA-87 verification). The expanded keys
//! ([`ExpandedSk`], [`ExpandedVk`]) hold `Â` and the NTT forms of the key vectors for
//! repeated use; [`sign_core`] and [`verify_core`] are the one signing and verification
//! loop every entry point runs.
//!
//! **Constant time.** Inside a signing iteration no branch, index or division depends on
//! secret data, with two named exceptions: `c̃` is declassified (see
//! [`sample::sample_in_ball`]), and the accept/reject decision of the iteration, computed
//! from all four checks without early exit, is declassified once. Secret intermediates are
//! wiped before returning.

use mamori_primitives::ct;
use subtle::{Choice, ConstantTimeEq};

use super::Params;
use super::arith::{D, GAMMA2_88};
use super::lanes::Lanes;
use super::poly;
use super::sample;

/// Bytes of one packed t1 polynomial (10 bits a coefficient).
const T1_BYTES: usize = 320;
/// Bytes of one packed t0 polynomial (13 bits a coefficient).
const T0_BYTES: usize = 416;
/// The largest `w1Encode` output: `K * 32 * bits` (768 for ML-DSA-44 and -65, 1024 for -87).
const W1_MAX: usize = 1024;

/// Signing multiplies c by s1 and by s2 through one inverse NTT per pair: `ŝ12_j =
/// NTT(s1_j + 2^9 s2_j)` for `j < L` (and `ŝ2_i` alone for `L <= i < K`), and
/// `NTT^-1(ĉ ∘ ŝ12_j) = c s1_j + 2^9 c s2_j` exactly (as integers, after `reduce32`),
/// since every coefficient of `c s` is at most `τ η < 2^8` in magnitude (39 · 2, 49 · 4,
/// 60 · 2) and `2^8 (1 + 2^9) < q / 2`. [`split_pair`] takes the two apart. That saves
/// `L` of the `3K + L` inverse NTTs of each signing iteration; the signatures are the
/// same bytes.
const PACK_SHIFT: u32 = 9;

/// Whether [`PACK_SHIFT`]'s packing is exact for a parameter set: `K >= L` (every s1_j has
/// an s2_j to pair with), and `|c s| <= β = τ η < 2^8` with `2^8 (1 + 2^9) < q / 2`.
/// Asserted at compile time for each set.
pub(crate) const fn packs_c_s(p: &Params, k: usize, l: usize) -> bool {
    let half = 1 << (PACK_SHIFT - 1);
    k >= l
        && p.beta == p.tau as i32 * p.eta
        && p.beta < half
        && half * (1 + (1 << PACK_SHIFT)) < super::arith::Q / 2
}

/// `(c s1_j, c s2_j)` from `x = NTT^-1(ĉ ∘ ŝ12_j)` (see [`PACK_SHIFT`]): reduces `x` to
/// the exact integers `v = a + 2^9 b` with `|a| < 2^8`, leaves `a = v - 2^9 b` in `x` and
/// returns `b = (v + 2^8) >> 9`. Shifts and adds only: constant-time.
#[inline(always)]
fn split_pair<V: Lanes>(x: &mut V::Poly) -> V::Poly {
    let half = V::splat(1 << (PACK_SHIFT - 1));
    poly::map::<V>(x, V::reduce32);
    let mut hi = *x;
    poly::map::<V>(&mut hi, |v| v.add(half).sra(PACK_SHIFT));
    poly::zip::<V>(x, &hi, |v, b| v.sub(b.shl(PACK_SHIFT)));
    hi
}

impl Params {
    /// Bits of a packed coefficient of s1 or s2.
    pub(crate) const fn eta_bits(&self) -> u32 {
        if self.eta == 2 { 3 } else { 4 }
    }
    /// Bits of a coefficient of w1 (`bitlen((q - 1) / (2 γ2) - 1)`).
    pub(crate) const fn w1_bits(&self) -> u32 {
        if self.gamma2 == GAMMA2_88 { 6 } else { 4 }
    }
    /// Bits of a packed coefficient of z (`1 + bitlen(γ1 - 1)`).
    pub(crate) const fn z_bits(&self) -> u32 {
        self.gamma1_log + 1
    }
    /// `pkEncode` length: `32 + 320 K`.
    pub(crate) const fn pk_len(&self, k: usize) -> usize {
        32 + T1_BYTES * k
    }
    /// `skEncode` length: `128 + 32 ((K + L) bitlen(2 η) + 13 K)`.
    pub(crate) const fn sk_len(&self, k: usize, l: usize) -> usize {
        128 + 32 * ((k + l) * self.eta_bits() as usize + 13 * k)
    }
    /// `sigEncode` length: `λ/4 + 32 L (1 + bitlen(γ1 - 1)) + ω + K`.
    pub(crate) const fn sig_len(&self, k: usize, l: usize) -> usize {
        self.ctilde_len + 32 * l * self.z_bits() as usize + self.omega + k
    }
    fn eta_poly_bytes(&self) -> usize {
        32 * self.eta_bits() as usize
    }
    fn z_poly_bytes(&self) -> usize {
        32 * self.z_bits() as usize
    }
    fn w1_poly_bytes(&self) -> usize {
        32 * self.w1_bits() as usize
    }
    fn gamma1(&self) -> i32 {
        1 << self.gamma1_log
    }
}

/// One polynomial as 256 coefficients in memory: the form of everything held between
/// calls (the expanded keys) and of the held matrix. Every backend's units are runs of
/// consecutive coefficients, so the form is the same for all of them.
pub(crate) type Coeffs = [i32; 256];

/// Where the rows of `Â` come from: [`Held`] (expanded once, `K L` KiB) or [`Streamed`]
/// (sampled from `ρ` where read). The one place that reads `Â`.
pub(crate) trait MatrixSource<V: Lanes, const L: usize> {
    /// `Σ_j Â[i][j] ∘ v̂_j` (NTT domain, factor `2^-32`, not reduced) into `out`: row `i`
    /// of `Â v̂`. Rows are read in order `0..K`, possibly several times over.
    fn row_acc(&mut self, i: usize, v_hat: &[V::Poly; L], out: &mut V::Poly);
}

/// `Â` held in memory, NTT domain, `K` rows of `L` entries: read, never sampled again.
pub(crate) struct Held<'a, const K: usize, const L: usize>(pub(crate) &'a [[Coeffs; L]; K]);

impl<V: Lanes, const K: usize, const L: usize> MatrixSource<V, L> for Held<'_, K, L> {
    #[inline(always)]
    fn row_acc(&mut self, i: usize, v_hat: &[V::Poly; L], out: &mut V::Poly) {
        poly::row_dot_coeffs::<V, L>(&self.0[i], v_hat, out);
    }
}

/// `Â` sampled from `ρ` as its rows are read, one entry at a time or, on a backend with a
/// four-way Keccak, four at a time (the last four held: 4 KiB; the portable backend holds
/// none). Groups run over the entries in row-major order and may span two rows, so
/// reading the rows in order samples `ceil(K L / 4)` groups (ML-DSA-65: 8 rather than the
/// 12 of four-entry groups per row).
pub(crate) struct Streamed<V: Lanes> {
    rho: [u8; 32],
    /// K.
    rows: usize,
    /// Entries `start..start + held` (row-major), when sampling four at a time.
    group: V::MatrixGroup,
    start: usize,
    held: usize,
}

impl<V: Lanes> Streamed<V> {
    #[inline(always)]
    pub(crate) fn new(rho: &[u8; 32], rows: usize) -> Self {
        Self {
            rho: *rho,
            rows,
            group: V::zero_matrix_group(),
            start: 0,
            held: 0,
        }
    }
}

impl<V: Lanes, const L: usize> MatrixSource<V, L> for Streamed<V> {
    #[inline(always)]
    fn row_acc(&mut self, i: usize, v_hat: &[V::Poly; L], acc: &mut V::Poly) {
        *acc = V::zero_poly();
        if let Some(k) = V::keccak_x4() {
            // The row's entries in runs of those held together (at most 4), each run's
            // products summed lazily (`poly::dot_acc`): one reduction per coefficient per
            // run rather than per entry, and no more memory than the group.
            let mut j = 0;
            while j < L {
                let f = i * L + j;
                if f < self.start || f >= self.start + self.held {
                    let n = (self.rows * L - f).min(4);
                    let group = &mut self.group.as_mut()[..n];
                    sample::matrix_entries_x4::<V, _>(k, &self.rho, L, i, j, group);
                    self.start = f;
                    self.held = n;
                }
                let n = (self.start + self.held - f).min(L - j);
                let at = f - self.start;
                poly::dot_acc::<V>(acc, &self.group.as_ref()[at..at + n], &v_hat[j..j + n]);
                j += n;
            }
            return;
        }
        for (j, v) in v_hat.iter().enumerate() {
            let e = sample::matrix_entry::<V>(&self.rho, i, j);
            poly::pointwise_acc::<V>(acc, &e, v);
        }
    }
}

/// `ExpandA(ρ)` (FIPS 204 Algorithm 32) into `out`, four entries at a time (row-major
/// order) where the backend has a four-way Keccak. Public data only.
#[inline(always)]
pub(crate) fn expand_matrix<V: Lanes, const K: usize, const L: usize>(
    rho: &[u8; 32],
    out: &mut [[Coeffs; L]; K],
) {
    if let Some(k) = V::keccak_x4() {
        let (mut r, mut s) = (0, 0);
        for group in out.as_flattened_mut().chunks_mut(4) {
            sample::matrix_coeffs_x4::<V, _>(k, rho, L, r, s, group);
            // Step (r, s) one entry at a time: `s += len; while s >= L { .. }` becomes a
            // `div` at opt-level z, which the division scan admits none of.
            for _ in 0..group.len() {
                s += 1;
                if s == L {
                    s = 0;
                    r += 1;
                }
            }
        }
        return;
    }
    for (r, row) in out.iter_mut().enumerate() {
        for (s, e) in row.iter_mut().enumerate() {
            *e = sample::matrix_entry_coeffs::<V>(rho, r, s);
        }
    }
}

/// `NTT^-1(Σ_j Â[i][j] ∘ v̂_j)` in `[0, q)` into `out`: row `i` of `Â v`.
#[inline(always)]
fn row_product<V: Lanes, M: MatrixSource<V, L>, const L: usize>(
    a: &mut M,
    i: usize,
    v_hat: &[V::Poly; L],
    out: &mut V::Poly,
) {
    a.row_acc(i, v_hat, out);
    poly::map::<V>(out, V::reduce32);
    poly::inv_ntt::<V>(out);
    poly::map::<V>(out, V::caddq);
}

/// Row `i` of `t = NTT^-1(Â ∘ ŝ1) + s2`, split by `Power2Round`: `(t1, t0)`.
#[inline(always)]
fn t_row<V: Lanes, const L: usize>(
    a: &mut Streamed<V>,
    i: usize,
    s1_hat: &[V::Poly; L],
    s2: &V::Poly,
) -> (V::Poly, V::Poly) {
    let mut t = V::zero_poly();
    MatrixSource::<V, L>::row_acc(a, i, s1_hat, &mut t);
    poly::map::<V>(&mut t, V::reduce32);
    poly::inv_ntt::<V>(&mut t);
    poly::zip::<V>(&mut t, s2, V::add);
    poly::map::<V>(&mut t, V::caddq);
    let (mut t1, mut t0) = (V::zero_poly(), V::zero_poly());
    for ((x, a), b) in t.as_ref().iter().zip(t1.as_mut()).zip(t0.as_mut()) {
        (*a, *b) = x.power2round();
    }
    poly::wipe::<V>(core::slice::from_mut(&mut t));
    (t1, t0)
}

/// `ML-DSA.KeyGen_internal(ξ)` (FIPS 204 Algorithm 6): writes `pk` and `sk`.
#[inline(always)]
pub(crate) fn keygen<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    xi: &[u8; 32],
    pk: &mut [u8],
    sk: &mut [u8],
) {
    let mut seeds = [0u8; 128];
    sample::h_on::<V>(&[xi, &[K as u8, L as u8]], &mut seeds);
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&seeds[..32]);
    // ρ is published in pk.
    ct::declassify_bytes(&rho);
    let mut rho_prime = [0u8; 64];
    rho_prime.copy_from_slice(&seeds[32..96]);
    pk[..32].copy_from_slice(&rho);
    sk[..32].copy_from_slice(&rho);
    sk[32..64].copy_from_slice(&seeds[96..]);
    ct::wipe(&mut seeds);

    let eb = p.eta_poly_bytes();
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;
    let mut s1_hat = [V::zero_poly(); L];
    sample::bounded_polys::<V>(&rho_prime, 0, p.eta, &mut s1_hat);
    for (j, s) in s1_hat.iter_mut().enumerate() {
        poly::pack::<V>(
            s,
            p.eta,
            p.eta_bits(),
            &mut sk[s1_at + j * eb..s1_at + (j + 1) * eb],
        );
        poly::ntt::<V>(s);
    }
    // With a four-way Keccak, s2 four polynomials at a time (the portable backend keeps
    // one at a time: `s2_group` is then unused and optimised away).
    let mut s2_group = [V::zero_poly(); 4];
    let mut a = Streamed::<V>::new(&rho, K);
    for i in 0..K {
        let mut s2 = if V::keccak_x4().is_some() {
            if i & 3 == 0 {
                let n = (K - i).min(4);
                sample::bounded_polys::<V>(&rho_prime, (L + i) as u16, p.eta, &mut s2_group[..n]);
            }
            s2_group[i & 3]
        } else {
            sample::bounded_poly::<V>(&rho_prime, (L + i) as u16, p.eta)
        };
        poly::pack::<V>(
            &s2,
            p.eta,
            p.eta_bits(),
            &mut sk[s2_at + i * eb..s2_at + (i + 1) * eb],
        );
        let (t1, mut t0) = t_row::<V, L>(&mut a, i, &s1_hat, &s2);
        // t1 is published in pk.
        poly::pack::<V>(
            &t1,
            0,
            10,
            &mut pk[32 + i * T1_BYTES..32 + (i + 1) * T1_BYTES],
        );
        poly::pack::<V>(
            &t0,
            1 << (D - 1),
            D,
            &mut sk[t0_at + i * T0_BYTES..t0_at + (i + 1) * T0_BYTES],
        );
        poly::wipe::<V>(core::slice::from_mut(&mut s2));
        poly::wipe::<V>(core::slice::from_mut(&mut t0));
    }
    if V::keccak_x4().is_some() {
        poly::wipe::<V>(&mut s2_group);
    }
    ct::declassify_bytes(pk);
    let mut tr = [0u8; 64];
    sample::h_on::<V>(&[pk], &mut tr);
    sk[64..128].copy_from_slice(&tr);
    poly::wipe::<V>(&mut s1_hat);
    ct::wipe(&mut rho_prime);
}

/// Checks an expanded signing key and recomputes its verifying key into `pk`: every
/// coefficient of s1 and s2 in `[-η, η]`, t0 equal to the low part of `Â s1 + s2`, and tr
/// equal to `H(pk)`. FIPS 204 requires none of this of `skDecode`; it catches corrupted or
/// mismatched keys before they sign. The answer is declassified (a key is valid or not).
#[inline(always)]
pub(crate) fn check_sk<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    sk: &[u8],
    pk: &mut [u8],
) -> bool {
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&sk[..32]);
    // ρ is public (it is in pk); matrix sampling branches on bytes derived from it.
    ct::declassify_bytes(&rho);
    let eb = p.eta_poly_bytes();
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;
    let mut bad = 0u32;
    let mut s1_hat = [V::zero_poly(); L];
    for (j, s) in s1_hat.iter_mut().enumerate() {
        *s = poly::unpack::<V>(
            &sk[s1_at + j * eb..s1_at + (j + 1) * eb],
            p.eta,
            p.eta_bits(),
        );
        bad |= poly::exceeds::<V>(s, p.eta + 1);
        poly::ntt::<V>(s);
    }
    let mut same = Choice::from(1);
    let mut t0_bytes = [0u8; T0_BYTES];
    pk[..32].copy_from_slice(&rho);
    let mut a = Streamed::<V>::new(&rho, K);
    for i in 0..K {
        let mut s2 = poly::unpack::<V>(
            &sk[s2_at + i * eb..s2_at + (i + 1) * eb],
            p.eta,
            p.eta_bits(),
        );
        bad |= poly::exceeds::<V>(&s2, p.eta + 1);
        let (t1, mut t0) = t_row::<V, L>(&mut a, i, &s1_hat, &s2);
        poly::pack::<V>(
            &t1,
            0,
            10,
            &mut pk[32 + i * T1_BYTES..32 + (i + 1) * T1_BYTES],
        );
        poly::pack::<V>(&t0, 1 << (D - 1), D, &mut t0_bytes);
        same &= t0_bytes.ct_eq(&sk[t0_at + i * T0_BYTES..t0_at + (i + 1) * T0_BYTES]);
        poly::wipe::<V>(core::slice::from_mut(&mut s2));
        poly::wipe::<V>(core::slice::from_mut(&mut t0));
    }
    ct::wipe(&mut t0_bytes);
    poly::wipe::<V>(&mut s1_hat);
    let mut tr = [0u8; 64];
    sample::h_on::<V>(&[pk], &mut tr);
    same &= tr.ct_eq(&sk[64..128]);
    same &= Choice::from((bad ^ 1) as u8);
    ct::declassify(same)
}

/// `skDecode` (FIPS 204 Algorithm 25) of an expanded key, then the NTTs: `ŝ12` (s1 packed
/// with s2, see [`PACK_SHIFT`]), `ŝ2_i` for `i >= L` (entries below `L` are left as they
/// are) and `t̂0` into the three outputs. Returns `ρ` (public) and whether every
/// coefficient of s1 and s2 is in `[-η, η]` (declassified: the key is valid or not; the
/// check of signing straight from an encoding, which FIPS 204 does not require and
/// [`check_sk`] extends).
#[inline(always)]
fn decode_sk<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    sk: &[u8],
    s12_hat: &mut [V::Poly; L],
    s2_hat: &mut [V::Poly; K],
    t0_hat: &mut [V::Poly; K],
) -> ([u8; 32], bool) {
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&sk[..32]);
    // ρ is public (it is in pk); matrix sampling branches on bytes derived from it.
    ct::declassify_bytes(&rho);
    let eb = p.eta_poly_bytes();
    let s1_at = 128;
    let s2_at = s1_at + L * eb;
    let t0_at = s2_at + K * eb;
    // A function, not a closure: a closure is not inlined into the entry point here, and
    // outside it the backend's intrinsics would be calls.
    #[inline(always)]
    fn unpack_eta<V: Lanes>(p: &Params, bytes: &[u8]) -> V::Poly {
        poly::unpack::<V>(bytes, p.eta, p.eta_bits())
    }
    let s2 = |i: usize| &sk[s2_at + i * eb..s2_at + (i + 1) * eb];
    let mut bad = 0u32;
    for (j, s) in s12_hat.iter_mut().enumerate() {
        *s = unpack_eta::<V>(p, &sk[s1_at + j * eb..s1_at + (j + 1) * eb]);
        let mut s2 = unpack_eta::<V>(p, s2(j));
        bad |= poly::exceeds::<V>(s, p.eta + 1) | poly::exceeds::<V>(&s2, p.eta + 1);
        poly::zip::<V>(s, &s2, |a, b| a.add(b.shl(PACK_SHIFT)));
        poly::ntt::<V>(s);
        poly::wipe::<V>(core::slice::from_mut(&mut s2));
    }
    for (i, (s, t)) in s2_hat.iter_mut().zip(t0_hat.iter_mut()).enumerate() {
        // s2_i is packed with s1_i above where i < L (K >= L in every parameter set).
        if i >= L {
            *s = unpack_eta::<V>(p, s2(i));
            bad |= poly::exceeds::<V>(s, p.eta + 1);
            poly::ntt::<V>(s);
        }
        *t = poly::unpack::<V>(
            &sk[t0_at + i * T0_BYTES..t0_at + (i + 1) * T0_BYTES],
            1 << (D - 1),
            D,
        );
        poly::ntt::<V>(t);
    }
    (rho, ct::declassify(Choice::from((bad ^ 1) as u8)))
}

/// `ML-DSA.Sign_internal` (FIPS 204 Algorithm 7) from `μ` on, from the expanded encoding
/// `sk` (a checked key): signs the 64-byte message representative `mu` with randomness
/// `rnd` (all zero for deterministic signing) into `sig`. With `HELD`, `Â` is expanded
/// once before the rejection loop (`K L` KiB more stack); without, it is sampled again in
/// every iteration ([`Streamed`]; the `small-stack` feature's choice). Returns false, with
/// `sig` untouched, if a coefficient of s1 or s2 is outside `[-η, η]` ([`decode_sk`]).
#[inline(always)]
pub(crate) fn sign_mu_with<V: Lanes, const K: usize, const L: usize, const HELD: bool>(
    p: &Params,
    sk: &[u8],
    mu: &[u8; 64],
    rnd: &[u8; 32],
    sig: &mut [u8],
) -> bool {
    let mut s12_hat = [V::zero_poly(); L];
    let mut s2_hat = [V::zero_poly(); K];
    let mut t0_hat = [V::zero_poly(); K];
    let (rho, in_range) = decode_sk::<V, K, L>(p, sk, &mut s12_hat, &mut s2_hat, &mut t0_hat);
    if !in_range {
        poly::wipe::<V>(&mut s12_hat);
        poly::wipe::<V>(&mut s2_hat);
        poly::wipe::<V>(&mut t0_hat);
        return false;
    }
    let mut key = [0u8; 32];
    key.copy_from_slice(&sk[32..64]);
    let secrets = Secrets::<V, K, L> {
        key: &key,
        s12_hat: &s12_hat,
        s2_hat: &s2_hat,
        t0_hat: &t0_hat,
    };
    if HELD {
        let mut a = [[[0i32; 256]; L]; K];
        expand_matrix::<V, K, L>(&rho, &mut a);
        sign_core::<V, _, K, L>(p, &mut Held(&a), &secrets, mu, rnd, sig);
    } else {
        sign_core::<V, _, K, L>(p, &mut Streamed::<V>::new(&rho, K), &secrets, mu, rnd, sig);
    }
    poly::wipe::<V>(&mut s12_hat);
    poly::wipe::<V>(&mut s2_hat);
    poly::wipe::<V>(&mut t0_hat);
    ct::wipe(&mut key);
    true
}

/// [`sign_mu_with`] as configured: `Â` held unless the `small-stack` feature is on.
#[inline(always)]
pub(crate) fn sign_mu<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    sk: &[u8],
    mu: &[u8; 64],
    rnd: &[u8; 32],
    sig: &mut [u8],
) -> bool {
    sign_mu_with::<V, K, L, { !cfg!(feature = "small-stack") }>(p, sk, mu, rnd, sig)
}

/// A signing key expanded for repeated use: `Â`, `ŝ12`, `ŝ2` (rows `L..K` only, see
/// [`PACK_SHIFT`]), `t̂0` (NTT domain) and the
/// signing seed `K`. (The public type wipes the secrets on drop.)
#[derive(Clone)]
pub(crate) struct ExpandedSk<const K: usize, const L: usize> {
    pub(crate) a: [[Coeffs; L]; K],
    pub(crate) s12_hat: [Coeffs; L],
    pub(crate) s2_hat: [Coeffs; K],
    pub(crate) t0_hat: [Coeffs; K],
    pub(crate) key: [u8; 32],
}

impl<const K: usize, const L: usize> ExpandedSk<K, L> {
    pub(crate) fn zero() -> Self {
        Self {
            a: [[[0; 256]; L]; K],
            s12_hat: [[0; 256]; L],
            s2_hat: [[0; 256]; K],
            t0_hat: [[0; 256]; K],
            key: [0; 32],
        }
    }
}

/// Expands the checked expanded encoding `sk` into `out`.
#[inline(always)]
pub(crate) fn expand_sk<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    sk: &[u8],
    out: &mut ExpandedSk<K, L>,
) {
    let mut s12_hat = [V::zero_poly(); L];
    let mut s2_hat = [V::zero_poly(); K];
    let mut t0_hat = [V::zero_poly(); K];
    // A checked key (parsed by `check_sk`): its range verdict is known to be true.
    let (rho, _) = decode_sk::<V, K, L>(p, sk, &mut s12_hat, &mut s2_hat, &mut t0_hat);
    for (c, s) in out.s12_hat.iter_mut().zip(&s12_hat) {
        poly::to_coeffs::<V>(s, c);
    }
    for (c, s) in out.s2_hat.iter_mut().zip(&s2_hat) {
        poly::to_coeffs::<V>(s, c);
    }
    for (c, s) in out.t0_hat.iter_mut().zip(&t0_hat) {
        poly::to_coeffs::<V>(s, c);
    }
    out.key.copy_from_slice(&sk[32..64]);
    expand_matrix::<V, K, L>(&rho, &mut out.a);
    poly::wipe::<V>(&mut s12_hat);
    poly::wipe::<V>(&mut s2_hat);
    poly::wipe::<V>(&mut t0_hat);
}

/// [`sign_mu`] with an expanded key.
#[inline(always)]
pub(crate) fn sign_expanded<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    e: &ExpandedSk<K, L>,
    mu: &[u8; 64],
    rnd: &[u8; 32],
    sig: &mut [u8],
) {
    let mut s12_hat = [V::zero_poly(); L];
    let mut s2_hat = [V::zero_poly(); K];
    let mut t0_hat = [V::zero_poly(); K];
    for (s, c) in s12_hat.iter_mut().zip(&e.s12_hat) {
        *s = poly::from_coeffs::<V>(c);
    }
    for (s, c) in s2_hat.iter_mut().zip(&e.s2_hat) {
        *s = poly::from_coeffs::<V>(c);
    }
    for (s, c) in t0_hat.iter_mut().zip(&e.t0_hat) {
        *s = poly::from_coeffs::<V>(c);
    }
    let secrets = Secrets::<V, K, L> {
        key: &e.key,
        s12_hat: &s12_hat,
        s2_hat: &s2_hat,
        t0_hat: &t0_hat,
    };
    sign_core::<V, _, K, L>(p, &mut Held(&e.a), &secrets, mu, rnd, sig);
    poly::wipe::<V>(&mut s12_hat);
    poly::wipe::<V>(&mut s2_hat);
    poly::wipe::<V>(&mut t0_hat);
}

/// The secret inputs of signing, decoded: `K` and `ŝ12`, `ŝ2` (rows `L..K`), `t̂0` (NTT
/// domain; see [`PACK_SHIFT`]).
struct Secrets<'a, V: Lanes, const K: usize, const L: usize> {
    key: &'a [u8; 32],
    s12_hat: &'a [V::Poly; L],
    s2_hat: &'a [V::Poly; K],
    t0_hat: &'a [V::Poly; K],
}

/// The signing loop (FIPS 204 Algorithm 7 lines 7 to 33) over any [`MatrixSource`]: the
/// one signing core every entry point runs.
#[inline(always)]
fn sign_core<V: Lanes, M: MatrixSource<V, L>, const K: usize, const L: usize>(
    p: &Params,
    a: &mut M,
    secrets: &Secrets<'_, V, K, L>,
    mu: &[u8; 64],
    rnd: &[u8; 32],
    sig: &mut [u8],
) {
    let Secrets {
        key,
        s12_hat,
        s2_hat,
        t0_hat,
    } = *secrets;
    // ρ'' = H(K || rnd || μ, 64).
    let mut rho2 = [0u8; 64];
    sample::h_on::<V>(&[key, rnd, mu], &mut rho2);

    let gamma1 = p.gamma1();
    let w1_bytes = p.w1_poly_bytes();
    let w1_len = K * w1_bytes;
    let mut y = [V::zero_poly(); L];
    let mut y_hat = [V::zero_poly(); L];
    let mut w0 = [V::zero_poly(); K];
    let mut w1_enc = [0u8; W1_MAX];
    let mut hints = [[0u8; 32]; K];
    let mut ctilde = [0u8; 64];
    // Scratch for c s1, c s2 and c t0, reused by every iteration and wiped once at the end.
    let mut cs1 = V::zero_poly();
    let mut cs2 = V::zero_poly();
    let mut ct0 = V::zero_poly();
    let mut kappa: u16 = 0;
    let mut masks = sample::MaskStream::new(&rho2);
    loop {
        // y = ExpandMask(ρ'', κ); w = NTT^-1(Â ∘ NTT(y)); (w1, w0) = Decompose(w).
        masks.fill::<V>(kappa, p.gamma1_log, &mut y);
        for (y, yh) in y.iter().zip(y_hat.iter_mut()) {
            *yh = *y;
            poly::ntt::<V>(yh);
        }
        for (i, w0) in w0.iter_mut().enumerate() {
            row_product::<V, M, L>(a, i, &y_hat, w0);
            // w1 encoded unit by unit as it is split off (as `poly::pack` would).
            let w1 = &mut w1_enc[i * w1_bytes..(i + 1) * w1_bytes];
            let step = (V::N * p.w1_bits() as usize) >> 3;
            for (u, x) in w0.as_mut().iter_mut().enumerate() {
                let (w1_unit, w0_unit) = x.decompose(p.gamma2);
                w1_unit.encode(p.w1_bits(), &mut w1[u * step..(u + 1) * step]);
                *x = w0_unit;
            }
        }

        // c̃ = H(μ || w1Encode(w1), λ/4); c = SampleInBall(c̃).
        let ctilde = &mut ctilde[..p.ctilde_len];
        sample::h_on::<V>(&[mu, &w1_enc[..w1_len]], ctilde);
        ct::declassify_bytes(ctilde);
        let mut c_hat = poly::from_coeffs::<V>(&sample::sample_in_ball(ctilde, p.tau));
        poly::ntt::<V>(&mut c_hat);

        // z = y + cs1 (in place of y), ‖z‖∞ < γ1 - β; r0 = w0 - cs2, ‖r0‖∞ < γ2 - β;
        // ‖ct0‖∞ < γ2; h = MakeHint(r0 + ct0, w1), at most ω ones. (The reference
        // implementation's form of Algorithm 7 lines 21-28; cs1_i and cs2_i come from one
        // inverse NTT for i < L, see `PACK_SHIFT`.)
        let mut bad = 0u32;
        let mut ones = 0i32;
        for (i, (w0, h)) in w0.iter_mut().zip(hints.iter_mut()).enumerate() {
            if i < L {
                poly::pointwise_into::<V>(&mut cs1, &c_hat, &s12_hat[i]);
                poly::inv_ntt::<V>(&mut cs1);
                cs2 = split_pair::<V>(&mut cs1);
                let z = &mut y[i];
                poly::zip::<V>(z, &cs1, V::add);
                poly::map::<V>(z, V::reduce32);
                bad |= poly::exceeds::<V>(z, gamma1 - p.beta);
            } else {
                poly::pointwise_into::<V>(&mut cs2, &c_hat, &s2_hat[i]);
                poly::inv_ntt::<V>(&mut cs2);
            }
            poly::zip::<V>(w0, &cs2, V::sub);
            poly::map::<V>(w0, V::reduce32);
            bad |= poly::exceeds::<V>(w0, p.gamma2 - p.beta);
            poly::pointwise_into::<V>(&mut ct0, &c_hat, &t0_hat[i]);
            poly::inv_ntt::<V>(&mut ct0);
            poly::map::<V>(&mut ct0, V::reduce32);
            bad |= poly::exceeds::<V>(&ct0, p.gamma2);
            poly::zip::<V>(w0, &ct0, V::add);
            // The hint unit by unit, w1 decoded from its encoding as it is read.
            let w1 = &w1_enc[i * w1_bytes..(i + 1) * w1_bytes];
            let step = (V::N * p.w1_bits() as usize) >> 3;
            let mut words = [0u32; 8];
            for (u, a0) in w0.as_ref().iter().enumerate() {
                let a1 = V::decode(p.w1_bits(), &w1[u * step..(u + 1) * step]);
                let x = V::make_hint(*a0, a1, p.gamma2);
                ones += x.sum();
                poly::put_unit_bits::<V>(&mut words, u, x.bits());
            }
            // Four bytes a word: `as_chunks_mut` has a constant chunk size (no `div`).
            for (b, w) in h.as_chunks_mut::<4>().0.iter_mut().zip(words) {
                *b = w.to_le_bytes();
            }
        }
        bad |= ((p.omega as i32 - ones) as u32) >> 31;

        if ct::declassify(Choice::from((bad ^ 1) as u8)) {
            // Accepted: c̃, z and h are the signature, public from here on.
            sig[..p.ctilde_len].copy_from_slice(ctilde);
            let zb = p.z_poly_bytes();
            let z_at = p.ctilde_len;
            for (j, z) in y.iter().enumerate() {
                poly::pack::<V>(
                    z,
                    gamma1,
                    p.z_bits(),
                    &mut sig[z_at + j * zb..z_at + (j + 1) * zb],
                );
            }
            let h_at = z_at + L * zb;
            for h in &hints {
                ct::declassify_bytes(h);
            }
            encode_hints(&hints, p.omega, &mut sig[h_at..]);
            break;
        }
        kappa = kappa.wrapping_add(L as u16);
    }

    drop(masks);
    poly::wipe::<V>(&mut y);
    poly::wipe::<V>(&mut y_hat);
    poly::wipe::<V>(&mut w0);
    for p in [&mut cs1, &mut cs2, &mut ct0] {
        poly::wipe::<V>(core::slice::from_mut(p));
    }
    ct::wipe(&mut rho2);
    ct::wipe(&mut w1_enc);
}

/// `HintBitPack` (FIPS 204 Algorithm 20): the positions of the ones of each polynomial,
/// then the running counts. `out` is `ω + K` bytes; at most `ω` ones.
pub(crate) fn encode_hints<const K: usize>(hints: &[[u8; 32]; K], omega: usize, out: &mut [u8]) {
    out.fill(0);
    let mut idx = 0;
    for (i, h) in hints.iter().enumerate() {
        // The ones of each 64-bit word, lowest first (the hint is public here).
        for (k, w) in h.as_chunks::<8>().0.iter().enumerate() {
            let mut w = u64::from_le_bytes(*w);
            while w != 0 {
                out[idx] = (64 * k as u32 + w.trailing_zeros()) as u8;
                idx += 1;
                w &= w - 1;
            }
        }
        out[omega + i] = idx as u8;
    }
}

/// `HintBitUnpack` (FIPS 204 Algorithm 21), strictly: counts non-decreasing and at most ω,
/// positions strictly increasing within each polynomial, unused position bytes zero.
/// `None` if malformed.
fn decode_hints<const K: usize>(bytes: &[u8], omega: usize) -> Option<[[u8; 32]; K]> {
    let mut h = [[0u8; 32]; K];
    let mut idx = 0;
    for (i, h) in h.iter_mut().enumerate() {
        let end = usize::from(bytes[omega + i]);
        if end < idx || end > omega {
            return None;
        }
        let first = idx;
        while idx < end {
            if idx > first && bytes[idx - 1] >= bytes[idx] {
                return None;
            }
            let j = usize::from(bytes[idx]);
            h[j >> 3] |= 1 << (j & 7);
            idx += 1;
        }
    }
    if bytes[idx..omega].iter().any(|&b| b != 0) {
        return None;
    }
    Some(h)
}

/// `NTT(t1 2^d)` row `i` from the encoded verifying key.
#[inline(always)]
fn t1_hat_row<V: Lanes>(pk: &[u8], i: usize) -> V::Poly {
    let mut t1 = poly::unpack::<V>(&pk[32 + i * T1_BYTES..32 + (i + 1) * T1_BYTES], 0, 10);
    poly::map::<V>(&mut t1, |x| x.shl(D));
    poly::ntt::<V>(&mut t1);
    t1
}

/// `ML-DSA.Verify_internal` (FIPS 204 Algorithm 8) from `μ` on, from the encoded verifying
/// key: `Â` and `t̂1` are formed row by row as they are used (each is read once).
#[inline(always)]
pub(crate) fn verify_mu<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    pk: &[u8],
    mu: &[u8; 64],
    sig: &[u8],
) -> bool {
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&pk[..32]);
    let mut a = Streamed::<V>::new(&rho, K);
    verify_core::<V, _, K, L>(p, &mut a, |i| t1_hat_row::<V>(pk, i), mu, sig)
}

/// A verifying key expanded for repeated use: `Â` and `NTT(t1 2^d)`.
#[derive(Clone)]
pub(crate) struct ExpandedVk<const K: usize, const L: usize> {
    pub(crate) a: [[Coeffs; L]; K],
    pub(crate) t1_hat: [Coeffs; K],
}

impl<const K: usize, const L: usize> ExpandedVk<K, L> {
    pub(crate) fn zero() -> Self {
        Self {
            a: [[[0; 256]; L]; K],
            t1_hat: [[0; 256]; K],
        }
    }
}

/// Expands the encoded verifying key `pk` into `out`.
#[inline(always)]
pub(crate) fn expand_vk<V: Lanes, const K: usize, const L: usize>(
    pk: &[u8],
    out: &mut ExpandedVk<K, L>,
) {
    let mut rho = [0u8; 32];
    rho.copy_from_slice(&pk[..32]);
    expand_matrix::<V, K, L>(&rho, &mut out.a);
    for (i, c) in out.t1_hat.iter_mut().enumerate() {
        poly::to_coeffs::<V>(&t1_hat_row::<V>(pk, i), c);
    }
}

/// [`verify_mu`] with an expanded key.
#[inline(always)]
pub(crate) fn verify_expanded<V: Lanes, const K: usize, const L: usize>(
    p: &Params,
    e: &ExpandedVk<K, L>,
    mu: &[u8; 64],
    sig: &[u8],
) -> bool {
    let t1 = |i: usize| poly::from_coeffs::<V>(&e.t1_hat[i]);
    verify_core::<V, _, K, L>(p, &mut Held(&e.a), t1, mu, sig)
}

/// The verification of FIPS 204 Algorithm 8 from `μ` on over any [`MatrixSource`] and
/// source of `NTT(t1 2^d)` rows: the one verification core. `sig` has the right length;
/// everything here is public.
#[inline(always)]
fn verify_core<V: Lanes, M: MatrixSource<V, L>, const K: usize, const L: usize>(
    p: &Params,
    a: &mut M,
    t1_hat: impl Fn(usize) -> V::Poly,
    mu: &[u8; 64],
    sig: &[u8],
) -> bool {
    let ctilde = &sig[..p.ctilde_len];
    let zb = p.z_poly_bytes();
    let z_at = p.ctilde_len;
    let h_at = z_at + L * zb;

    // sigDecode with the norm check on z.
    let mut z_hat = [V::zero_poly(); L];
    let mut bad = 0u32;
    for (j, z) in z_hat.iter_mut().enumerate() {
        *z = poly::unpack::<V>(
            &sig[z_at + j * zb..z_at + (j + 1) * zb],
            p.gamma1(),
            p.z_bits(),
        );
        bad |= poly::exceeds::<V>(z, p.gamma1() - p.beta);
        poly::ntt::<V>(z);
    }
    let Some(hints) = decode_hints::<K>(&sig[h_at..], p.omega) else {
        return false;
    };
    if bad != 0 {
        return false;
    }

    let mut c_hat = poly::from_coeffs::<V>(&sample::sample_in_ball(ctilde, p.tau));
    poly::ntt::<V>(&mut c_hat);

    // w'1 = UseHint(h, NTT^-1(Â ∘ NTT(z) - NTT(c) ∘ NTT(t1 2^d))), row by row.
    let w1_bytes = p.w1_poly_bytes();
    let mut w1_enc = [0u8; W1_MAX];
    for (i, h) in hints.iter().enumerate() {
        let mut acc = V::zero_poly();
        a.row_acc(i, &z_hat, &mut acc);
        let ct1 = poly::pointwise::<V>(&c_hat, &t1_hat(i));
        poly::zip::<V>(&mut acc, &ct1, V::sub);
        poly::map::<V>(&mut acc, V::reduce32);
        poly::inv_ntt::<V>(&mut acc);
        poly::map::<V>(&mut acc, V::caddq);
        let mut hc = [0i32; 256];
        for (j, x) in hc.iter_mut().enumerate() {
            *x = i32::from((h[j >> 3] >> (j & 7)) & 1);
        }
        let hp = poly::from_coeffs::<V>(&hc);
        poly::zip::<V>(&mut acc, &hp, |a, h| a.use_hint(h, p.gamma2));
        poly::pack::<V>(
            &acc,
            0,
            p.w1_bits(),
            &mut w1_enc[i * w1_bytes..(i + 1) * w1_bytes],
        );
    }
    let mut c2 = [0u8; 64];
    sample::h_on::<V>(&[mu, &w1_enc[..K * w1_bytes]], &mut c2[..p.ctilde_len]);
    bool::from(c2[..p.ctilde_len].ct_eq(ctilde))
}

/// `μ = H(tr || parts..., 64)`: the message representative of Algorithm 7 line 6.
#[inline(always)]
pub(crate) fn mu(tr: &[u8; 64], parts: &[&[u8]]) -> [u8; 64] {
    let mut s = mamori_primitives::keccak::Sponge::<{ sample::SHAKE256_RATE }>::new();
    s.absorb(tr);
    for p in parts {
        s.absorb(p);
    }
    s.finish(sample::SHAKE_DS);
    let mut out = [0u8; 64];
    s.squeeze(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::arith::GAMMA2_32;
    use super::super::lanes::portable::Portable;
    use super::*;

    /// On the portable backend: signing with the held matrix, with the streamed one and
    /// with an expanded key give the same signatures; the expanded verifying key gives the
    /// byte-based verdicts. (Each SIMD backend's tests compare its paths with these.)
    #[test]
    fn held_streamed_expanded_agree() {
        const K: usize = 6;
        const L: usize = 5;
        let p = Params {
            eta: 4,
            tau: 49,
            beta: 196,
            gamma1_log: 19,
            gamma2: GAMMA2_32,
            omega: 55,
            ctilde_len: 48,
        };
        let (pk_len, sk_len, sig_len) = (p.pk_len(K), p.sk_len(K, L), p.sig_len(K, L));
        let (mut pk, mut sk) = ([0u8; 1952], [0u8; 4032]);
        keygen::<Portable, K, L>(&p, &[3; 32], &mut pk[..pk_len], &mut sk[..sk_len]);
        let mut esk = ExpandedSk::<K, L>::zero();
        let mut evk = ExpandedVk::<K, L>::zero();
        expand_sk::<Portable, K, L>(&p, &sk, &mut esk);
        expand_vk::<Portable, K, L>(&pk, &mut evk);
        for m in 0..3u8 {
            let (mu, rnd) = ([m; 64], [m ^ 0x5a; 32]);
            let mut sigs = [[0u8; 3309]; 3];
            sign_mu_with::<Portable, K, L, true>(&p, &sk, &mu, &rnd, &mut sigs[0]);
            sign_mu_with::<Portable, K, L, false>(&p, &sk, &mu, &rnd, &mut sigs[1]);
            sign_expanded::<Portable, K, L>(&p, &esk, &mu, &rnd, &mut sigs[2]);
            assert_eq!(sigs[0], sigs[1]);
            assert_eq!(sigs[0], sigs[2]);
            let mut sig = sigs[0];
            assert_eq!(sig.len(), sig_len);
            assert!(verify_mu::<Portable, K, L>(&p, &pk, &mu, &sig));
            assert!(verify_expanded::<Portable, K, L>(&p, &evk, &mu, &sig));
            sig[100 + usize::from(m)] ^= 4;
            assert!(!verify_mu::<Portable, K, L>(&p, &pk, &mu, &sig));
            assert!(!verify_expanded::<Portable, K, L>(&p, &evk, &mu, &sig));
        }
    }
}
