//! `nocomelon library`: the finished storybooks.

use nocomelon_core::Core;

use crate::output::{print_json, Failure};

pub fn list(core: &Core, json: bool) -> Result<(), Failure> {
    let entries = core.library()?;
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
            "{}  {}  {}:{:02}  {}  {}",
            entry.id,
            entry.title,
            seconds / 60,
            seconds % 60,
            entry.style.as_str(),
            entry.created_at.get(..10).unwrap_or(&entry.created_at)
        );
    }
    Ok(())
}
