//! How the app reaches the family's vision and story services: one [`ServiceClient`] per
//! signed-in session, implementing the same [`Recognizer`](services_api::Recognizer) and
//! [`StoryWriter`](services_api::StoryWriter) seams as the on-device engine so the core can fall
//! back from one to the other. It knows nothing of Cognito: a [`TokenSource`] hands it access
//! tokens.

mod client;
mod retry;
mod sending;

pub use client::{ServiceClient, TokenFuture, TokenSource};
pub use retry::RetryPolicy;
