//! RustCrypto `sha3` 0.12 (SHA3-256/384/512) and `shake` 0.1 (SHAKE128/256) behind Mamori's
//! [`Hash`] and [`Xof`] traits: the peers of Mamori's FIPS 202 functions.

use core::marker::PhantomData;

use mamori_primitives::{Algorithm, AlgorithmInfo, Hash, Xof, XofReader};
use sha3::digest::{Digest, ExtendableOutput, Update};

/// The RustCrypto hash `D`, measured as the peer of Mamori's `M` (`N`-byte digest).
pub struct DigestPeer<D, M, const N: usize>(D, PhantomData<M>);

impl<D: Clone, M, const N: usize> Clone for DigestPeer<D, M, N> {
    fn clone(&self) -> Self {
        Self(self.0.clone(), PhantomData)
    }
}

impl<D: Default, M, const N: usize> Default for DigestPeer<D, M, N> {
    fn default() -> Self {
        Self(D::default(), PhantomData)
    }
}

impl<D, M: Algorithm, const N: usize> Algorithm for DigestPeer<D, M, N> {
    const INFO: AlgorithmInfo = M::INFO;
}

impl<D: Digest + Clone + Default, M: Algorithm, const N: usize> Hash for DigestPeer<D, M, N> {
    const OUTPUT_LEN: usize = N;
    type Output = [u8; N];

    fn update(&mut self, data: &[u8]) {
        Digest::update(&mut self.0, data);
    }

    fn finalize(self) -> [u8; N] {
        let mut out = [0u8; N];
        out.copy_from_slice(&self.0.finalize());
        out
    }
}

/// The RustCrypto XOF `X`, measured as the peer of Mamori's `M`.
pub struct XofPeer<X, M>(X, PhantomData<M>);

/// Output reader of an [`XofPeer`].
pub struct XofPeerReader<R>(R);

impl<R: sha3::digest::XofReader> XofReader for XofPeerReader<R> {
    fn read(&mut self, out: &mut [u8]) {
        self.0.read(out);
    }
}

impl<X: Clone, M> Clone for XofPeer<X, M> {
    fn clone(&self) -> Self {
        Self(self.0.clone(), PhantomData)
    }
}

impl<X, M: Algorithm> Algorithm for XofPeer<X, M> {
    const INFO: AlgorithmInfo = M::INFO;
}

impl<X: Default + Clone + Update + ExtendableOutput, M: Algorithm> Xof for XofPeer<X, M> {
    const MAX_CUSTOMIZATION_LEN: usize = 0;
    type Reader = XofPeerReader<X::Reader>;

    fn new() -> Self {
        Self(X::default(), PhantomData)
    }

    fn update(&mut self, data: &[u8]) {
        Update::update(&mut self.0, data);
    }

    fn finalize_xof(self) -> Self::Reader {
        XofPeerReader(self.0.finalize_xof())
    }
}
