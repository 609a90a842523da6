//! What an unfinished multipart upload leaves behind on this computer, and the pure decision of
//! which parts still have to go up once S3 has said (ListParts) which parts it really holds:
//! the saved notes and the server can each be behind the other, and neither alone is trusted.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::part_plan::part_range;

/// The notes kept between runs for one unfinished multipart upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultipartState {
    /// The full S3 key (`<identity-id>/<relative key>`).
    pub object_key: String,
    pub upload_id: String,
    /// The file as it was when the upload started; a different size or modification time means
    /// a different file, whose parts must not be mixed with these.
    pub file_size: u64,
    pub file_modified_unix_ns: u64,
    pub part_size: u64,
    /// Parts S3 confirmed, in the order they finished.
    pub parts: Vec<SentPart>,
}

/// One part S3 confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentPart {
    /// 1-based.
    pub number: u32,
    pub etag: String,
    /// Base64 of the big-endian CRC32 of the part's bytes, as S3 spells it.
    pub checksum_crc32: String,
}

/// One part as ListParts describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerPart {
    pub number: u32,
    pub etag: String,
    pub size: u64,
    /// S3 names it when the upload was created with a checksum algorithm; an emulator may not.
    pub checksum_crc32: Option<String>,
}

/// What a resumed upload does with each part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResumePlan {
    /// Noted here and held by S3 unchanged: skipped.
    pub keep: Vec<SentPart>,
    /// Held by S3 but not noted here (it finished after the notes were last written): skipped
    /// once its checksum is known and matches the file.
    pub adopt: Vec<ServerPart>,
    /// Everything else, in part order: sent.
    pub send: Vec<u32>,
}

/// ETags arrive with or without their quotes depending on who wrote them down.
fn same_etag(a: &str, b: &str) -> bool {
    a.trim_matches('"') == b.trim_matches('"')
}

/// Decides, part by part, what a resumed upload of a `file_size`-byte file cut into `part_count`
/// parts of `part_size` bytes must send, given the parts noted as sent and the parts S3 lists.
pub fn plan_resume(
    part_count: u32,
    part_size: u64,
    file_size: u64,
    noted: &[SentPart],
    on_server: &[ServerPart],
) -> ResumePlan {
    let noted: HashMap<u32, &SentPart> = noted.iter().map(|part| (part.number, part)).collect();
    let on_server: HashMap<u32, &ServerPart> = on_server.iter().map(|part| (part.number, part)).collect();
    let mut plan = ResumePlan::default();
    for number in 1..=part_count {
        let (_, expected_size) = part_range(number, part_size, file_size);
        let held = on_server.get(&number).filter(|held| held.size == expected_size);
        match (noted.get(&number), held) {
            (Some(noted), Some(held))
                if same_etag(&noted.etag, &held.etag)
                    && held.checksum_crc32.as_ref().is_none_or(|sum| *sum == noted.checksum_crc32) =>
            {
                plan.keep.push((*noted).clone());
            }
            (None, Some(held)) => plan.adopt.push((*held).clone()),
            _ => plan.send.push(number),
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    const PART: u64 = 5 * 1024 * 1024;

    fn sent(number: u32, etag: &str) -> SentPart {
        SentPart { number, etag: etag.to_owned(), checksum_crc32: format!("crc{number}") }
    }

    fn held(number: u32, etag: &str, size: u64) -> ServerPart {
        ServerPart { number, etag: etag.to_owned(), size, checksum_crc32: None }
    }

    #[test]
    fn a_fresh_upload_sends_every_part() {
        let plan = plan_resume(4, PART, 4 * PART, &[], &[]);
        assert_eq!(plan.send, vec![1, 2, 3, 4]);
        assert!(plan.keep.is_empty() && plan.adopt.is_empty());
    }

    #[test]
    fn parts_noted_and_held_are_skipped_and_only_the_rest_is_sent() {
        let noted = [sent(1, "\"a\""), sent(2, "\"b\"")];
        let server = [held(1, "\"a\"", PART), held(2, "b", PART)];
        let plan = plan_resume(4, PART, 4 * PART, &noted, &server);
        assert_eq!(plan.keep, noted.to_vec(), "quotes around an ETag do not make it different");
        assert_eq!(plan.send, vec![3, 4]);
    }

    #[test]
    fn parts_noted_but_missing_on_the_server_are_sent_again() {
        let noted = [sent(1, "a"), sent(2, "b"), sent(3, "c")];
        let server = [held(1, "a", PART), held(3, "c", PART)];
        let plan = plan_resume(3, PART, 3 * PART, &noted, &server);
        assert_eq!(plan.keep.iter().map(|p| p.number).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(plan.send, vec![2]);
    }

    #[test]
    fn parts_the_server_holds_but_the_notes_missed_are_adopted() {
        let noted = [sent(1, "a")];
        let server = [held(1, "a", PART), held(2, "b", PART)];
        let plan = plan_resume(3, PART, 3 * PART, &noted, &server);
        assert_eq!(plan.adopt, vec![held(2, "b", PART)]);
        assert_eq!(plan.send, vec![3]);
    }

    #[test]
    fn a_part_whose_etag_differs_from_the_notes_is_sent_again() {
        let plan = plan_resume(1, PART, PART, &[sent(1, "a")], &[held(1, "z", PART)]);
        assert!(plan.keep.is_empty());
        assert_eq!(plan.send, vec![1]);
    }

    #[test]
    fn a_part_whose_server_checksum_differs_from_the_notes_is_sent_again() {
        let mut server = held(1, "a", PART);
        server.checksum_crc32 = Some("other".into());
        let plan = plan_resume(1, PART, PART, &[sent(1, "a")], &[server]);
        assert_eq!(plan.send, vec![1]);
    }

    #[test]
    fn a_part_of_the_wrong_size_on_the_server_is_neither_kept_nor_adopted() {
        let last = 2 * PART + 7;
        let server = [held(1, "a", PART - 1), held(3, "c", PART)];
        let plan = plan_resume(3, PART, last, &[sent(1, "a")], &server);
        assert!(plan.keep.is_empty() && plan.adopt.is_empty());
        assert_eq!(plan.send, vec![1, 2, 3], "the last part is 7 bytes, not 5 MiB");
    }

    #[test]
    fn parts_beyond_the_file_are_ignored() {
        let plan = plan_resume(2, PART, 2 * PART, &[sent(5, "e")], &[held(6, "f", PART)]);
        assert_eq!(plan.send, vec![1, 2]);
        assert!(plan.keep.is_empty() && plan.adopt.is_empty());
    }
}
