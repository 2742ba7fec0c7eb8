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

/// One hash/XOF case, decoded from `out_len split read_split message...`: the message, the
/// output length (0..=255), where to split the absorb (clamped to the message) and where to
/// split the read (clamped to the output).
pub struct HashCase<'a> {
    /// The message.
    pub message: &'a [u8],
    /// XOF output length.
    pub out_len: usize,
    /// Absorb split point, `<= message.len()`.
    pub split: usize,
    /// Read split point, `<= out_len`.
    pub read_split: usize,
}

impl<'a> HashCase<'a> {
    /// Decodes the fuzzer's input (never fails).
    #[must_use]
    pub fn new(data: &'a [u8]) -> Self {
        let mut input = Input::new(data);
        let out_len = usize::from(input.byte());
        let split = usize::from(input.byte());
        let read_split = usize::from(input.byte());
        let message = input.rest();
        Self {
            message,
            out_len,
            split: split.min(message.len()),
            read_split: read_split.min(out_len),
        }
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
