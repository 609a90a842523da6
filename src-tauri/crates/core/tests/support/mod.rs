//! Shared test setup: a fresh data folder per test and the real fixture drawings.

#![allow(dead_code)]

use std::path::PathBuf;

use nocomelon_core::{Core, DataDir};

pub fn fixtures_dir() -> PathBuf {
    fixtures::drawings_dir()
}

pub fn fixture(name: &str) -> PathBuf {
    fixtures::drawing(name)
}

pub struct TestCore {
    pub dir: tempfile::TempDir,
    pub core: Core,
}

pub fn open_core() -> TestCore {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(DataDir::at(dir.path().to_path_buf()).expect("data dir")).expect("core");
    TestCore { dir, core }
}

pub fn reopen(test: &TestCore) -> Core {
    Core::open(DataDir::at(test.dir.path().to_path_buf()).expect("data dir")).expect("core")
}

/// All files under the data folder's media directory, relative, sorted.
pub fn media_files(test: &TestCore) -> Vec<String> {
    let root = test.dir.path().join("media");
    let mut found = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(&root).expect("inside").to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}
