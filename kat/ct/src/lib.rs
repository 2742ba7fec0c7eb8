//! Harness shared by the constant-time gate binaries (`src/bin/ct_*.rs`). See README.md.
//!
//! Every binary marks its secret inputs with [`classify`] (memcheck then treats them as
//! undefined), runs a Mamori operation through `mamori_ct_ops`, checks with
//! [`assert_secret`] that the secret really flowed into the outputs (so the run is not
//! vacuous), then [`declassify`]s the outputs that are public by design before comparing or
//! printing them. Memcheck reports every conditional jump and every memory address that
//! depends on a classified byte in between: that report is the gate's verdict.

#[cfg(not(mamori_ctgrind))]
compile_error!(
    "mamori-ct must be built with `--cfg mamori_ctgrind` (kat/ct/.cargo/config.toml sets it, \
     but a RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS environment variable replaces that setting): \
     run .ci/ct.sh, or add `--cfg mamori_ctgrind` to RUSTFLAGS"
);

use mamori_primitives::ct::valgrind;
use std::hint::black_box;

/// Message, associated-data and customization lengths every binary covers: empty, one
/// byte, one short of / exactly / one past a 16-byte block, two blocks plus one, and a long
/// input with a partial tail. Since 8 divides 16, they hit the same edges for the 8-byte
/// rate of the hash modes.
pub const LENGTHS: [usize; 7] = [0, 1, 15, 16, 17, 33, 100];

/// Exit status of a gate binary started outside valgrind (memcheck's own error status, set
/// by `.ci/ct.sh` with `--error-exitcode=1`, is 1; a failed functional check panics: 101).
pub const EXIT_NOT_ON_VALGRIND: i32 = 2;

/// Exits with [`EXIT_NOT_ON_VALGRIND`] unless running under valgrind: outside memcheck the
/// binaries check nothing about timing, so a misconfigured gate must not pass silently.
pub fn require_valgrind(name: &str) {
    if !valgrind::running_on_valgrind() {
        eprintln!(
            "{name}: error: not running under valgrind. This binary is a constant-time check \
             that only means something under memcheck: run .ci/ct.sh, or \
             `valgrind --error-exitcode=1 --track-origins=yes {name}`."
        );
        std::process::exit(EXIT_NOT_ON_VALGRIND);
    }
}

/// `len` deterministic, non-constant test bytes (reproducible failures). The seed goes
/// through `black_box` so the compiler cannot fold the test data into the code.
#[must_use]
pub fn bytes(len: usize, seed: u8) -> Vec<u8> {
    let seed = black_box(seed);
    (0..len)
        .map(|i| {
            (i as u8)
                .wrapping_mul(151)
                .wrapping_add(seed)
                .rotate_left(3)
                ^ 0x5c
        })
        .collect()
}

/// Public inputs of one Ascon-AEAD128 gate case: the key (public copy; binaries classify
/// their own copy), nonce, associated data and message, deterministic per length pair.
#[derive(Clone, Debug)]
pub struct AeadInputs {
    /// Index of the message length in [`LENGTHS`].
    pub i: usize,
    /// Index of the associated-data length in [`LENGTHS`].
    pub j: usize,
    /// The key, not yet classified.
    pub key: [u8; 16],
    /// The nonce.
    pub nonce: [u8; 16],
    /// The associated data.
    pub ad: Vec<u8>,
    /// The message.
    pub message: Vec<u8>,
}

/// Every (message length, associated-data length) pair from [`LENGTHS`], so each
/// full-block, partial-block and empty path of seal and open runs.
pub fn aead_inputs() -> impl Iterator<Item = AeadInputs> {
    (0..LENGTHS.len()).flat_map(|i| {
        (0..LENGTHS.len()).map(move |j| {
            let seed = u8::try_from(7 * i + j).unwrap_or(u8::MAX);
            AeadInputs {
                i,
                j,
                key: array(seed),
                nonce: array(seed ^ 0x40),
                ad: bytes(LENGTHS[j], seed ^ 0x80),
                message: bytes(LENGTHS[i], seed ^ 0xc0),
            }
        })
    })
}

/// [`bytes`] as a fixed-size array.
#[must_use]
pub fn array<const N: usize>(seed: u8) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&bytes(N, seed));
    a
}

/// Marks `secret` as secret: memcheck treats it as undefined until it is declassified, and
/// reports any branch or memory address computed from it. Takes `&mut` so the compiler
/// treats the bytes as possibly rewritten and reloads them from memory afterwards.
pub fn classify(secret: &mut [u8]) {
    valgrind::classify(secret);
}

/// Marks `public` as public (defined) again. Every call site says why that is justified.
pub fn declassify(public: &mut [u8]) {
    valgrind::declassify(public);
}

/// Number of bytes of `bytes` that carry secret taint (at least one undefined bit).
///
/// # Panics
/// If valgrind does not answer the request (not running under valgrind).
#[must_use]
pub fn secret_bytes(bytes: &[u8]) -> usize {
    valgrind::secret_byte_count(bytes)
        .expect("VALGRIND_GET_VBITS failed: not running under memcheck?")
}

/// Asserts that every byte of `output` depends on classified data. Guards against a
/// vacuous pass: if a binary classified the wrong buffer (or a copy), nothing secret would
/// reach the library and memcheck would have nothing to report.
///
/// # Panics
/// If some byte of `output` is not secret-dependent.
pub fn assert_secret(what: &str, output: &[u8]) {
    let n = secret_bytes(output);
    assert_eq!(
        n,
        output.len(),
        "{what}: only {n} of {} bytes carry secret taint; the secret inputs were not \
         classified, or did not reach the operation",
        output.len()
    );
}

/// Asserts that no byte of `output` depends on classified data (for example a buffer that
/// must have been overwritten entirely with zeros).
///
/// # Panics
/// If some byte of `output` is secret-dependent.
pub fn assert_public(what: &str, output: &[u8]) {
    let n = secret_bytes(output);
    assert_eq!(
        n,
        0,
        "{what}: {n} of {} bytes still carry secret taint",
        output.len()
    );
}

/// Prints the closing line of a gate binary.
pub fn done(name: &str, cases: usize, what: &str) {
    println!("{name}: {cases} cases ran ({what}); outputs correct. Verdict: memcheck's report.");
}

/// One input of the AES-family gates: an algorithm, a backend that must be available,
/// and the key, nonce, associated data and message of one length pair.
#[derive(Clone, Debug)]
pub struct AesFamilyInputs {
    /// The algorithm.
    pub alg: mamori_ct_ops::AesAead,
    /// The forced AES-round backend.
    pub backend: mamori_primitives::Backend,
    /// The key, not yet classified.
    pub key: [u8; 32],
    /// The nonce (the algorithm's length).
    pub nonce: Vec<u8>,
    /// The associated data.
    pub ad: Vec<u8>,
    /// The message.
    pub message: Vec<u8>,
}

/// Rocca-S and AEGIS-256, each on the portable and the AES-NI backend, for every
/// (message, associated-data) length pair of [`AES_FAMILY_LENGTHS`] (empty, partial and
/// full 16- and 32-byte blocks).
///
/// # Panics
/// If this CPU (as valgrind presents it) has no AES-NI: the gate must cover it.
pub fn aes_family_inputs() -> impl Iterator<Item = AesFamilyInputs> {
    use mamori_ct_ops::AesAead;
    use mamori_primitives::Backend;
    assert!(
        mamori_primitives::aes_round::AesBackend::force(Backend::AesNi).is_some(),
        "no AES-NI here: the constant-time gate must cover the AES-NI backend"
    );
    [AesAead::RoccaS, AesAead::Aegis256]
        .into_iter()
        .flat_map(|alg| [Backend::Portable, Backend::AesNi].map(|b| (alg, b)))
        .flat_map(|(alg, backend)| {
            (0..AES_FAMILY_LENGTHS.len()).flat_map(move |i| {
                (0..AES_FAMILY_LENGTHS.len()).map(move |j| {
                    let seed = u8::try_from(9 * i + j).unwrap_or(u8::MAX);
                    AesFamilyInputs {
                        alg,
                        backend,
                        key: array(seed),
                        nonce: bytes(alg.nonce_len(), seed ^ 0x40),
                        ad: bytes(AES_FAMILY_LENGTHS[j], seed ^ 0x80),
                        message: bytes(AES_FAMILY_LENGTHS[i], seed ^ 0xc0),
                    }
                })
            })
        })
}

/// Message and associated-data lengths of the AES-family gates.
pub const AES_FAMILY_LENGTHS: [usize; 8] = [0, 1, 15, 16, 17, 31, 33, 71];
