//! `nocomelon auth`: the family account from a terminal. Passwords and codes come from a prompt
//! (no echo for passwords) or from stdin lines when stdin is not a terminal; never from argv.

use std::io::{BufRead, IsTerminal, Write};

use cloud::{CloudSession, MfaKind, SignInStep};
use family::Family;
use serde::Serialize;
use tokio::runtime::Runtime;
use zeroize::Zeroizing;

use crate::args::AuthCommand;
use crate::output::{print_json, Failure};

impl From<cloud::CloudError> for Failure {
    fn from(error: cloud::CloudError) -> Self {
        Failure::new(error.code(), error.to_string())
    }
}

pub fn run(family: &Family, runtime: &Runtime, command: &AuthCommand) -> Result<(), Failure> {
    let session = family.session().map_err(|_| {
        Failure::new(
            "cloud_unavailable",
            "This computer has no family-account settings. Pass --config <file> or set NOCOMELON_CONFIG.",
        )
    })?;
    let session = session.as_ref();
    let mut answers = Answers::new();
    let result = runtime.block_on(async {
        match command {
            AuthCommand::SignIn { email } => sign_in(session, email, &mut answers).await,
            AuthCommand::SignUp { email } => sign_up(session, email, &mut answers).await,
            AuthCommand::Confirm { email, resend: true } => {
                let delivery = session.resend_code(email).await?;
                eprintln!("A new code was sent{}.", to(&delivery.destination));
                Ok(())
            }
            AuthCommand::Confirm { email, resend: false } => {
                let code = answers.code("Confirmation code from the email: ")?;
                session.confirm_sign_up(email, &code).await?;
                eprintln!("Your account is confirmed. Sign in with: nocomelon auth sign-in --email {email}");
                Ok(())
            }
            AuthCommand::Forgot { email } => {
                let delivery = session.forgot_password(email).await?;
                eprintln!("A reset code was sent{}.", to(&delivery.destination));
                reset_with_code(session, email, &mut answers).await.map(drop)
            }
            AuthCommand::SignOut { everywhere } => {
                // The data folder is detached from the account by the settling below.
                let report = session.sign_out(*everywhere).await;
                for problem in report.problems() {
                    eprintln!("{problem}");
                }
                let others_told = *everywhere && report.global_sign_out_failed.is_none();
                eprintln!(
                    "Signed out of this computer{}.",
                    if others_told { " and asked every other computer to sign out" } else { "" }
                );
                Ok(())
            }
            AuthCommand::Whoami { json } => whoami(session, *json).await,
        }
    });
    // Signing in attaches this data folder to the account; signing out detaches it.
    runtime.block_on(super::settle(family));
    result
}

async fn sign_in(session: &CloudSession, email: &str, answers: &mut Answers) -> Result<(), Failure> {
    let password = answers.secret("Password: ")?;
    let mut step = session.sign_in(email, &password).await?;
    loop {
        step = match step {
            SignInStep::SignedIn(user) => {
                let identity = match session.identity_id().await {
                    Ok(id) => Some(id),
                    Err(err) => {
                        tracing::warn!(
                            code = err.code(),
                            "signed in, but the identity id could not be fetched yet"
                        );
                        None
                    }
                };
                eprintln!(
                    "Signed in as {}{}.",
                    user.email,
                    identity.map(|id| format!(" (identity {id})")).unwrap_or_default()
                );
                return Ok(());
            }
            SignInStep::NewPasswordRequired { required_attributes } => {
                eprintln!("This account needs a new password. {}", policy_text(session));
                let new_password = answers.secret("New password: ")?;
                let mut attributes = Vec::new();
                for attribute in required_attributes {
                    let value = answers.line(&format!("Your {attribute}: "))?;
                    attributes.push((attribute, value.to_string()));
                }
                session.respond_new_password(&new_password, &attributes).await?
            }
            SignInStep::SoftwareTokenMfa => {
                let code = answers.code("Code from your authenticator app: ")?;
                session.respond_mfa_code(&code).await?
            }
            SignInStep::SmsMfa { destination } => {
                let code = answers.code(&format!("Code sent by text{}: ", to(&destination)))?;
                session.respond_mfa_code(&code).await?
            }
            SignInStep::SelectMfaType { options } => {
                let kind = [MfaKind::SoftwareToken, MfaKind::Sms]
                    .into_iter()
                    .find(|kind| options.contains(kind))
                    .ok_or(cloud::CloudError::UnsupportedChallenge("SELECT_MFA_TYPE".into()))?;
                session.respond_select_mfa(kind).await?
            }
            SignInStep::MfaSetup(setup) => {
                eprintln!("Add NoComelon to your authenticator app with this link or key:");
                eprintln!("  {}", setup.otpauth_uri);
                eprintln!("  key: {}", setup.secret_base32);
                let code = answers.code("Code from your authenticator app: ")?;
                session.respond_mfa_setup(&code, "NoComelon CLI").await?
            }
            SignInStep::ConfirmSignUp { email, destination } => {
                return Err(Failure::new(
                    "user_not_confirmed",
                    format!(
                        "This account isn't confirmed yet. A new code was sent{}; run: nocomelon auth confirm --email {email}",
                        to(&destination)
                    ),
                ));
            }
            SignInStep::ResetPassword { email, destination } => {
                eprintln!("This account's password must be reset. A code was sent{}.", to(&destination));
                let new_password = reset_with_code(session, &email, answers).await?;
                session.sign_in(&email, &new_password).await?
            }
        };
    }
}

async fn sign_up(session: &CloudSession, email: &str, answers: &mut Answers) -> Result<(), Failure> {
    eprintln!("{}", policy_text(session));
    let password = answers.secret("Choose a password: ")?;
    let result = session.sign_up(email, &password).await?;
    if result.confirmed {
        eprintln!("Your account is ready. Sign in with: nocomelon auth sign-in --email {email}");
    } else {
        let destination = result.delivery.and_then(|d| d.destination);
        eprintln!(
            "A confirmation code was sent{}. Run: nocomelon auth confirm --email {email}",
            to(&destination)
        );
    }
    Ok(())
}

/// Asks for the emailed code and a new password and sets it; returns the new password.
async fn reset_with_code(
    session: &CloudSession,
    email: &str,
    answers: &mut Answers,
) -> Result<Zeroizing<String>, Failure> {
    let code = answers.code("Reset code from the email: ")?;
    eprintln!("{}", policy_text(session));
    let new_password = answers.secret("New password: ")?;
    session.confirm_forgot_password(email, &code, &new_password).await?;
    eprintln!("Your password is changed.");
    Ok(new_password)
}

#[derive(Serialize)]
struct WhoAmI<'a> {
    email: &'a str,
    sub: &'a str,
    identity_id: Option<&'a str>,
}

async fn whoami(session: &CloudSession, json: bool) -> Result<(), Failure> {
    let user = session
        .whoami()
        .await
        .ok_or_else(|| Failure::new("not_signed_in", "Nobody is signed in on this computer."))?;
    if json {
        print_json(&WhoAmI { email: &user.email, sub: &user.sub, identity_id: user.identity_id.as_deref() });
    } else {
        println!("email:    {}", user.email);
        println!("sub:      {}", user.sub);
        println!("identity: {}", user.identity_id.as_deref().unwrap_or("(not fetched yet)"));
    }
    Ok(())
}

fn policy_text(session: &CloudSession) -> String {
    let policy = session.password_policy();
    let mut rules = vec![format!("at least {} characters", policy.min_length)];
    if policy.require_uppercase {
        rules.push("a capital letter".into());
    }
    if policy.require_lowercase {
        rules.push("a small letter".into());
    }
    if policy.require_number {
        rules.push("a number".into());
    }
    if policy.require_symbol {
        rules.push("a symbol".into());
    }
    format!("Passwords need {}.", rules.join(", "))
}

fn to(destination: &Option<String>) -> String {
    destination.as_ref().map(|d| format!(" to {d}")).unwrap_or_default()
}

/// Where answers come from: prompts on a terminal, else one line of stdin each.
struct Answers {
    terminal: bool,
    stdin: std::io::StdinLock<'static>,
}

impl Answers {
    fn new() -> Self {
        Self { terminal: std::io::stdin().is_terminal(), stdin: std::io::stdin().lock() }
    }

    fn secret(&mut self, prompt: &str) -> Result<Zeroizing<String>, Failure> {
        if self.terminal {
            return rpassword::prompt_password(prompt)
                .map(Zeroizing::new)
                .map_err(|e| Failure::new("input", format!("The password couldn't be read: {e}.")));
        }
        self.line(prompt)
    }

    fn code(&mut self, prompt: &str) -> Result<Zeroizing<String>, Failure> {
        let code = self.line(prompt)?;
        Ok(Zeroizing::new(code.split_whitespace().collect()))
    }

    fn line(&mut self, prompt: &str) -> Result<Zeroizing<String>, Failure> {
        if self.terminal {
            eprint!("{prompt}");
            let _ = std::io::stderr().flush();
        }
        let mut line = Zeroizing::new(String::new());
        let read = self
            .stdin
            .read_line(&mut line)
            .map_err(|e| Failure::new("input", format!("Input couldn't be read: {e}.")))?;
        if read == 0 {
            return Err(Failure::new(
                "input",
                format!("No answer was given for “{}”.", prompt.trim().trim_end_matches(':')),
            ));
        }
        Ok(Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_string()))
    }
}
