//! Where the refresh token lives: the OS keychain, behind a trait so the sign-in logic can be
//! tested with an in-memory store. Nothing else secret is ever stored.

use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
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

/// A small secure store of named secrets, kept in one of the OS keychains ([`KeychainBackend`]).
///
/// Every call names the backend, because a secret must be read back from the keychain it was
/// saved in: which keychain answers can change between launches (on Linux the Secret Service may
/// not be up yet when the app starts), and asking another one would wrongly find nothing.
pub trait SecretStore: Send + Sync + Debug {
    /// The keychain a secret saved now should go to. May ask the OS which keychains answer.
    fn preferred_backend(&self) -> KeychainBackend;
    /// The secret, `Ok(None)` only when `backend` answered that it holds no such entry.
    fn load(
        &self,
        backend: KeychainBackend,
        key: &str,
    ) -> Result<Option<Zeroizing<String>>, SecretStoreError>;
    fn save(&self, backend: KeychainBackend, key: &str, secret: &str) -> Result<(), SecretStoreError>;
    /// Removes the secret; removing one that is not there succeeds.
    fn delete(&self, backend: KeychainBackend, key: &str) -> Result<(), SecretStoreError>;
}

/// Which OS keychain holds a secret. Recorded with the session so a restart asks the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeychainBackend {
    /// The freedesktop Secret Service (GNOME Keyring, KWallet).
    SecretService,
    /// The Linux kernel keyring: survives until logout or reboot, for machines without a
    /// Secret Service.
    KernelKeyring,
    /// macOS Keychain or Windows Credential Manager.
    Platform,
}

impl Default for KeychainBackend {
    /// The keychain this platform normally uses, which is also where sessions saved before the
    /// backend was recorded keep their token.
    fn default() -> Self {
        if cfg!(target_os = "linux") {
            KeychainBackend::SecretService
        } else {
            KeychainBackend::Platform
        }
    }
}

/// Secrets in memory only, for tests. Each backend is a separate shelf, and which one answers
/// for new secrets can be changed, as the OS's can between launches.
#[derive(Debug, Default)]
pub struct MemorySecretStore {
    preferred: Mutex<KeychainBackend>,
    secrets: Mutex<HashMap<(KeychainBackend, String), Zeroizing<String>>>,
}

impl MemorySecretStore {
    /// A store that saves to this platform's usual keychain.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that saves new secrets as if `backend` were the keychain that answers.
    pub fn preferring(backend: KeychainBackend) -> Self {
        Self { preferred: Mutex::new(backend), secrets: Mutex::default() }
    }

    /// From now on new secrets go to `backend`.
    pub fn prefer(&self, backend: KeychainBackend) {
        *self.preferred.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = backend;
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<(KeychainBackend, String), Zeroizing<String>>> {
        self.secrets.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every key held, in any backend, for assertions.
    pub fn keys(&self) -> Vec<String> {
        self.map().keys().map(|(_, key)| key.clone()).collect()
    }
}

impl SecretStore for MemorySecretStore {
    fn preferred_backend(&self) -> KeychainBackend {
        *self.preferred.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn load(
        &self,
        backend: KeychainBackend,
        key: &str,
    ) -> Result<Option<Zeroizing<String>>, SecretStoreError> {
        Ok(self.map().get(&(backend, key.to_owned())).cloned())
    }

    fn save(&self, backend: KeychainBackend, key: &str, secret: &str) -> Result<(), SecretStoreError> {
        self.map().insert((backend, key.to_owned()), Zeroizing::new(secret.to_owned()));
        Ok(())
    }

    fn delete(&self, backend: KeychainBackend, key: &str) -> Result<(), SecretStoreError> {
        self.map().remove(&(backend, key.to_owned()));
        Ok(())
    }
}

/// Which keychain a [`KeyringStore`] saves new secrets to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preference {
    Fixed(KeychainBackend),
    /// Decided at each save: on Linux the Secret Service when it answers, else the kernel keyring.
    BestAvailable,
}

/// The OS keychains through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    preference: Preference,
}

impl KeyringStore {
    /// The best store this computer has each time a secret is saved: on Linux the Secret Service
    /// when one answers, else the kernel keyring; elsewhere the platform keychain. Secrets are
    /// read back from whichever backend the caller says saved them.
    pub fn system() -> Self {
        if cfg!(target_os = "linux") {
            Self { preference: Preference::BestAvailable }
        } else {
            Self { preference: Preference::Fixed(KeychainBackend::Platform) }
        }
    }

    /// A store that saves to `backend`, without checking that it answers.
    pub fn saving_to(backend: KeychainBackend) -> Self {
        Self { preference: Preference::Fixed(backend) }
    }

    /// The Secret Service, or an error saying why it cannot be used right now.
    #[cfg(target_os = "linux")]
    pub fn secret_service() -> Result<Self, SecretStoreError> {
        Self::probe_secret_service()?;
        Ok(Self::saving_to(KeychainBackend::SecretService))
    }

    #[cfg(target_os = "linux")]
    fn probe_secret_service() -> Result<(), SecretStoreError> {
        let probe = Self::saving_to(KeychainBackend::SecretService);
        probe.load(KeychainBackend::SecretService, "availability-probe").map(|_| ())
    }

    fn entry(backend: KeychainBackend, key: &str) -> Result<keyring::Entry, SecretStoreError> {
        let result = match backend {
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
    fn preferred_backend(&self) -> KeychainBackend {
        match self.preference {
            Preference::Fixed(backend) => backend,
            #[cfg(target_os = "linux")]
            Preference::BestAvailable => match Self::probe_secret_service() {
                Ok(()) => KeychainBackend::SecretService,
                Err(err) => {
                    tracing::info!(%err, "no Secret Service; keeping the refresh token in the kernel keyring");
                    KeychainBackend::KernelKeyring
                }
            },
            #[cfg(not(target_os = "linux"))]
            Preference::BestAvailable => KeychainBackend::Platform,
        }
    }

    fn load(
        &self,
        backend: KeychainBackend,
        key: &str,
    ) -> Result<Option<Zeroizing<String>>, SecretStoreError> {
        match Self::entry(backend, key)?.get_password() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(classify(err)),
        }
    }

    fn save(&self, backend: KeychainBackend, key: &str, secret: &str) -> Result<(), SecretStoreError> {
        Self::entry(backend, key)?.set_password(secret).map_err(classify)
    }

    fn delete(&self, backend: KeychainBackend, key: &str) -> Result<(), SecretStoreError> {
        match Self::entry(backend, key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(classify(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SS: KeychainBackend = KeychainBackend::SecretService;
    const KERNEL: KeychainBackend = KeychainBackend::KernelKeyring;

    #[test]
    fn memory_store_round_trips_and_deletes() {
        let store = MemorySecretStore::new();
        assert!(store.load(SS, "k").unwrap().is_none());
        store.save(SS, "k", "refresh-123").unwrap();
        assert_eq!(store.load(SS, "k").unwrap().as_deref().map(String::as_str), Some("refresh-123"));
        store.delete(SS, "k").unwrap();
        store.delete(SS, "k").unwrap();
        assert!(store.load(SS, "k").unwrap().is_none());
    }

    #[test]
    fn a_secret_is_found_only_in_the_keychain_it_was_saved_in() {
        let store = MemorySecretStore::preferring(KERNEL);
        assert_eq!(store.preferred_backend(), KERNEL);
        store.save(KERNEL, "k", "refresh-123").unwrap();
        assert!(store.load(SS, "k").unwrap().is_none());
        assert_eq!(store.load(KERNEL, "k").unwrap().as_deref().map(String::as_str), Some("refresh-123"));
    }

    #[test]
    fn backends_are_recorded_by_stable_names() {
        let names: Vec<String> = [SS, KERNEL, KeychainBackend::Platform]
            .iter()
            .map(|backend| serde_json::to_string(backend).unwrap())
            .collect();
        assert_eq!(names, ["\"secret-service\"", "\"kernel-keyring\"", "\"platform\""]);
    }
}
