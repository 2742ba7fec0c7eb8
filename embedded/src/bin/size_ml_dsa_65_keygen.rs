//! Code size: Mamori ML-DSA-65 key generation, seed → pk, expanded sk bytes (see
//! `src/size.rs`, `size.sh`; the operation is `mamori_embedded::ml_dsa::keygen`, as measured).
#![no_std]
#![no_main]

use core::hint::black_box;

use mamori_embedded::ml_dsa::{self, PK, SK};

mamori_embedded::size_bin!(|io| {
    let (mut pk, mut sk) = ([0u8; PK], [0u8; SK]);
    ml_dsa::keygen(&black_box([io.key[0]; 32]), &mut pk, &mut sk);
    black_box((&pk, &sk));
});
