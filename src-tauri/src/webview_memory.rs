//! WebKitGTK's memory settings for the app's window. WebKit's defaults suit a browser, with many
//! pages, a history to go back through and resources worth keeping for the next site; this
//! window shows one page of the app's own, whose files are on this computer. Measured with
//! `make memory`.

use tauri::Manager;

/// Set before the window opens, for WebKit's web process to start with. Only WebKitGTK reads it.
///
/// The page is painted by the processor instead of through OpenGL, with the window still
/// composited on the graphics card: the app's page is plain text, buttons and one video, and
/// painting it through OpenGL keeps caches of glyphs, paths and textures that cost the web process
/// some 30 MiB at idle (all of it in system memory where OpenGL is done in software).
///
/// Turning WebKit's compositor off altogether (`WEBKIT_DISABLE_COMPOSITING_MODE`) saves some
/// 60 MiB more in every state and plays the video without dropping frames, but with it WebKit's
/// own WebDriver stops answering partway through the account screens, so the real-window tests
/// could no longer vouch for the app; it stays on until that is understood.
#[cfg(target_os = "linux")]
const PAINT_ON_PROCESSOR: (&str, &str) = ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");

/// Prepares the process environment WebKit's helper processes inherit. Must run at start-up,
/// before any thread or window exists. A setting the environment already has (someone trying
/// WebKit's own options) is left as it is.
pub fn before_start() {
    #[cfg(target_os = "linux")]
    {
        let (name, value) = PAINT_ON_PROCESSOR;
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
}

/// Applies the settings to the main window's webview, once it exists.
pub fn apply(app: &tauri::AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        tracing::warn!("the main window is missing; its webview keeps WebKit's memory defaults");
        return;
    };
    let applied = window.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        webkit::apply(&webview.inner());
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    });
    if let Err(error) = applied {
        tracing::warn!(%error, "the webview's memory settings could not be applied");
    }
}

#[cfg(target_os = "linux")]
mod webkit {
    use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebViewExt};

    pub fn apply(view: &webkit2gtk::WebView) {
        if let Some(context) = view.context() {
            // The smallest memory caches: no dead resources (pictures, a closed video's data)
            // kept for later and no pages kept for going back; the app's files are read again
            // from this computer when needed.
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(view) {
            // The app never leaves its one page, so there is nothing to keep for "Back".
            settings.set_enable_page_cache(false);
        }
    }
}
