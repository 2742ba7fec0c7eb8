//! Code size: Mamori ML-DSA-65 key generation + signing (from expanded sk bytes) +
//! verification, on bytes (see `src/size.rs`, `size.sh`; the functions of
//! `mamori_embedded::ml_dsa`).
#![no_std]
#![no_main]

mamori_embedded::size_bin!(mamori_embedded::ml_dsa::size_all);
