//! Test-only crate: see `tests/` and README.md.
