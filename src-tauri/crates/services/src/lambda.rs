//! Under AWS Lambda (the Terraform's `services.tf`), the same routes, checks and limits are
//! served through the Lambda runtime instead of a socket, with the pool taken from the
//! function's environment. Built only with the `lambda` feature.

use std::process::ExitCode;
use std::sync::Arc;

use services::{ServerBuilder, TrustedPool};
use services_api::{OnDeviceRecognizer, OnDeviceStoryWriter};

use crate::BAD_SETTINGS;

/// True when the Lambda runtime started this process.
pub fn started_by_lambda() -> bool {
    std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some()
}

pub fn run() -> ExitCode {
    let pool = match TrustedPool::from_env() {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("nocomelon-services: {err}");
            return ExitCode::from(BAD_SETTINGS);
        }
    };
    // CloudWatch keeps one JSON object per line.
    crate::init_logs(true);
    let router = match ServerBuilder::new(pool, Arc::new(OnDeviceRecognizer), Arc::new(OnDeviceStoryWriter))
        .into_router()
    {
        Ok(router) => router,
        Err(err) => {
            eprintln!("nocomelon-services: {err}");
            return ExitCode::from(BAD_SETTINGS);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("nocomelon-services: could not start the async runtime ({err})");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(lambda_http::run(router)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(%err, "the Lambda runtime stopped");
            ExitCode::FAILURE
        }
    }
}
