//! Mamori's SHA3-256/384/512 and SHAKE128/256 (FIPS 202) against RustCrypto's `sha3` 0.12
//! and `shake` 0.1.
//!
//! Checks: equal digests and XOF outputs (0..=255 bytes); Mamori's incremental absorb (split
//! at a fuzzer-chosen point) and two-part squeeze equal the one-shot results.
//!
//! Input: `out_len split read_split message...`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_aead_fuzz::HashCase;
use mamori_primitives::keccak::{Sha3_256, Sha3_384, Sha3_512, Shake128, Shake256};
use mamori_primitives::{Hash, Xof, XofReader};
use sha3::Digest;
use sha3::digest::{ExtendableOutput, Update, XofReader as _};

/// Mamori's `H` over `message` (one shot and split at `split`) against `D`.
fn hash<H: Hash, D: Digest>(message: &[u8], split: usize) {
    let ours = H::digest(message);
    assert_eq!(
        ours.as_ref(),
        &D::digest(message)[..],
        "{} differs",
        H::INFO.name
    );
    let mut h = H::default();
    h.update(&message[..split]);
    h.update(&message[split..]);
    assert_eq!(
        h.finalize().as_ref(),
        ours.as_ref(),
        "{} incremental",
        H::INFO.name
    );
}

/// Mamori's `X` over `message` (one shot, and split absorb with a two-part read) against `R`.
fn xof<X: Xof, R: Default + Update + ExtendableOutput>(
    message: &[u8],
    out_len: usize,
    split: usize,
    read_split: usize,
) {
    let mut ours = vec![0u8; out_len];
    X::xof(message, &mut ours);
    let mut r = R::default();
    r.update(message);
    let mut theirs = vec![0u8; out_len];
    r.finalize_xof().read(&mut theirs);
    assert_eq!(ours, theirs, "{} differs ({out_len} bytes)", X::INFO.name);
    let mut x = X::new();
    x.update(&message[..split]);
    x.update(&message[split..]);
    let mut reader = x.finalize_xof();
    let mut parts = vec![0u8; out_len];
    let (a, b) = parts.split_at_mut(read_split);
    reader.read(a);
    reader.read(b);
    assert_eq!(parts, ours, "{} incremental / two-part read", X::INFO.name);
}

fuzz_target!(|data: &[u8]| {
    let HashCase {
        message,
        out_len,
        split,
        read_split,
    } = HashCase::new(data);

    hash::<Sha3_256, sha3::Sha3_256>(message, split);
    hash::<Sha3_384, sha3::Sha3_384>(message, split);
    hash::<Sha3_512, sha3::Sha3_512>(message, split);
    xof::<Shake128, shake::Shake128>(message, out_len, split, read_split);
    xof::<Shake256, shake::Shake256>(message, out_len, split, read_split);
});
