//! `nocomelon account delete`: the family account and everything it keeps, after the parent
//! types the account's email again.

use std::io::{BufRead, IsTerminal, Write};

use family::{AccountDeletion, Family};
use tokio::runtime::Runtime;

use crate::output::{print_json, Failure};

pub fn delete(family: &Family, runtime: &Runtime, keep_drafts: bool, json: bool) -> Result<(), Failure> {
    let session = family.session()?;
    let user = runtime
        .block_on(session.whoami())
        .ok_or_else(|| Failure::new("not_signed_in", "Nobody is signed in on this computer."))?;
    let terminal = std::io::stdin().is_terminal();
    if terminal {
        eprintln!(
            "This deletes the account {} and everything it keeps in the cloud: drawings, storybooks and \
             stories in progress, on every computer. {}",
            user.email,
            if keep_drafts {
                "Drafts on this computer are kept."
            } else {
                "Drafts on this computer are deleted too."
            }
        );
        eprint!("Type the account's email to confirm: ");
        let _ = std::io::stderr().flush();
    }
    let mut typed = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut typed)
        .map_err(|e| Failure::new("input", format!("The confirmation couldn't be read: {e}.")))?;
    let report = runtime.block_on(
        family.delete_account(&AccountDeletion { typed_email: typed.trim().to_owned(), keep_drafts }),
    )?;
    if json {
        print_json(&report);
    } else {
        println!(
            "The account is deleted: {} file(s), {} storybook(s) and {} story checkpoint(s) removed from the cloud; \
             {} storybook copy(ies) and {} draft(s) removed from this computer.",
            report.objects_deleted,
            report.library_items_deleted,
            report.checkpoints_deleted,
            report.local_storybooks_removed,
            report.drafts_removed
        );
    }
    Ok(())
}
