//! Test of the gate itself: the constant-time versions of `ct_selftest_leaky`'s two leaks,
//! written with Mamori's `ct` helpers. Memcheck must report nothing (no false positives from
//! the patterns the library relies on), and the results must be right.
//!
//! Secret: a 16-byte value. Declassified: the equality bit, through the library's own
//! `ct::declassify` (as Ascon-AEAD128 open does with its tag check), and the looked-up bytes
//! (a test output).

use mamori_ct::{array, assert_secret, classify, declassify, done};
use mamori_primitives::ct::{self, ConditionallySelectable, ConstantTimeEq};
use std::hint::black_box;

const NAME: &str = "ct_selftest_clean";

/// Any irregular table will do (the lookup reads all of it).
fn table() -> [u8; 256] {
    core::array::from_fn(|i| (i as u8).wrapping_mul(167).rotate_left(5) ^ 0x3a)
}

/// Constant-time lookup: reads every entry and keeps the one at `index` with a mask.
#[inline(never)]
fn ct_lookup(table: &[u8; 256], index: u8) -> u8 {
    let mut out = 0u8;
    for (i, &v) in table.iter().enumerate() {
        out.conditional_assign(&v, (i as u8).ct_eq(&index));
    }
    out
}

fn main() {
    mamori_ct::require_valgrind(NAME);
    let secret_public: [u8; 16] = array(1);
    let t = table();
    let mut cases = 0;
    for differ_at in [None, Some(0), Some(7), Some(15)] {
        let mut guess = secret_public;
        if let Some(k) = differ_at {
            guess[k] ^= 0x10;
        }
        let mut secret = secret_public;
        classify(&mut secret);
        let choice = ct::eq(black_box(&secret), black_box(&guess));
        // Declassify (library helper): whether the guess was right is the public result of
        // a check, like "the tag verified".
        let equal = ct::declassify(choice);
        assert_eq!(
            equal,
            differ_at.is_none(),
            "ct::eq result, differ_at {differ_at:?}"
        );

        // Selection instead of a branch: wipe on mismatch.
        let mut copy = secret;
        ct::conditional_wipe(&mut copy, !choice);
        assert_secret("conditionally wiped copy", &copy);
        declassify(&mut copy); // Declassify: test output, compared below.
        let expected = if equal { secret_public } else { [0; 16] };
        assert_eq!(copy, expected, "conditional_wipe, differ_at {differ_at:?}");
        cases += 1;
    }

    let mut secret = secret_public;
    classify(&mut secret);
    let mut out = [0u8; 16];
    for (o, &s) in out.iter_mut().zip(black_box(&secret)) {
        *o = ct_lookup(&t, s);
    }
    assert_secret("constant-time lookups", &out);
    declassify(&mut out); // Declassify: test output, compared below.
    let expected: Vec<u8> = secret_public.iter().map(|&s| t[usize::from(s)]).collect();
    assert_eq!(out.to_vec(), expected, "constant-time lookup");
    cases += 1;
    done(
        NAME,
        cases,
        "ct::eq + ct::declassify, conditional_wipe, masked table lookup",
    );
}
