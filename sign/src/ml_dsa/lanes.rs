//! The lane-vector abstraction ML-DSA is written over.
//!
//! A [`Lanes`] value holds [`Lanes::N`] consecutive `i32` coefficients of a polynomial
//! (8 for the portable backend and for AVX2's 256-bit registers, 16 for AVX-512), and a
//! [`Lanes::Poly`] holds the 256 coefficients as `256 / N` such units. The generic code in
//! [`super::poly`] and [`super::dsa`] does everything that crosses units (the NTT layers
//! whose butterflies span more than one unit, the loops over units and polynomials); a
//! backend supplies what happens inside one unit: modular arithmetic, the NTT layers
//! within a unit, the rounding functions of FIPS 204 §7.4, the norm check, and the byte
//! encodings. Default methods give the scalar form of the byte-level operations and of
//! rejection sampling, so a backend overrides only what it accelerates.
//!
//! A SIMD backend (AVX2: `__m256i`, N = 8; AVX-512: `__m512i`, N = 16) implements this
//! trait on its register type, gets a detection token and a `dispatch::Choice` variant,
//! and instantiates the generic entry points of [`super::dsa`] inside
//! `#[target_feature]` wrappers, as `mamori-kem` does for ML-KEM.
//!
//! Every operation is constant-time in the coefficient values: no branch, index or
//! division depends on them. The samplers are the exceptions, and say why where they are.

use super::arith::{self, Q};

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx2;
#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512;
pub(crate) mod portable;
#[cfg(all(test, target_arch = "x86_64"))]
mod test_support;

/// The safe entry points of a SIMD backend, expanded in its module next to its `Token` (a
/// proof, made only by its detection, that the CPU and OS run the backend's target
/// features): `entry_points!(Avx2, "avx2", "AVX2")` gives the lane type, the
/// `#[target_feature]` string and the backend's name in the docs.
///
/// For each generic entry point `f` of [`super::dsa`] the dispatcher calls (`keygen`,
/// `check_sk`, `sign_mu`, `verify_mu`, `expand_sk`, `sign_expanded`, `expand_vk`,
/// `verify_expanded`) it defines a safe `pub(crate) fn f::<K, L>(Token, args..)` and, in a
/// private module `enabled`, the `#[target_feature]` function `enabled::f::<K, L>(args..)`
/// that instantiates `dsa::f::<Lanes, K, L>` with the backend's instructions enabled; the
/// safe one calls it, sound because it holds a `Token`. Under `cfg(test)` it also implements
/// `test_support::EntryPoints` on `Token` with them (plus the streamed-matrix signing path).
#[cfg(target_arch = "x86_64")]
macro_rules! entry_points {
    ($lanes:ident, $features:literal, $name:literal) => {
        $crate::ml_dsa::lanes::entry_points! {
            @each $lanes, $features, $name;
            keygen(p: &$crate::ml_dsa::Params, xi: &[u8; 32], pk: &mut [u8], sk: &mut [u8]);
            check_sk(p: &$crate::ml_dsa::Params, sk: &[u8], pk: &mut [u8]) -> bool;
            sign_mu(
                p: &$crate::ml_dsa::Params,
                sk: &[u8],
                mu: &[u8; 64],
                rnd: &[u8; 32],
                sig: &mut [u8]
            ) -> bool;
            verify_mu(p: &$crate::ml_dsa::Params, pk: &[u8], mu: &[u8; 64], sig: &[u8]) -> bool;
            expand_sk(
                p: &$crate::ml_dsa::Params,
                sk: &[u8],
                out: &mut $crate::ml_dsa::dsa::ExpandedSk<K, L>
            );
            sign_expanded(
                p: &$crate::ml_dsa::Params,
                e: &$crate::ml_dsa::dsa::ExpandedSk<K, L>,
                mu: &[u8; 64],
                rnd: &[u8; 32],
                sig: &mut [u8]
            );
            expand_vk(pk: &[u8], out: &mut $crate::ml_dsa::dsa::ExpandedVk<K, L>);
            verify_expanded(
                p: &$crate::ml_dsa::Params,
                e: &$crate::ml_dsa::dsa::ExpandedVk<K, L>,
                mu: &[u8; 64],
                sig: &[u8]
            ) -> bool;
        }
    };
    (
        @each $lanes:ident, $features:literal, $name:literal;
        $( $f:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)?; )*
    ) => {
        $(
            #[doc = concat!(
                "[`dsa::", stringify!($f), "`](crate::ml_dsa::dsa::", stringify!($f), ") on ",
                $name, ": on [`", stringify!($lanes), "`] lanes, inside `#[target_feature(enable = \"",
                $features, "\")]`.",
            )]
            #[inline]
            pub(crate) fn $f<const K: usize, const L: usize>(_: Token, $($arg: $ty),*) $(-> $ret)? {
                // SAFETY: a `Token` exists only where the CPU and OS support the target
                // features of this backend, those `enabled` is compiled with.
                unsafe { enabled::$f::<K, L>($($arg),*) }
            }
        )*

        /// The entry points compiled with this backend's target features: to be called only
        /// where the CPU and OS support them, that is with a `Token`.
        mod enabled {
            $(
                #[target_feature(enable = $features)]
                pub(super) fn $f<const K: usize, const L: usize>($($arg: $ty),*) $(-> $ret)? {
                    $crate::ml_dsa::dsa::$f::<super::$lanes, K, L>($($arg),*)
                }
            )*

            /// `dsa::sign_mu_with::<_, K, L, false>` (the `small-stack` path), for the tests.
            #[cfg(test)]
            #[target_feature(enable = $features)]
            pub(super) fn sign_streamed<const K: usize, const L: usize>(
                p: &$crate::ml_dsa::Params,
                sk: &[u8],
                mu: &[u8; 64],
                rnd: &[u8; 32],
                sig: &mut [u8],
            ) -> bool {
                $crate::ml_dsa::dsa::sign_mu_with::<super::$lanes, K, L, false>(p, sk, mu, rnd, sig)
            }
        }

        #[cfg(test)]
        impl $crate::ml_dsa::lanes::test_support::EntryPoints for Token {
            $(
                fn $f<const K: usize, const L: usize>(self, $($arg: $ty),*) $(-> $ret)? {
                    $f::<K, L>(self, $($arg),*)
                }
            )*

            fn sign_streamed<const K: usize, const L: usize>(
                self,
                p: &$crate::ml_dsa::Params,
                sk: &[u8],
                mu: &[u8; 64],
                rnd: &[u8; 32],
                sig: &mut [u8],
            ) -> bool {
                // SAFETY: a `Token` exists only where the CPU and OS support the target
                // features of this backend, those `enabled` is compiled with.
                unsafe { enabled::sign_streamed::<K, L>(p, sk, mu, rnd, sig) }
            }
        }
    };
}
#[cfg(target_arch = "x86_64")]
pub(crate) use entry_points;

/// The four-way Keccak a backend may sample with: on x86-64 the fastest one the CPU runs
/// (AVX-512VL where available, else AVX2, which both lattice backends imply); elsewhere
/// the portable one, which no backend uses today (the scalar sponge needs less stack).
#[cfg(target_arch = "x86_64")]
pub(crate) type KeccakX4Backend = mamori_primitives::keccak::FastestX4;
#[cfg(not(target_arch = "x86_64"))]
pub(crate) type KeccakX4Backend = mamori_primitives::keccak::PortableX4;

/// `N` coefficients of a polynomial, in the backend's register form.
///
/// Ranges follow the reference implementation: "reduced" is the output of
/// [`Lanes::reduce32`] (`|x| <= 6283008`), "standard" is `[0, q)`.
pub(crate) trait Lanes: Copy {
    /// Coefficients per unit (a power of two, at least 8).
    const N: usize;
    /// A whole polynomial: `256 / N` units.
    type Poly: Copy + AsRef<[Self]> + AsMut<[Self]>;

    /// The zero polynomial.
    fn zero_poly() -> Self::Poly;
    /// Every lane `x`.
    fn splat(x: i32) -> Self;
    /// Loads `N` coefficients (`c.len() == N`).
    fn load(c: &[i32]) -> Self;
    /// Stores `N` coefficients (`out.len() == N`).
    fn store(self, out: &mut [i32]);

    /// Lane-wise sum (wrapping, no reduction).
    fn add(self, o: Self) -> Self;
    /// Lane-wise difference (wrapping, no reduction).
    fn sub(self, o: Self) -> Self;
    /// Lane-wise left shift by `s` bits.
    fn shl(self, s: u32) -> Self;
    /// Lane-wise arithmetic right shift by `s` bits (rounding toward minus infinity).
    fn sra(self, s: u32) -> Self;
    /// Lane-wise Montgomery product `x * y * 2^-32 mod q`, in `(-q, q)`.
    fn mont_mul(self, o: Self) -> Self;
    /// Lane-wise Montgomery product with one constant.
    fn mont_mul_const(self, c: i32) -> Self;
    /// Per-lane 64-bit accumulators of products, for a sum of Montgomery products with one
    /// reduction at the end ([`Lanes::mul_acc`], [`Lanes::wide_reduce`]).
    type Wide: Copy;
    /// All accumulators zero.
    fn wide_zero() -> Self::Wide;
    /// `acc + a * b` lane-wise, the product exact in 64 bits (the sum wraps mod 2^64, which
    /// the bound of [`Lanes::wide_reduce`] keeps from happening).
    fn mul_acc(acc: Self::Wide, a: Self, b: Self) -> Self::Wide;
    /// Montgomery reduction of every accumulator `t` ([`arith::montgomery_reduce`] bit for
    /// bit, the tail of [`Lanes::mont_mul`]): `(t - ((t mod 2^32) q^-1 mod 2^32) q) / 2^32`,
    /// that is `t 2^-32 mod q`, in `(-q, q)` where `|t| < 2^31 q`.
    ///
    /// The caller keeps its sums under that bound: for `Σ_j Â[i][j] ∘ v̂_j` (the matrix
    /// products of [`super::poly::row_dot_coeffs`]) the entries of `Â` lie in `[0, q)`
    /// (`RejNTTPoly`), those of `v̂` below `9q` in absolute value (the output of
    /// [`super::poly::ntt`] on inputs below q), so each product is below
    /// `2^23 * 9q < 2^50` and a sum of `L <= 7` of them below `2^53 < 2^31 q`.
    fn wide_reduce(acc: Self::Wide) -> Self;
    /// [`arith::reduce32`] of every lane.
    fn reduce32(self) -> Self;
    /// Negative lanes plus q: `(-q, q)` to `[0, q)`.
    fn caddq(self) -> Self;

    /// The forward NTT layers whose butterflies lie within this unit (lengths `N/2` down
    /// to 1), for unit number `unit` of the polynomial.
    fn ntt_within(self, unit: usize) -> Self;
    /// The inverse NTT layers within this unit (lengths 1 up to `N/2`).
    fn inv_ntt_within(self, unit: usize) -> Self;
    /// The whole forward NTT ([`super::poly::ntt`]), for a backend that keeps
    /// coefficients in registers across layers; by default the generic code.
    #[inline(always)]
    fn ntt_poly(p: &mut Self::Poly) {
        super::poly::ntt_generic::<Self>(p);
    }
    /// The whole inverse NTT ([`super::poly::inv_ntt`]), likewise.
    #[inline(always)]
    fn inv_ntt_poly(p: &mut Self::Poly) {
        super::poly::inv_ntt_generic::<Self>(p);
    }

    /// `Power2Round` of standard lanes: `(t1, t0)`.
    fn power2round(self) -> (Self, Self);
    /// `Decompose` of standard lanes for this γ2: `(w1, w0)`.
    fn decompose(self, gamma2: i32) -> (Self, Self);
    /// `MakeHint` in the reference form ([`arith::make_hint`]): lanes 0 or 1.
    fn make_hint(a0: Self, a1: Self, gamma2: i32) -> Self;
    /// `UseHint` of standard lanes with hint lanes `h` (0 or 1).
    fn use_hint(self, h: Self, gamma2: i32) -> Self;
    /// 1 if some lane has `|x| >= bound`, else 0, without branching on the lanes.
    fn exceeds(self, bound: i32) -> u32;
    /// The sum of the lanes (hint counts: lanes 0 or 1).
    fn sum(self) -> i32;
    /// Bit `i` of the result is lane `i` (lanes 0 or 1).
    fn bits(self) -> u32;

    /// Packs lanes in `[0, 2^d)` (`d <= 24`) little-endian: `N * d / 8` bytes.
    fn encode(self, d: u32, out: &mut [u8]) {
        let mut c = [0i32; 16];
        self.store(&mut c[..Self::N]);
        encode_scalar(&c[..Self::N], d, out);
    }
    /// Unpacks `N * d / 8` bytes into lanes in `[0, 2^d)`.
    fn decode(d: u32, bytes: &[u8]) -> Self {
        let mut c = [0i32; 16];
        decode_scalar(bytes, d, &mut c[..Self::N]);
        Self::load(&c[..Self::N])
    }

    /// Room for the matrix entries sampled together: `[Self::Poly; 4]` on a backend with
    /// [`Lanes::keccak_x4`], empty (no stack) on one without.
    type MatrixGroup: Copy + AsRef<[Self::Poly]> + AsMut<[Self::Poly]>;
    /// An all-zero [`Lanes::MatrixGroup`].
    fn zero_matrix_group() -> Self::MatrixGroup;

    /// The four-way Keccak this backend samples with (matrix entries, secret vectors and
    /// masks four at a time), or `None` to sample one polynomial at a time with the scalar
    /// sponge (the portable backend: less stack on microcontrollers).
    fn keccak_x4() -> Option<KeccakX4Backend> {
        None
    }

    /// `RejNTTPoly`'s inner loop (FIPS 204 Algorithm 30) on public bytes (a multiple of 3
    /// long): appends coefficients below q to `out[*filled..]`, stopping when full. Entries
    /// past the new fill level may be overwritten (the caller reads `out[..*filled]`).
    fn sample_uniform(bytes: &[u8], out: &mut [i32; 256], filled: &mut usize) {
        sample_uniform_scalar(bytes, out, filled);
    }
    /// `RejBoundedPoly`'s inner loop (FIPS 204 Algorithm 31) for η = 2 or 4: appends the
    /// coefficients `CoeffFromHalfByte` accepts to `out[*filled..]`, stopping when full.
    /// Entries past the new fill level may be overwritten (the caller wipes `out`).
    fn sample_eta(bytes: &[u8], eta: i32, out: &mut [i32; 256], filled: &mut usize) {
        sample_eta_scalar(bytes, eta, out, filled);
    }
}

/// Scalar bit packing of values in `[0, 2^d)` (`d <= 24`); `out.len() == c.len() * d / 8`.
#[inline(always)]
pub(crate) fn encode_scalar(c: &[i32], d: u32, out: &mut [u8]) {
    let mask = (1u32 << d) - 1;
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut o = out.iter_mut();
    for &x in c {
        acc |= (x as u32 & mask) << bits;
        bits += d;
        while bits >= 8 {
            if let Some(b) = o.next() {
                *b = acc as u8;
            }
            acc >>= 8;
            bits -= 8;
        }
    }
}

/// Scalar bit unpacking; `bytes.len() == out.len() * d / 8`, `d <= 24`.
#[inline(always)]
pub(crate) fn decode_scalar(bytes: &[u8], d: u32, out: &mut [i32]) {
    let mask = (1u32 << d) - 1;
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut b = bytes.iter();
    for x in out {
        while bits < d {
            acc |= u32::from(b.next().copied().unwrap_or(0)) << bits;
            bits += 8;
        }
        *x = (acc & mask) as i32;
        acc >>= d;
        bits -= d;
    }
}

/// Scalar `RejNTTPoly` step; see [`Lanes::sample_uniform`]. Public data only.
#[inline(always)]
pub(crate) fn sample_uniform_scalar(mut bytes: &[u8], out: &mut [i32; 256], filled: &mut usize) {
    // Three bytes at a time by splitting: `chunks_exact(3)` divides the length by 3, which
    // stays a `div` at opt-level s/z (the CT gate's division scan).
    while let [b0, b1, b2, rest @ ..] = bytes {
        if *filled >= 256 {
            return;
        }
        let t = u32::from(*b0) | (u32::from(*b1) << 8) | (u32::from(b2 & 0x7f) << 16);
        if t < Q as u32 {
            out[*filled] = t as i32;
            *filled += 1;
        }
        bytes = rest;
    }
}

/// Scalar `RejBoundedPoly` step; see [`Lanes::sample_eta`].
///
/// The bytes are secret (SHAKE256 of ρ'), and which half-bytes are rejected shows in the
/// timing, as in the reference implementation: the rejected values (15 for η = 2, 9..=15
/// for η = 4) are independent of the accepted ones, so their positions reveal nothing
/// about the coefficients. The accepted values themselves are mapped without branching.
#[inline(always)]
pub(crate) fn sample_eta_scalar(bytes: &[u8], eta: i32, out: &mut [i32; 256], filled: &mut usize) {
    for &b in bytes {
        for t in [i32::from(b & 0x0f), i32::from(b >> 4)] {
            if *filled >= 256 {
                return;
            }
            let (accept, v) = if eta == 2 {
                // 2 - (t mod 5) for t < 15, with t mod 5 = t - 5 floor(205 t / 1024).
                (t < 15, 2 - (t - ((205 * t) >> 10) * 5))
            } else {
                (t < 9, 4 - t)
            };
            let accept = mamori_primitives::ct::declassify(subtle::Choice::from(u8::from(accept)));
            if accept {
                out[*filled] = v;
                *filled += 1;
            }
        }
    }
}

/// Scalar reference forms of the per-unit operations, shared by the portable backend and
/// by the tests of SIMD backends. `c` is one unit of `c.len()` coefficients (a power of
/// two), unit number `unit`. Layer lengths are powers of two, handled as shifts.
pub(crate) mod scalar {
    use super::arith::{ZETAS, mont_mul};

    /// Forward NTT layers of lengths `c.len()/2` down to 1 on unit `unit`.
    #[inline(always)]
    pub(crate) fn ntt_within(c: &mut [i32], unit: usize) {
        let n = c.len();
        let base = unit * n;
        let mut log = n.trailing_zeros();
        while log >= 1 {
            log -= 1;
            let len = 1 << log;
            // Layer `len` uses ZETAS[128/len + block], block = absolute start / (2 len).
            let first = (128 >> log) + (base >> (log + 1));
            for b in 0..n >> (log + 1) {
                let zeta = ZETAS[first + b];
                let block = &mut c[b << (log + 1)..(b + 1) << (log + 1)];
                let (lo, hi) = block.split_at_mut(len);
                for (x, y) in lo.iter_mut().zip(hi) {
                    let t = mont_mul(zeta, *y);
                    *y = x.wrapping_sub(t);
                    *x = x.wrapping_add(t);
                }
            }
        }
    }

    /// Inverse NTT layers of lengths 1 up to `c.len()/2` on unit `unit`.
    #[inline(always)]
    pub(crate) fn inv_ntt_within(c: &mut [i32], unit: usize) {
        let n = c.len();
        let base = unit * n;
        let top = n.trailing_zeros();
        let mut log = 0;
        while log < top {
            let len = 1 << log;
            // Layer `len` multiplies (hi - lo) by ZETAS[256/len - 1 - block] (the reference's
            // -ZETAS times (lo - hi)), block = absolute start / (2 len).
            let first = (256 >> log) - 1 - (base >> (log + 1));
            for b in 0..n >> (log + 1) {
                let zeta = ZETAS[first - b];
                let block = &mut c[b << (log + 1)..(b + 1) << (log + 1)];
                let (lo, hi) = block.split_at_mut(len);
                for (x, y) in lo.iter_mut().zip(hi) {
                    let t = *x;
                    *x = t.wrapping_add(*y);
                    *y = mont_mul(zeta, y.wrapping_sub(t));
                }
            }
            log += 1;
        }
    }
}
