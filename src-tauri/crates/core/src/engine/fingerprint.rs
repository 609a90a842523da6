//! Fingerprints of what each produced file was made from, so a re-render redoes only the scenes
//! whose inputs changed.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Bumped when the engine's output for the same inputs changes, so old files are redone.
const ENGINE_VERSION: u32 = 1;

pub fn of<T: Serialize>(inputs: &T) -> String {
    let mut hasher = Sha256::new();
    hasher.update(ENGINE_VERSION.to_le_bytes());
    // Serialization of plain data cannot fail; an empty digest input would still be stable.
    hasher.update(serde_json::to_vec(inputs).unwrap_or_default());
    hasher.finalize().iter().take(10).map(|b| format!("{b:02x}")).collect()
}

pub fn of_bytes(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(10).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_fingerprint_and_any_change_shows() {
        assert_eq!(of(&("storybook", "hello")), of(&("storybook", "hello")));
        assert_ne!(of(&("storybook", "hello")), of(&("watercolor", "hello")));
        assert_eq!(of(&1).len(), 20);
    }
}
