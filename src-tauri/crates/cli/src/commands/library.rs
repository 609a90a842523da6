//! `nocomelon library` and `nocomelon upload`: the finished storybooks, where each one lives,
//! and sending them (and drawings) to the family's cloud.

use std::path::Path;

use family::Family;
use model::SyncState;
use serde::Serialize;
use tokio::runtime::Runtime;

use super::sync_after_change;
use crate::output::{print_json, Failure};

pub fn list(family: &Family, _runtime: &Runtime, json: bool) -> Result<(), Failure> {
    let entries = family.core().library()?;
    if json {
        print_json(&entries);
        return Ok(());
    }
    if entries.is_empty() {
        println!("The library is empty.");
    }
    for entry in entries {
        let seconds = entry.duration_sec.round() as u64;
        println!(
            "{}  {}  {}:{:02}  {}  {}  {}",
            entry.id,
            entry.title,
            seconds / 60,
            seconds % 60,
            entry.style.as_str(),
            entry.created_at.get(..10).unwrap_or(&entry.created_at),
            where_it_lives(entry.sync)
        );
    }
    Ok(())
}

fn where_it_lives(sync: SyncState) -> &'static str {
    match sync {
        SyncState::OnThisComputer => "on this computer",
        SyncState::WaitingToSync => "waiting to sync",
        SyncState::Synced => "synced",
        SyncState::SyncFailed => "not synced (see nocomelon library sync)",
    }
}

#[derive(Serialize)]
struct SyncReport {
    sent: u32,
    set_aside: u32,
    added: u32,
    updated: u32,
    removed: u32,
    waiting: u32,
    failed: u32,
    problem: Option<String>,
}

pub fn sync(family: &Family, runtime: &Runtime, json: bool) -> Result<(), Failure> {
    let sync = family.sync()?;
    if !runtime.block_on(sync.signed_in()) {
        return Err(Failure::new(
            "not_signed_in",
            "Nobody is signed in on this computer: run nocomelon auth sign-in first.",
        ));
    }
    let (drained, reconciled) = runtime.block_on(sync.sync_now())?;
    let status = runtime.block_on(sync.status())?;
    let report = SyncReport {
        sent: drained.sent,
        set_aside: drained.set_aside,
        added: reconciled.added,
        updated: reconciled.updated,
        removed: reconciled.removed,
        waiting: status.waiting,
        failed: status.failed,
        problem: status.problem.clone(),
    };
    if json {
        print_json(&report);
    } else {
        println!(
            "Sent {} change(s); {} storybook(s) arrived from other computers, {} renamed, {} removed.",
            report.sent, report.added, report.updated, report.removed
        );
        if report.waiting + report.failed > 0 {
            println!("{} change(s) still wait to sync.", report.waiting + report.failed);
        }
    }
    match (drained.stopped_by, status.failed) {
        (Some(reason), _) if !status.online => Err(Failure::new("network", reason)),
        (_, failed) if failed > 0 => Err(Failure::new(
            "sync_failed",
            status.problem.unwrap_or_else(|| format!("{failed} change(s) could not be sent.")),
        )),
        _ => Ok(()),
    }
}

pub fn delete(family: &Family, runtime: &Runtime, id: &str) -> Result<(), Failure> {
    let entry = family.core().store().library_entry(id)?;
    family.core().delete_library_entry(id)?;
    eprintln!("Deleted “{}”.", entry.title);
    sync_after_change(family, runtime);
    Ok(())
}

#[derive(Serialize)]
struct Uploaded {
    run_id: String,
    key: String,
    duplicate: bool,
}

/// Stores the drawing (normalized: upright, no metadata) as a new draft and sends it.
pub fn upload(family: &Family, runtime: &Runtime, file: &Path, json: bool) -> Result<(), Failure> {
    let sync = family.sync()?;
    if !runtime.block_on(sync.signed_in()) {
        return Err(Failure::new(
            "not_signed_in",
            "Nobody is signed in on this computer: run nocomelon auth sign-in first.",
        ));
    }
    let outcome = family.core().ingest_paths(&[file]).remove(0);
    if let Some(error) = outcome.error {
        return Err(Failure::new(&error.code, error.message));
    }
    let run = outcome.run.ok_or_else(|| Failure::new("internal", "No draft was started."))?;
    let kept = |reason: String| {
        Failure::new("network", format!("{reason} The drawing is kept on this computer as draft {}.", run.id))
    };
    let drained = match runtime.block_on(sync.drain()) {
        Ok(drained) => drained,
        Err(error) if error.is_offline() => return Err(kept(error.to_string())),
        Err(error) => return Err(error.into()),
    };
    if let Some(reason) = drained.stopped_by {
        return Err(kept(reason));
    }
    let key = runtime.block_on(sync.drawing_key(&run.id))?;
    if json {
        print_json(&Uploaded { run_id: run.id, key, duplicate: outcome.duplicate });
    } else {
        println!("Uploaded {} as {key}", file.display());
    }
    Ok(())
}
