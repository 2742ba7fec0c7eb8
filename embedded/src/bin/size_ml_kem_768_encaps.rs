//! Code size: Mamori ML-KEM-768 encapsulation, ek bytes → ciphertext, shared secret (see
//! `src/size.rs`, `size.sh`; the operation is `mamori_embedded::ml_kem::Set::encaps`).
#![no_std]
#![no_main]

use core::hint::black_box;

use mamori_embedded::ml_kem::{Kem768, Set};

mamori_embedded::size_bin!(|io| {
    let ek = black_box([io.buf[0]; Kem768::EK]);
    let m = black_box(io.out);
    let mut ct = [0u8; Kem768::CT];
    io.ok = Kem768::encaps(&ek, &m, &mut ct, &mut io.out);
    black_box(&ct);
});
