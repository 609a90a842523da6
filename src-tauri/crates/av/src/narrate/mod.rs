//! Narration: a scene's text becomes one WAV, spoken sentence by sentence at a storyteller's
//! pace, with the real start and end of every sentence so the subtitles follow the voice exactly.

mod espeak;
mod festival;
mod offers;
mod prosody;
mod sapi;
mod say;
mod sentences;
pub(crate) mod wav;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use model::VoiceType;
use serde::{Deserialize, Serialize};

pub use espeak::{espeak_voice, EspeakNarrator, EspeakVoice, ESPEAK_DEFAULT_SPEED};
pub use festival::{
    festival_voice, parse_voice_list, FestivalNarrator, FestivalVoice, KnownFestivalVoice, FESTIVAL_PACKAGES,
    KNOWN_FESTIVAL_VOICES,
};
pub use offers::{voice_offers, voice_sample, voice_sample_with, VoiceOffer, VOICE_SAMPLE_TEXT};
pub use sapi::{choose_sapi_voices, parse_sapi_voices, sapi_voice, SapiNarrator, SapiQuality, SapiVoice};
pub use say::{choose_say_voices, parse_say_voices, say_voice, SayChoice, SayNarrator, SayQuality, SayVoice};
pub use sentences::{
    ends_with_question, split_pieces, split_sentences, Pause, Piece, MAX_PIECES_PER_SCENE, MAX_PIECE_CHARS,
};
pub use wav::{read_wav, write_wav, Audio};

use crate::process::{self, Stdout};
use crate::{loudness, AvError};

/// Silence between two spoken sentences: a storyteller lets each one land.
pub const SENTENCE_GAP_SEC: f64 = 0.6;
/// Silence where a long sentence was cut in two (at a comma, or between words).
pub const CLAUSE_GAP_SEC: f64 = 0.25;
/// Silence after the last sentence of a paragraph (a line of the text) when another follows.
pub const PARAGRAPH_GAP_SEC: f64 = 1.0;
/// Silence kept after the last sentence.
pub const TAIL_SEC: f64 = 0.1;
/// A sample quieter than this (about -48 dBFS) counts as silence when trimming a sentence.
const SILENCE_LEVEL: f32 = 0.004;
/// Kept on each side of the speech when trimming, so consonants are not clipped.
const TRIM_MARGIN_SEC: f64 = 0.02;
/// Sentences synthesized at the same time (the speech engines are single-threaded).
const PARALLEL_SENTENCES: usize = 2;

/// A text-to-speech engine.
pub trait Narrator: Send + Sync {
    /// Speaks `text` in `voice` into a WAV file at `out_wav`, stopping the engine when `cancel`
    /// becomes true.
    fn synthesize_cancellable(
        &self,
        text: &str,
        voice: VoiceType,
        out_wav: &Path,
        cancel: &AtomicBool,
    ) -> Result<(), AvError>;

    /// A short name for logs ("espeak-ng").
    fn name(&self) -> &str;

    /// Like [`Narrator::synthesize_cancellable`], never stopped.
    fn synthesize(&self, text: &str, voice: VoiceType, out_wav: &Path) -> Result<(), AvError> {
        self.synthesize_cancellable(text, voice, out_wav, &AtomicBool::new(false))
    }
}

/// The platform's narrator: `say` on macOS and SAPI on Windows, each with the best voices the
/// computer has; elsewhere Festival with a recorded-speaker voice when it is installed, else
/// espeak-ng. Fails with a message naming what to install when no engine is there.
pub fn system_narrator() -> Result<Box<dyn Narrator>, AvError> {
    if cfg!(target_os = "macos") {
        Ok(Box::new(SayNarrator::new()?))
    } else if cfg!(windows) {
        Ok(Box::new(SapiNarrator::new()?))
    } else {
        match FestivalNarrator::new() {
            Ok(festival) => Ok(Box::new(festival)),
            Err(missing) => {
                tracing::debug!(detail = %missing.detail(), "narrating with espeak-ng");
                Ok(Box::new(EspeakNarrator::new()?))
            }
        }
    }
}

/// The silence after a piece that ends with `pause`.
pub fn pause_sec(pause: Pause) -> f64 {
    match pause {
        Pause::Clause => CLAUSE_GAP_SEC,
        Pause::Sentence => SENTENCE_GAP_SEC,
        Pause::Paragraph => PARAGRAPH_GAP_SEC,
    }
}

/// When one spoken piece starts and ends within the scene's narration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceTiming {
    pub text: String,
    pub start_sec: f64,
    pub end_sec: f64,
}

/// A scene's narration: one WAV and where each sentence lies in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SceneNarration {
    pub wav: PathBuf,
    /// Length of the WAV, including the short tail after the last sentence.
    pub duration_sec: f64,
    pub sentences: Vec<SentenceTiming>,
}

/// Speaks `text` sentence by sentence, measures each sentence from its audio, and joins them
/// with a storyteller's pauses ([`pause_sec`]: [`SENTENCE_GAP_SEC`] between sentences, shorter
/// inside a long one, longer between paragraphs) and a [`TAIL_SEC`] tail into
/// `work_dir/narration.wav`, loudness-normalized.
pub fn narrate_scene(
    narrator: &dyn Narrator,
    text: &str,
    voice: VoiceType,
    work_dir: &Path,
    cancel: &AtomicBool,
) -> Result<SceneNarration, AvError> {
    let pieces = split_pieces(text);
    if pieces.is_empty() {
        return Err(AvError::NothingToSay);
    }
    crate::files::create_private_dir_all(work_dir)
        .map_err(|error| AvError::io("create the narration folder", work_dir, error))?;
    let piece_paths: Vec<PathBuf> =
        (0..pieces.len()).map(|index| work_dir.join(format!("sentence-{index}.wav"))).collect();
    let out = work_dir.join("narration.wav");

    let result = synthesize_all(narrator, &pieces, voice, &piece_paths, cancel)
        .and_then(|takes| join_takes(&pieces, takes, &out));
    for path in &piece_paths {
        let _ = std::fs::remove_file(path);
    }
    if result.is_err() {
        let _ = std::fs::remove_file(&out);
    }
    if let Ok(narration) = &result {
        tracing::debug!(
            narrator = narrator.name(),
            sentences = narration.sentences.len(),
            duration_sec = narration.duration_sec,
            "scene narrated"
        );
    }
    result
}

/// The words for an engine that reads its text on stdin and takes parts of it as commands of its
/// own: `say` runs `[[ ... ]]` as embedded speech commands (`[[rate 600]]`, `[[slnc 9999999]]`),
/// espeak-ng reads `[[ ... ]]` as phonemes and a control-A followed by a number as a change of
/// speed, pitch or volume. Square brackets become round ones, so no `[[` can form, and control
/// characters become spaces; the words themselves are read as written.
pub(crate) fn words_only(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Runs a speech engine that reads its text on stdin, stopping it when `cancel` becomes true;
/// `engine` names it in the error a parent may see.
fn speak_through_stdin(
    command: &mut std::process::Command,
    engine: &str,
    text: &str,
    cancel: &AtomicBool,
) -> Result<(), AvError> {
    use std::io::Write as _;
    let (running, stdin) = process::spawn(command, Stdout::Collect, true)
        .map_err(|error| AvError::NarrationFailed { detail: format!("could not start {engine}: {error}") })?;
    if let Some(mut stdin) = stdin {
        // A failed write means the engine died; its exit status below says why.
        let _ = stdin.write_all(text.as_bytes());
    }
    let finished = running.wait(cancel, |_| {})?;
    if !finished.status.success() {
        return Err(AvError::NarrationFailed {
            detail: format!("{engine} failed ({}): {}", finished.status, finished.stderr_tail),
        });
    }
    Ok(())
}

/// Synthesizes every piece (a few at a time) and returns their trimmed audio, in order.
fn synthesize_all(
    narrator: &dyn Narrator,
    pieces: &[Piece],
    voice: VoiceType,
    paths: &[PathBuf],
    cancel: &AtomicBool,
) -> Result<Vec<Audio>, AvError> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let takes: Mutex<Vec<Option<Result<Audio, AvError>>>> =
        Mutex::new((0..pieces.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL_SENTENCES.min(pieces.len()) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= pieces.len() || failed.load(Ordering::Relaxed) {
                    break;
                }
                let take = narrator
                    .synthesize_cancellable(&pieces[index].text, voice, &paths[index], cancel)
                    .and_then(|()| read_wav(&paths[index]))
                    .map(|audio| trim_silence(&audio));
                if take.is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                if let Ok(mut takes) = takes.lock() {
                    takes[index] = Some(take);
                }
            });
        }
    });
    if cancel.load(Ordering::Relaxed) {
        return Err(AvError::Cancelled);
    }
    let takes =
        takes.into_inner().map_err(|_| AvError::NarrationFailed { detail: "worker panicked".into() })?;
    let mut audio = Vec::with_capacity(takes.len());
    for take in takes {
        match take {
            Some(Ok(take)) => audio.push(take),
            Some(Err(error)) => return Err(error),
            None => return Err(AvError::NarrationFailed { detail: "a sentence was not synthesized".into() }),
        }
    }
    Ok(audio)
}

/// Cuts leading and trailing silence, keeping a short margin.
fn trim_silence(audio: &Audio) -> Audio {
    let loud = |sample: &f32| sample.abs() > SILENCE_LEVEL;
    let (Some(first), Some(last)) =
        (audio.samples.iter().position(loud), audio.samples.iter().rposition(loud))
    else {
        return Audio { sample_rate: audio.sample_rate, samples: Vec::new() };
    };
    let margin = (TRIM_MARGIN_SEC * audio.sample_rate as f64) as usize;
    let start = first.saturating_sub(margin);
    let end = (last + 1 + margin).min(audio.samples.len());
    Audio { sample_rate: audio.sample_rate, samples: audio.samples[start..end].to_vec() }
}

/// Joins the takes with each piece's pause and a tail, normalizes loudness and writes `out`.
fn join_takes(pieces: &[Piece], takes: Vec<Audio>, out: &Path) -> Result<SceneNarration, AvError> {
    let sample_rate = takes.iter().map(|take| take.sample_rate).find(|rate| *rate > 0).unwrap_or(22_050);
    let samples_of = |seconds: f64| (seconds * sample_rate as f64).round() as usize;
    let mut joined = Audio { sample_rate, samples: Vec::new() };
    let mut sentences = Vec::with_capacity(pieces.len());
    for (index, (piece, take)) in pieces.iter().zip(takes).enumerate() {
        if index > 0 {
            let gap = samples_of(pause_sec(pieces[index - 1].pause_after));
            joined.samples.resize(joined.samples.len() + gap, 0.0);
        }
        let take = wav::resample(&take, sample_rate);
        let start = joined.samples.len();
        joined.samples.extend_from_slice(&take.samples);
        sentences.push(SentenceTiming {
            text: piece.text.clone(),
            start_sec: start as f64 / sample_rate as f64,
            end_sec: joined.samples.len() as f64 / sample_rate as f64,
        });
    }
    joined.samples.resize(joined.samples.len() + samples_of(TAIL_SEC), 0.0);
    let gain = loudness::normalizing_gain_db(&joined);
    loudness::apply_gain(&mut joined, gain);
    write_wav(out, &joined)?;
    Ok(SceneNarration { wav: out.to_path_buf(), duration_sec: joined.duration_sec(), sentences })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake engine: a tone whose length depends on the text, framed by silence.
    struct ToneNarrator;

    impl Narrator for ToneNarrator {
        fn synthesize_cancellable(
            &self,
            text: &str,
            _voice: VoiceType,
            out_wav: &Path,
            _cancel: &AtomicBool,
        ) -> Result<(), AvError> {
            let rate = 16_000;
            let mut samples = vec![0.0; rate / 10];
            samples.extend((0..text.len() * 400).map(|i| 0.3 * (i as f32 * 0.2).sin()));
            samples.extend(vec![0.0; rate / 5]);
            write_wav(out_wav, &Audio { sample_rate: rate as u32, samples })
        }

        fn name(&self) -> &str {
            "tone"
        }
    }

    #[test]
    fn timings_follow_the_measured_audio_with_fixed_gaps() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cancel = AtomicBool::new(false);
        let narration =
            narrate_scene(&ToneNarrator, "One. Three three. Five!", VoiceType::Gentle, dir.path(), &cancel)
                .expect("fake narration works");
        let s = &narration.sentences;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].start_sec, 0.0);
        // Lengths follow the text ("One." = 4 chars -> 1600 samples + margins), not an even split.
        assert!(s[1].end_sec - s[1].start_sec > 2.0 * (s[0].end_sec - s[0].start_sec));
        for pair in s.windows(2) {
            assert!((pair[1].start_sec - pair[0].end_sec - SENTENCE_GAP_SEC).abs() < 1e-3);
        }
        assert!((narration.duration_sec - s[2].end_sec - TAIL_SEC).abs() < 1e-3);
        let audio = read_wav(&narration.wav).expect("narration wav");
        assert!((audio.duration_sec() - narration.duration_sec).abs() < 1e-6);
        assert!(!dir.path().join("sentence-0.wav").exists());
    }

    #[test]
    fn paragraphs_pause_longest_and_cut_sentences_shortest() {
        let dir = tempfile::tempdir().expect("temp dir");
        let long = "Far away, beyond the seven silver mountains and the long winding river of honey, \
                    there lived a small dragon who was afraid of the dark.";
        let text = format!("Hello.\n{long} Bye.");
        let narration =
            narrate_scene(&ToneNarrator, &text, VoiceType::Gentle, dir.path(), &AtomicBool::new(false))
                .expect("fake narration works");
        let s = &narration.sentences;
        assert!(s.len() >= 4, "{s:?}");
        let gaps: Vec<f64> = s.windows(2).map(|pair| pair[1].start_sec - pair[0].end_sec).collect();
        assert!((gaps[0] - PARAGRAPH_GAP_SEC).abs() < 1e-3, "{gaps:?}");
        assert!(gaps[1..gaps.len() - 1].iter().all(|gap| (gap - CLAUSE_GAP_SEC).abs() < 1e-3), "{gaps:?}");
        assert!((gaps[gaps.len() - 1] - SENTENCE_GAP_SEC).abs() < 1e-3, "{gaps:?}");
    }

    #[test]
    fn no_engine_command_can_form_in_the_words_given_to_it() {
        assert_eq!(words_only("[[rate 600]]Hi [[volm 0]]"), "((rate 600))Hi ((volm 0))");
        assert_eq!(words_only("[[[inpt PHON]]]"), "(((inpt PHON)))");
        assert_eq!(words_only("a\u{1}500S b\nc"), "a 500S b c");
        assert_eq!(words_only("Yay, \"Bo\" (5) 🎉!"), "Yay, \"Bo\" (5) 🎉!");
        for hostile in ["[[", "[[[[", "[ [[", "]]x[[", "\u{1}\u{1}"] {
            let spoken = words_only(hostile);
            assert!(!spoken.contains("[[") && !spoken.contains(char::is_control), "{spoken:?}");
        }
    }

    #[test]
    fn empty_text_has_nothing_to_say() {
        let dir = tempfile::tempdir().expect("temp dir");
        let result =
            narrate_scene(&ToneNarrator, " … ", VoiceType::Gentle, dir.path(), &AtomicBool::new(false));
        assert!(matches!(result, Err(AvError::NothingToSay)));
    }

    #[test]
    fn cancel_leaves_no_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let result = narrate_scene(
            &ToneNarrator,
            "Hello there.",
            VoiceType::Gentle,
            dir.path(),
            &AtomicBool::new(true),
        );
        assert!(matches!(result, Err(AvError::Cancelled)));
        assert_eq!(std::fs::read_dir(dir.path()).expect("read dir").count(), 0);
    }
}
