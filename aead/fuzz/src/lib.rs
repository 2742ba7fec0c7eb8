//! Input decoding shared by the fuzz targets: a cursor over libFuzzer's bytes that never
//! fails (missing bytes read as zero), so every input maps to some test case.

/// A cursor over the fuzzer's input.
pub struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    /// Wraps the fuzzer's input.
    #[must_use]
    pub fn new(data: &'a [u8]) -> Self {
        Self(data)
    }

    /// The next byte, or 0 past the end.
    pub fn byte(&mut self) -> u8 {
        let (b, rest) = self.0.split_first().map_or((0, &[][..]), |(b, r)| (*b, r));
        self.0 = rest;
        b
    }

    /// The next two bytes, little-endian, or 0-padded past the end.
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    /// Up to `n` bytes (fewer at the end of the input).
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (a, b) = self.0.split_at(n.min(self.0.len()));
        self.0 = b;
        a
    }

    /// `N` bytes, zero-padded at the end of the input.
    pub fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut a = [0u8; N];
        let t = self.take(N);
        a[..t.len()].copy_from_slice(t);
        a
    }

    /// Everything left.
    #[must_use]
    pub fn rest(self) -> &'a [u8] {
        self.0
    }
}

/// A parameter length that is usually right (`correct`, for header bytes below 0x80) and
/// otherwise anything from 0 to 32, so wrong lengths are exercised without drowning the
/// fuzzer in inputs that are rejected before any cryptography runs.
#[must_use]
pub fn length(header: u8, correct: usize) -> usize {
    if header < 0x80 {
        correct
    } else {
        usize::from(header & 0x7f) % 33
    }
}
