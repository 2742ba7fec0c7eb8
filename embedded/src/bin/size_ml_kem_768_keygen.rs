//! Code size: Mamori ML-KEM-768 key generation, seed → ek, dk bytes (see `src/size.rs`,
//! `size.sh`; the operation is `mamori_embedded::ml_kem::Set::keygen`, as measured).
#![no_std]
#![no_main]

use core::hint::black_box;

use mamori_embedded::ml_kem::{Kem768, Set};

mamori_embedded::size_bin!(|io| {
    let (mut ek, mut dk) = ([0u8; Kem768::EK], [0u8; Kem768::DK]);
    Kem768::keygen(&black_box([io.key[0]; 64]), &mut ek, &mut dk);
    black_box((&ek, &dk));
});
