//! PLACEHOLDER: VAES-512 backend (being written).
use super::AesJob;
pub(super) fn run<J: AesJob>(job: J) -> J::Output { super::aesni::run(job) }
