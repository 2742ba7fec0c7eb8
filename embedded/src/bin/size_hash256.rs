//! Code size: Mamori Ascon-Hash256 one-shot (see `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use mamori_primitives::Hash;
use mamori_primitives::ascon::AsconHash256;

mamori_embedded::size_bin!(|io| {
    io.out = <AsconHash256 as Hash>::digest(&io.buf[..io.len]);
});
