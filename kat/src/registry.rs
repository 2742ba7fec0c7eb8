//! The catalogue of everything Mamori implements. Adding an algorithm means adding one
//! line here; the KAT engine, `mamori list`, `mamori bench` and `mamori eval` pick it up.

use crate::dynamic::{
    Dispatch, DynAead, DynAlgorithm, DynBlockCipher, DynHash, DynKem, DynSignature,
    DynStreamCipher, DynXof, MlDsaDispatch,
};
use mamori_aead::{Aegis256, Aegis256T256, AsconAead128, RoccaS};
use mamori_kem::{MlKem512, MlKem768, MlKem1024};
use mamori_primitives::ascon::{AsconCxof128, AsconHash256, AsconXof128};
use mamori_primitives::keccak::{Sha3_256, Sha3_384, Sha3_512, Shake128, Shake256};
use mamori_primitives::{AlgorithmInfo, Backend};
use mamori_sign::{MlDsa44, MlDsa65, MlDsa87};

/// One algorithm, through the dynamic view of its family.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum Entry {
    /// An AEAD.
    Aead(&'static dyn DynAead),
    /// A hash function.
    Hash(&'static dyn DynHash),
    /// An XOF.
    Xof(&'static dyn DynXof),
    /// A KEM.
    Kem(&'static dyn DynKem),
    /// A signature scheme.
    Signature(&'static dyn DynSignature),
    /// A block cipher.
    BlockCipher(&'static dyn DynBlockCipher),
    /// A stream cipher.
    StreamCipher(&'static dyn DynStreamCipher),
}

impl Entry {
    fn algorithm(&self) -> &'static dyn DynAlgorithm {
        match *self {
            Entry::Aead(a) => a,
            Entry::Hash(a) => a,
            Entry::Xof(a) => a,
            Entry::Kem(a) => a,
            Entry::Signature(a) => a,
            Entry::BlockCipher(a) => a,
            Entry::StreamCipher(a) => a,
        }
    }

    /// Static metadata.
    #[must_use]
    pub fn info(&self) -> &'static AlgorithmInfo {
        self.algorithm().info()
    }

    /// The backend that runs on this CPU.
    #[must_use]
    pub fn backend(&self) -> Backend {
        self.algorithm().backend()
    }
}

impl core::fmt::Debug for Entry {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Entry").field(&self.info().name).finish()
    }
}

static ALL: &[Entry] = &[
    Entry::Aead(&Dispatch::<AsconAead128>::NEW),
    Entry::Aead(&Dispatch::<RoccaS>::NEW),
    Entry::Aead(&Dispatch::<Aegis256>::NEW),
    Entry::Aead(&Dispatch::<Aegis256T256>::NEW),
    Entry::Hash(&Dispatch::<AsconHash256>::NEW),
    Entry::Xof(&Dispatch::<AsconXof128>::NEW),
    Entry::Xof(&Dispatch::<AsconCxof128>::NEW),
    Entry::Hash(&Dispatch::<Sha3_256>::NEW),
    Entry::Hash(&Dispatch::<Sha3_384>::NEW),
    Entry::Hash(&Dispatch::<Sha3_512>::NEW),
    Entry::Xof(&Dispatch::<Shake128>::NEW),
    Entry::Xof(&Dispatch::<Shake256>::NEW),
    Entry::Kem(&Dispatch::<MlKem512>::NEW),
    Entry::Kem(&Dispatch::<MlKem768>::NEW),
    Entry::Kem(&Dispatch::<MlKem1024>::NEW),
    // With the internal, external-mu and pre-hash interfaces besides the trait layer's.
    Entry::Signature(&MlDsaDispatch::<MlDsa44>::NEW),
    Entry::Signature(&MlDsaDispatch::<MlDsa65>::NEW),
    Entry::Signature(&MlDsaDispatch::<MlDsa87>::NEW),
];

/// Every algorithm Mamori implements, in display order.
#[must_use]
pub fn all() -> &'static [Entry] {
    ALL
}

/// Looks an algorithm up by canonical name or alias (case- and punctuation-insensitive).
#[must_use]
pub fn find(name: &str) -> Option<Entry> {
    ALL.iter().copied().find(|e| e.info().matches(name))
}

/// The AEAD that differs from `e` only in its tag size and takes `tag_len`-byte tags (for
/// example `aegis-256-t256` for `aegis-256` and a 32-byte tag), if `e`'s own tag size is
/// not `tag_len`. Vector files that mix tag sizes are routed with it.
#[must_use]
pub fn tag_variant(e: Entry, tag_len: usize) -> Option<Entry> {
    let info = e.info();
    if info.size("tag") == Some(tag_len) || !matches!(e, Entry::Aead(_)) {
        return None;
    }
    ALL.iter().copied().find(|x| {
        let i = x.info();
        matches!(x, Entry::Aead(_))
            && i.standard.document == info.standard.document
            && i.size("key") == info.size("key")
            && i.size("nonce") == info.size("nonce")
            && i.size("tag") == Some(tag_len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_findable() {
        for (i, e) in all().iter().enumerate() {
            assert_eq!(
                find(e.info().name).map(|f| f.info().name),
                Some(e.info().name)
            );
            for other in &all()[i + 1..] {
                assert!(
                    !other.info().matches(e.info().name),
                    "{} clashes",
                    e.info().name
                );
            }
        }
        assert!(find("Ascon-AEAD128").is_some());
        assert!(find("no-such-algorithm").is_none());
    }
}
