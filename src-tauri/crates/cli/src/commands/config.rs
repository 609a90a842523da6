//! `nocomelon config import`: the cloud settings from the Terraform of infrastructure/terraform,
//! checked before anything is written, so a family never ends up with a settings file the app
//! refuses at start-up.

use std::path::Path;

use cloud::CloudConfig;

use crate::output::Failure;

pub fn import(outputs: &Path, out: Option<&Path>) -> Result<(), Failure> {
    let text = std::fs::read_to_string(outputs).map_err(|e| {
        Failure::new("config", format!("The Terraform outputs {} can't be read: {e}.", outputs.display()))
    })?;
    let config = CloudConfig::from_terraform_outputs(&text, outputs)
        .map_err(|error| Failure::new("config", format!("Nothing was written: {error}.")))?;
    let target = match out {
        Some(path) => path.to_path_buf(),
        None => cloud::config::default_path().ok_or_else(|| {
            Failure::new("config", "This computer has no settings folder; pass --out <file>.")
        })?,
    };
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| {
            Failure::new("config", format!("The folder {} couldn't be created: {e}.", folder.display()))
        })?;
    }
    let json = serde_json::to_vec_pretty(&config)
        .map_err(|e| Failure::new("internal", format!("The settings couldn't be written as JSON: {e}.")))?;
    nocomelon_core::files::write_atomic(&target, &json)?;
    println!("Wrote the cloud settings to {}", target.display());
    if config.services_url.is_empty() {
        println!("This cloud runs no story services: recognizing and drafting stay on the computer.");
    }
    Ok(())
}
