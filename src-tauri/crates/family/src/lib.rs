//! One place, free of any UI, that joins this computer's core and the family's cloud: the
//! desktop shell and the CLI both hold a [`Family`], so signing in attaches the data folder to the
//! account, changes flow to the cloud through the sync engine, and deleting the account clears
//! both sides the same way whichever front end asked. `core` never learns about `cloud`.

pub mod account;
mod deletion;
mod error;
pub mod keys;
mod services;
pub mod sync;

use std::future::Future;
use std::sync::Arc;

use cloud::{CloudConfig, CloudSession, ConfigError};
use nocomelon_core::{Core, CoreError, DataDir};

pub use account::{Cloud, CloudUnavailable};
pub use deletion::{AccountDeletion, DeletionReport};
pub use error::SyncError;
pub use services::service_with;
pub use sync::{DrainReport, ReconcileReport, SyncEngine, SyncStatus};

pub struct Family {
    core: Arc<Core>,
    cloud: Cloud,
    sync: Option<Arc<SyncEngine>>,
}

impl Family {
    /// Opens the data folder and, when this computer has cloud settings, the family's session
    /// (restored from the keychain without a network call) and its sync engine.
    pub fn open(data: DataDir, located: Result<Option<CloudConfig>, ConfigError>) -> Result<Self, CoreError> {
        let core = Arc::new(Core::open(data)?);
        let cloud = Cloud::from_located(located, core.data_dir().root());
        Ok(Self::assemble(core, cloud))
    }

    /// A family over an open core and a session built elsewhere (tests, other keychains).
    pub fn with_session(core: Arc<Core>, session: Arc<CloudSession>) -> Self {
        Self::assemble(core, Cloud::Ready(session))
    }

    fn assemble(core: Arc<Core>, cloud: Cloud) -> Self {
        let sync = match &cloud {
            Cloud::Ready(session) => Some(SyncEngine::new(Arc::clone(&core), Arc::clone(session))),
            Cloud::Unavailable(_) => None,
        };
        Self { core, cloud, sync }
    }

    pub fn core(&self) -> &Arc<Core> {
        &self.core
    }

    pub fn cloud(&self) -> &Cloud {
        &self.cloud
    }

    pub fn session(&self) -> Result<Arc<CloudSession>, CloudUnavailable> {
        self.cloud.session()
    }

    pub fn sync(&self) -> Result<&Arc<SyncEngine>, CloudUnavailable> {
        match (&self.sync, &self.cloud) {
            (Some(sync), _) => Ok(sync),
            (None, cloud) => Err(cloud.session().err().unwrap_or(CloudUnavailable { reason: String::new() })),
        }
    }

    pub async fn status(&self) -> account::AccountStatus {
        account::status(&self.cloud).await
    }

    /// Brings the data folder in line with the session: attached to the signed-in parent's
    /// account, or to none. Called at start-up (a session restored from the keychain) and after
    /// every sign-in step and sign-out. Also finishes an account deletion a kill interrupted.
    pub async fn settle_account(&self) -> Result<(), SyncError> {
        deletion::finish_interrupted(self).await?;
        let owner = match &self.cloud {
            Cloud::Ready(session) => session.whoami().await.map(|user| user.sub),
            Cloud::Unavailable(_) => None,
        };
        if self.core.store().cloud_owner()? != owner {
            self.core.store().set_cloud_owner(owner.as_deref())?;
        }
        let service = match (&self.cloud, &owner) {
            (Cloud::Ready(session), Some(_)) => services::service_for(session),
            _ => None,
        };
        self.core.use_service(service);
        if let Some(sync) = &self.sync {
            sync.nudge();
        }
        Ok(())
    }

    /// A sign-in step in the window's shape; a finished sign-in attaches the data folder.
    pub async fn next_step(&self, session: &CloudSession, step: cloud::SignInStep) -> account::SignInStep {
        let step = account::next(session, step).await;
        if matches!(step, account::SignInStep::SignedIn { .. }) {
            if let Err(error) = self.settle_account().await {
                tracing::warn!(code = error.code(), "the data folder could not be attached to the account");
            }
        }
        step
    }

    /// Signs out and detaches the data folder (changes made from now on stay on this computer;
    /// changes still waiting go when this parent signs in again).
    pub async fn sign_out(&self, everywhere: bool) -> Result<account::SignOutReport, CloudUnavailable> {
        let session = self.session()?;
        if let Some(sync) = &self.sync {
            sync.pause();
        }
        self.core.use_service(None);
        let report = account::sign_out_report(session.sign_out(everywhere).await);
        if let Err(error) = self.core.store().set_cloud_owner(None) {
            tracing::warn!(%error, "the data folder could not be detached from the account");
        }
        if let Some(sync) = &self.sync {
            sync.resume();
        }
        Ok(report)
    }

    /// Starts the sync engine's loop on the caller's runtime (`spawn`), when signed-in use is
    /// possible at all.
    pub fn start_background_sync<S, F>(&self, spawn: S)
    where
        S: FnOnce(std::pin::Pin<Box<dyn Future<Output = ()> + Send>>) -> F,
    {
        if let Some(sync) = &self.sync {
            let _ = spawn(Box::pin(Arc::clone(sync).run_in_background()));
        }
    }
}
