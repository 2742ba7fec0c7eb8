//! Code-size skeleton (CORTEX-M.md §7): every `size_*` binary is [`size_bin!`] around one
//! operation; `size.sh` subtracts the text size (`.vector_table + .text + .rodata`) of
//! `size_base`, whose operation does nothing, from each.

use core::hint::black_box;

/// Inputs and outputs of the operation, opaque to the optimiser.
pub struct Io {
    /// Key.
    pub key: [u8; 16],
    /// Nonce.
    pub nonce: [u8; 16],
    /// Associated data (its length is opaque too).
    pub ad: [u8; 16],
    /// Message buffer.
    pub buf: [u8; 64],
    /// Message length.
    pub len: usize,
    /// Tag in / out.
    pub tag: [u8; 16],
    /// Digest / XOF output.
    pub out: [u8; 32],
    /// Success of a decryption.
    pub ok: bool,
}

impl Io {
    /// Inputs the optimiser cannot see through.
    #[inline(always)]
    pub fn new() -> Self {
        black_box(Self {
            key: [1; 16],
            nonce: [2; 16],
            ad: [3; 16],
            buf: [4; 64],
            len: 17,
            tag: [5; 16],
            out: [0; 32],
            ok: true,
        })
    }

    /// The associated data slice.
    pub fn ad(&self) -> &[u8] {
        &self.ad[..black_box(self.len) % 17]
    }
}

impl Default for Io {
    fn default() -> Self {
        Self::new()
    }
}

/// Ends a size binary (exit 0): folds the outputs into an opaque value so nothing is dead code.
#[inline(never)]
pub fn finish(io: &Io) -> ! {
    let io = black_box(io);
    let x = io
        .buf
        .iter()
        .chain(&io.tag)
        .chain(&io.out)
        .fold(u32::from(io.ok), |a, &b| a ^ u32::from(b));
    black_box(x);
    crate::exit(0)
}

/// `size_bin!(|io: &mut Io| { ... })`: a complete firmware whose only work is the closure.
#[macro_export]
macro_rules! size_bin {
    ($op:expr) => {
        #[cortex_m_rt::entry]
        fn main() -> ! {
            let mut io = $crate::size::Io::new();
            let op: fn(&mut $crate::size::Io) = $op;
            op(core::hint::black_box(&mut io));
            $crate::size::finish(&io)
        }
    };
}
