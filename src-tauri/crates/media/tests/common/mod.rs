//! Where the real children's drawings live, shared by the integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

/// `<repo>/../shared/fixtures/drawings`, or a failure that says what is missing.
pub fn drawings_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/fixtures/drawings");
    assert!(
        dir.join("README.md").is_file(),
        "the fixture drawings are missing: expected them in {} (the shared folder next to the repository)",
        dir.display()
    );
    dir
}

pub fn read_drawing(name: &str) -> Vec<u8> {
    let path = drawings_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read fixture {}: {error}", path.display()))
}
