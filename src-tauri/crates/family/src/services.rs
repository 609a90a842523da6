//! The family's vision and story services for the core: a client over the signed-in session,
//! handed to the core while a parent is signed in and the cloud settings name a `services_url`,
//! taken back at sign-out. Signed out (or no service), the core answers on this computer and no
//! call is made.

use std::sync::Arc;

use cloud::{CloudError, CloudSession};
use nocomelon_core::providers::Service;
use services_api::ProviderError;
use services_client::{RetryPolicy, ServiceClient, TokenFuture, TokenSource};

/// The session's access tokens, renewed through its refresh token when the service refuses one.
struct SessionTokens(Arc<CloudSession>);

impl TokenSource for SessionTokens {
    fn access_token(&self, renewed: bool) -> TokenFuture<'_> {
        Box::pin(async move {
            if renewed {
                self.0.refresh().await.map_err(no_token)?;
            }
            self.0.access_token().await.map_err(no_token)
        })
    }
}

/// Why there is no token, as the service client tells it: a network that is down is not a
/// sign-in problem (and is tried again); anything else asks the parent to sign in again.
fn no_token(error: CloudError) -> ProviderError {
    if error.is_network() {
        ProviderError::Unreachable("no connection".into())
    } else {
        ProviderError::Unauthorized
    }
}

/// The service for `session`, or `None` when its settings name none.
pub(crate) fn service_for(session: &Arc<CloudSession>) -> Option<Service> {
    service_with(session, RetryPolicy::default())
}

/// Like the service a signed-in family gets, with other timeouts and attempts (tests, and
/// front ends that want a shorter wait).
pub fn service_with(session: &Arc<CloudSession>, policy: RetryPolicy) -> Option<Service> {
    let url = session.config().services_url.trim();
    if url.is_empty() {
        return None;
    }
    let runtime = tokio::runtime::Handle::try_current().ok()?;
    let tokens = Arc::new(SessionTokens(Arc::clone(session)));
    match ServiceClient::new(url, tokens, runtime, policy) {
        Ok(client) => {
            let client = Arc::new(client);
            Some(Service { recognizer: client.clone(), story_writer: client })
        }
        Err(error) => {
            tracing::warn!(%error, "the services address in the cloud settings can't be used; answering on this computer");
            None
        }
    }
}
