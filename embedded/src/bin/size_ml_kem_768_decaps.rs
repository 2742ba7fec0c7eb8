//! Code size: Mamori ML-KEM-768 decapsulation, expanded dk bytes + ciphertext → shared
//! secret (see `src/size.rs`, `size.sh`; the operation is `mamori_embedded::ml_kem::Set::decaps`).
#![no_std]
#![no_main]

use core::hint::black_box;

use mamori_embedded::ml_kem::{Kem768, Set};

mamori_embedded::size_bin!(|io| {
    let dk = black_box([io.buf[0]; Kem768::DK]);
    let ct = black_box([io.buf[1]; Kem768::CT]);
    io.ok = Kem768::decaps(&dk, &ct, &mut io.out);
});
