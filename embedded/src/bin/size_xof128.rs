//! Code size: Mamori Ascon-XOF128 one-shot (32 B out) (see `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use mamori_primitives::Xof;
use mamori_primitives::ascon::AsconXof128;

mamori_embedded::size_bin!(|io| {
    AsconXof128::xof(&io.buf[..io.len], &mut io.out);
});
