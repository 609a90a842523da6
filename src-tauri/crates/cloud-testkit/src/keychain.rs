//! The real OS keychain the tests check: the Secret Service that tests/with-keyring.sh provides,
//! or a failure saying how to get one.

use std::sync::{Arc, Mutex};

use cloud::{CloudConfig, KeyringStore, SecretStore};

/// The real Secret Service; panics with how to run the tests when there is none.
pub fn real_keychain() -> Arc<KeyringStore> {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match KeyringStore::secret_service() {
        Ok(store) => Arc::new(store),
        Err(err) => panic!(
            "This test needs the real Secret Service keychain ({err}). Run the tests under \
             src-tauri/crates/cloud/tests/with-keyring.sh, e.g. \
             `src-tauri/crates/cloud/tests/with-keyring.sh cargo test -p cloud -p nocomelon-cli` \
             (needs the Debian packages dbus and gnome-keyring)."
        ),
    }
}

/// The keychain entry the app files the refresh token under for `config`.
pub fn keychain_key(config: &CloudConfig) -> String {
    format!("refresh-token/{}/{}", config.user_pool_id, config.client_id)
}

/// The refresh token `store`'s preferred keychain holds for `config`, if any.
pub fn keychain_refresh_token(store: &dyn SecretStore, config: &CloudConfig) -> Option<String> {
    match store.load(store.preferred_backend(), &keychain_key(config)) {
        Ok(token) => token.map(|t| t.to_string()),
        Err(err) => panic!("the keychain could not be read: {err}"),
    }
}
