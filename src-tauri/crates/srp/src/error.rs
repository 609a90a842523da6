//! One error type for everything a sign-in server (or a caller) can get wrong, with a
//! sentence a parent can read and a stable code for the UI.

/// Why the SRP math refused to go on. Nothing here ever carries a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SrpError {
    /// The user pool id is not `<region>_<name>`.
    #[error(
        "The app's sign-in settings are damaged (the user pool id is not valid), so sign-in cannot start."
    )]
    InvalidUserPoolId,
    /// SALT, SRP_B (or, on the server side, SRP_A or a verifier) is empty or not hexadecimal.
    #[error("The sign-in server sent a {field} that could not be read, so sign-in was stopped.")]
    InvalidHex {
        /// The challenge parameter, e.g. "SRP_B".
        field: &'static str,
    },
    /// A number is larger than the protocol allows.
    #[error("The sign-in server sent a {field} that is too large, so sign-in was stopped.")]
    ValueTooLarge {
        /// The challenge parameter, e.g. "SALT".
        field: &'static str,
    },
    /// SECRET_BLOCK is not base64.
    #[error("The sign-in server sent a secret block that could not be read, so sign-in was stopped.")]
    InvalidSecretBlock,
    /// SRP_B (or SRP_A on the server side) is a multiple of N: answering would leak the password.
    #[error("The sign-in server sent an unsafe {field}, so sign-in was stopped to protect the password.")]
    UnsafeServerValue {
        /// The challenge parameter, e.g. "SRP_B".
        field: &'static str,
    },
    /// u = H(pad(A) || pad(B)) is zero.
    #[error("The sign-in exchange produced an unsafe value, so sign-in was stopped. Please try again.")]
    ZeroScrambler,
    /// The secret exponent is empty, zero, longer than 128 bytes, or gives A mod N == 0.
    #[error("The sign-in secret could not be used, so sign-in was stopped. Please try again.")]
    InvalidSecret,
    /// The operating system's random number source failed.
    #[error("This computer's secure random number source is not available, so sign-in cannot start.")]
    RandomUnavailable,
    /// TIMESTAMP is not `EEE MMM d HH:mm:ss UTC yyyy` (server side).
    #[error("The sign-in time stamp is not in the expected form.")]
    InvalidTimestamp,
}

impl SrpError {
    /// Stable machine code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidUserPoolId => "srp_invalid_user_pool_id",
            Self::InvalidHex { .. } => "srp_invalid_hex",
            Self::ValueTooLarge { .. } => "srp_value_too_large",
            Self::InvalidSecretBlock => "srp_invalid_secret_block",
            Self::UnsafeServerValue { .. } => "srp_unsafe_server_value",
            Self::ZeroScrambler => "srp_zero_scrambler",
            Self::InvalidSecret => "srp_invalid_secret",
            Self::RandomUnavailable => "srp_random_unavailable",
            Self::InvalidTimestamp => "srp_invalid_timestamp",
        }
    }
}
