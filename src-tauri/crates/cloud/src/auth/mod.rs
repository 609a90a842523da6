//! Cognito user-pool sign-in: the API seam, the state machine and the pieces it shows the parent.

pub mod api;
pub mod claims;
pub mod flow;
pub mod password;
pub mod totp;
