//! Where the real children's drawings live, shared by the integration tests.

#![allow(dead_code)]

pub fn read_drawing(name: &str) -> Vec<u8> {
    fixtures::read(name)
}
