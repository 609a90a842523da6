//! Changing how a finished take sounds without a speech engine's help. Festival's recorded-speaker
//! voices end a question on the same falling tune as a statement, and take no pitch setting; a
//! storyteller's question rises, and each narrator has a voice of its own. So the pitch of a
//! take's last words is lifted here (pitch-synchronous overlap-add, which keeps the timing and
//! the vowels), and a whole take can be played a little higher or lower.

use super::wav::{self, Audio};

/// How much higher Festival's recorded-speaker voices end a question than where the rise starts
/// (about 7 semitones, a clear but natural question rise, from a voice that would fall).
pub(crate) const FESTIVAL_QUESTION_RISE: f64 = 1.5;
/// The same for espeak-ng, whose own tune already rises a little at a question mark (about 4
/// semitones more).
pub(crate) const ESPEAK_QUESTION_RISE: f64 = 1.25;
/// How long before the end of the speech the rise starts.
const RISE_SEC: f64 = 0.5;
/// Speech analysed before the rise starts, so every change is well inside the analysed part.
const LEAD_SEC: f64 = 0.15;
/// Pitch search range: below a man's low speaking voice to above a child's.
const LOWEST_HZ: f64 = 70.0;
const HIGHEST_HZ: f64 = 500.0;
/// Analysis frames for the pitch track.
const FRAME_SEC: f64 = 0.04;
const HOP_SEC: f64 = 0.005;
/// How alike a frame must be to itself one period later to count as voiced.
const VOICED_CORRELATION: f64 = 0.6;
/// Spacing of the grains taken from unvoiced sound, which has no period.
const UNVOICED_STEP_SEC: f64 = 0.005;

/// The take played `factor` times faster (higher and shorter above 1, lower and longer below),
/// at its own sample rate: a different, larger or smaller, speaker.
pub(crate) fn play_at(audio: &Audio, factor: f64) -> Audio {
    if (factor - 1.0).abs() < 1e-6 || audio.sample_rate == 0 {
        return audio.clone();
    }
    let faster = Audio {
        sample_rate: (f64::from(audio.sample_rate) * factor).round() as u32,
        samples: audio.samples.clone(),
    };
    wav::resample(&faster, audio.sample_rate)
}

/// The take with the pitch of its last [`RISE_SEC`] of speech gliding up to `rise` times its own,
/// timing unchanged; everything before the rise is left sample for sample.
pub(crate) fn raise_question_ending(audio: &Audio, rise: f64) -> Audio {
    let rate = f64::from(audio.sample_rate);
    let peak = audio.samples.iter().fold(0.0f32, |peak, sample| peak.max(sample.abs()));
    let Some(speech_end) = audio.samples.iter().rposition(|sample| sample.abs() > peak * 0.05) else {
        return audio.clone();
    };
    if rate <= 0.0 || peak <= 0.0 {
        return audio.clone();
    }
    let region_start = speech_end.saturating_sub(((RISE_SEC + LEAD_SEC) * rate) as usize);
    let region = &audio.samples[region_start..];
    let periods = pitch_track(region, rate);
    let hop = (HOP_SEC * rate).round().max(1.0) as usize;
    let Some(last_voiced) = periods.iter().rposition(Option::is_some) else {
        return audio.clone();
    };
    let rise_end = (last_voiced * hop + hop / 2) as f64;
    let rise_start = (rise_end - RISE_SEC * rate).max(LEAD_SEC * rate);
    let ratio = |at: f64| {
        if at <= rise_start {
            1.0
        } else {
            // A smooth glide up over the last word or two.
            let progress = ((at - rise_start) / (rise_end - rise_start).max(1.0)).min(1.0);
            1.0 + (rise - 1.0) * progress * progress * (3.0 - 2.0 * progress)
        }
    };
    let marks = pitch_marks(region, &periods, hop, rate);
    let shifted = overlap_add(region, &marks, ratio);
    let mut samples = audio.samples[..region_start].to_vec();
    samples.extend(shifted);
    Audio { sample_rate: audio.sample_rate, samples }
}

/// The period (in samples) of each [`HOP_SEC`] frame of `samples`, or `None` where the sound is
/// not voiced: normalized autocorrelation, taking the shortest period nearly as good as the best
/// so a voice is never heard an octave too low.
pub(crate) fn pitch_track(samples: &[f32], rate: f64) -> Vec<Option<usize>> {
    let frame = (FRAME_SEC * rate).round() as usize;
    let hop = (HOP_SEC * rate).round().max(1.0) as usize;
    let shortest = (rate / HIGHEST_HZ).floor().max(1.0) as usize;
    let longest = (rate / LOWEST_HZ).ceil() as usize;
    let peak = samples.iter().fold(0.0f32, |peak, sample| peak.max(sample.abs()));
    let quiet = f64::from(peak * 0.03).powi(2);
    let frames = samples.len().div_ceil(hop);
    (0..frames)
        .map(|index| {
            let center = index * hop;
            let start = center.saturating_sub(frame / 2);
            let end = (start + frame).min(samples.len());
            let window = &samples[start..end];
            if window.len() < 2 * longest {
                return None;
            }
            let energy = window.iter().map(|s| f64::from(*s).powi(2)).sum::<f64>() / window.len() as f64;
            if energy < quiet {
                return None;
            }
            let scores: Vec<(usize, f64)> =
                (shortest..=longest).map(|lag| (lag, correlation(window, lag))).collect();
            let best = scores.iter().map(|(_, score)| *score).fold(f64::MIN, f64::max);
            if best < VOICED_CORRELATION {
                return None;
            }
            let first_good = scores.iter().position(|(_, score)| *score >= best * 0.9)?;
            // Climb to the top of the peak the first good lag sits on.
            let mut at = first_good;
            while at + 1 < scores.len() && scores[at + 1].1 > scores[at].1 {
                at += 1;
            }
            Some(scores[at].0)
        })
        .collect()
}

fn correlation(window: &[f32], lag: usize) -> f64 {
    let (mut cross, mut left, mut right) = (0.0f64, 0.0f64, 0.0f64);
    for (a, b) in window.iter().zip(&window[lag..]) {
        let (a, b) = (f64::from(*a), f64::from(*b));
        cross += a * b;
        left += a * a;
        right += b * b;
    }
    if left <= 0.0 || right <= 0.0 {
        0.0
    } else {
        cross / (left * right).sqrt()
    }
}

/// One analysis mark: where a grain is centred, and whether the sound there is voiced.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    voiced: bool,
}

/// Marks one period apart through voiced sound (each moved onto the strongest peak near where it
/// is expected, so grains line up with the voice's pulses) and [`UNVOICED_STEP_SEC`] apart
/// elsewhere, from the first sample to the last.
fn pitch_marks(samples: &[f32], periods: &[Option<usize>], hop: usize, rate: f64) -> Vec<Mark> {
    let unvoiced_step = (UNVOICED_STEP_SEC * rate).round().max(1.0) as usize;
    let mut marks = Vec::new();
    let mut at = 0usize;
    while at < samples.len() {
        let period = periods.get((at + hop / 2) / hop).copied().flatten();
        marks.push(Mark { at, voiced: period.is_some() });
        let next = match period {
            Some(period) => {
                let expected = at + period;
                let reach = period / 6;
                let from = expected.saturating_sub(reach).max(at + 1);
                let to = (expected + reach).min(samples.len().saturating_sub(1));
                (from..=to).max_by(|a, b| samples[*a].total_cmp(&samples[*b])).unwrap_or(expected)
            }
            None => at + unvoiced_step,
        };
        at = next.max(at + 1);
    }
    marks
}

/// Pitch-synchronous overlap-add: each grain reaches from the analysis mark before its own to the
/// one after (a raised-cosine rise and fall), grains are taken at the analysis marks nearest in
/// time and laid `ratio(t)` times closer together than they were through voiced sound, so the
/// pitch is `ratio(t)` times higher while the timing stays. Where `ratio` is 1 every grain goes
/// back where it came from, its fall and the next one's rise add up to one, and the sound comes
/// out unchanged.
fn overlap_add(samples: &[f32], marks: &[Mark], ratio: impl Fn(f64) -> f64) -> Vec<f32> {
    let length = samples.len();
    let mut out = vec![0.0f64; length];
    let spacing = |index: usize| -> usize {
        match (marks.get(index), marks.get(index + 1)) {
            (Some(here), Some(next)) => next.at - here.at,
            (Some(here), None) => length.saturating_sub(here.at).max(1),
            _ => 1,
        }
    };
    let mut nearest = 0usize;
    let mut position = marks.first().map_or(0.0, |mark| mark.at as f64);
    while (position as usize) < length && !marks.is_empty() {
        while nearest + 1 < marks.len()
            && (marks[nearest + 1].at as f64 - position).abs() <= (marks[nearest].at as f64 - position).abs()
        {
            nearest += 1;
        }
        let mark = marks[nearest];
        let after = spacing(nearest);
        let before = if nearest > 0 { spacing(nearest - 1) } else { after };
        let place = position.round() as i64;
        for offset in -(before as i64)..(after as i64) {
            let source = mark.at as i64 + offset;
            let target = place + offset;
            if source < 0 || target < 0 || source as usize >= length || target as usize >= length {
                continue;
            }
            let reach = if offset < 0 { before } else { after } as f64;
            let window = 0.5 * (1.0 + (std::f64::consts::PI * offset as f64 / reach).cos());
            out[target as usize] += window * f64::from(samples[source as usize]);
        }
        let factor = if mark.voiced { ratio(position) } else { 1.0 };
        position += after as f64 / factor;
    }
    out.into_iter().map(|sample| sample.clamp(-1.0, 1.0) as f32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: u32 = 32_000;

    /// A voice-like sound: a pulse train at `hz` through two resonances, `seconds` long, with
    /// silence after it.
    fn voiced(hz: f64, seconds: f64) -> Audio {
        let rate = f64::from(RATE);
        let length = (seconds * rate) as usize;
        let period = rate / hz;
        let mut samples = Vec::with_capacity(length + RATE as usize / 5);
        let (mut y1, mut y2, mut z1, mut z2) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        let resonance = |hz: f64| {
            let r = 0.97f64;
            (2.0 * r * (2.0 * std::f64::consts::PI * hz / rate).cos(), -r * r)
        };
        let (a1, a2) = resonance(700.0);
        let (b1, b2) = resonance(1_200.0);
        for index in 0..length {
            let pulse = if (index as f64 % period) < 1.0 { 1.0 } else { 0.0 };
            let y = pulse + a1 * y1 + a2 * y2;
            y2 = y1;
            y1 = y;
            let z = y + b1 * z1 + b2 * z2;
            z2 = z1;
            z1 = z;
            samples.push(z as f32);
        }
        let peak = samples.iter().fold(0.0f32, |peak, s| peak.max(s.abs()));
        let mut samples: Vec<f32> = samples.into_iter().map(|s| 0.5 * s / peak).collect();
        samples.extend(std::iter::repeat_n(0.0, RATE as usize / 5));
        Audio { sample_rate: RATE, samples }
    }

    /// The median pitch (Hz) between `from` and `to` seconds.
    fn pitch_between(audio: &Audio, from: f64, to: f64) -> f64 {
        let rate = f64::from(audio.sample_rate);
        let part = &audio.samples[(from * rate) as usize..(to * rate) as usize];
        let mut pitches: Vec<f64> =
            pitch_track(part, rate).into_iter().flatten().map(|period| rate / period as f64).collect();
        assert!(!pitches.is_empty(), "no voiced frame between {from} and {to} s");
        pitches.sort_by(f64::total_cmp);
        pitches[pitches.len() / 2]
    }

    #[test]
    fn the_pitch_track_finds_the_pitch_not_an_octave_below() {
        for hz in [90.0, 180.0, 320.0] {
            let found = pitch_between(&voiced(hz, 0.5), 0.1, 0.4);
            assert!((found / hz - 1.0).abs() < 0.03, "{hz} Hz heard as {found:.1} Hz");
        }
        assert!(pitch_track(&vec![0.0; 3_200], f64::from(RATE)).iter().all(Option::is_none));
    }

    #[test]
    fn a_question_ending_rises_while_its_start_and_length_stay() {
        let take = voiced(180.0, 1.2);
        let raised = raise_question_ending(&take, FESTIVAL_QUESTION_RISE);
        assert_eq!(raised.samples.len(), take.samples.len());
        let untouched = ((1.2 - RISE_SEC - LEAD_SEC - 0.05) * f64::from(RATE)) as usize;
        assert_eq!(raised.samples[..untouched], take.samples[..untouched]);
        // Up to where the rise starts, the grains went back where they came from.
        let rise_start = ((1.2 - RISE_SEC - 0.03) * f64::from(RATE)) as usize;
        let largest_change = raised.samples[untouched..rise_start]
            .iter()
            .zip(&take.samples[untouched..rise_start])
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(largest_change < 1e-5, "changed by {largest_change} before the rise");
        let start = pitch_between(&raised, 0.1, 0.6);
        let end = pitch_between(&raised, 1.08, 1.2);
        assert!((start / 180.0 - 1.0).abs() < 0.03, "start {start:.1} Hz");
        assert!(end > start * 1.3, "the end rose only to {end:.1} Hz from {start:.1} Hz");
        // The sound stays as loud as it was (no gaps or doubled grains).
        let level = |audio: &Audio, from: f64, to: f64| {
            let part = &audio.samples[(from * 32_000.0) as usize..(to * 32_000.0) as usize];
            (part.iter().map(|s| f64::from(*s).powi(2)).sum::<f64>() / part.len() as f64).sqrt()
        };
        let ratio = level(&raised, 0.9, 1.15) / level(&take, 0.9, 1.15);
        assert!((0.7..1.4).contains(&ratio), "level changed {ratio:.2} times");
    }

    #[test]
    fn silence_and_noise_are_left_alone() {
        let silence = Audio { sample_rate: RATE, samples: vec![0.0; 16_000] };
        assert_eq!(raise_question_ending(&silence, FESTIVAL_QUESTION_RISE), silence);
        let mut seed = 12_345u32;
        let noise: Vec<f32> = (0..16_000)
            .map(|_| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (seed >> 8) as f32 / (1u32 << 24) as f32 - 0.5
            })
            .collect();
        let noise = Audio { sample_rate: RATE, samples: noise };
        assert_eq!(raise_question_ending(&noise, FESTIVAL_QUESTION_RISE), noise);
    }

    #[test]
    fn playing_faster_raises_the_pitch_and_shortens_the_take() {
        let take = voiced(200.0, 1.0);
        let lower = play_at(&take, 0.8);
        assert_eq!(lower.sample_rate, RATE);
        assert!((lower.duration_sec() - take.duration_sec() / 0.8).abs() < 0.01);
        let pitch = pitch_between(&lower, 0.2, 1.0);
        assert!((pitch / 160.0 - 1.0).abs() < 0.03, "{pitch:.1} Hz");
        assert_eq!(play_at(&take, 1.0), take);
    }
}
