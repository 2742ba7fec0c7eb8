//! Code size: Mamori ML-DSA-65 deterministic signing from expanded sk bytes (the shape of
//! pqm4's `crypto_sign_signature`; Mamori's key parsing checks the key, see
//! `mamori_embedded::ml_dsa::sign_expanded`, and `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use core::hint::black_box;

use mamori_embedded::ml_dsa::{self, SIG, SK};

mamori_embedded::size_bin!(|io| {
    let sk = black_box([io.buf[0]; SK]);
    let mut sig = [0u8; SIG];
    io.ok = ml_dsa::sign_expanded(&sk, &black_box(io.buf), io.ad(), &mut sig);
    black_box(&sig);
});
