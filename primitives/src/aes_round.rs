//! The AES round as a building block: `AES(x, k) = MixColumns(ShiftRows(SubBytes(x))) ⊕ k`,
//! the x86 `AESENC` instruction, on 128-bit words.
//!
//! AES-round ciphers (Rocca-S, AEGIS-256, ...) are written once, generic over [`AesWord`],
//! and run on every backend:
//!
//! | backend | word | lanes | module |
//! |---|---|---|---|
//! | [`Backend::Portable`] | bitsliced, constant time, no tables | 1 | `portable` |
//! | [`Backend::AesNi`] | `__m128i` | 1 | `aesni` |
//! | [`Backend::Vaes256`] | `__m256i` | 2 | `vaes256` |
//! | [`Backend::Vaes512`] | `__m512i` | 4 | `vaes512` |
//!
//! A word holds [`AesWord::LANES`] independent 128-bit lanes; the AES round acts on each lane.
//! One lane runs one message; several lanes run several messages side by side (the batch
//! APIs of the AEADs).
//!
//! **Soundness.** Running an `AESENC` on a CPU without AES-NI is undefined behaviour, so a
//! word can only be made from another word: every constructor takes `self`. The first word
//! is handed out by [`AesBackend::run`], which only picks a backend the CPU supports
//! (detected once, at [`AesBackend::detect`] / [`AesBackend::force`]). Algorithms implement
//! [`AesJob`] and never see `unsafe`.

use crate::Backend;

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod aesni;
mod portable;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod vaes256;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod vaes512;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86;

pub use portable::Portable;

/// One 128-bit block as bytes, in memory order.
pub type Block = [u8; 16];

/// A word of [`LANES`](AesWord::LANES) independent 128-bit lanes with the AES round on each.
///
/// Every method is `#[inline(always)]` in every backend, so a generic algorithm body
/// compiles to straight-line code inside the backend's target-feature context.
pub trait AesWord: Copy {
    /// Independent 128-bit lanes in one word.
    const LANES: usize;
    /// The backend this word belongs to.
    const BACKEND: Backend;
    /// The one-lane word of the same backend family (itself for one-lane words).
    type Single: AesWord;

    /// The all-zero word.
    #[must_use]
    fn zero(self) -> Self;
    /// The same block in every lane.
    #[must_use]
    fn splat(self, block: &Block) -> Self;
    /// Lane `i` set to `lane(i)`, for `i` in `0..LANES`.
    #[must_use]
    fn gather(self, lane: impl FnMut(usize) -> Block) -> Self;
    /// Calls `f(i, lane_i)` for `i` in `0..LANES`.
    fn scatter(self, f: impl FnMut(usize, Block));
    /// Lane `i` (`i < LANES`) as a one-lane word.
    #[must_use]
    fn lane(self, i: usize) -> Self::Single;
    /// A word made of one-lane words, lane `i` from `lane(i)`. (`self` is the proof that
    /// the backend runs here, like every constructor's.)
    #[must_use]
    #[allow(clippy::wrong_self_convention)]
    fn from_lanes(self, lane: impl FnMut(usize) -> Self::Single) -> Self;
    /// A one-lane word of this family (the proof, for code that continues one lane alone).
    #[must_use]
    fn single(self) -> Self::Single;

    /// Bitwise XOR.
    #[must_use]
    fn xor(self, other: Self) -> Self;
    /// Bitwise AND.
    #[must_use]
    fn and(self, other: Self) -> Self;
    /// One AES encryption round on each lane: `MixColumns(ShiftRows(SubBytes(self))) ⊕ key`.
    #[must_use]
    fn aes(self, round_key: Self) -> Self;
    /// `K` independent AES rounds, `out[i] = x[i].aes(k[i])`. Backends that work on several
    /// blocks at once (the bitsliced portable one) override this; algorithms call it for the
    /// rounds of one step, which are always independent.
    #[inline(always)]
    #[must_use]
    fn aes_many<const K: usize>(x: [Self; K], k: [Self; K]) -> [Self; K] {
        core::array::from_fn(|i| x[i].aes(k[i]))
    }

    /// The block in lane 0.
    #[inline(always)]
    #[must_use]
    fn first(self) -> Block {
        let mut out = [0u8; 16];
        self.scatter(|i, b| {
            if i == 0 {
                out = b;
            }
        });
        out
    }
}

/// Code generic over the AES word, run by [`AesBackend::run`] with a word of the chosen
/// backend. `run` is inlined into the backend's target-feature context: mark it
/// `#[inline(always)]`.
pub trait AesJob {
    /// What the job returns.
    type Output;
    /// Runs the job on the backend `W`; `w` is the proof that `W` runs on this CPU.
    fn run<W: AesWord>(self, w: W) -> Self::Output;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Portable,
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    AesNi,
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    Vaes256,
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    Vaes512,
}

/// A backend for the AES round that this CPU supports; chosen once and kept (for example
/// in a key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AesBackend(Kind);

impl AesBackend {
    /// The portable backend (always available).
    #[must_use]
    pub const fn portable() -> Self {
        AesBackend(Kind::Portable)
    }

    /// The fastest backend for **one** stream: AES-NI where the CPU has it, otherwise
    /// portable. (One stream cannot use wide registers: see [`detect_wide`](Self::detect_wide).)
    #[must_use]
    pub fn detect() -> Self {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        if x86::features().aesni {
            return AesBackend(Kind::AesNi);
        }
        Self::portable()
    }

    /// The backend with the most lanes, for running independent streams side by side:
    /// VAES-512 (4 lanes), VAES-256 (2 lanes), then AES-NI, then portable (1 lane).
    #[must_use]
    pub fn detect_wide() -> Self {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        {
            let f = x86::features();
            if f.vaes512 {
                return AesBackend(Kind::Vaes512);
            }
            if f.vaes256 {
                return AesBackend(Kind::Vaes256);
            }
        }
        Self::detect()
    }

    /// The given backend, if this CPU supports it and it is an AES-round backend; `None`
    /// otherwise. This is the forcing knob tests and benchmarks use.
    #[must_use]
    pub fn force(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Portable => Some(Self::portable()),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::AesNi => x86::features().aesni.then_some(AesBackend(Kind::AesNi)),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Vaes256 => x86::features().vaes256.then_some(AesBackend(Kind::Vaes256)),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Backend::Vaes512 => x86::features().vaes512.then_some(AesBackend(Kind::Vaes512)),
            _ => None,
        }
    }

    /// Every AES-round backend this CPU supports, portable first.
    pub fn available() -> impl Iterator<Item = AesBackend> {
        [
            Backend::Portable,
            Backend::AesNi,
            Backend::Vaes256,
            Backend::Vaes512,
        ]
        .into_iter()
        .filter_map(Self::force)
    }

    /// Which backend this is.
    #[must_use]
    pub const fn backend(self) -> Backend {
        match self.0 {
            Kind::Portable => Backend::Portable,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::AesNi => Backend::AesNi,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::Vaes256 => Backend::Vaes256,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::Vaes512 => Backend::Vaes512,
        }
    }

    /// Lanes per word on this backend.
    #[must_use]
    pub const fn lanes(self) -> usize {
        match self.0 {
            Kind::Portable => 1,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::AesNi => 1,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::Vaes256 => 2,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::Vaes512 => 4,
        }
    }

    /// Runs `job` with a word of this backend, inside the backend's target-feature context.
    #[inline]
    pub fn run<J: AesJob>(self, job: J) -> J::Output {
        match self.0 {
            Kind::Portable => job.run(Portable::ZERO),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::AesNi => aesni::run(job),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::Vaes256 => vaes256::run(job),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::Vaes512 => vaes512::run(job),
        }
    }

    /// Runs `job` on the one-lane word of this backend's family (AES-NI for the VAES
    /// backends): how a wide key runs a single message.
    #[inline]
    pub fn run_single<J: AesJob>(self, job: J) -> J::Output {
        match self.0 {
            Kind::Portable => job.run(Portable::ZERO),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Kind::AesNi | Kind::Vaes256 | Kind::Vaes512 => aesni::run(job),
        }
    }
}

impl Default for AesBackend {
    fn default() -> Self {
        Self::detect()
    }
}
