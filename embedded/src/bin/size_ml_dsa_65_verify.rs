//! Code size: Mamori ML-DSA-65 verification from pk bytes (see `src/size.rs`, `size.sh`;
//! the operation is `mamori_embedded::ml_dsa::verify`, as measured).
#![no_std]
#![no_main]

use core::hint::black_box;

use mamori_embedded::ml_dsa::{self, PK, SIG};

mamori_embedded::size_bin!(|io| {
    let pk = black_box([io.buf[0]; PK]);
    let sig = black_box([io.buf[1]; SIG]);
    io.ok = ml_dsa::verify(&pk, &black_box(io.buf), io.ad(), &sig);
});
