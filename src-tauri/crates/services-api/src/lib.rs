//! The vision and story services as both sides see them. The app asks a [`Recognizer`] and a
//! [`StoryWriter`]; the on-device engine, the app's HTTP client and the `nocomelon-services`
//! server's backends all implement them, so the server can serve the on-device engine today and
//! a larger model later without the app changing. The wire types are defined once, here, for the
//! client and the server, and every answer passes [`checks`] before anything keeps it.

pub mod checks;
mod on_device;
mod provider;
pub mod wire;

pub use on_device::{OnDeviceRecognizer, OnDeviceStoryWriter};
pub use provider::{Cancel, ProviderError, Recognizer, StoryWriter};
