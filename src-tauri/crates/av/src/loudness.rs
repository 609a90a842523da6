//! Narration loudness: every scene is measured (EBU R128 integrated loudness) and brought to the
//! same level with one fixed gain, which stays stable on short clips where ffmpeg's one-pass
//! `loudnorm` pumps.

use crate::narrate::wav::Audio;

/// Integrated loudness every scene's narration is brought to.
pub const TARGET_LUFS: f64 = -16.0;
/// No sample may end up louder than this.
pub const PEAK_CEILING_DBFS: f64 = -1.0;
/// Limits of the correction, so a near-silent take is not blown up into noise.
const MAX_BOOST_DB: f64 = 24.0;
const MAX_CUT_DB: f64 = -24.0;

/// Integrated loudness in LUFS, or `None` when the audio is too short or too quiet to measure.
pub fn integrated_lufs(audio: &Audio) -> Option<f64> {
    if audio.samples.is_empty() || audio.sample_rate == 0 {
        return None;
    }
    let mut meter = ebur128::EbuR128::new(1, audio.sample_rate, ebur128::Mode::I).ok()?;
    meter.add_frames_f32(&audio.samples).ok()?;
    meter.loudness_global().ok().filter(|lufs| lufs.is_finite())
}

/// The gain in dB that brings `audio` to [`TARGET_LUFS`] without a peak above
/// [`PEAK_CEILING_DBFS`]; 0 when it cannot be measured.
pub fn normalizing_gain_db(audio: &Audio) -> f64 {
    let Some(lufs) = integrated_lufs(audio) else { return 0.0 };
    let peak = audio.samples.iter().fold(0.0f32, |peak, sample| peak.max(sample.abs()));
    let mut gain = TARGET_LUFS - lufs;
    if peak > 0.0 {
        gain = gain.min(PEAK_CEILING_DBFS - 20.0 * f64::from(peak).log10());
    }
    gain.clamp(MAX_CUT_DB, MAX_BOOST_DB)
}

/// Applies a gain in dB to the samples.
pub fn apply_gain(audio: &mut Audio, gain_db: f64) {
    let factor = 10f64.powf(gain_db / 20.0) as f32;
    for sample in &mut audio.samples {
        *sample = (*sample * factor).clamp(-1.0, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(amplitude: f32, seconds: f32) -> Audio {
        let rate = 22_050;
        let samples = (0..(rate as f32 * seconds) as usize)
            .map(|i| amplitude * (i as f32 * 2.0 * std::f32::consts::PI * 440.0 / rate as f32).sin())
            .collect();
        Audio { sample_rate: rate, samples }
    }

    #[test]
    fn quiet_and_loud_takes_end_at_the_same_loudness() {
        for amplitude in [0.05, 0.3] {
            let mut audio = tone(amplitude, 3.0);
            let gain = normalizing_gain_db(&audio);
            apply_gain(&mut audio, gain);
            let after = integrated_lufs(&audio).expect("a 3 s tone is measurable");
            assert!((after - TARGET_LUFS).abs() < 0.5, "amplitude {amplitude}: {after} LUFS");
        }
    }

    #[test]
    fn the_peak_ceiling_wins_over_the_loudness_target() {
        // A spike makes the peak high while the loudness stays low.
        let mut audio = tone(0.01, 3.0);
        audio.samples[100] = 0.9;
        let gain = normalizing_gain_db(&audio);
        apply_gain(&mut audio, gain);
        let peak = audio.samples.iter().fold(0.0f32, |p, s| p.max(s.abs()));
        assert!(20.0 * f64::from(peak).log10() <= PEAK_CEILING_DBFS + 0.01);
    }

    #[test]
    fn silence_is_left_alone() {
        assert_eq!(normalizing_gain_db(&Audio { sample_rate: 22_050, samples: vec![0.0; 22_050] }), 0.0);
        assert_eq!(normalizing_gain_db(&Audio { sample_rate: 22_050, samples: vec![] }), 0.0);
    }
}
