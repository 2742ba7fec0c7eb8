//! Code size: Mamori Ascon-CXOF128 with customization (32 B out) (see `src/size.rs`, `size.sh`).
#![no_std]
#![no_main]

use mamori_primitives::ascon::AsconCxof128;
use mamori_primitives::{Xof, XofReader};

mamori_embedded::size_bin!(|io| {
    let len = io.len;
    let ad = io.ad;
    if let Ok(mut x) = AsconCxof128::new_customized(&ad[..len % 17]) {
        x.update(&io.buf[..len]);
        XofReader::read(&mut x.finalize_xof(), &mut io.out);
    }
});
