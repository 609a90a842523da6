//! Family accounts: sign-in and its steps, sign-up, password reset, sign-out, syncing with the
//! family's cloud, and deleting the account.

use std::collections::HashMap;

use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use family::account::{self, AccountStatus, CodeDelivery, MfaKind, SignInStep, SignOutReport};
use family::{AccountDeletion, DeletionReport, SyncStatus};

#[tauri::command]
#[specta::specta]
pub async fn account_status(state: State<'_, AppState>) -> Result<AccountStatus, AppError> {
    Ok(state.family.status().await)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    state: State<'_, AppState>,
    email: String,
    password: String,
) -> Result<SignInStep, AppError> {
    let session = state.family.session()?;
    let step = session.sign_in(&email, &password).await?;
    Ok(state.family.next_step(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn complete_new_password(
    state: State<'_, AppState>,
    new_password: String,
    attributes: HashMap<String, String>,
) -> Result<SignInStep, AppError> {
    let session = state.family.session()?;
    let attributes: Vec<(String, String)> = attributes.into_iter().collect();
    let step = session.respond_new_password(&new_password, &attributes).await?;
    Ok(state.family.next_step(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn submit_mfa_code(state: State<'_, AppState>, code: String) -> Result<SignInStep, AppError> {
    let session = state.family.session()?;
    let step = session.respond_mfa_code(&code).await?;
    Ok(state.family.next_step(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn select_mfa_type(state: State<'_, AppState>, kind: MfaKind) -> Result<SignInStep, AppError> {
    let session = state.family.session()?;
    let step = session.respond_select_mfa(kind.into()).await?;
    Ok(state.family.next_step(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn verify_totp_setup(state: State<'_, AppState>, code: String) -> Result<SignInStep, AppError> {
    let session = state.family.session()?;
    let step = session.respond_mfa_setup(&code, "NoComelon Desktop").await?;
    Ok(state.family.next_step(&session, step).await)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_up(
    state: State<'_, AppState>,
    email: String,
    password: String,
) -> Result<CodeDelivery, AppError> {
    let result = state.family.session()?.sign_up(&email, &password).await?;
    Ok(account::delivery(result.delivery))
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_sign_up(
    state: State<'_, AppState>,
    email: String,
    code: String,
) -> Result<(), AppError> {
    Ok(state.family.session()?.confirm_sign_up(&email, &code).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn resend_sign_up_code(
    state: State<'_, AppState>,
    email: String,
) -> Result<CodeDelivery, AppError> {
    Ok(account::delivery(Some(state.family.session()?.resend_code(&email).await?)))
}

#[tauri::command]
#[specta::specta]
pub async fn forgot_password(state: State<'_, AppState>, email: String) -> Result<CodeDelivery, AppError> {
    Ok(account::delivery(Some(state.family.session()?.forgot_password(&email).await?)))
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_forgot_password(
    state: State<'_, AppState>,
    email: String,
    code: String,
    new_password: String,
) -> Result<(), AppError> {
    Ok(state.family.session()?.confirm_forgot_password(&email, &code, &new_password).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_out(state: State<'_, AppState>, everywhere: bool) -> Result<SignOutReport, AppError> {
    Ok(state.family.sign_out(everywhere).await?)
}

/// Where syncing stands; nothing when this computer is not signed in.
#[tauri::command]
#[specta::specta]
pub async fn sync_status(state: State<'_, AppState>) -> Result<Option<SyncStatus>, AppError> {
    let Ok(sync) = state.family.sync() else { return Ok(None) };
    Ok(sync.status().await.ok())
}

/// Sends what waits (set-aside changes too) and brings the cloud's library here.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(state: State<'_, AppState>) -> Result<SyncStatus, AppError> {
    let sync = state.family.sync()?;
    sync.sync_now().await?;
    Ok(sync.status().await?)
}

/// Stops sending after the file parts in flight; the upload resumes where it stopped.
#[tauri::command]
#[specta::specta]
pub async fn pause_sync(state: State<'_, AppState>) -> Result<SyncStatus, AppError> {
    let sync = state.family.sync()?;
    sync.pause();
    Ok(sync.status().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn resume_sync(state: State<'_, AppState>) -> Result<SyncStatus, AppError> {
    let sync = state.family.sync()?;
    sync.resume();
    Ok(sync.status().await?)
}

/// Cancels the file being sent (the cloud drops its parts); "Sync now" sends it again from the start.
#[tauri::command]
#[specta::specta]
pub async fn cancel_upload(state: State<'_, AppState>) -> Result<SyncStatus, AppError> {
    let sync = state.family.sync()?;
    sync.cancel_upload();
    Ok(sync.status().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_account(
    state: State<'_, AppState>,
    typed_email: String,
    keep_drafts: bool,
) -> Result<DeletionReport, AppError> {
    Ok(state.family.delete_account(&AccountDeletion { typed_email, keep_drafts }).await?)
}
