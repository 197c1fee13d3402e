//! Helpers shared by the integration tests (not a test target itself).
#![allow(dead_code)]

pub mod output_shape;
pub mod topology_strategy;
