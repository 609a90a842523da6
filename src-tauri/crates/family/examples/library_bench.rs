//! A family library of 1,000 storybooks: how long the library takes to show from this
//! computer's cache (read and serialized as the window receives it; goal 100 ms), next to a full
//! reconcile with the cloud (the local emulator): the first one, which downloads every video and
//! cover, and a later one with nothing new.
//!
//! `cargo run --release -p family --example library_bench [entries]`

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::{CloudSession, MemorySecretStore};
use cloud_testkit::Emulator;
use family::Family;
use nocomelon_core::{Core, DataDir};

const EMAIL: &str = "bench@example.org";
const PASSWORD: &str = "Dinosaur7";
const CACHE_GOAL: Duration = Duration::from_millis(100);

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let entries: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let emulator = Emulator::start().await;
    let (setup, _) = emulator.memory_session(&emulator.subdir("setup"));
    emulator.confirmed_user(&setup, EMAIL, PASSWORD).await;

    let data = emulator.subdir("computer");
    let session = CloudSession::builder(emulator.config.clone(), &data)
        .secret_store(Arc::new(MemorySecretStore::new()))
        .build();
    session.sign_in(EMAIL, PASSWORD).await.expect("sign-in");
    let identity = session.identity_id().await.expect("identity id");
    seed_cloud_library(&emulator, &identity, entries).await;

    let core = Arc::new(Core::open(DataDir::at(data.clone()).expect("data dir")).expect("core"));
    let family = Family::with_session(core, Arc::new(session));
    family.settle_account().await.expect("attached");
    let sync = family.sync().expect("sync engine");

    let started = Instant::now();
    let first = sync.reconcile_library().await.expect("first reconcile");
    let first_reconcile = started.elapsed();
    assert_eq!(first.added as usize, entries, "every storybook arrived");

    let started = Instant::now();
    let again = sync.reconcile_library().await.expect("second reconcile");
    let steady_reconcile = started.elapsed();
    assert_eq!((again.added, again.removed), (0, 0));

    // What the window does when the library opens: read the cache and serialize it for IPC.
    let mut cache_times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let library = family.core().library().expect("library");
        let json = serde_json::to_vec(&library).expect("json");
        cache_times.push(started.elapsed());
        assert_eq!(library.len(), entries);
        assert!(!json.is_empty());
    }
    cache_times.sort();
    let cache = cache_times[cache_times.len() / 2];

    println!("Library of {entries} storybooks (local emulator; median of 5 for the cache read)");
    println!("{:<48} {:>10}   goal", "", "time");
    println!(
        "{:<48} {:>8.1} ms   <= {} ms {}",
        "open the library from this computer's cache",
        ms(cache),
        CACHE_GOAL.as_millis(),
        if cache <= CACHE_GOAL { "(met)" } else { "(NOT met)" }
    );
    println!(
        "{:<48} {:>8.1} ms   (downloads {} videos and covers)",
        "first reconcile with the cloud",
        ms(first_reconcile),
        entries
    );
    println!("{:<48} {:>8.1} ms", "reconcile with nothing new", ms(steady_reconcile));
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// `entries` storybooks made "on another computer": a small video and cover each, and the item.
async fn seed_cloud_library(emulator: &Emulator, identity: &str, entries: usize) {
    let s3 = emulator.admin_s3();
    let dynamodb = emulator.admin_dynamodb();
    for n in 0..entries {
        let id = format!("00000000-0000-4000-8000-{n:012}");
        let video_key = format!("{identity}/videos/{id}_final.mp4");
        let thumbnail_key = format!("{identity}/videos/{id}_thumb.jpg");
        for (key, body) in [(&video_key, vec![7_u8; 4096]), (&thumbnail_key, vec![9_u8; 1024])] {
            s3.put_object()
                .bucket(&emulator.config.bucket)
                .key(key)
                .body(body.into())
                .send()
                .await
                .expect("object");
        }
        dynamodb
            .put_item()
            .table_name(&emulator.config.library_table)
            .item("user_id", AttributeValue::S(identity.to_owned()))
            .item("id", AttributeValue::S(id.clone()))
            .item("title", AttributeValue::S(format!("Storybook number {n}")))
            .item("video_key", AttributeValue::S(video_key))
            .item("thumbnail_key", AttributeValue::S(thumbnail_key))
            .item("duration_sec", AttributeValue::N("42".into()))
            .item("style", AttributeValue::S("storybook".into()))
            .item("created_at", AttributeValue::S(format!("2026-12-01T00:{:02}:{:02}Z", n / 60 % 60, n % 60)))
            .item("updated_at", AttributeValue::S("2026-12-01T00:00:00Z".into()))
            .item("version", AttributeValue::N("1".into()))
            .send()
            .await
            .expect("item");
    }
}
