//! Shared by the integration tests: where the real children's drawings live, and simple pen
//! sketches for shapes the real drawings do not cover.

#![allow(dead_code)]

pub mod sketch;

pub fn read_drawing(name: &str) -> Vec<u8> {
    fixtures::read(name)
}
