//! Reading and writing WAV files ourselves: durations and subtitle times come from the real
//! samples, and joining sentences needs the samples anyway.

use std::path::Path;

use crate::AvError;

/// Mono audio as floats in -1..=1.
#[derive(Debug, Clone, PartialEq)]
pub struct Audio {
    pub sample_rate: u32,
    pub samples: Vec<f32>,
}

impl Audio {
    pub fn duration_sec(&self) -> f64 {
        if self.sample_rate == 0 {
            0.0
        } else {
            self.samples.len() as f64 / self.sample_rate as f64
        }
    }
}

const FORMAT_PCM: u16 = 1;
const FORMAT_FLOAT: u16 = 3;
const FORMAT_EXTENSIBLE: u16 = 0xFFFE;

/// Reads a RIFF/WAVE file (integer PCM 8/16/24/32-bit or 32-bit float, any channel count),
/// mixing channels down to mono.
pub fn read_wav(path: &Path) -> Result<Audio, AvError> {
    let bytes = std::fs::read(path)
        .map_err(|error| AvError::BadAudio { detail: format!("{}: {error}", path.display()) })?;
    parse_wav(&bytes).map_err(|detail| AvError::BadAudio { detail: format!("{}: {detail}", path.display()) })
}

struct Format {
    tag: u16,
    channels: u16,
    sample_rate: u32,
    bits: u16,
}

pub(crate) fn parse_wav(bytes: &[u8]) -> Result<Audio, String> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err("not a RIFF/WAVE file".into());
    }
    let mut format: Option<Format> = None;
    let mut position = 12usize;
    while position + 8 <= bytes.len() {
        let id = &bytes[position..position + 4];
        let declared = u32_at(bytes, position + 4) as usize;
        let body_start = position + 8;
        // Streamed WAVs (written to a pipe) declare a huge or zero size: take what is there.
        let body_end = body_start.saturating_add(declared).min(bytes.len());
        let body = &bytes[body_start..body_end];
        match id {
            b"fmt " => format = Some(parse_format(body)?),
            b"data" => {
                let format = format.ok_or("data chunk before fmt chunk")?;
                let data = if declared == 0 || declared >= 0x7fff_f000 { &bytes[body_start..] } else { body };
                return decode_samples(&format, data);
            }
            _ => {}
        }
        position = body_start.saturating_add(declared).saturating_add(declared & 1);
    }
    Err("no data chunk".into())
}

fn parse_format(body: &[u8]) -> Result<Format, String> {
    if body.len() < 16 {
        return Err("fmt chunk too short".into());
    }
    let mut tag = u16_at(body, 0);
    if tag == FORMAT_EXTENSIBLE && body.len() >= 26 {
        // The sub-format GUID starts with the plain format tag.
        tag = u16_at(body, 24);
    }
    let format =
        Format { tag, channels: u16_at(body, 2), sample_rate: u32_at(body, 4), bits: u16_at(body, 14) };
    if format.channels == 0 || format.sample_rate == 0 {
        return Err("no channels or no sample rate".into());
    }
    match (format.tag, format.bits) {
        (FORMAT_PCM, 8 | 16 | 24 | 32) | (FORMAT_FLOAT, 32) => Ok(format),
        (tag, bits) => Err(format!("unsupported sample format (tag {tag}, {bits} bits)")),
    }
}

fn decode_samples(format: &Format, data: &[u8]) -> Result<Audio, String> {
    let width = usize::from(format.bits / 8);
    let channels = usize::from(format.channels);
    let frame = width * channels;
    let decode = |chunk: &[u8]| -> f32 {
        match (format.tag, format.bits) {
            (FORMAT_FLOAT, _) => f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]),
            (_, 8) => (f32::from(chunk[0]) - 128.0) / 128.0,
            (_, 16) => f32::from(i16::from_le_bytes([chunk[0], chunk[1]])) / 32768.0,
            (_, 24) => (i32::from_le_bytes([0, chunk[0], chunk[1], chunk[2]]) >> 8) as f32 / 8_388_608.0,
            _ => i32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as f32 / 2_147_483_648.0,
        }
    };
    let samples = data
        .chunks_exact(frame)
        .map(|frame| {
            let sum: f32 = frame.chunks_exact(width).map(decode).sum();
            let value = sum / channels as f32;
            if value.is_finite() {
                value.clamp(-1.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();
    Ok(Audio { sample_rate: format.sample_rate, samples })
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Encodes mono audio as 16-bit PCM WAV bytes.
pub(crate) fn encode_wav(audio: &Audio) -> Vec<u8> {
    let data_len = (audio.samples.len() * 2) as u32;
    let mut bytes = Vec::with_capacity(44 + data_len as usize);
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(36 + data_len).to_le_bytes());
    bytes.extend_from_slice(b"WAVEfmt ");
    bytes.extend_from_slice(&16u32.to_le_bytes());
    bytes.extend_from_slice(&FORMAT_PCM.to_le_bytes());
    bytes.extend_from_slice(&1u16.to_le_bytes());
    bytes.extend_from_slice(&audio.sample_rate.to_le_bytes());
    bytes.extend_from_slice(&(audio.sample_rate * 2).to_le_bytes());
    bytes.extend_from_slice(&2u16.to_le_bytes());
    bytes.extend_from_slice(&16u16.to_le_bytes());
    bytes.extend_from_slice(b"data");
    bytes.extend_from_slice(&data_len.to_le_bytes());
    for sample in &audio.samples {
        let value = (sample.clamp(-1.0, 1.0) * 32767.0).round() as i16;
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    bytes
}

/// Writes mono audio as a 16-bit PCM WAV file, readable by the user only.
pub fn write_wav(path: &Path, audio: &Audio) -> Result<(), AvError> {
    crate::files::write_private(path, &encode_wav(audio))
        .map_err(|error| AvError::io("save the narration", path, error))
}

/// Linear resampling; only used when one sentence comes back at a different rate than the rest.
pub(crate) fn resample(audio: &Audio, sample_rate: u32) -> Audio {
    if audio.sample_rate == sample_rate || audio.samples.is_empty() || audio.sample_rate == 0 {
        return Audio { sample_rate, samples: audio.samples.clone() };
    }
    let ratio = audio.sample_rate as f64 / sample_rate as f64;
    let length = (audio.samples.len() as f64 / ratio).round() as usize;
    let last = audio.samples.len() - 1;
    let samples = (0..length)
        .map(|index| {
            let position = index as f64 * ratio;
            let left = (position.floor() as usize).min(last);
            let right = (left + 1).min(last);
            let fraction = (position - left as f64) as f32;
            audio.samples[left] * (1.0 - fraction) + audio.samples[right] * fraction
        })
        .collect();
    Audio { sample_rate, samples }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_wav_reads_back_with_the_same_duration() {
        let audio = Audio { sample_rate: 22_050, samples: vec![0.25; 22_050 / 2] };
        let parsed = parse_wav(&encode_wav(&audio)).expect("own wav parses");
        assert_eq!(parsed.sample_rate, 22_050);
        assert!((parsed.duration_sec() - 0.5).abs() < 1e-9);
        assert!((parsed.samples[10] - 0.25).abs() < 1e-3);
    }

    #[test]
    fn streamed_wav_with_unknown_size_uses_the_bytes_present() {
        let audio = Audio { sample_rate: 8_000, samples: vec![0.0; 800] };
        let mut bytes = encode_wav(&audio);
        bytes[40..44].copy_from_slice(&0xffff_ffffu32.to_le_bytes());
        assert_eq!(parse_wav(&bytes).expect("streamed wav parses").samples.len(), 800);
    }

    #[test]
    fn stereo_float_is_mixed_to_mono() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(b"RIFF\0\0\0\0WAVEfmt ");
        bytes.extend_from_slice(&16u32.to_le_bytes());
        bytes.extend_from_slice(&FORMAT_FLOAT.to_le_bytes());
        bytes.extend_from_slice(&2u16.to_le_bytes());
        bytes.extend_from_slice(&48_000u32.to_le_bytes());
        bytes.extend_from_slice(&(48_000u32 * 8).to_le_bytes());
        bytes.extend_from_slice(&8u16.to_le_bytes());
        bytes.extend_from_slice(&32u16.to_le_bytes());
        bytes.extend_from_slice(b"data");
        bytes.extend_from_slice(&8u32.to_le_bytes());
        bytes.extend_from_slice(&0.5f32.to_le_bytes());
        bytes.extend_from_slice(&0.25f32.to_le_bytes());
        let audio = parse_wav(&bytes).expect("float wav parses");
        assert_eq!(audio.samples, vec![0.375]);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse_wav(b"RIFF").is_err());
        assert!(parse_wav(b"RIFF\x10\0\0\0WAVEfmt \x02\0\0\0ab").is_err());
        assert!(parse_wav(&[0u8; 100]).is_err());
    }

    #[test]
    fn resampling_keeps_the_duration() {
        let audio = Audio { sample_rate: 16_000, samples: vec![0.1; 16_000] };
        let resampled = resample(&audio, 22_050);
        assert!((resampled.duration_sec() - 1.0).abs() < 1e-3);
    }
}
