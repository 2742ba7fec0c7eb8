//! Code size: RustCrypto ascon-hash 0.4 Ascon-Hash256 one-shot (see `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use ascon_hash::{AsconHash256, Digest};

mamori_embedded::size_bin!(|io| {
    io.out = AsconHash256::digest(&io.buf[..io.len]).into();
});
