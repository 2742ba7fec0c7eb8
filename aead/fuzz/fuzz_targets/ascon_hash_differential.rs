//! Mamori's Ascon-Hash256 and Ascon-XOF128 against RustCrypto's `ascon-hash` 0.4
//! (SP 800-232). Ascon-CXOF128 has no counterpart there; `primitives/differential` compares
//! it with `ascon-xof128` 0.2, which cannot share this lock file with `ascon-aead128`.
//!
//! Checks: equal digests and XOF outputs (0..=255 bytes); Mamori's incremental absorb (split
//! at a fuzzer-chosen point) and two-part squeeze equal the one-shot results.
//!
//! Input: `out_len split read_split message...`.
#![no_main]

use ascon_hash::{Digest, ExtendableOutput, Update, XofReader as _};
use libfuzzer_sys::fuzz_target;
use mamori_aead_fuzz::HashCase;
use mamori_primitives::ascon::{AsconHash256, AsconXof128};
use mamori_primitives::{Hash, Xof};

fuzz_target!(|data: &[u8]| {
    let HashCase {
        message,
        out_len,
        split,
        read_split,
    } = HashCase::new(data);

    // Ascon-Hash256.
    let ours = <AsconHash256 as Hash>::digest(message);
    let theirs = ascon_hash::AsconHash256::digest(message);
    assert_eq!(&ours[..], &theirs[..], "Hash256 differs");
    let mut h = AsconHash256::default();
    Hash::update(&mut h, &message[..split]);
    Hash::update(&mut h, &message[split..]);
    assert_eq!(
        Hash::finalize(h),
        ours,
        "Hash256 incremental differs from one-shot"
    );

    // Ascon-XOF128.
    let mut ours = vec![0u8; out_len];
    <AsconXof128 as Xof>::xof(message, &mut ours);
    let mut x = ascon_hash::AsconXof128::default();
    Update::update(&mut x, message);
    let mut theirs = vec![0u8; out_len];
    x.finalize_xof().read(&mut theirs);
    assert_eq!(ours, theirs, "XOF128 differs ({out_len} bytes)");
    let mut x = <AsconXof128 as Xof>::new();
    Xof::update(&mut x, &message[..split]);
    Xof::update(&mut x, &message[split..]);
    let mut reader = Xof::finalize_xof(x);
    let mut parts = vec![0u8; out_len];
    let (a, b) = parts.split_at_mut(read_split);
    reader.read(a);
    reader.read(b);
    assert_eq!(
        parts, ours,
        "XOF128 incremental / two-part read differs from one-shot"
    );
});
