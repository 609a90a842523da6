//! One file to S3 the way a home connection needs it: small files in one call, big ones in
//! checksummed parts a few at a time, with notes after every part so that a pause, a crash or a
//! lost connection costs at most the parts that were in flight.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use tokio::task::JoinSet;

use super::control::{Signal, UploadControl};
use super::local_file::{self, FileStamp};
use super::part_plan::{part_count, part_range, part_size_is_usable, upload_shape, UploadShape};
use super::progress::{ProgressMeter, TransferProgress};
use super::resume::{plan_resume, MultipartState, ResumePlan, SentPart};
use super::s3_calls::{FamilyBucket, PendingUpload};
use super::state_store::UploadStateStore;
use crate::error::CloudError;

/// How an upload call ended when it did not fail.
#[derive(Debug, Clone, PartialEq)]
pub enum UploadOutcome {
    /// The object is in place.
    Completed(UploadReport),
    /// Paused: the parts sent so far are kept in the cloud and noted here; calling
    /// `upload_file` again for the same key and file sends the rest.
    Paused { bytes_done: u64, total_bytes: u64 },
}

/// What a completed upload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadReport {
    /// The full key (`<identity-id>/<relative key>`).
    pub key: String,
    pub size: u64,
    /// Parts of the object (1 for a single PutObject).
    pub part_count: u32,
    /// Parts this call sent; the others were already in the cloud from an earlier attempt.
    pub parts_sent: u32,
    pub bytes_sent: u64,
}

/// Everything one upload call works with.
pub(crate) struct UploadJob<'a> {
    pub(crate) bucket: &'a FamilyBucket,
    pub(crate) key: String,
    pub(crate) path: &'a Path,
    pub(crate) content_type: &'a str,
    pub(crate) parts_in_flight: usize,
    pub(crate) control: &'a UploadControl,
    pub(crate) store: &'a dyn UploadStateStore,
    pub(crate) progress: &'a (dyn Fn(TransferProgress) + Send + Sync),
}

impl UploadJob<'_> {
    pub(crate) async fn run(self) -> Result<UploadOutcome, CloudError> {
        let stamp = local_file::stamp(self.path).await?;
        let shape = upload_shape(stamp.size).map_err(|_| {
            CloudError::InvalidInput(format!(
                "{} is {} bytes; the cloud keeps files of at most 5 TiB",
                self.path.display(),
                stamp.size
            ))
        })?;
        let saved = self.store.load(&self.key).map_err(|err| CloudError::UploadState(err.0))?;
        match self.control.current() {
            Signal::Run => {}
            Signal::Pause => {
                let bytes_done = saved.as_ref().filter(|s| matches_file(s, stamp)).map_or(0, noted_bytes);
                return Ok(UploadOutcome::Paused { bytes_done, total_bytes: stamp.size });
            }
            Signal::Cancel => {
                if let Some(saved) = saved {
                    self.abandon(&saved).await;
                }
                return Err(CloudError::Cancelled);
            }
        }
        match shape {
            UploadShape::Single => {
                if let Some(saved) = saved {
                    // The file shrank since its multipart upload began.
                    self.abandon(&saved).await;
                }
                self.single_put(stamp).await
            }
            UploadShape::Multipart { part_size, .. } => self.multipart(stamp, part_size, saved).await,
        }
    }

    async fn single_put(&self, stamp: FileStamp) -> Result<UploadOutcome, CloudError> {
        let crc32 = local_file::crc32_of_range(self.path, 0, stamp.size).await?;
        let mut meter = ProgressMeter::new(self.progress, stamp.size, 0, Instant::now());
        meter.report_now(Instant::now());
        let mut watch = self.control.watch();
        tokio::select! {
            put = self.bucket.put_file(&self.key, self.path, stamp.size, self.content_type, &crc32) => {
                put.map_err(CloudError::from)?;
            }
            // A pause lets a single call finish; only a cancel stops it.
            // The borrowed value is dropped inside, so the upload stays a Send future.
            _ = async { watch.wait_for(|signal| *signal == Signal::Cancel).await.is_ok() } => {
                return Err(CloudError::Cancelled)
            }
        }
        meter.advance(stamp.size);
        meter.report_now(Instant::now());
        Ok(UploadOutcome::Completed(UploadReport {
            key: self.key.clone(),
            size: stamp.size,
            part_count: 1,
            parts_sent: 1,
            bytes_sent: stamp.size,
        }))
    }

    async fn multipart(
        &self,
        stamp: FileStamp,
        part_size: u64,
        saved: Option<MultipartState>,
    ) -> Result<UploadOutcome, CloudError> {
        let (mut state, to_send) = self.prepare(stamp, part_size, saved).await?;
        let upload = PendingUpload { key: self.key.clone(), upload_id: state.upload_id.clone() };
        let total_parts = part_count(stamp.size, state.part_size);
        let mut meter = ProgressMeter::new(self.progress, stamp.size, noted_bytes(&state), Instant::now());
        meter.report_now(Instant::now());

        let mut queue: VecDeque<u32> = to_send.into();
        let mut in_flight: JoinSet<Result<(SentPart, u64), CloudError>> = JoinSet::new();
        let mut watch = self.control.watch();
        let mut watching = true;
        let mut paused = false;
        let mut failure: Option<CloudError> = None;
        let (mut parts_sent, mut bytes_sent) = (0_u32, 0_u64);
        let path: Arc<Path> = Arc::from(self.path);
        loop {
            while !paused && failure.is_none() && in_flight.len() < self.parts_in_flight {
                let Some(number) = queue.pop_front() else { break };
                let (offset, length) = part_range(number, state.part_size, stamp.size);
                let (bucket, upload, path) = (self.bucket.clone(), upload.clone(), path.clone());
                in_flight.spawn(async move {
                    let crc32 = local_file::crc32_of_range(&path, offset, length).await?;
                    let etag = bucket.upload_part(&upload, number, &path, offset, length, &crc32).await?;
                    Ok((SentPart { number, etag, checksum_crc32: crc32 }, length))
                });
            }
            if in_flight.is_empty() {
                break;
            }
            tokio::select! {
                changed = watch.changed(), if watching => match changed {
                    Err(_) => watching = false,
                    Ok(()) => {
                        // Copied out at once: the channel's read guard must not live across the
                        // awaits below (it would block the buttons and make the future !Send).
                        let signal = *watch.borrow_and_update();
                        match signal {
                            Signal::Cancel => {
                                in_flight.abort_all();
                                while in_flight.join_next().await.is_some() {}
                                self.abandon(&state).await;
                                return Err(CloudError::Cancelled);
                            }
                            Signal::Pause => paused = true,
                            Signal::Run => {}
                        }
                    }
                },
                Some(joined) = in_flight.join_next() => match joined {
                    Ok(Ok((part, length))) => {
                        state.parts.push(part);
                        self.note(&state);
                        parts_sent += 1;
                        bytes_sent += length;
                        meter.advance(length);
                        meter.report_paced(Instant::now());
                    }
                    // The parts already in flight finish and are noted; no new ones start.
                    Ok(Err(err)) => {
                        failure.get_or_insert(err);
                    }
                    Err(err) => {
                        failure.get_or_insert(CloudError::Service { code: "part_task".into(), message: err.to_string() });
                    }
                },
            }
        }

        if let Some(err) = failure {
            return Err(err);
        }
        if state.parts.len() < total_parts as usize {
            if let Err(err) = self.store.save(&self.key, &state) {
                // Without notes the upload could never be resumed: don't leave its parts behind.
                self.abandon(&state).await;
                return Err(CloudError::UploadState(err.0));
            }
            meter.report_now(Instant::now());
            return Ok(UploadOutcome::Paused { bytes_done: meter.bytes_done(), total_bytes: stamp.size });
        }
        if local_file::stamp(self.path).await? != stamp {
            self.abandon(&state).await;
            return Err(CloudError::LocalFile(format!(
                "{} changed while it was being uploaded; please upload it again",
                self.path.display()
            )));
        }
        self.bucket.complete(&upload, &state.parts).await.map_err(CloudError::from)?;
        if let Err(err) = self.store.clear(&self.key) {
            tracing::warn!(%err, "the notes of a finished upload could not be removed");
        }
        meter.report_now(Instant::now());
        Ok(UploadOutcome::Completed(UploadReport {
            key: self.key.clone(),
            size: stamp.size,
            part_count: total_parts,
            parts_sent,
            bytes_sent,
        }))
    }

    /// The upload to continue (the saved one if it still matches the file and the cloud still
    /// has it, else a new one) and the parts it still needs, in order.
    async fn prepare(
        &self,
        stamp: FileStamp,
        part_size: u64,
        saved: Option<MultipartState>,
    ) -> Result<(MultipartState, Vec<u32>), CloudError> {
        if let Some(saved) = saved {
            if matches_file(&saved, stamp) && part_size_is_usable(saved.part_size, stamp.size) {
                let upload = PendingUpload { key: self.key.clone(), upload_id: saved.upload_id.clone() };
                match self.bucket.list_parts(&upload).await {
                    Ok(on_server) => {
                        let count = part_count(stamp.size, saved.part_size);
                        let plan = plan_resume(count, saved.part_size, stamp.size, &saved.parts, &on_server);
                        return self.resume(saved, stamp, plan).await;
                    }
                    Err(err) if err.code() == Some("NoSuchUpload") => {
                        tracing::info!("the cloud no longer has the unfinished upload; starting it over");
                        self.forget();
                    }
                    Err(err) => return Err(err.into()),
                }
            } else {
                tracing::info!("the file changed since its upload began; starting it over");
                self.abandon(&saved).await;
            }
        }
        let upload_id = self.bucket.create_multipart(&self.key, self.content_type).await?;
        let state = MultipartState {
            object_key: self.key.clone(),
            upload_id,
            file_size: stamp.size,
            file_modified_unix_ns: stamp.modified_unix_ns,
            part_size,
            parts: Vec::new(),
        };
        self.note(&state);
        Ok((state, (1..=part_count(stamp.size, part_size)).collect()))
    }

    /// Applies a resume plan: parts the cloud holds that the notes missed are taken over once
    /// their checksum is known from the file (and matches the cloud's, when it names one).
    async fn resume(
        &self,
        mut state: MultipartState,
        stamp: FileStamp,
        plan: ResumePlan,
    ) -> Result<(MultipartState, Vec<u32>), CloudError> {
        let mut to_send = plan.send;
        state.parts = plan.keep;
        for held in plan.adopt {
            let (offset, length) = part_range(held.number, state.part_size, stamp.size);
            let crc32 = local_file::crc32_of_range(self.path, offset, length).await?;
            if held.checksum_crc32.as_ref().is_some_and(|theirs| *theirs != crc32) {
                to_send.push(held.number);
            } else {
                state.parts.push(SentPart { number: held.number, etag: held.etag, checksum_crc32: crc32 });
            }
        }
        to_send.sort_unstable();
        self.note(&state);
        Ok((state, to_send))
    }

    /// Writes the notes; a failure here only costs resuming, so the upload goes on.
    fn note(&self, state: &MultipartState) {
        if let Err(err) = self.store.save(&self.key, state) {
            tracing::warn!(%err, "could not note the upload's progress");
        }
    }

    fn forget(&self) {
        if let Err(err) = self.store.clear(&self.key) {
            tracing::warn!(%err, "could not remove the notes of an abandoned upload");
        }
    }

    /// Aborts a multipart upload (its parts are deleted) and forgets its notes.
    async fn abandon(&self, state: &MultipartState) {
        let upload = PendingUpload { key: state.object_key.clone(), upload_id: state.upload_id.clone() };
        if let Err(err) = self.bucket.abort(&upload).await {
            tracing::warn!(code = ?err.code(), "could not abort an abandoned multipart upload");
        }
        self.forget();
    }
}

fn matches_file(state: &MultipartState, stamp: FileStamp) -> bool {
    state.file_size == stamp.size && state.file_modified_unix_ns == stamp.modified_unix_ns
}

/// Bytes of the parts the notes hold.
fn noted_bytes(state: &MultipartState) -> u64 {
    state.parts.iter().map(|part| part_range(part.number, state.part_size, state.file_size).1).sum()
}
