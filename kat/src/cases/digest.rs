//! Hash and XOF cases (LWC `Msg`/`MD`, and `Z` for customizable XOFs).

use crate::dynamic::{DynHash, DynXof};
use crate::report::{Outcome, compare};

/// One hash or XOF vector. For an XOF the expected output's length is the length requested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestCase {
    /// The id the file gives the case.
    pub id: String,
    /// Input message.
    pub msg: Vec<u8>,
    /// Customization string (CXOF `Z`); `None` for plain hash / XOF vectors.
    pub customization: Option<Vec<u8>>,
    /// Expected digest or XOF output.
    pub md: Vec<u8>,
}

/// Checks a fixed-output hash.
pub(crate) fn check_hash(h: &dyn DynHash, c: &DigestCase) -> Outcome {
    if c.customization.as_ref().is_some_and(|z| !z.is_empty()) {
        return Outcome::Skip(format!(
            "{}: customization strings not supported by a hash",
            h.info().name
        ));
    }
    if c.md.len() != h.output_len() {
        return Outcome::Fail(format!(
            "MD has {} bytes but {} outputs {}",
            c.md.len(),
            h.info().name,
            h.output_len()
        ));
    }
    let mut out = vec![0u8; h.output_len()];
    if let Err(e) = h.hash(&c.msg, &mut out) {
        return Outcome::Fail(format!("hash rejected its input: {e}"));
    }
    compare("digest", &c.md, &out)
}

/// Checks an XOF, squeezing as many bytes as the vector gives.
pub(crate) fn check_xof(x: &dyn DynXof, c: &DigestCase) -> Outcome {
    let z = c.customization.as_deref().unwrap_or(&[]);
    let mut out = vec![0u8; c.md.len()];
    if let Err(e) = x.xof(z, &c.msg, &mut out) {
        return Outcome::Fail(format!("customization string rejected: {e}"));
    }
    compare("output", &c.md, &out)
}
