//! Code size: Mamori ML-DSA-65 small-stack deterministic signing from expanded sk bytes
//! (`SigningKey::sign_small_stack` after the key check; compare `size_ml_dsa_65_sign`).
#![no_std]
#![no_main]

use core::hint::black_box;

use mamori_embedded::ml_dsa::{self, SIG, SK};
use mamori_sign::ml_dsa_65::SigningKey;

mamori_embedded::size_bin!(|io| {
    let sk = black_box([io.buf[0]; SK]);
    let mut sig = [0u8; SIG];
    io.ok = SigningKey::from_expanded(&sk)
        .is_ok_and(|key| ml_dsa::sign_small(&key, &black_box(io.buf), io.ad(), &mut sig));
    black_box(&sig);
});
