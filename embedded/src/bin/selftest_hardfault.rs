//! Harness self-test `selftest_hardfault`: see `src/selftest.rs`.
#![no_std]
#![no_main]

#[cortex_m_rt::entry]
fn main() -> ! {
    mamori_embedded::selftest::run(env!("CARGO_BIN_NAME"))
}
