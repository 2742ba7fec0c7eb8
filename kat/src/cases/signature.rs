//! Signature cases (FIPS 204 / FIPS 205 style), run through [`DynSignature`].
//!
//! The trait layer offers the external, pure interface (message plus context string,
//! deterministic or hedged). Cases for the internal interface, an externally computed `mu`
//! or pre-hash signing run through [`DynSignature::sign_via`] and
//! [`DynSignature::verify_via`] (ML-DSA offers all three); for a scheme whose view does not
//! offer the interface (or the pre-hash function) they are skipped with a reason.
//!
//! Seeds follow the trait layer's convention: ML-DSA uses the 32-byte `ξ`; SLH-DSA uses
//! `SK.seed || SK.prf || PK.seed`, the argument order of FIPS 205 `slh_keygen_internal`.

use super::{Expect, KeyForm, compare_opt, first_failure, judge};
use crate::dynamic::{DynSignature, SigVia};
use crate::report::Outcome;

/// Which signing interface a case exercises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SigInterface {
    /// External interface, pure: message and context string (`ML-DSA.Sign`, `slh_sign`).
    External,
    /// External interface with pre-hashing (`HashML-DSA`, `HashSLH-DSA`) with this hash.
    PreHash {
        /// The pre-hash function as the file names it (e.g. `SHA2-256`).
        hash: String,
    },
    /// The internal interface on an already formatted message (`Sign_internal`).
    Internal,
    /// The internal interface on an externally computed `mu` (ML-DSA).
    ExternalMu,
}

impl SigInterface {
    /// Short name for skip reasons.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            SigInterface::External => "external",
            SigInterface::PreHash { .. } => "pre-hash",
            SigInterface::Internal => "internal",
            SigInterface::ExternalMu => "external-mu",
        }
    }

    /// The [`SigVia`] of an interface other than the external, pure one.
    #[must_use]
    pub fn via(&self) -> Option<SigVia<'_>> {
        match self {
            SigInterface::External => None,
            SigInterface::PreHash { hash } => Some(SigVia::PreHash(hash)),
            SigInterface::Internal => Some(SigVia::Internal),
            SigInterface::ExternalMu => Some(SigVia::ExternalMu),
        }
    }
}

/// What a signature case exercises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SigOp {
    /// Key generation from a seed.
    KeyGen {
        /// Seed.
        seed: Vec<u8>,
        /// Expected verifying (public) key.
        vk: Option<Vec<u8>>,
        /// Expected signing (private) key, expanded encoding.
        sk: Option<Vec<u8>>,
    },
    /// Signing.
    Sign {
        /// Signing key, expanded or as its seed.
        key: KeyForm,
        /// The verifying key the seed must produce, if the file gives it (seed keys only).
        vk: Option<Vec<u8>>,
        /// Message (or `mu` for [`SigInterface::ExternalMu`]).
        message: Vec<u8>,
        /// Context string.
        context: Vec<u8>,
        /// Signing randomness; `None` for deterministic signing.
        randomness: Option<Vec<u8>>,
        /// Interface.
        interface: SigInterface,
        /// Expected signature.
        signature: Option<Vec<u8>>,
    },
    /// Verification.
    Verify {
        /// Verifying key.
        vk: Vec<u8>,
        /// Message (or `mu`).
        message: Vec<u8>,
        /// Context string.
        context: Vec<u8>,
        /// Signature.
        signature: Vec<u8>,
        /// Interface.
        interface: SigInterface,
    },
}

/// One signature vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigCase {
    /// The id the file gives the case.
    pub id: String,
    /// The operation and its data.
    pub op: SigOp,
    /// What the file expects.
    pub expect: Expect,
}

fn unsupported(sig: &dyn DynSignature, interface: &SigInterface) -> Outcome {
    Outcome::Skip(format!(
        "{}: {} interface not supported by the trait layer",
        sig.info().name,
        interface.name()
    ))
}

/// Checks one signature case.
pub(crate) fn check(sig: &dyn DynSignature, c: &SigCase) -> Outcome {
    let (op, result) = match &c.op {
        SigOp::KeyGen { seed, vk, sk } => (
            "key generation",
            sig.keygen_from_seed(seed)
                .map(|(got_vk, got_sk)| {
                    first_failure([
                        compare_opt("pk", vk.as_ref(), &got_vk),
                        compare_opt("sk", sk.as_ref(), &got_sk),
                    ])
                })
                .map_err(|e| e.to_string()),
        ),
        SigOp::Sign {
            key,
            vk,
            message,
            context,
            randomness,
            interface,
            signature,
        } => {
            let signed = sign(
                sig,
                key,
                vk.as_ref(),
                interface.via(),
                message,
                context,
                randomness.as_deref(),
                signature.as_ref(),
            );
            match signed {
                Some(result) => ("signing", result),
                None => return unsupported(sig, interface),
            }
        }
        SigOp::Verify {
            vk,
            message,
            context,
            signature,
            interface,
        } => {
            let verified = match interface.via() {
                None => Some(sig.verify(vk, message, context, signature)),
                Some(via) => sig.verify_via(via, vk, message, context, signature),
            };
            match verified {
                Some(result) => (
                    "verification",
                    result.map(|()| Outcome::Pass).map_err(|e| e.to_string()),
                ),
                None => return unsupported(sig, interface),
            }
        }
    };
    judge(c.expect, op, result)
}

/// Signs through `via` (the external, pure interface if `None`); `None` if the scheme does
/// not offer that interface.
#[allow(clippy::too_many_arguments)]
fn sign(
    sig: &dyn DynSignature,
    key: &KeyForm,
    vk: Option<&Vec<u8>>,
    via: Option<SigVia<'_>>,
    message: &[u8],
    context: &[u8],
    randomness: Option<&[u8]>,
    expected: Option<&Vec<u8>>,
) -> Option<Result<Outcome, String>> {
    let (sk, keys) = match key {
        KeyForm::Expanded(sk) => (sk.clone(), Outcome::Pass),
        KeyForm::Seed(seed) => match sig.keygen_from_seed(seed) {
            Ok((got_vk, sk)) => (sk, compare_opt("pk", vk, &got_vk)),
            Err(e) => return Some(Err(format!("key generation from the seed: {e}"))),
        },
    };
    let got = match via {
        None => sig.sign(&sk, message, context, randomness),
        Some(via) => sig.sign_via(via, &sk, message, context, randomness)?,
    };
    Some(
        got.map_err(|e| e.to_string())
            .map(|got| first_failure([keys, compare_opt("signature", expected, &got)])),
    )
}
