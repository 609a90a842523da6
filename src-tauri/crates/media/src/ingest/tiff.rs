//! The TIFF decoder reads some entries of the first directory whole before saying anything (the
//! strip and tile tables, the sample layout, the JPEG tables), at about 32 bytes a number and
//! up to 256 MiB per entry. Their counts are summed in place first, so a directory claiming
//! millions of numbers is refused before it is read.

use super::ifd::Directory;

/// Far more than any real picture needs: a 35000-row picture stored a row per strip lists
/// 70000 numbers (offsets and sizes), and 32 MiB is what a million cost once read.
pub const MAX_NUMBERS_READ_UP_FRONT: u64 = 1 << 20;

/// Entries the decoder reads as soon as it opens the file.
const READ_UP_FRONT: [u16; 19] =
    [256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 317, 322, 323, 324, 325, 338, 339, 347, 530];

/// How many values the decoder would read up front from the first directory.
pub fn numbers_read_up_front(bytes: &[u8]) -> u64 {
    Directory::first(bytes).map_or(0, |directory| {
        directory
            .entries()
            .filter(|entry| READ_UP_FRONT.contains(&entry.tag))
            .map(|entry| u64::from(entry.count))
            .sum()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory(entries: &[(u16, u16, u32)]) -> Vec<u8> {
        let mut out = b"II*\0\x08\0\0\0".to_vec();
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        for &(tag, kind, count) in entries {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&kind.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
            out.extend_from_slice(&[0; 4]);
        }
        out
    }

    #[test]
    fn only_the_entries_read_up_front_are_counted() {
        // Width, height, 3 bits-per-sample, 5000 strip offsets, an ICC profile of 3 MB.
        let bytes =
            directory(&[(256, 4, 1), (257, 4, 1), (258, 3, 3), (273, 4, 5000), (34675, 7, 3_000_000)]);
        assert_eq!(numbers_read_up_front(&bytes), 5005);
        assert_eq!(numbers_read_up_front(b"not a tiff"), 0);
    }
}
