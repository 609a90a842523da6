//! The `nocomelon-services` command: reads the cloud settings file, serves the on-device engine
//! behind the token gate, prints the address it listens on, and stops gracefully on SIGTERM or
//! Ctrl-C. A setting it cannot use stops it at once with a one-line message and exit code 2.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use services::{RateLimit, ServerBuilder, Stopped, TrustedPool};
use services_api::{OnDeviceRecognizer, OnDeviceStoryWriter};

#[cfg(feature = "lambda")]
mod lambda;

/// The exit code for settings the server cannot start with.
const BAD_SETTINGS: u8 = 2;

#[derive(Parser)]
#[command(name = "nocomelon-services", version, about = "The NoComelon vision and story services server")]
struct Args {
    /// Where to listen, such as 127.0.0.1:8787 (port 0 picks a free port).
    #[arg(long, required_unless_present = "print_openapi")]
    listen: Option<SocketAddr>,
    /// The cloud settings file the app uses (its region, user_pool_id, client_id and jwks_url).
    #[arg(long, required_unless_present = "print_openapi")]
    config: Option<PathBuf>,
    /// Requests each user (token subject) may make a minute, on average.
    #[arg(long, default_value_t = RateLimit::default().per_minute)]
    requests_per_minute: u32,
    /// Requests each user may make at once before the per-minute rate applies.
    #[arg(long, default_value_t = RateLimit::default().burst)]
    burst: u32,
    /// Write log lines as JSON objects instead of text.
    #[arg(long)]
    log_json: bool,
    /// Print the OpenAPI document of the services and exit.
    #[arg(long)]
    print_openapi: bool,
}

fn main() -> ExitCode {
    #[cfg(feature = "lambda")]
    if lambda::started_by_lambda() {
        return lambda::run();
    }
    let args = Args::parse();
    if args.print_openapi {
        print!("{}", services::openapi::document());
        return ExitCode::SUCCESS;
    }
    let (Some(listen), Some(config)) = (args.listen, args.config) else {
        eprintln!("nocomelon-services: --listen and --config are both needed");
        return ExitCode::from(BAD_SETTINGS);
    };
    let pool = match TrustedPool::load(&config) {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("nocomelon-services: {err}");
            return ExitCode::from(BAD_SETTINGS);
        }
    };
    init_logs(args.log_json);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("nocomelon-services: could not start the async runtime ({err})");
            return ExitCode::FAILURE;
        }
    };
    let rate_limit = RateLimit { per_minute: args.requests_per_minute, burst: args.burst };
    runtime.block_on(serve(listen, pool, rate_limit))
}

async fn serve(listen: SocketAddr, pool: TrustedPool, rate_limit: RateLimit) -> ExitCode {
    tracing::info!(issuer = %pool.issuer, jwks_url = %pool.jwks_url, "trusting access tokens of this user pool");
    let builder = ServerBuilder::new(pool, Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter))
        .rate_limit(rate_limit);
    let server = match builder.bind(listen).await {
        Ok(server) => server,
        Err(err) => {
            eprintln!("nocomelon-services: {err}");
            return ExitCode::from(BAD_SETTINGS);
        }
    };
    // The one line on stdout: tests and scripts read the port from it.
    println!("listening on http://{}", server.local_addr());
    let stop = server.stop_handle();
    tokio::spawn(async move {
        stop_signal().await;
        stop.stop();
    });
    match server.wait().await {
        Stopped::Drained => tracing::info!("stopped"),
        Stopped::GraceExpired => tracing::warn!("stopped before every request was answered"),
    }
    ExitCode::SUCCESS
}

async fn stop_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received"),
        () = terminate => tracing::info!("SIGTERM received"),
    }
}

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("NOCOMELON_SERVICES_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let logs =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colour);
    let _ = if json { logs.json().try_init() } else { logs.try_init() };
}
