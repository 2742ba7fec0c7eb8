use crate::{Algorithm, InputError, Param};

/// A fixed-output hash function, incremental.
///
/// The state is zeroized on drop (it may hold secret input).
pub trait Hash: Algorithm + Clone + Default {
    /// Digest length in bytes.
    const OUTPUT_LEN: usize;
    /// Digest type (`[u8; OUTPUT_LEN]`).
    type Output: AsRef<[u8]> + AsMut<[u8]> + Copy;

    /// Absorbs `data`.
    fn update(&mut self, data: &[u8]);

    /// Finishes and returns the digest.
    fn finalize(self) -> Self::Output;

    /// One-shot digest of `data`.
    #[must_use]
    fn digest(data: &[u8]) -> Self::Output {
        let mut h = Self::default();
        h.update(data);
        h.finalize()
    }
}

/// Reads output from a finalized [`Xof`].
pub trait XofReader {
    /// Fills `out` with the next output bytes.
    fn read(&mut self, out: &mut [u8]);
}

/// An extendable-output function, optionally customizable (e.g. Ascon-CXOF128, cSHAKE).
///
/// The state is zeroized on drop.
pub trait Xof: Algorithm + Clone {
    /// Longest customization string accepted, in bytes; 0 for a plain XOF.
    const MAX_CUSTOMIZATION_LEN: usize;
    /// The reader returned by [`finalize_xof`](Xof::finalize_xof).
    type Reader: XofReader;

    /// A fresh instance with an empty customization string.
    #[must_use]
    fn new() -> Self;

    /// A fresh instance with customization string `customization`. The default serves the
    /// plain XOFs (`MAX_CUSTOMIZATION_LEN == 0`): the empty string is [`new`](Xof::new),
    /// anything longer an error. Customizable XOFs override it.
    ///
    /// # Errors
    /// [`InputError::TooLong`] if `customization` is longer than
    /// [`MAX_CUSTOMIZATION_LEN`](Xof::MAX_CUSTOMIZATION_LEN).
    fn new_customized(customization: &[u8]) -> Result<Self, InputError> {
        InputError::check_max(
            Param::Customization,
            Self::MAX_CUSTOMIZATION_LEN as u64,
            customization.len(),
        )?;
        Ok(Self::new())
    }

    /// Absorbs `data`.
    fn update(&mut self, data: &[u8]);

    /// Finishes absorbing; the reader squeezes any amount of output.
    fn finalize_xof(self) -> Self::Reader;

    /// One-shot: absorbs `data` and fills `out`.
    fn xof(data: &[u8], out: &mut [u8]) {
        let mut x = Self::new();
        x.update(data);
        x.finalize_xof().read(out);
    }
}
