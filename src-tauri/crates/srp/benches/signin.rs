//! CPU time per Cognito sign-in (SRP_A, then PASSWORD_CLAIM_SIGNATURE) with this crate, on
//! the inputs bench/run.sh gives every implementation. Prints one JSON line.
//!
//! Usage: cargo bench -p srp --bench signin -- INPUTS.json

use std::time::Instant;

use serde::Deserialize;

#[derive(Deserialize)]
struct Inputs {
    a_hex: String,
    user_pool_id: String,
    user_id_for_srp: String,
    password: String,
    salt_hex: String,
    srp_b_hex: String,
    secret_block_b64: String,
    timestamp: String,
    iterations: u32,
}

/// CPU time of this thread in nanoseconds (Linux schedstat), so that other work on the
/// machine does not count.
fn thread_cpu_ns() -> Result<u64, String> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").map_err(|err| err.to_string())?;
    text.split_whitespace().next().and_then(|field| field.parse().ok()).ok_or_else(|| "schedstat".to_owned())
}

fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
    let padded = if text.len() % 2 == 1 { format!("0{text}") } else { text.to_owned() };
    (0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&padded[i..i + 2], 16).map_err(|err| err.to_string()))
        .collect()
}

fn sign_in(inputs: &Inputs, a: &[u8]) -> Result<(String, String), srp::SrpError> {
    let client = srp::SrpClient::with_secret(&inputs.user_pool_id, a)?;
    let srp_a = client.srp_a_hex();
    let claim = client.password_claim(
        &inputs.user_id_for_srp,
        &inputs.password,
        &inputs.salt_hex,
        &inputs.srp_b_hex,
        &inputs.secret_block_b64,
        &inputs.timestamp,
    )?;
    Ok((srp_a, claim.signature_b64))
}

fn run() -> Result<(), String> {
    let path =
        std::env::args().skip(1).find(|arg| !arg.starts_with("--")).ok_or("usage: signin INPUTS.json")?;
    let text = std::fs::read_to_string(&path).map_err(|err| format!("{path}: {err}"))?;
    let inputs: Inputs = serde_json::from_str(&text).map_err(|err| format!("{path}: {err}"))?;
    let a = decode_hex(&inputs.a_hex)?;

    let cpu_start = thread_cpu_ns()?;
    srp::precompute();
    let precompute_ns = thread_cpu_ns()? - cpu_start;

    let (srp_a, signature) = sign_in(&inputs, &a).map_err(|err| err.to_string())?;
    let cpu_start = thread_cpu_ns()?;
    let wall_start = Instant::now();
    for _ in 0..inputs.iterations {
        std::hint::black_box(sign_in(&inputs, std::hint::black_box(&a)).map_err(|err| err.to_string())?);
    }
    let cpu_ns = thread_cpu_ns()? - cpu_start;
    let wall = wall_start.elapsed();
    let per = f64::from(inputs.iterations.max(1));
    println!(
        "{}",
        serde_json::json!({
            "implementation": "srp crate (Rust, crypto-bigint)",
            "ms_per_signin": cpu_ns as f64 / 1e6 / per,
            "wall_ms_per_signin": wall.as_secs_f64() * 1e3 / per,
            "one_time_precompute_ms": precompute_ns as f64 / 1e6,
            "iterations": inputs.iterations,
            "srp_a_prefix": &srp_a[..srp_a.len().min(24)],
            "signature_b64": signature,
        })
    );
    Ok(())
}

fn main() {
    if let Err(message) = run() {
        eprintln!("signin bench: {message}");
        std::process::exit(1);
    }
}
