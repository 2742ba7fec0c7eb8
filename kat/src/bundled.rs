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
    /// For an ACVP prompt, its `expectedResults.json`.
    pub expected: Option<&'static str>,
}

/// Every bundled file, keyed by algorithm.
pub static FILES: &[BundledFile] = &[
    BundledFile {
        algorithm: "ascon-aead128",
        file_name: "asconaead128_LWC_AEAD_KAT_128_128.txt",
        expected: None,
        text: include_str!("../vectors/ascon/asconaead128_LWC_AEAD_KAT_128_128.txt"),
    },
    BundledFile {
        algorithm: "ascon-hash256",
        file_name: "asconhash256_LWC_HASH_KAT_128_256.txt",
        expected: None,
        text: include_str!("../vectors/ascon/asconhash256_LWC_HASH_KAT_128_256.txt"),
    },
    BundledFile {
        algorithm: "ascon-xof128",
        file_name: "asconxof128_LWC_XOF_KAT_128_512.txt",
        expected: None,
        text: include_str!("../vectors/ascon/asconxof128_LWC_XOF_KAT_128_512.txt"),
    },
    BundledFile {
        algorithm: "ascon-cxof128",
        file_name: "asconcxof128_LWC_CXOF_KAT_128_512.txt",
        expected: None,
        text: include_str!("../vectors/ascon/asconcxof128_LWC_CXOF_KAT_128_512.txt"),
    },
    BundledFile {
        algorithm: "rocca-s",
        file_name: "draft-nakano-rocca-s-05.json",
        expected: None,
        text: include_str!("../vectors/rocca-s/draft-nakano-rocca-s-05.json"),
    },
    // One file, both tag sizes: each algorithm runs its entries and skips the others.
    BundledFile {
        algorithm: "aegis-256",
        file_name: "draft-irtf-cfrg-aegis-aead-18.json",
        expected: None,
        text: include_str!("../vectors/aegis256/draft-irtf-cfrg-aegis-aead-18.json"),
    },
    BundledFile {
        algorithm: "aegis-256-t256",
        file_name: "draft-irtf-cfrg-aegis-aead-18.json",
        expected: None,
        text: include_str!("../vectors/aegis256/draft-irtf-cfrg-aegis-aead-18.json"),
    },
    // NIST ACVP: one file for all three parameter sets; each runs its own groups.
    BundledFile {
        algorithm: "ml-kem-512",
        file_name: "ML-KEM-keyGen-FIPS203/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-kem/ML-KEM-keyGen-FIPS203/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-kem/ML-KEM-keyGen-FIPS203/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-kem-512",
        file_name: "ML-KEM-encapDecap-FIPS203/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-kem/ML-KEM-encapDecap-FIPS203/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-kem/ML-KEM-encapDecap-FIPS203/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-kem-768",
        file_name: "ML-KEM-keyGen-FIPS203/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-kem/ML-KEM-keyGen-FIPS203/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-kem/ML-KEM-keyGen-FIPS203/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-kem-768",
        file_name: "ML-KEM-encapDecap-FIPS203/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-kem/ML-KEM-encapDecap-FIPS203/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-kem/ML-KEM-encapDecap-FIPS203/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-kem-1024",
        file_name: "ML-KEM-keyGen-FIPS203/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-kem/ML-KEM-keyGen-FIPS203/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-kem/ML-KEM-keyGen-FIPS203/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-kem-1024",
        file_name: "ML-KEM-encapDecap-FIPS203/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-kem/ML-KEM-encapDecap-FIPS203/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-kem/ML-KEM-encapDecap-FIPS203/prompt.json"),
    },
    // NIST ACVP ML-DSA: the same, keyGen, sigGen and sigVer (every signing interface).
    BundledFile {
        algorithm: "ml-dsa-44",
        file_name: "ML-DSA-keyGen-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-keyGen-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-keyGen-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-44",
        file_name: "ML-DSA-sigGen-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-sigGen-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-sigGen-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-44",
        file_name: "ML-DSA-sigVer-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-sigVer-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-sigVer-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-65",
        file_name: "ML-DSA-keyGen-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-keyGen-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-keyGen-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-65",
        file_name: "ML-DSA-sigGen-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-sigGen-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-sigGen-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-65",
        file_name: "ML-DSA-sigVer-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-sigVer-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-sigVer-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-87",
        file_name: "ML-DSA-keyGen-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-keyGen-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-keyGen-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-87",
        file_name: "ML-DSA-sigGen-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-sigGen-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-sigGen-FIPS204/prompt.json"),
    },
    BundledFile {
        algorithm: "ml-dsa-87",
        file_name: "ML-DSA-sigVer-FIPS204/prompt.json",
        expected: Some(include_str!(
            "../vectors/ml-dsa/ML-DSA-sigVer-FIPS204/expectedResults.json"
        )),
        text: include_str!("../vectors/ml-dsa/ML-DSA-sigVer-FIPS204/prompt.json"),
    },
];
