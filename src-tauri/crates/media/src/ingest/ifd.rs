//! TIFF-structured directories (a TIFF file, an EXIF block) read in place through bounds-checked
//! lookups, so hostile offsets and counts cost a failed lookup and never an allocation.

/// One image file directory.
pub struct Directory<'a> {
    bytes: &'a [u8],
    big_endian: bool,
    start: usize,
    count: usize,
}

/// One 12-byte directory entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub tag: u16,
    pub kind: u16,
    pub count: u32,
    /// Where the entry's 4-byte value (or offset to its values) sits.
    pub value_at: usize,
}

impl<'a> Directory<'a> {
    /// The first directory of `bytes`, when they start with a (classic) TIFF header.
    pub fn first(bytes: &'a [u8]) -> Option<Self> {
        let big_endian = match bytes.get(0..4)? {
            b"II*\0" => false,
            b"MM\0*" => true,
            _ => return None,
        };
        let mut directory = Self { bytes, big_endian, start: 0, count: 0 };
        directory.start = usize::try_from(directory.u32_at(4)?).ok()?;
        directory.count = usize::from(directory.u16_at(directory.start)?);
        Some(directory)
    }

    /// The entries that are actually there, however many the directory claims.
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.count).map_while(|index| {
            let at = self.start.checked_add(2 + index * 12)?;
            Some(Entry {
                tag: self.u16_at(at)?,
                kind: self.u16_at(at + 2)?,
                count: self.u32_at(at + 4)?,
                value_at: self.bytes.get(at + 8..at + 12).map(|_| at + 8)?,
            })
        })
    }

    pub fn u16_at(&self, at: usize) -> Option<u16> {
        let b = self.bytes.get(at..at.checked_add(2)?)?;
        Some(if self.big_endian {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    }

    pub fn u32_at(&self, at: usize) -> Option<u32> {
        let b = self.bytes.get(at..at.checked_add(4)?)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    }
}
