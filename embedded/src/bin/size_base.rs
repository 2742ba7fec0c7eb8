//! Code size: the skeleton (see `src/size.rs`, `size.sh`). It slices the message buffer
//! with a length the optimiser cannot see, as every operation binary does, so the
//! panic/formatting code that a failed bounds check pulls in is part of the baseline and
//! not charged to the operation.
#![no_std]
#![no_main]

mamori_embedded::size_bin!(|io| {
    let len = io.len;
    core::hint::black_box(&mut io.buf[..len]);
    core::hint::black_box(&io.ad[..len % 17]);
});
