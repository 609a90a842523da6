//! What an MP4 file holds, read from its index (the `moov` box) in-process. Every clip is checked
//! as it is made and the joined video once more; ffprobe spends about a tenth of a second of CPU
//! starting up for each check, the last ones at the end of a render when nothing else can run,
//! while the index answers in well under a millisecond. Anything the index can't answer is left
//! to ffprobe (see `probe`).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use md5::{Digest, Md5};

use crate::probe::{ProbeInfo, StreamInfo, VideoFrames};

/// The largest index read into memory: a two-hour video's is a few megabytes.
const MAX_INDEX_BYTES: u64 = 64 << 20;

/// ffprobe's name for the demuxer that reads MP4, so both readers describe a file alike.
const FORMAT_NAME: &str = "mov,mp4,m4a,3gp,3g2,mj2";

/// Reads `path`'s streams and its first video stream's frames from the MP4 index. The error says
/// why the index couldn't be read (not an MP4, cut short, or a layout this reader doesn't know).
pub fn read_index(path: &Path) -> Result<(ProbeInfo, VideoFrames), String> {
    let mut file = File::open(path).map_err(|error| format!("open: {error}"))?;
    let size = file.metadata().map_err(|error| format!("size: {error}"))?.len();
    let moov = find_moov(&mut file, size)?;
    parse_moov(&moov, size)
}

/// The `moov` box's body, wherever it sits among the top-level boxes. Every top-level box must
/// end within the file: a file cut short (its frames, not just its index) is refused.
fn find_moov(file: &mut File, size: u64) -> Result<Vec<u8>, String> {
    let mut moov = None;
    let mut at = 0u64;
    while at + 8 <= size {
        file.seek(SeekFrom::Start(at)).map_err(|error| format!("seek: {error}"))?;
        let mut header = [0u8; 16];
        file.read_exact(&mut header[..8]).map_err(|error| format!("read: {error}"))?;
        let mut length = u64::from(u32::from_be_bytes([header[0], header[1], header[2], header[3]]));
        let mut header_len = 8;
        if length == 1 {
            file.read_exact(&mut header[8..]).map_err(|error| format!("read: {error}"))?;
            length = u64::from_be_bytes([
                header[8], header[9], header[10], header[11], header[12], header[13], header[14], header[15],
            ]);
            header_len = 16;
        } else if length == 0 {
            length = size - at;
        }
        if length < header_len || length > size - at {
            return Err(format!("a box at byte {at} runs past the end of the file: it was cut short"));
        }
        if &header[4..8] == b"moov" && moov.is_none() {
            let body = length - header_len;
            if body > MAX_INDEX_BYTES {
                return Err("the index is implausibly large".into());
            }
            let mut bytes = vec![0u8; body as usize];
            file.read_exact(&mut bytes).map_err(|error| format!("read the index: {error}"))?;
            moov = Some(bytes);
        }
        at += length;
    }
    if at != size {
        return Err("the file ends inside a box header: it was cut short".into());
    }
    moov.ok_or_else(|| "no index (moov box): not an MP4 file, or one cut short".into())
}

/// Big-endian fields read in order from a box body; running out is an error, never a panic.
struct Fields<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Fields<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, at: 0 }
    }

    fn bytes(&mut self, count: usize) -> Result<&'a [u8], String> {
        let end =
            self.at.checked_add(count).filter(|&end| end <= self.data.len()).ok_or("a box is cut short")?;
        let bytes = &self.data[self.at..end];
        self.at = end;
        Ok(bytes)
    }

    fn skip(&mut self, count: usize) -> Result<(), String> {
        self.bytes(count).map(|_| ())
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.bytes(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, String> {
        let bytes = self.bytes(2)?;
        Ok(u16::from_be_bytes([bytes[0], bytes[1]]))
    }

    fn u32(&mut self) -> Result<u32, String> {
        let bytes = self.bytes(4)?;
        Ok(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from(self.u32()?) << 32 | u64::from(self.u32()?))
    }

    /// A full box's version byte, its flags skipped.
    fn version(&mut self) -> Result<u8, String> {
        let version = self.u8()?;
        self.skip(3)?;
        Ok(version)
    }

    /// A time or duration that is 64-bit in version 1 boxes and 32-bit before.
    fn sized(&mut self, version: u8) -> Result<u64, String> {
        if version == 1 {
            self.u64()
        } else {
            self.u32().map(u64::from)
        }
    }

    fn rest(&self) -> &'a [u8] {
        &self.data[self.at.min(self.data.len())..]
    }
}

/// A box's four-letter type and its body.
type Child<'a> = ([u8; 4], &'a [u8]);

/// The child boxes in `data`.
fn children(data: &[u8]) -> Result<Vec<Child<'_>>, String> {
    let mut boxes = Vec::new();
    let mut fields = Fields::new(data);
    while fields.rest().len() >= 8 {
        let start = fields.at;
        let mut length = u64::from(fields.u32()?);
        let kind: [u8; 4] = fields.bytes(4)?.try_into().map_err(|_| "box type")?;
        if length == 1 {
            length = fields.u64()?;
        } else if length == 0 {
            length = (data.len() - start) as u64;
        }
        let header = fields.at - start;
        let body = usize::try_from(length)
            .ok()
            .and_then(|length| length.checked_sub(header))
            .ok_or("a box has an impossible size")?;
        boxes.push((kind, fields.bytes(body)?));
    }
    Ok(boxes)
}

fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<Option<&'a [u8]>, String> {
    Ok(children(data)?.into_iter().find(|(found, _)| found == kind).map(|(_, body)| body))
}

fn required<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<&'a [u8], String> {
    child(data, kind)?.ok_or_else(|| format!("no {} box", String::from_utf8_lossy(kind)))
}

fn parse_moov(moov: &[u8], size: u64) -> Result<(ProbeInfo, VideoFrames), String> {
    let mut mvhd = Fields::new(required(moov, b"mvhd")?);
    let version = mvhd.version()?;
    mvhd.sized(version)?;
    mvhd.sized(version)?;
    let timescale = mvhd.u32()?;
    let duration = mvhd.sized(version)?;
    let mut streams = Vec::new();
    let mut frames = None;
    for (kind, trak) in children(moov)? {
        if &kind != b"trak" {
            continue;
        }
        let (stream, track_frames) = parse_track(trak, streams.len())?;
        if stream.kind == "video" && frames.is_none() {
            frames = Some(track_frames);
        }
        streams.push(stream);
    }
    let duration_sec = if timescale > 0 && duration > 0 {
        duration as f64 / f64::from(timescale)
    } else {
        streams.iter().filter_map(|s| s.duration_sec).reduce(f64::max).unwrap_or(0.0)
    };
    let info = ProbeInfo { format: FORMAT_NAME.to_owned(), duration_sec, size_bytes: Some(size), streams };
    Ok((info, frames.unwrap_or(VideoFrames { count: 0, keyframes: Vec::new() })))
}

fn parse_track(trak: &[u8], index: usize) -> Result<(StreamInfo, VideoFrames), String> {
    let mdia = required(trak, b"mdia")?;
    let mut mdhd = Fields::new(required(mdia, b"mdhd")?);
    let version = mdhd.version()?;
    mdhd.sized(version)?;
    mdhd.sized(version)?;
    let timescale = mdhd.u32()?;
    let duration = mdhd.sized(version)?;
    let mut hdlr = Fields::new(required(mdia, b"hdlr")?);
    hdlr.skip(8)?;
    let kind = match hdlr.bytes(4)? {
        b"vide" => "video",
        b"soun" => "audio",
        b"sbtl" | b"text" | b"subt" => "subtitle",
        _ => "data",
    };
    let stbl = required(required(mdia, b"minf")?, b"stbl")?;
    let samples = Samples::read(stbl)?;
    let mut stream = StreamInfo {
        index,
        kind: kind.to_owned(),
        codec: String::new(),
        profile: None,
        width: None,
        height: None,
        pix_fmt: None,
        color_space: None,
        color_primaries: None,
        color_transfer: None,
        frame_rate: None,
        sample_rate: None,
        channels: None,
        duration_sec: (timescale > 0).then(|| duration as f64 / f64::from(timescale)),
        extradata_hash: None,
    };
    let mut stsd = Fields::new(required(stbl, b"stsd")?);
    stsd.version()?;
    if stsd.u32()? > 0 {
        let entry_len = stsd.u32()? as usize;
        let format: [u8; 4] = stsd.bytes(4)?.try_into().map_err(|_| "sample entry")?;
        let entry = stsd.bytes(entry_len.checked_sub(8).ok_or("a sample entry has an impossible size")?)?;
        match kind {
            "video" => describe_video(&mut stream, &format, entry)?,
            "audio" => describe_audio(&mut stream, &format, entry)?,
            _ => stream.codec = String::from_utf8_lossy(&format).trim().to_owned(),
        }
    }
    if kind == "video" && samples.total_duration > 0 && timescale > 0 {
        stream.frame_rate = Some(samples.sizes as f64 * f64::from(timescale) / samples.total_duration as f64);
    }
    Ok((stream, samples.frames()))
}

/// A track's sample table: how many samples, their timing and which are keyframes.
struct Samples {
    sizes: usize,
    /// Decode-time deltas, run-length coded as (count, delta).
    deltas: Vec<(u32, u32)>,
    /// Composition offsets, run-length coded as (count, offset); empty when display order is
    /// decode order.
    offsets: Vec<(u32, i64)>,
    /// 1-based sample numbers of the keyframes; `None` when every sample is one.
    sync: Option<Vec<u32>>,
    total_duration: u64,
}

impl Samples {
    fn read(stbl: &[u8]) -> Result<Self, String> {
        let mut stsz = Fields::new(required(stbl, b"stsz")?);
        stsz.version()?;
        stsz.u32()?;
        let sizes = stsz.u32()? as usize;
        let deltas = run_lengths(required(stbl, b"stts")?, |fields, _| fields.u32())?;
        let offsets = match child(stbl, b"ctts")? {
            // Version 0 stores the offsets unsigned, version 1 signed; both fit in an i32 in practice.
            Some(ctts) => run_lengths(ctts, |fields, version| {
                let raw = fields.u32()?;
                Ok(if version == 1 { i64::from(raw as i32) } else { i64::from(raw) })
            })?,
            None => Vec::new(),
        };
        let sync = match child(stbl, b"stss")? {
            Some(stss) => {
                let mut fields = Fields::new(stss);
                fields.version()?;
                let count = fields.u32()? as usize;
                if count > fields.rest().len() / 4 {
                    return Err("the keyframe table is cut short".into());
                }
                Some((0..count).map(|_| fields.u32()).collect::<Result<Vec<u32>, String>>()?)
            }
            None => None,
        };
        let total_duration = deltas.iter().map(|&(count, delta)| u64::from(count) * u64::from(delta)).sum();
        Ok(Self { sizes, deltas, offsets, sync, total_duration })
    }

    /// The samples' display order: each sample's presentation time is its decode time plus its
    /// composition offset.
    fn frames(&self) -> VideoFrames {
        let decode_times = expand(&self.deltas, self.sizes).scan(0i64, |time, delta| {
            let at = *time;
            *time += i64::from(delta);
            Some(at)
        });
        let mut offsets = expand(&self.offsets, self.sizes);
        let mut order: Vec<(i64, usize)> = decode_times
            .enumerate()
            .map(|(sample, time)| (time + offsets.next().unwrap_or(0), sample))
            .collect();
        // Samples the timing table leaves out go last, in decode order.
        let timed = order.len();
        order.extend((timed..self.sizes).map(|sample| (i64::MAX, sample)));
        order.sort_unstable();
        let keyframes = match &self.sync {
            None => (0..order.len()).collect(),
            Some(sync) => {
                let mut is_key = vec![false; self.sizes];
                for &number in sync {
                    if let Some(flag) = (number as usize).checked_sub(1).and_then(|at| is_key.get_mut(at)) {
                        *flag = true;
                    }
                }
                order
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, sample))| is_key[*sample])
                    .map(|(at, _)| at)
                    .collect()
            }
        };
        VideoFrames { count: self.sizes, keyframes }
    }
}

/// A run-length table (`stts`, `ctts`): a full box with an entry count, then (count, value).
fn run_lengths<T>(
    body: &[u8],
    value: impl Fn(&mut Fields, u8) -> Result<T, String>,
) -> Result<Vec<(u32, T)>, String> {
    let mut fields = Fields::new(body);
    let version = fields.version()?;
    let count = fields.u32()? as usize;
    if count > fields.rest().len() / 8 {
        return Err("a timing table is cut short".into());
    }
    (0..count).map(|_| Ok((fields.u32()?, value(&mut fields, version)?))).collect()
}

/// The values of a run-length table one per sample, at most `limit` of them.
fn expand<T: Copy>(runs: &[(u32, T)], limit: usize) -> impl Iterator<Item = T> + '_ {
    runs.iter().flat_map(|&(count, value)| std::iter::repeat_n(value, count as usize)).take(limit)
}

/// Codec, size, profile, pixel format and colour of an H.264 (or other) video sample entry.
fn describe_video(stream: &mut StreamInfo, format: &[u8; 4], entry: &[u8]) -> Result<(), String> {
    let mut fields = Fields::new(entry);
    fields.skip(24)?;
    stream.width = Some(u32::from(fields.u16()?));
    stream.height = Some(u32::from(fields.u16()?));
    fields.skip(50)?;
    let boxes = fields.rest();
    stream.codec = match format {
        b"avc1" | b"avc3" => "h264".to_owned(),
        b"hvc1" | b"hev1" => "hevc".to_owned(),
        b"av01" => "av1".to_owned(),
        b"vp09" => "vp9".to_owned(),
        b"mp4v" => "mpeg4".to_owned(),
        other => String::from_utf8_lossy(other).trim().to_owned(),
    };
    if let Some(avcc) = child(boxes, b"avcC")? {
        stream.extradata_hash = Some(md5_tag(avcc));
        describe_avc(stream, avcc);
    }
    if let Some(colr) = child(boxes, b"colr")? {
        let mut fields = Fields::new(colr);
        if fields.bytes(4)? == b"nclx" {
            stream.color_primaries = primaries_name(fields.u16()?);
            stream.color_transfer = transfer_name(fields.u16()?);
            stream.color_space = matrix_name(fields.u16()?);
        }
    }
    Ok(())
}

/// Profile and pixel format from an `avcC` record: its profile byte, and for the High profiles
/// the chroma format and bit depth that follow the parameter sets.
fn describe_avc(stream: &mut StreamInfo, avcc: &[u8]) {
    let Some(&profile_idc) = avcc.get(1) else { return };
    let constrained = avcc.get(2).is_some_and(|flags| flags & 0x40 != 0);
    stream.profile = match profile_idc {
        66 if constrained => Some("Constrained Baseline"),
        66 => Some("Baseline"),
        77 => Some("Main"),
        88 => Some("Extended"),
        100 => Some("High"),
        110 => Some("High 10"),
        122 => Some("High 4:2:2"),
        244 => Some("High 4:4:4 Predictive"),
        _ => None,
    }
    .map(str::to_owned);
    stream.pix_fmt = match profile_idc {
        66 | 77 | 88 => Some("yuv420p".to_owned()),
        _ => high_profile_format(avcc),
    };
}

/// The pixel format the High-profile extension of `avcc` declares, if it has one.
fn high_profile_format(avcc: &[u8]) -> Option<String> {
    let mut fields = Fields::new(avcc);
    fields.skip(5).ok()?;
    let sets = fields.u8().ok()? & 0x1F;
    for _ in 0..sets {
        let length = fields.u16().ok()?;
        fields.skip(usize::from(length)).ok()?;
    }
    let sets = fields.u8().ok()?;
    for _ in 0..sets {
        let length = fields.u16().ok()?;
        fields.skip(usize::from(length)).ok()?;
    }
    let chroma = fields.u8().ok()? & 0x03;
    let luma_depth = (fields.u8().ok()? & 0x07) + 8;
    let layout = ["gray", "yuv420p", "yuv422p", "yuv444p"][usize::from(chroma)];
    Some(match luma_depth {
        8 => layout.to_owned(),
        depth => format!("{layout}{depth}le"),
    })
}

/// Codec, sample rate and channels of an audio sample entry; for AAC from its decoder setup,
/// which (unlike the sample entry) gives the true channel count.
fn describe_audio(stream: &mut StreamInfo, format: &[u8; 4], entry: &[u8]) -> Result<(), String> {
    let mut fields = Fields::new(entry);
    fields.skip(8)?;
    let version = fields.u16()?;
    fields.skip(6)?;
    stream.channels = Some(u32::from(fields.u16()?));
    fields.skip(6)?;
    stream.sample_rate = Some(fields.u32()? >> 16);
    // QuickTime sound descriptions of version 1 and 2 carry more fields before the child boxes.
    fields.skip(match version {
        1 => 16,
        2 => 36,
        _ => 0,
    })?;
    let boxes = fields.rest();
    stream.codec = String::from_utf8_lossy(format).trim().to_owned();
    if format != b"mp4a" {
        return Ok(());
    }
    let Some(esds) = child(boxes, b"esds")? else { return Ok(()) };
    let Some((object_type, setup)) = decoder_setup(esds) else { return Ok(()) };
    stream.codec = match object_type {
        0x40 | 0x66..=0x68 => "aac",
        0x69 | 0x6B => "mp3",
        _ => "mp4a",
    }
    .to_owned();
    if !setup.is_empty() {
        stream.extradata_hash = Some(md5_tag(setup));
    }
    if stream.codec == "aac" {
        if let Some(aac) = aac_setup(setup) {
            stream.profile = aac.profile.map(str::to_owned);
            stream.sample_rate = Some(aac.sample_rate);
            if aac.channels > 0 {
                stream.channels = Some(aac.channels);
            }
        }
    }
    Ok(())
}

/// The object type and decoder-specific setup in an `esds` box's descriptors.
fn decoder_setup(esds: &[u8]) -> Option<(u8, &[u8])> {
    let mut fields = Fields::new(esds);
    fields.version().ok()?;
    let (tag, _) = descriptor(&mut fields)?;
    if tag != 0x03 {
        return None;
    }
    fields.skip(2).ok()?;
    let flags = fields.u8().ok()?;
    if flags & 0x80 != 0 {
        fields.skip(2).ok()?;
    }
    if flags & 0x40 != 0 {
        let length = fields.u8().ok()?;
        fields.skip(usize::from(length)).ok()?;
    }
    if flags & 0x20 != 0 {
        fields.skip(2).ok()?;
    }
    let (tag, _) = descriptor(&mut fields)?;
    if tag != 0x04 {
        return None;
    }
    let object_type = fields.u8().ok()?;
    fields.skip(12).ok()?;
    match descriptor(&mut fields) {
        Some((0x05, length)) => Some((object_type, fields.bytes(length).ok()?)),
        _ => Some((object_type, &[])),
    }
}

/// A descriptor's tag and length (seven bits per byte, high bit set while more follow).
fn descriptor(fields: &mut Fields) -> Option<(u8, usize)> {
    let tag = fields.u8().ok()?;
    let mut length = 0usize;
    for _ in 0..4 {
        let byte = fields.u8().ok()?;
        length = length << 7 | usize::from(byte & 0x7F);
        if byte & 0x80 == 0 {
            return Some((tag, length));
        }
    }
    None
}

/// What an AAC AudioSpecificConfig declares.
#[derive(Debug, PartialEq, Eq)]
struct AacSetup {
    /// ffprobe's name for the audio object type.
    profile: Option<&'static str>,
    sample_rate: u32,
    /// The channel configuration; 0 when the stream describes its channels itself.
    channels: u32,
}

fn aac_setup(setup: &[u8]) -> Option<AacSetup> {
    const RATES: [u32; 13] =
        [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
    let mut bits = Bits { data: setup, at: 0 };
    let object_type = match bits.take(5)? {
        31 => 32 + bits.take(6)?,
        object_type => object_type,
    };
    let profile = match object_type {
        1 => Some("Main"),
        2 => Some("LC"),
        3 => Some("SSR"),
        4 => Some("LTP"),
        5 => Some("HE-AAC"),
        23 => Some("LD"),
        29 => Some("HE-AACv2"),
        39 => Some("ELD"),
        _ => None,
    };
    let sample_rate = match bits.take(4)? {
        15 => bits.take(24)?,
        index => *RATES.get(index as usize)?,
    };
    let channels = match bits.take(4)? {
        7 => 8,
        config => config,
    };
    Some(AacSetup { profile, sample_rate, channels })
}

/// Bits read most significant first.
struct Bits<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bits<'_> {
    fn take(&mut self, count: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..count {
            let byte = self.data.get(self.at / 8)?;
            value = value << 1 | u32::from(byte >> (7 - self.at % 8) & 1);
            self.at += 1;
        }
        Some(value)
    }
}

/// The same tag ffprobe's `-show_data_hash MD5` gives the codec setup.
fn md5_tag(data: &[u8]) -> String {
    let digest = Md5::digest(data);
    let mut tag = String::from("MD5:");
    for byte in digest.iter() {
        tag.push_str(&format!("{byte:02x}"));
    }
    tag
}

fn primaries_name(code: u16) -> Option<String> {
    let name = match code {
        1 => "bt709",
        4 => "bt470m",
        5 => "bt470bg",
        6 => "smpte170m",
        7 => "smpte240m",
        9 => "bt2020",
        12 => "smpte432",
        _ => return None,
    };
    Some(name.to_owned())
}

fn transfer_name(code: u16) -> Option<String> {
    let name = match code {
        1 => "bt709",
        4 => "gamma22",
        5 => "gamma28",
        6 => "smpte170m",
        7 => "smpte240m",
        8 => "linear",
        13 => "iec61966-2-1",
        14 => "bt2020-10",
        15 => "bt2020-12",
        16 => "smpte2084",
        18 => "arib-std-b67",
        _ => return None,
    };
    Some(name.to_owned())
}

fn matrix_name(code: u16) -> Option<String> {
    let name = match code {
        0 => "gbr",
        1 => "bt709",
        5 => "bt470bg",
        6 => "smpte170m",
        7 => "smpte240m",
        9 => "bt2020nc",
        10 => "bt2020c",
        _ => return None,
    };
    Some(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_stream() -> StreamInfo {
        StreamInfo {
            index: 0,
            kind: "video".into(),
            codec: "h264".into(),
            profile: None,
            width: None,
            height: None,
            pix_fmt: None,
            color_space: None,
            color_primaries: None,
            color_transfer: None,
            frame_rate: None,
            sample_rate: None,
            channels: None,
            duration_sec: None,
            extradata_hash: None,
        }
    }

    #[test]
    fn boxes_that_run_past_their_parent_are_an_error() {
        let mut data = Vec::new();
        data.extend_from_slice(&100u32.to_be_bytes());
        data.extend_from_slice(b"trak");
        data.extend_from_slice(&[0; 8]);
        assert!(children(&data).is_err());
        assert!(children(&[0, 0, 0, 3, b'f', b'r', b'e', b'e']).is_err(), "smaller than its header");
    }

    #[test]
    fn keyframes_are_placed_in_display_order() {
        // Decode order I P B B with offsets that show them as I B B P; the second keyframe is
        // the fourth sample decoded and the fourth shown.
        let samples = Samples {
            sizes: 5,
            deltas: vec![(5, 512)],
            offsets: vec![(1, 512), (1, 2048), (2, 0), (1, 512)],
            sync: Some(vec![1, 5]),
            total_duration: 5 * 512,
        };
        assert_eq!(samples.frames(), VideoFrames { count: 5, keyframes: vec![0, 4] });
        let all_key = Samples { sync: None, offsets: Vec::new(), ..samples };
        assert_eq!(all_key.frames().keyframes, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn aac_setup_gives_the_true_rate_and_channels() {
        // AAC-LC, 48 kHz (index 3), mono: as ffmpeg writes it for the app's audio.
        assert_eq!(
            aac_setup(&[0x11, 0x88]),
            Some(AacSetup { profile: Some("LC"), sample_rate: 48_000, channels: 1 })
        );
        // 44.1 kHz stereo.
        assert_eq!(
            aac_setup(&[0x12, 0x10]),
            Some(AacSetup { profile: Some("LC"), sample_rate: 44_100, channels: 2 })
        );
        assert_eq!(aac_setup(&[0x11]), None, "cut short");
    }

    #[test]
    fn the_high_profile_extension_names_the_pixel_format() {
        let avcc = [
            0x01, 0x64, 0x00, 0x1f, 0xff, 0xe1, 0x00, 0x02, 0x67, 0x64, 0x01, 0x00, 0x02, 0x68, 0xef, 0xfd,
            0xf8, 0xf8, 0x00,
        ];
        let mut stream = empty_stream();
        describe_avc(&mut stream, &avcc);
        assert_eq!(stream.profile.as_deref(), Some("High"));
        assert_eq!(stream.pix_fmt.as_deref(), Some("yuv420p"));
        let mut cut = empty_stream();
        describe_avc(&mut cut, &avcc[..14]);
        assert_eq!((cut.profile.as_deref(), cut.pix_fmt), (Some("High"), None));
    }

    #[test]
    fn the_codec_setup_hash_matches_ffprobes_form() {
        assert_eq!(md5_tag(b""), "MD5:d41d8cd98f00b204e9800998ecf8427e");
    }
}
