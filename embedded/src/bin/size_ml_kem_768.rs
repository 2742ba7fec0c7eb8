//! Code size: Mamori ML-KEM-768 key generation + encapsulation + decapsulation, on bytes
//! (see `src/size.rs`, `size.sh`; the operations of `mamori_embedded::ml_kem::Set`).
#![no_std]
#![no_main]

use mamori_embedded::ml_kem::Kem768;

mamori_embedded::size_bin!(|io| mamori_embedded::ml_kem::size_all::<Kem768>(io));
