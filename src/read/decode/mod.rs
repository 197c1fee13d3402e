//! Tree → model: one decoder for every front end.

mod catalogue;
mod decoder;
mod topology;

pub use decoder::{Decoder, suggest};
