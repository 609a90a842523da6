//! Family accounts: sign-in and its steps, sign-up, password reset, sign-out.

use std::collections::HashMap;

use tauri::State;

use crate::account::{self, AccountStatus, CodeDelivery, MfaKind, SignInStep, SignOutReport};
use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn account_status(state: State<'_, AppState>) -> Result<AccountStatus, AppError> {
    Ok(account::status(&state.cloud).await)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    state: State<'_, AppState>,
    email: String,
    password: String,
) -> Result<SignInStep, AppError> {
    let session = state.cloud.session()?;
    let step = session.sign_in(&email, &password).await?;
    Ok(account::next(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn complete_new_password(
    state: State<'_, AppState>,
    new_password: String,
    attributes: HashMap<String, String>,
) -> Result<SignInStep, AppError> {
    let session = state.cloud.session()?;
    let attributes: Vec<(String, String)> = attributes.into_iter().collect();
    let step = session.respond_new_password(&new_password, &attributes).await?;
    Ok(account::next(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn submit_mfa_code(state: State<'_, AppState>, code: String) -> Result<SignInStep, AppError> {
    let session = state.cloud.session()?;
    let step = session.respond_mfa_code(&code).await?;
    Ok(account::next(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn select_mfa_type(state: State<'_, AppState>, kind: MfaKind) -> Result<SignInStep, AppError> {
    let session = state.cloud.session()?;
    let step = session.respond_select_mfa(kind.into()).await?;
    Ok(account::next(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn verify_totp_setup(state: State<'_, AppState>, code: String) -> Result<SignInStep, AppError> {
    let session = state.cloud.session()?;
    let step = session.respond_mfa_setup(&code, "NoComelon Desktop").await?;
    Ok(account::next(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_up(
    state: State<'_, AppState>,
    email: String,
    password: String,
) -> Result<CodeDelivery, AppError> {
    let result = state.cloud.session()?.sign_up(&email, &password).await?;
    Ok(account::delivery(result.delivery))
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_sign_up(
    state: State<'_, AppState>,
    email: String,
    code: String,
) -> Result<(), AppError> {
    Ok(state.cloud.session()?.confirm_sign_up(&email, &code).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn resend_sign_up_code(
    state: State<'_, AppState>,
    email: String,
) -> Result<CodeDelivery, AppError> {
    Ok(account::delivery(Some(state.cloud.session()?.resend_code(&email).await?)))
}

#[tauri::command]
#[specta::specta]
pub async fn forgot_password(state: State<'_, AppState>, email: String) -> Result<CodeDelivery, AppError> {
    Ok(account::delivery(Some(state.cloud.session()?.forgot_password(&email).await?)))
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_forgot_password(
    state: State<'_, AppState>,
    email: String,
    code: String,
    new_password: String,
) -> Result<(), AppError> {
    Ok(state.cloud.session()?.confirm_forgot_password(&email, &code, &new_password).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_out(state: State<'_, AppState>, everywhere: bool) -> Result<SignOutReport, AppError> {
    Ok(account::sign_out_report(state.cloud.session()?.sign_out(everywhere).await))
}
