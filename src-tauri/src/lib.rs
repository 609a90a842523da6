//! The desktop shell: the window, its plugins and the IPC commands over the core.

/// Public, like `webview_memory`, for the blank window `make memory` compares the app with.
pub mod allocator;
mod clipboard;
mod commands;
mod error;
mod logs;
mod opened_files;
mod pickers;
mod state;
/// Public for the blank window `make memory` compares the app with, which can take them too.
pub mod webview_memory;
mod window_state;

use std::sync::Arc;

use family::Family;
use nocomelon_core::DataDir;
use tauri::Manager;

pub use error::AppError;

/// Every command the window may call; the TypeScript bindings are generated from this list.
pub fn ipc() -> tauri_specta::Builder<tauri::Wry> {
    use commands::{account, app, engine, library, runs};
    tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        app::app_info,
        app::ingest_paths,
        app::pick_drawings,
        app::take_opened_files,
        app::open_logs_folder,
        app::ingest_clipboard,
        app::list_runs,
        runs::get_run,
        runs::delete_run,
        runs::go_to_stage,
        runs::save_analysis,
        runs::save_customization,
        runs::save_script,
        engine::analyze_drawing,
        engine::set_figure_crop,
        engine::recognize_with,
        engine::cancel_request,
        engine::draft_story,
        engine::render_video,
        engine::cancel_render,
        engine::voice_offers,
        engine::preview_voice,
        library::save_to_library,
        library::library_list,
        library::library_rename,
        library::library_delete,
        library::library_export,
        account::account_status,
        account::sign_in,
        account::complete_new_password,
        account::submit_mfa_code,
        account::select_mfa_type,
        account::verify_totp_setup,
        account::sign_up,
        account::confirm_sign_up,
        account::resend_sign_up_code,
        account::forgot_password,
        account::confirm_forgot_password,
        account::sign_out,
        account::sync_status,
        account::sync_now,
        account::pause_sync,
        account::resume_sync,
        account::cancel_upload,
        account::delete_account,
    ])
}

/// The TypeScript the bindings file must contain.
pub fn typescript_bindings() -> Result<String, String> {
    let exporter = specta_typescript::Typescript::default()
        .header("// Generated from the Rust commands by `make bindings`; do not edit.\n// @ts-nocheck")
        .bigint(specta_typescript::BigIntExportBehavior::Fail);
    static EXPORTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let export = EXPORTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("nocomelon-bindings-{}-{export}.ts", std::process::id()));
    ipc().export(exporter, &path).map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&path);
    // The exporter also declares a placeholder type with the same name as the imported
    // `Channel` alias; the import is the real one.
    Ok(text
        .lines()
        .filter(|line| !line.starts_with("export type TAURI_CHANNEL<"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n")
}

pub fn run() {
    // Both change the environment, so they come first, before any thread is started.
    allocator::return_freed_memory();
    webview_memory::before_start();
    let logs = diagnostics::log_folder(nocomelon_core::paths::APP_IDENTIFIER);
    diagnostics::init_logging(logs.as_deref());
    if let Some(logs) = &logs {
        diagnostics::install_crash_reports(logs, env!("CARGO_PKG_VERSION"));
    }
    let ipc = ipc();
    let result = tauri::Builder::default()
        // Must be first: a second launch hands over to the running app and exits.
        .plugin(tauri_plugin_single_instance::init(opened_files::second_launch))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .manage(opened_files::OpenedFiles::from_launch())
        .invoke_handler(ipc.invoke_handler())
        .setup(move |app| {
            ipc.mount_events(app);
            webview_memory::apply(app.handle());
            window_state::save_on_change(app.handle());
            let data = DataDir::resolve(None)?;
            app.asset_protocol_scope().allow_directory(data.media_dir(), true)?;
            let media_origin = match media_server::MediaServer::start(&data.media_dir()) {
                Ok(server) => Some(server.origin().to_string()),
                Err(error) => {
                    tracing::warn!(%error, "the media server could not start; videos use the asset protocol");
                    None
                }
            };
            let family = Arc::new(Family::open(data, cloud::CloudConfig::locate(None))?);
            let settling = Arc::clone(&family);
            tauri::async_runtime::spawn(async move {
                if let Err(error) = settling.settle_account().await {
                    tracing::warn!(code = error.code(), "the account could not be settled at start-up");
                }
            });
            family.start_background_sync(tauri::async_runtime::spawn);
            app.manage(state::AppState {
                family,
                media_origin,
                log_folder: logs,
                window_ready: Default::default(),
            });
            Ok(())
        })
        .run(tauri::generate_context!("tauri.conf.json"));
    if let Err(error) = result {
        tracing::error!(%error, "the app could not start");
        eprintln!("NoComelon could not start: {error}");
        std::process::exit(1);
    }
}
