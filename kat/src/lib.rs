//! Mamori's known-answer-test engine.
//!
//! * [`registry`]: the catalogue of implemented algorithms.
//! * [`dynamic`]: object-safe views of the trait layer the runners work on.

pub mod dynamic;
pub mod registry;
