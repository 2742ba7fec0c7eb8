//! The vector files compiled into the library, so the `mamori` binary is self-contained.
//! The data are the official files under `kat/vectors/`, byte for byte.

/// One bundled vector file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BundledFile {
    /// Canonical Mamori name of the algorithm the file is for.
    pub algorithm: &'static str,
    /// The file's name under `kat/vectors/<folder>/`.
    pub file_name: &'static str,
    /// The file's content.
    pub text: &'static str,
}

/// Every bundled file, keyed by algorithm.
pub static FILES: &[BundledFile] = &[
    BundledFile {
        algorithm: "ascon-aead128",
        file_name: "asconaead128_LWC_AEAD_KAT_128_128.txt",
        text: include_str!("../vectors/ascon/asconaead128_LWC_AEAD_KAT_128_128.txt"),
    },
    BundledFile {
        algorithm: "ascon-hash256",
        file_name: "asconhash256_LWC_HASH_KAT_128_256.txt",
        text: include_str!("../vectors/ascon/asconhash256_LWC_HASH_KAT_128_256.txt"),
    },
    BundledFile {
        algorithm: "ascon-xof128",
        file_name: "asconxof128_LWC_XOF_KAT_128_512.txt",
        text: include_str!("../vectors/ascon/asconxof128_LWC_XOF_KAT_128_512.txt"),
    },
    BundledFile {
        algorithm: "ascon-cxof128",
        file_name: "asconcxof128_LWC_CXOF_KAT_128_512.txt",
        text: include_str!("../vectors/ascon/asconcxof128_LWC_CXOF_KAT_128_512.txt"),
    },
];
