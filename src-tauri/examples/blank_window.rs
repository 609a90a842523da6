//! A blank Tauri 2 window: the app's default window size showing a one-line page, with no
//! plugins, commands or UI. It is what a bare webview costs, the yardstick `make memory` holds
//! the app's own memory against. With `--app-memory-settings` it takes the app's memory settings
//! (WebKit's and the allocator's), which tells what those save from what the app's page and code
//! add.

use tauri::http::header::{HeaderValue, CONTENT_TYPE};
use tauri::http::Response;
use tauri::{Url, WebviewUrl, WebviewWindowBuilder};

/// The page, served from inside the program as the app's own page is (data: URLs would need
/// a Tauri feature the app does not use).
const PAGE: &str =
    "<!doctype html><html><head><title>Blank</title></head><body><p>A blank window.</p></body></html>";
const PAGE_URL: &str = "blank://localhost/";

/// The app's window size when its configuration names none.
const FALLBACK_SIZE: (f64, f64) = (1120.0, 780.0);

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    let size =
        context.config().app.windows.first().map_or(FALLBACK_SIZE, |window| (window.width, window.height));
    // The app's own window (and the UI behind it) is not opened: only the blank one below.
    context.config_mut().app.windows.clear();
    let page = match Url::parse(PAGE_URL) {
        Ok(page) => page,
        Err(error) => {
            eprintln!("The blank page's address is not valid: {error}");
            std::process::exit(1);
        }
    };
    let app_settings = std::env::args().any(|arg| arg == "--app-memory-settings");
    if app_settings {
        nocomelon_desktop::allocator::return_freed_memory();
        nocomelon_desktop::webview_memory::before_start();
    }
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("blank", |_, _| {
            let mut response = Response::new(PAGE.as_bytes());
            response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
            response
        })
        .setup(move |app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::CustomProtocol(page))
                .title("Blank window")
                .inner_size(size.0, size.1)
                .center()
                .build()?;
            if app_settings {
                nocomelon_desktop::webview_memory::apply(app.handle());
            }
            Ok(())
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("The blank window could not open: {error}");
        std::process::exit(1);
    }
}
