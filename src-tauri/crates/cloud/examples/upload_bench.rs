//! Measures `Transfers::upload_file` against boto3's TransferManager on the same local emulator
//! and the same 100 MB file (multipart above 8 MiB, 5 MiB parts for both), run alternately three
//! times each after one untimed round, and prints the medians and their ratio.
//!
//! ```sh
//! cargo run --release -p cloud --example upload_bench            # 4 parts in flight
//! cargo run --release -p cloud --example upload_bench -- 8       # 8 parts in flight
//! ```

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Instant;

use cloud::{CloudClients, MemoryUploadState, SignInStep, Transfers, UploadControl, UploadOutcome};
use cloud_testkit::Emulator;

const FILE_SIZE: u64 = 100_000_000;
const RUNS: usize = 3;

/// boto3's side: one warm client that uploads the file once per line read, answering seconds.
const BOTO3_UPLOADER: &str = r#"
import sys, time, boto3
from boto3.s3.transfer import TransferConfig

endpoint, region, bucket, path = sys.argv[1:5]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region,
                  aws_access_key_id="emulator", aws_secret_access_key="emulator")
config = TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
print("ready", flush=True)
for line in sys.stdin:
    key = line.strip()
    start = time.perf_counter()
    s3.upload_file(path, bucket, key, Config=config)
    print(time.perf_counter() - start, flush=True)
"#;

fn median(times: &[f64]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

async fn delete(emulator: &Emulator, key: &str) {
    emulator
        .admin_s3()
        .delete_object()
        .bucket(&emulator.config.bucket)
        .key(key)
        .send()
        .await
        .unwrap_or_else(|err| panic!("delete {key}: {err:?}"));
}

#[tokio::main]
async fn main() {
    let parts_in_flight = std::env::args()
        .nth(1)
        .map(|arg| arg.parse::<usize>().expect("the number of parts in flight"))
        .unwrap_or(Transfers::DEFAULT_PARTS_IN_FLIGHT);

    let emulator = Emulator::start().await;
    emulator.set(serde_json::json!({ "credentials_seconds": 3600 })).await;
    let (session, _) = emulator.memory_session(&emulator.subdir("app"));
    emulator.confirmed_user(&session, "bench@example.org", "Dinosaur7").await;
    let step = session.sign_in("bench@example.org", "Dinosaur7").await.expect("sign-in");
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    let clients = CloudClients::new(&session);
    let transfers = Transfers::new(&clients).with_parts_in_flight(parts_in_flight);
    let identity_id = session.identity_id().await.expect("identity id");

    let file = emulator.subdir("bench").join("video.bin");
    cloud_testkit::write_varied_file(&file, FILE_SIZE, 0x9E37_79B9_7F4A_7C15);

    let mut command = Command::new(cloud_testkit::venv_python());
    // boto3 gets the emulator's admin keys only, whatever AWS settings the computer has.
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    let mut boto3 = command
        .args(["-c", BOTO3_UPLOADER, &emulator.url, &emulator.config.region, &emulator.config.bucket])
        .arg(&file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the emulator's python runs");
    let mut boto3_in = boto3.stdin.take().expect("piped");
    let mut boto3_out = BufReader::new(boto3.stdout.take().expect("piped"));
    let mut ready = String::new();
    boto3_out.read_line(&mut ready).expect("boto3 starts");
    assert_eq!(ready.trim(), "ready", "boto3 did not start");

    let ours_once = |run: String| {
        let (transfers, file, emulator, identity_id) = (&transfers, &file, &emulator, &identity_id);
        async move {
            let key = format!("bench/ours-{run}.bin");
            let started = Instant::now();
            let outcome = transfers
                .upload_file(
                    &key,
                    file,
                    "video/mp4",
                    &UploadControl::new(),
                    &MemoryUploadState::new(),
                    &|_| {},
                )
                .await
                .expect("our upload");
            let seconds = started.elapsed().as_secs_f64();
            assert!(matches!(outcome, UploadOutcome::Completed(_)), "{outcome:?}");
            delete(emulator, &format!("{identity_id}/{key}")).await;
            seconds
        }
    };
    let mut boto3_once = |run: String| {
        let key = format!("{identity_id}/bench/boto3-{run}.bin");
        writeln!(boto3_in, "{key}").expect("ask boto3");
        let mut line = String::new();
        boto3_out.read_line(&mut line).expect("boto3 answers");
        let seconds = line.trim().parse::<f64>().unwrap_or_else(|_| panic!("boto3 said {line:?}"));
        (seconds, key)
    };

    // One untimed round each, so that neither pays for connections and the emulator's first use.
    ours_once("warm-up".into()).await;
    delete(&emulator, &boto3_once("warm-up".into()).1).await;
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        // Who goes first alternates, so neither always follows the other's clean-up.
        if run % 2 == 0 {
            ours.push(ours_once(run.to_string()).await);
        }
        let (seconds, key) = boto3_once(run.to_string());
        theirs.push(seconds);
        delete(&emulator, &key).await;
        if run % 2 == 1 {
            ours.push(ours_once(run.to_string()).await);
        }
    }
    drop(boto3_in);
    let _ = boto3.wait();

    let megabytes = FILE_SIZE as f64 / 1e6;
    let row = |name: &str, times: &[f64]| {
        let runs: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
        println!("{name:<28} {:>9.2} {:>9.1}   {}", median(times), megabytes / median(times), runs.join(" "));
    };
    println!("100 MB ({FILE_SIZE} bytes), 5 MiB parts, {RUNS} runs each after a warm-up, alternating");
    println!("{:<28} {:>9} {:>9}   runs (s)", "", "median s", "MB/s");
    row(&format!("ours ({parts_in_flight} parts in flight)"), &ours);
    row("boto3 TransferManager (10)", &theirs);
    println!("ratio ours/boto3 (time): {:.2}x", median(&ours) / median(&theirs));
}
