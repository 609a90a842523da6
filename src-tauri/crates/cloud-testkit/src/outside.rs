//! What a test reads from the emulator from outside the app, as an administrator would: the
//! bucket's keys and objects, the tables' items, whether a user still exists, and the requests
//! the emulator answered (its access log), so tests assert on what really reached the cloud.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::CloudConfig;

use crate::Emulator;

/// One request the emulator answered: its method, path with query, and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub method: String,
    pub target: String,
    pub status: u16,
}

impl Emulator {
    /// Every key in the bucket, all pages.
    pub async fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        let mut token = None;
        loop {
            let page = self
                .admin_s3()
                .list_objects_v2()
                .bucket(&self.config.bucket)
                .set_continuation_token(token)
                .send()
                .await
                .expect("list the bucket");
            keys.extend(page.contents().iter().filter_map(|o| o.key().map(str::to_owned)));
            match page.next_continuation_token() {
                Some(next) => token = Some(next.to_owned()),
                None => return keys,
            }
        }
    }

    /// The bytes of the object at `key`; the test fails when there is none.
    pub async fn object(&self, key: &str) -> Vec<u8> {
        let out = self
            .admin_s3()
            .get_object()
            .bucket(&self.config.bucket)
            .key(key)
            .send()
            .await
            .unwrap_or_else(|err| panic!("{key} is not in the bucket: {err:?}"));
        out.body.collect().await.expect("the object's bytes").into_bytes().to_vec()
    }

    pub async fn object_exists(&self, key: &str) -> bool {
        self.admin_s3().head_object().bucket(&self.config.bucket).key(key).send().await.is_ok()
    }

    /// Every item of `table`, all pages.
    pub async fn items(&self, table: &str) -> Vec<HashMap<String, AttributeValue>> {
        let mut all = Vec::new();
        let mut start = None;
        loop {
            let page = self
                .admin_dynamodb()
                .scan()
                .table_name(table)
                .set_exclusive_start_key(start)
                .send()
                .await
                .expect("scan");
            all.extend(page.items().iter().cloned());
            match page.last_evaluated_key() {
                Some(next) if !next.is_empty() => start = Some(next.clone()),
                _ => return all,
            }
        }
    }

    /// Whether the user pool still has the account `email`.
    pub async fn user_exists(&self, email: &str) -> bool {
        self.admin_idp()
            .admin_get_user()
            .user_pool_id(&self.config.user_pool_id)
            .username(email)
            .send()
            .await
            .is_ok()
    }

    /// Every AWS request the emulator answered so far, in order (werkzeug's access log).
    pub fn requests(&self) -> Vec<Logged> {
        let log = std::fs::read_to_string(self.dir.path().join("emulator.log")).expect("the emulator's log");
        log.lines()
            .filter_map(|line| {
                let clean: String = strip_colours(line);
                let request = clean.split_once('"')?.1;
                let (request, rest) = request.split_once('"')?;
                let mut words = request.split(' ');
                let (method, target) = (words.next()?.to_owned(), words.next()?.to_owned());
                let status = rest.split_whitespace().next()?.parse().ok()?;
                Some(Logged { method, target, status })
            })
            .filter(|logged| !logged.target.starts_with("/_nocomelon/"))
            .collect()
    }

    /// The app's cloud config with every service reached through `url` (a [`crate::Gate`]),
    /// and a file holding it, for `--config`.
    pub fn config_through(&self, url: &str) -> (CloudConfig, PathBuf) {
        let config = CloudConfig { endpoint_url: Some(url.to_owned()), ..self.config.clone() };
        let path = self.subdir("through-gate").join("cloud.json");
        std::fs::write(&path, serde_json::to_string(&config).expect("config as JSON"))
            .expect("the config file");
        (config, path)
    }
}

/// The terminal colour codes werkzeug puts around a logged status.
fn strip_colours(line: &str) -> String {
    let mut clean = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for next in chars.by_ref() {
                if next == 'm' {
                    break;
                }
            }
        } else {
            clean.push(c);
        }
    }
    clean
}

/// The value of `name` in a logged request's query.
pub fn query_value<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// (part number, status) of every UploadPart request for `upload_id` (any upload if `None`).
pub fn upload_part_requests(requests: &[Logged], upload_id: Option<&str>) -> Vec<(u32, u16)> {
    requests
        .iter()
        .filter(|r| r.method == "PUT")
        .filter(|r| upload_id.is_none_or(|id| query_value(&r.target, "uploadId") == Some(id)))
        .filter_map(|r| Some((query_value(&r.target, "partNumber")?.parse().ok()?, r.status)))
        .collect()
}

/// `size` bytes that differ from part to part (so a part sent twice or in the wrong place
/// shows), the same for the same `seed`.
pub fn write_varied_file(path: &Path, size: u64, seed: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create the file"));
    let mut state = seed | 1;
    let mut left = size;
    let mut block = vec![0_u8; 1 << 20];
    while left > 0 {
        for chunk in block.chunks_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk.copy_from_slice(&state.to_le_bytes()[..chunk.len()]);
        }
        let take = left.min(block.len() as u64) as usize;
        out.write_all(&block[..take]).expect("write the file");
        left -= take as u64;
    }
    out.flush().expect("flush the file");
}
