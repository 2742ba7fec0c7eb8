//! Code size: RustCrypto ascon-hash 0.4 Ascon-XOF128 one-shot (32 B out) (see `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use ascon_hash::{AsconXof128, ExtendableOutput};

mamori_embedded::size_bin!(|io| {
    AsconXof128::digest_xof(&io.buf[..io.len], &mut io.out);
});
