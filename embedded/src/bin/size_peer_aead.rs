//! Code size: RustCrypto ascon-aead128 key setup + seal + open (see `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use ascon_aead128::AsconAead128;
use ascon_aead128::aead::{AeadInOut, KeyInit};

mamori_embedded::size_bin!(|io| {
    let c = AsconAead128::new(&io.key.into());
    let len = io.len;
    let ad = io.ad;
    if let Ok(t) = c.encrypt_inout_detached(
        &io.nonce.into(),
        &ad[..len % 17],
        (&mut io.buf[..len]).into(),
    ) {
        io.tag = t.into();
    }
    let c = AsconAead128::new(core::hint::black_box(&io.key).into());
    io.ok = c
        .decrypt_inout_detached(
            &io.nonce.into(),
            &ad[..len % 17],
            (&mut io.buf[..len]).into(),
            &io.tag.into(),
        )
        .is_ok();
});
