//! The library in DynamoDB: one item per storybook under the family's identity id, written with a
//! version so two computers can never silently overwrite each other (the loser's edit is kept as
//! a conflict copy), and read back page by page into this computer's cache.

use std::collections::{HashMap, HashSet};

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::with_credential_retry;
use model::{LibraryEntry, Style};
use nocomelon_core::store::{CloudEntry, OutboxKind};
use nocomelon_core::{files, CoreError};

use super::{enum_from_text, enum_text, SyncEngine};
use crate::error::{call_error, CallError};
use crate::keys;
use crate::SyncError;

const VIDEO_FILE: &str = "storybook.mp4";
const THUMBNAIL_FILE: &str = "thumbnail.jpg";

/// One page of the family's library as the cloud has it.
#[derive(Debug, Clone)]
pub struct LibraryPage {
    pub items: Vec<CloudItem>,
    /// Where the next page starts, when there is one.
    pub next: Option<HashMap<String, AttributeValue>>,
}

/// A library item read from the cloud.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudItem {
    pub id: String,
    pub run_id: Option<String>,
    pub title: String,
    pub video_key: String,
    pub thumbnail_key: String,
    pub duration_sec: f64,
    pub style: Style,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

/// What bringing the cloud's library into this computer did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReconcileReport {
    /// Storybooks made on another computer, now here too.
    pub added: u32,
    /// Storybooks renamed on another computer.
    pub updated: u32,
    /// Storybooks deleted on another computer, gone from here too.
    pub removed: u32,
    /// Items that could not be read or fetched (named in the log), left for the next pass.
    pub skipped: u32,
    /// Stories in progress started on another computer, now here too.
    pub stories_arrived: u32,
}

impl SyncEngine {
    /// Sends a saved or renamed entry (its files, then its item), or removes a deleted one.
    pub(super) async fn send_library_entry(
        &self,
        owner: &str,
        entry_id: &str,
        payload: &serde_json::Value,
    ) -> Result<(), SyncError> {
        let entry = match self.core.store().library_entry(entry_id) {
            Ok(entry) => entry,
            Err(CoreError::LibraryEntryNotFound) => {
                let run_id = payload.get("run_id").and_then(|v| v.as_str());
                return self.remove_library_item(owner, entry_id, run_id).await;
            }
            Err(error) => return Err(error.into()),
        };
        let (_, base_version) = self.core.store().library_cloud_state(entry_id)?;
        let name = keys::library_files_name(&entry.id, entry.run_id.as_deref());
        let video_key = keys::video(&name)?;
        let thumbnail_key = keys::thumbnail(&name)?;
        let data = self.core.data_dir();
        self.upload_if_changed(owner, &video_key, &data.absolute(&entry.video_path)?).await?;
        self.upload_if_changed(owner, &thumbnail_key, &data.absolute(&entry.thumbnail_path)?).await?;
        let item = CloudItem {
            id: entry.id.clone(),
            run_id: entry.run_id.clone(),
            title: entry.title.clone(),
            video_key: self.full_key(&video_key).await?,
            thumbnail_key: self.full_key(&thumbnail_key).await?,
            duration_sec: entry.duration_sec,
            style: entry.style,
            created_at: entry.created_at.clone(),
            updated_at: entry.updated_at.clone(),
            version: base_version.unwrap_or(0) + 1,
        };
        match self.put_item(owner, &item, base_version).await {
            Ok(()) => {
                self.core.store().set_library_cloud_version(&entry.id, item.version)?;
                Ok(())
            }
            Err(CallError::ConditionFailed) => self.keep_both(owner, &entry, &item).await,
            Err(CallError::Other(error)) => Err(error),
        }
    }

    /// Writes the item if the cloud still has `base_version` (or, for a new entry, nothing).
    async fn put_item(
        &self,
        owner: &str,
        item: &CloudItem,
        base_version: Option<i64>,
    ) -> Result<(), CallError> {
        let identity_id = self.session.identity_id().await.map_err(|e| CallError::Other(e.into()))?;
        let mut attributes = HashMap::from([
            ("user_id".to_owned(), AttributeValue::S(identity_id)),
            ("id".to_owned(), AttributeValue::S(item.id.clone())),
            ("sub".to_owned(), AttributeValue::S(owner.to_owned())),
            ("title".to_owned(), AttributeValue::S(item.title.clone())),
            ("video_key".to_owned(), AttributeValue::S(item.video_key.clone())),
            ("thumbnail_key".to_owned(), AttributeValue::S(item.thumbnail_key.clone())),
            ("duration_sec".to_owned(), AttributeValue::N(item.duration_sec.to_string())),
            ("style".to_owned(), AttributeValue::S(enum_text(&item.style))),
            ("created_at".to_owned(), AttributeValue::S(item.created_at.clone())),
            ("updated_at".to_owned(), AttributeValue::S(item.updated_at.clone())),
            ("version".to_owned(), AttributeValue::N(item.version.to_string())),
        ]);
        if let Some(run_id) = &item.run_id {
            attributes.insert("run_id".to_owned(), AttributeValue::S(run_id.clone()));
        }
        let table = &self.session.config().library_table;
        let result = with_credential_retry(self.clients.credentials(), || {
            let put = self.clients.dynamodb().put_item().table_name(table).set_item(Some(attributes.clone()));
            match base_version {
                None => put.condition_expression("attribute_not_exists(id)"),
                Some(version) => put
                    .condition_expression("attribute_not_exists(id) OR version = :base")
                    .expression_attribute_values(":base", AttributeValue::N(version.to_string())),
            }
            .send()
        })
        .await;
        result.map(drop).map_err(|e| call_error(cloud::api_error(e)))
    }

    /// Another computer changed the entry first. Nothing is dropped: this computer's version is
    /// filed as a new storybook ("… (edited on this computer)") that syncs on its own, and the
    /// entry itself takes the cloud's version; an entry deleted elsewhere while edited here is
    /// sent again as new.
    async fn keep_both(&self, owner: &str, entry: &LibraryEntry, item: &CloudItem) -> Result<(), SyncError> {
        let Some(cloud) = self.get_item(&entry.id).await? else {
            tracing::info!(entry = %entry.id, "a storybook deleted elsewhere was edited here; sending it again");
            let fresh = CloudItem { version: 1, ..item.clone() };
            self.put_item(owner, &fresh, None).await?;
            self.core.store().set_library_cloud_version(&entry.id, fresh.version)?;
            return Ok(());
        };
        if cloud.title == entry.title {
            // The same change made on two computers is not a conflict.
            self.core.store().set_library_cloud_version(&entry.id, cloud.version)?;
            return Ok(());
        }
        let copy_id = uuid::Uuid::new_v4().to_string();
        let data = self.core.data_dir();
        let copy_dir = data.library_entry_dir(&copy_id)?;
        let staging = files::temp_sibling(&copy_dir);
        nocomelon_core::paths::create_private_dir(&staging)?;
        let staged = (|| {
            files::copy_atomic(&data.absolute(&entry.video_path)?, &staging.join(VIDEO_FILE))?;
            files::copy_atomic(&data.absolute(&entry.thumbnail_path)?, &staging.join(THUMBNAIL_FILE))?;
            files::rename_into_place(&staging, &copy_dir)
        })();
        if let Err(error) = staged {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error.into());
        }
        let copy = LibraryEntry {
            id: copy_id,
            run_id: None,
            title: conflict_title(&entry.title),
            video_path: data.relative(&copy_dir.join(VIDEO_FILE))?,
            thumbnail_path: data.relative(&copy_dir.join(THUMBNAIL_FILE))?,
            created_at: entry.created_at.clone(),
            ..entry.clone()
        };
        self.core.store().file_conflict_copy(&copy)?;
        tracing::info!(entry = %entry.id, copy = %copy.id, "a conflicting edit was kept as a copy");
        let adopted = self.cloud_entry(owner, &cloud, entry.video_path.clone(), entry.thumbnail_path.clone());
        self.core.store().adopt_cloud_entry(&adopted, &mut || Ok(()))?;
        Ok(())
    }

    async fn remove_library_item(
        &self,
        owner: &str,
        entry_id: &str,
        run_id: Option<&str>,
    ) -> Result<(), SyncError> {
        self.delete_family_item(&self.session.config().library_table, "id", entry_id).await?;
        let name = keys::library_files_name(entry_id, run_id);
        self.delete_under(owner, &[keys::video(&name)?, keys::thumbnail(&name)?]).await
    }

    async fn get_item(&self, id: &str) -> Result<Option<CloudItem>, SyncError> {
        let identity_id = self.session.identity_id().await?;
        let table = &self.session.config().library_table;
        let out = with_credential_retry(self.clients.credentials(), || {
            self.clients
                .dynamodb()
                .get_item()
                .table_name(table)
                .key("user_id", AttributeValue::S(identity_id.clone()))
                .key("id", AttributeValue::S(id.to_owned()))
                .consistent_read(true)
                .send()
        })
        .await
        .map_err(cloud::api_error)?;
        out.item.as_ref().map(item_from_attributes).transpose()
    }

    /// One page of the family's library, from `start` (None: the first page).
    pub async fn library_page(
        &self,
        start: Option<HashMap<String, AttributeValue>>,
    ) -> Result<LibraryPage, SyncError> {
        let identity_id = self.session.identity_id().await?;
        let table = &self.session.config().library_table;
        let out = with_credential_retry(self.clients.credentials(), || {
            self.clients
                .dynamodb()
                .query()
                .table_name(table)
                .key_condition_expression("user_id = :me")
                .expression_attribute_values(":me", AttributeValue::S(identity_id.clone()))
                .set_exclusive_start_key(start.clone())
                .send()
        })
        .await
        .map_err(cloud::api_error)?;
        let mut items = Vec::new();
        for attributes in out.items() {
            match item_from_attributes(attributes) {
                Ok(item) => items.push(item),
                Err(error) => tracing::warn!(%error, "a library item in the cloud could not be read"),
            }
        }
        Ok(LibraryPage { items, next: out.last_evaluated_key })
    }

    /// Every item of the family's library, all pages.
    pub async fn cloud_library(&self) -> Result<Vec<CloudItem>, SyncError> {
        let mut all = Vec::new();
        let mut start = None;
        loop {
            let page = self.library_page(start).await?;
            all.extend(page.items);
            match page.next {
                Some(next) if !next.is_empty() => start = Some(next),
                _ => return Ok(all),
            }
        }
    }

    /// Brings the cloud's library into this computer's cache: storybooks made elsewhere are
    /// downloaded, renames taken, deletions made elsewhere followed. Entries with a change
    /// still waiting here are left alone (the outbox settles them).
    pub async fn reconcile_library(&self) -> Result<ReconcileReport, SyncError> {
        let owner = self.owner().await?;
        let _one = self.one_pass.lock().await;
        let cloud = self.cloud_library().await?;
        let store = self.core.store();
        let local: HashMap<String, (LibraryEntry, Option<i64>)> = store
            .library_entries_of(&owner)?
            .into_iter()
            .map(|(entry, version)| (entry.id.clone(), (entry, version)))
            .collect();
        let waiting: HashSet<String> = store
            .outbox_items(&owner)?
            .into_iter()
            .filter(|item| item.kind == OutboxKind::Library)
            .map(|item| item.subject)
            .collect();
        let mut report = ReconcileReport::default();
        let in_cloud: HashSet<&str> = cloud.iter().map(|item| item.id.as_str()).collect();
        for item in &cloud {
            if waiting.contains(&item.id) {
                continue;
            }
            match local.get(&item.id) {
                Some((entry, version)) => {
                    if version.is_none_or(|v| item.version > v) {
                        let adopted = self.cloud_entry(
                            &owner,
                            item,
                            entry.video_path.clone(),
                            entry.thumbnail_path.clone(),
                        );
                        store.adopt_cloud_entry(&adopted, &mut || Ok(()))?;
                        report.updated += u32::from(entry.title != item.title);
                    }
                }
                None => match self.download_entry(&owner, item).await {
                    Ok(()) => report.added += 1,
                    Err(error) if error.is_offline() => return Err(error),
                    Err(error) => {
                        tracing::warn!(entry = %item.id, code = error.code(), "a storybook from the cloud could not be fetched");
                        report.skipped += 1;
                    }
                },
            }
        }
        for (id, (_, version)) in &local {
            if version.is_some() && !waiting.contains(id) && !in_cloud.contains(id.as_str()) {
                store.drop_entry_deleted_elsewhere(id)?;
                if let Ok(dir) = self.core.data_dir().library_entry_dir(id) {
                    let _ = std::fs::remove_dir_all(dir);
                }
                report.removed += 1;
            }
        }
        self.note_changes(report.added + report.updated + report.removed);
        Ok(report)
    }

    /// Fetches a storybook made on another computer into this one's library.
    async fn download_entry(&self, owner: &str, item: &CloudItem) -> Result<(), SyncError> {
        let identity_id = self.session.identity_id().await?;
        let relative = |full: &str| {
            full.strip_prefix(&format!("{identity_id}/"))
                .ok_or_else(|| {
                    SyncError::BadRecord(format!(
                        "the cloud item {} names a file outside this family's space",
                        item.id
                    ))
                })
                .and_then(keys::RelativeKey::from_cloud)
        };
        let video_key = relative(&item.video_key)?;
        let thumbnail_key = relative(&item.thumbnail_key)?;
        let data = self.core.data_dir();
        let dir = data.library_entry_dir(&item.id)?;
        let staging = files::temp_sibling(&dir);
        nocomelon_core::paths::create_private_dir(&staging)?;
        let fetched = async {
            self.download(&video_key, &staging.join(VIDEO_FILE)).await?;
            self.download(&thumbnail_key, &staging.join(THUMBNAIL_FILE)).await
        }
        .await;
        if let Err(error) = fetched {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        let adopted = self.cloud_entry(
            owner,
            item,
            data.relative(&dir.join(VIDEO_FILE))?,
            data.relative(&dir.join(THUMBNAIL_FILE))?,
        );
        let placed =
            self.core.store().adopt_cloud_entry(&adopted, &mut || files::rename_into_place(&staging, &dir));
        if placed.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        Ok(placed?)
    }

    fn cloud_entry(
        &self,
        owner: &str,
        item: &CloudItem,
        video_path: String,
        thumbnail_path: String,
    ) -> CloudEntry {
        CloudEntry {
            entry: LibraryEntry {
                id: item.id.clone(),
                run_id: item.run_id.clone(),
                title: item.title.clone(),
                video_path,
                thumbnail_path,
                duration_sec: item.duration_sec,
                style: item.style,
                created_at: item.created_at.clone(),
                updated_at: item.updated_at.clone(),
                sync: model::SyncState::Synced,
            },
            owner: owner.to_owned(),
            version: item.version,
        }
    }
}

/// The title a kept conflicting edit gets.
fn conflict_title(title: &str) -> String {
    const MARK: &str = " (edited on this computer)";
    let room = model::MAX_TITLE_CHARS.saturating_sub(MARK.chars().count());
    let base: String = title.chars().take(room).collect();
    format!("{base}{MARK}")
}

fn item_from_attributes(attributes: &HashMap<String, AttributeValue>) -> Result<CloudItem, SyncError> {
    let text = |name: &str| -> Result<String, SyncError> {
        attributes
            .get(name)
            .and_then(|v| v.as_s().ok())
            .cloned()
            .ok_or_else(|| SyncError::BadRecord(format!("a library item in the cloud has no {name}")))
    };
    let number = |name: &str| -> Result<f64, SyncError> {
        attributes
            .get(name)
            .and_then(|v| v.as_n().ok())
            .and_then(|n| n.parse::<f64>().ok())
            .ok_or_else(|| SyncError::BadRecord(format!("a library item in the cloud has no {name}")))
    };
    let style_text = text("style")?;
    let style: Style = enum_from_text(&style_text).ok_or_else(|| {
        SyncError::BadRecord(format!("a library item in the cloud has an unknown style {style_text:?}"))
    })?;
    Ok(CloudItem {
        id: text("id")?,
        run_id: text("run_id").ok(),
        title: text("title")?,
        video_key: text("video_key")?,
        thumbnail_key: text("thumbnail_key")?,
        duration_sec: number("duration_sec")?,
        style,
        created_at: text("created_at")?,
        updated_at: text("updated_at")?,
        version: number("version")? as i64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_copy_says_where_it_was_edited_and_fits_a_title() {
        assert_eq!(conflict_title("Pig's party"), "Pig's party (edited on this computer)");
        let long = "a".repeat(model::MAX_TITLE_CHARS);
        assert_eq!(conflict_title(&long).chars().count(), model::MAX_TITLE_CHARS);
    }

    #[test]
    fn an_item_missing_a_field_is_refused_with_its_name() {
        let attributes = HashMap::from([("id".to_owned(), AttributeValue::S("x".into()))]);
        let error = item_from_attributes(&attributes).expect_err("incomplete");
        assert!(error.to_string().contains("style") || error.to_string().contains("title"), "{error}");
    }
}
