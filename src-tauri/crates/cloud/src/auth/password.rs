//! The account password rules, known to the app so the sign-up form can show them and check a
//! password before sending it.

use serde::Serialize;

/// The user pool's password policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_number: bool,
    pub require_symbol: bool,
}

/// The policy the NoComelon user pool is created with.
pub const APP_PASSWORD_POLICY: PasswordPolicy = PasswordPolicy {
    min_length: 8,
    require_uppercase: true,
    require_lowercase: true,
    require_number: true,
    require_symbol: false,
};

/// One rule a password can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordRule {
    MinLength,
    Uppercase,
    Lowercase,
    Number,
    Symbol,
}

impl PasswordPolicy {
    /// The rules `password` breaks; empty when it is acceptable.
    pub fn unmet(&self, password: &str) -> Vec<PasswordRule> {
        let mut unmet = Vec::new();
        if password.chars().count() < self.min_length {
            unmet.push(PasswordRule::MinLength);
        }
        if self.require_uppercase && !password.chars().any(|c| c.is_uppercase()) {
            unmet.push(PasswordRule::Uppercase);
        }
        if self.require_lowercase && !password.chars().any(|c| c.is_lowercase()) {
            unmet.push(PasswordRule::Lowercase);
        }
        if self.require_number && !password.chars().any(|c| c.is_ascii_digit()) {
            unmet.push(PasswordRule::Number);
        }
        if self.require_symbol && !password.chars().any(|c| c.is_ascii_punctuation() || c == ' ') {
            unmet.push(PasswordRule::Symbol);
        }
        unmet
    }

    /// The policy as one sentence for the sign-up form.
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("at least {} characters", self.min_length)];
        if self.require_uppercase {
            parts.push("an upper-case letter".into());
        }
        if self.require_lowercase {
            parts.push("a lower-case letter".into());
        }
        if self.require_number {
            parts.push("a number".into());
        }
        if self.require_symbol {
            parts.push("a symbol".into());
        }
        let last = parts.pop().unwrap_or_default();
        if parts.is_empty() {
            format!("Use {last}.")
        } else {
            format!("Use {} and {last}.", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_policy_checks_each_rule() {
        let policy = APP_PASSWORD_POLICY;
        assert!(policy.unmet("Dinosaur7").is_empty());
        assert_eq!(policy.unmet("Dino7"), vec![PasswordRule::MinLength]);
        assert_eq!(policy.unmet("dinosaur7"), vec![PasswordRule::Uppercase]);
        assert_eq!(policy.unmet("DINOSAUR7"), vec![PasswordRule::Lowercase]);
        assert_eq!(policy.unmet("Dinosaurs"), vec![PasswordRule::Number]);
    }

    #[test]
    fn the_policy_reads_as_a_sentence() {
        assert_eq!(
            APP_PASSWORD_POLICY.describe(),
            "Use at least 8 characters, an upper-case letter, a lower-case letter and a number."
        );
    }
}
