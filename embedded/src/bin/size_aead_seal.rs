//! Code size: Mamori Ascon-AEAD128 key setup + seal (see `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use mamori_aead::AsconAead128;

mamori_embedded::size_bin!(|io| {
    let c = AsconAead128::new(&io.key);
    let len = io.len;
    let ad = io.ad;
    io.tag = c.seal_in_place_detached(&io.nonce, &ad[..len % 17], &mut io.buf[..len]);
});
