//! Where the refresh token lives: the OS keychain, behind a trait so the sign-in logic can be
//! tested with an in-memory store. Nothing else secret is ever stored.

use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::Mutex;

use zeroize::Zeroizing;

/// The keychain service name every NoComelon entry is filed under.
pub const KEYCHAIN_SERVICE: &str = "NoComelon";

#[derive(Debug, thiserror::Error)]
pub enum SecretStoreError {
    #[error("no keychain is available on this computer ({0})")]
    Unavailable(String),
    #[error("the keychain refused the request ({0})")]
    Failed(String),
}

/// A small secure store of named secrets.
pub trait SecretStore: Send + Sync + Debug {
    fn load(&self, key: &str) -> Result<Option<Zeroizing<String>>, SecretStoreError>;
    fn save(&self, key: &str, secret: &str) -> Result<(), SecretStoreError>;
    /// Removes the secret; removing one that is not there succeeds.
    fn delete(&self, key: &str) -> Result<(), SecretStoreError>;
}

/// Secrets in memory only, for tests.
#[derive(Debug, Default)]
pub struct MemorySecretStore {
    secrets: Mutex<HashMap<String, Zeroizing<String>>>,
}

impl MemorySecretStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Zeroizing<String>>> {
        self.secrets.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every key held, for assertions.
    pub fn keys(&self) -> Vec<String> {
        self.map().keys().cloned().collect()
    }
}

impl SecretStore for MemorySecretStore {
    fn load(&self, key: &str) -> Result<Option<Zeroizing<String>>, SecretStoreError> {
        Ok(self.map().get(key).cloned())
    }

    fn save(&self, key: &str, secret: &str) -> Result<(), SecretStoreError> {
        self.map().insert(key.to_owned(), Zeroizing::new(secret.to_owned()));
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        self.map().remove(key);
        Ok(())
    }
}

/// Which OS store a [`KeyringStore`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeychainBackend {
    /// The freedesktop Secret Service (GNOME Keyring, KWallet).
    SecretService,
    /// The Linux kernel keyring: survives until logout or reboot, for machines without a
    /// Secret Service.
    KernelKeyring,
    /// macOS Keychain or Windows Credential Manager.
    Platform,
}

/// The OS keychain through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    backend: KeychainBackend,
}

impl KeyringStore {
    /// The best store this computer has: on Linux the Secret Service when one answers, else the
    /// kernel keyring; elsewhere the platform keychain.
    pub fn system() -> Self {
        #[cfg(target_os = "linux")]
        {
            match Self::secret_service() {
                Ok(store) => store,
                Err(err) => {
                    tracing::info!(%err, "no Secret Service; keeping the refresh token in the kernel keyring");
                    Self { backend: KeychainBackend::KernelKeyring }
                }
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            Self { backend: KeychainBackend::Platform }
        }
    }

    /// The Secret Service, or an error saying why it cannot be used.
    #[cfg(target_os = "linux")]
    pub fn secret_service() -> Result<Self, SecretStoreError> {
        let store = Self { backend: KeychainBackend::SecretService };
        store.load("availability-probe").map(|_| store)
    }

    pub fn backend(&self) -> KeychainBackend {
        self.backend
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry, SecretStoreError> {
        let result = match self.backend {
            #[cfg(target_os = "linux")]
            KeychainBackend::SecretService => {
                keyring::secret_service::SsCredential::new_with_target(None, KEYCHAIN_SERVICE, key)
                    .map(|c| keyring::Entry::new_with_credential(Box::new(c)))
            }
            #[cfg(target_os = "linux")]
            KeychainBackend::KernelKeyring => {
                keyring::keyutils::KeyutilsCredential::new_with_target(None, KEYCHAIN_SERVICE, key)
                    .map(|c| keyring::Entry::new_with_credential(Box::new(c)))
            }
            _ => keyring::Entry::new(KEYCHAIN_SERVICE, key),
        };
        result.map_err(classify)
    }
}

fn classify(err: keyring::Error) -> SecretStoreError {
    match err {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            SecretStoreError::Unavailable(err.to_string())
        }
        other => SecretStoreError::Failed(other.to_string()),
    }
}

impl SecretStore for KeyringStore {
    fn load(&self, key: &str) -> Result<Option<Zeroizing<String>>, SecretStoreError> {
        match self.entry(key)?.get_password() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(classify(err)),
        }
    }

    fn save(&self, key: &str, secret: &str) -> Result<(), SecretStoreError> {
        self.entry(key)?.set_password(secret).map_err(classify)
    }

    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(classify(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trips_and_deletes() {
        let store = MemorySecretStore::new();
        assert!(store.load("k").unwrap().is_none());
        store.save("k", "refresh-123").unwrap();
        assert_eq!(store.load("k").unwrap().as_deref().map(String::as_str), Some("refresh-123"));
        store.delete("k").unwrap();
        store.delete("k").unwrap();
        assert!(store.load("k").unwrap().is_none());
    }
}
