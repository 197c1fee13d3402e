//! Helpers shared by the editor tests.
#![allow(dead_code)]

pub mod instance;
