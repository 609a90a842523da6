//! Which engine answered a Recognize or Script request, so the window can say it and offer the
//! other: the parent should know whether the words came from this computer or the family's
//! service, and why the app fell back when it did.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// The engine built into the app.
    #[default]
    OnDevice,
    /// The family's vision and story service.
    Service,
}

/// Who answered, and why it was not the one asked first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
pub struct Answered {
    pub engine: Engine,
    /// Set when the service was asked and this computer answered instead: what went wrong, in
    /// words for the parent.
    pub fallback_reason: Option<String>,
    /// Whether the other engine can be asked now (the service needs an account and a
    /// `services_url`).
    pub other_available: bool,
}
