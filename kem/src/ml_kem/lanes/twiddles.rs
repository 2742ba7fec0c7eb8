//! Twiddle tables of the SIMD backends, built at compile time from [`ZETAS`]: per unit of
//! `N` lanes and per NTT layer within a unit, the zeta of every lane's butterfly block, and
//! the same times `q^-1 (mod 2^16)` for the Montgomery product with a known factor. One
//! generator for every lane count, so the AVX2 (16) and AVX-512 (32) tables cannot drift.

use super::super::arith::{QINV, ZETAS};

/// `[z, z * q^-1]`, `N` lanes each.
pub(crate) type Twiddle<const N: usize> = [[i16; N]; 2];

const fn twiddle<const N: usize>(z: [i16; N]) -> Twiddle<N> {
    let mut zq = [0; N];
    let mut j = 0;
    while j < N {
        zq[j] = z[j].wrapping_mul(QINV);
        j += 1;
    }
    [z, zq]
}

/// Forward layers of lengths `N/2` down to 2 (index `L - log2 len`, `L = log2 N - 1`) of
/// each of the `U = 256 / N` units: lane `j` of unit `u` uses
/// `ZETAS[128 / len + (N u + j) / (2 len)]`, as [`super::scalar::ntt_within`] (in both
/// halves of the block: the layer multiplies `y` in every lane).
pub(crate) const fn ntt<const N: usize, const L: usize, const U: usize>() -> [[Twiddle<N>; L]; U] {
    let mut t = [[[[0; N]; 2]; L]; U];
    let mut u = 0;
    while u < U {
        let mut l = 0;
        while l < L {
            let log = L - l;
            let mut z = [0; N];
            let mut j = 0;
            while j < N {
                z[j] = ZETAS[(128 >> log) + ((N * u + j) >> (log + 1))];
                j += 1;
            }
            t[u][l] = twiddle(z);
            l += 1;
        }
        u += 1;
    }
    t
}

/// Inverse layers of lengths 2 up to `N/2` (index `log2 len - 1`) of each unit: lane `j`
/// of unit `u` uses `ZETAS[256 / len - 1 - (N u + j) / (2 len)]`, as
/// [`super::scalar::inv_ntt_within`].
pub(crate) const fn inv_ntt<const N: usize, const L: usize, const U: usize>() -> [[Twiddle<N>; L]; U]
{
    let mut t = [[[[0; N]; 2]; L]; U];
    let mut u = 0;
    while u < U {
        let mut l = 0;
        while l < L {
            let log = l + 1;
            let mut z = [0; N];
            let mut j = 0;
            while j < N {
                z[j] = ZETAS[(256 >> log) - 1 - ((N * u + j) >> (log + 1))];
                j += 1;
            }
            t[u][l] = twiddle(z);
            l += 1;
        }
        u += 1;
    }
    t
}

/// Base-case multiplication of each unit: lane `j` of unit `u` holds
/// `±ZETAS[64 + (N/4) u + j / 4]`, negated in the second pair of each quadruple, as
/// [`super::scalar::base_mul`].
pub(crate) const fn base_mul<const N: usize, const U: usize>() -> [Twiddle<N>; U] {
    let mut t = [[[0; N]; 2]; U];
    let mut u = 0;
    while u < U {
        let mut z = [0; N];
        let mut j = 0;
        while j < N {
            let zeta = ZETAS[64 + (N >> 2) * u + (j >> 2)];
            z[j] = if (j >> 1) & 1 == 0 {
                zeta
            } else {
                zeta.wrapping_neg()
            };
            j += 1;
        }
        t[u] = twiddle(z);
        u += 1;
    }
    t
}
