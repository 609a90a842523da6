//! How a file of a given size is cut for S3: one PutObject up to 8 MiB, otherwise parts of 5 MiB
//! doubled until the file fits in S3's 10,000 parts. Kept apart and pure so the rule can be
//! checked for any size without a file or a network.

const MIB: u64 = 1024 * 1024;

/// Files up to this size go up in a single PutObject.
pub const SINGLE_PUT_LIMIT: u64 = 8 * MIB;
/// S3's smallest part (every part but the last must be at least this big).
pub const MIN_PART_SIZE: u64 = 5 * MIB;
/// S3's most parts in one multipart upload.
pub const MAX_PARTS: u64 = 10_000;
/// S3's biggest object.
pub const MAX_OBJECT_SIZE: u64 = 5 * 1024 * 1024 * MIB;

/// How one file goes up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadShape {
    /// One PutObject with the whole file.
    Single,
    /// A multipart upload of `part_count` parts of `part_size` bytes (the last may be shorter).
    Multipart { part_size: u64, part_count: u32 },
}

/// The file is bigger than S3 stores in one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooBig;

/// The shape of the upload of a `file_size`-byte file.
pub fn upload_shape(file_size: u64) -> Result<UploadShape, TooBig> {
    if file_size > MAX_OBJECT_SIZE {
        return Err(TooBig);
    }
    if file_size <= SINGLE_PUT_LIMIT {
        return Ok(UploadShape::Single);
    }
    let part_size = part_size_for(file_size);
    Ok(UploadShape::Multipart { part_size, part_count: part_count(file_size, part_size) })
}

/// 5 MiB, doubled until `file_size` needs at most 10,000 parts.
pub fn part_size_for(file_size: u64) -> u64 {
    let mut part_size = MIN_PART_SIZE;
    while file_size.div_ceil(part_size) > MAX_PARTS {
        part_size *= 2;
    }
    part_size
}

/// How many parts of `part_size` bytes a `file_size`-byte file makes (at least one).
pub fn part_count(file_size: u64, part_size: u64) -> u32 {
    let count = file_size.div_ceil(part_size.max(1)).max(1);
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Where part `number` (1-based) starts in the file and how long it is.
pub fn part_range(number: u32, part_size: u64, file_size: u64) -> (u64, u64) {
    let offset = u64::from(number.saturating_sub(1)) * part_size;
    let length = file_size.saturating_sub(offset).min(part_size);
    (offset, length)
}

/// True when a saved part size can cut a `file_size`-byte file within S3's limits.
pub fn part_size_is_usable(part_size: u64, file_size: u64) -> bool {
    part_size >= MIN_PART_SIZE && file_size.div_ceil(part_size) <= MAX_PARTS
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1024 * MIB;

    #[test]
    fn files_up_to_8_mib_go_up_in_one_put() {
        assert_eq!(upload_shape(0), Ok(UploadShape::Single));
        assert_eq!(upload_shape(1), Ok(UploadShape::Single));
        assert_eq!(upload_shape(8 * MIB), Ok(UploadShape::Single));
    }

    #[test]
    fn one_byte_over_8_mib_is_two_parts_of_5_mib() {
        assert_eq!(
            upload_shape(8 * MIB + 1),
            Ok(UploadShape::Multipart { part_size: 5 * MIB, part_count: 2 })
        );
        assert_eq!(part_range(2, 5 * MIB, 8 * MIB + 1), (5 * MIB, 3 * MIB + 1));
    }

    #[test]
    fn a_100_mb_file_is_twenty_parts_of_5_mib() {
        let size = 100_000_000;
        assert_eq!(upload_shape(size), Ok(UploadShape::Multipart { part_size: 5 * MIB, part_count: 20 }));
        let (offset, length) = part_range(20, 5 * MIB, size);
        assert_eq!(offset + length, size, "the last part ends at the end of the file");
        assert!(length < 5 * MIB);
    }

    #[test]
    fn the_part_size_stays_5_mib_while_10000_parts_are_enough() {
        assert_eq!(part_size_for(10_000 * 5 * MIB), 5 * MIB);
        assert_eq!(part_size_for(10_000 * 5 * MIB + 1), 10 * MIB);
    }

    #[test]
    fn a_100_gib_file_gets_20_mib_parts_and_stays_under_10000_parts() {
        let size = 100 * GIB;
        let Ok(UploadShape::Multipart { part_size, part_count }) = upload_shape(size) else {
            panic!("100 GiB is a multipart upload");
        };
        // 10 MiB parts would make 10,240 parts; 20 MiB makes 5,120.
        assert_eq!(part_size, 20 * MIB);
        assert_eq!(part_count, 5_120);
        assert!(u64::from(part_count) <= MAX_PARTS);
    }

    #[test]
    fn the_biggest_object_fits_and_one_byte_more_is_refused() {
        let Ok(UploadShape::Multipart { part_size, part_count }) = upload_shape(MAX_OBJECT_SIZE) else {
            panic!("5 TiB is a multipart upload");
        };
        assert_eq!(part_size, 640 * MIB);
        assert!(u64::from(part_count) <= MAX_PARTS);
        assert_eq!(upload_shape(MAX_OBJECT_SIZE + 1), Err(TooBig));
    }

    #[test]
    fn parts_cover_the_file_exactly_once() {
        let size = 23 * MIB + 17;
        let part_size = part_size_for(size);
        let count = part_count(size, part_size);
        let mut next = 0;
        for number in 1..=count {
            let (offset, length) = part_range(number, part_size, size);
            assert_eq!(offset, next, "part {number} starts where the previous ended");
            assert!(length > 0);
            next = offset + length;
        }
        assert_eq!(next, size);
    }

    #[test]
    fn saved_part_sizes_outside_s3_limits_are_not_reused() {
        assert!(part_size_is_usable(5 * MIB, 100 * MIB));
        assert!(!part_size_is_usable(MIB, 100 * MIB), "smaller than S3's smallest part");
        assert!(!part_size_is_usable(5 * MIB, 100 * GIB), "more than 10,000 parts");
    }
}
