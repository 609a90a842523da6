//! espeak-ng, the offline speech engine every Linux has a package for: robotic, but always there.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use model::VoiceType;

use super::prosody::{raise_question_ending, ESPEAK_QUESTION_RISE};
use super::sentences::ends_with_question;
use super::wav::{read_wav, write_wav};
use super::{speak_through_stdin, words_only, Narrator};
use crate::{tool, AvError};

/// How one narrator voice is spoken by espeak-ng.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EspeakVoice {
    /// Language plus variant, e.g. `en-us+f3`.
    pub voice: &'static str,
    /// Words per minute.
    pub speed: u32,
    /// 0..=99, 50 is the voice's normal pitch.
    pub pitch: u32,
    /// Extra pause between words, in units of 10 ms.
    pub word_gap: u32,
}

/// espeak-ng's own speed, in words per minute.
pub const ESPEAK_DEFAULT_SPEED: u32 = 175;

/// The espeak-ng voice for each narrator: soft and unhurried, bright (the lively pitch range of
/// the f5 variant), slow and low. All read at a storyteller's pace, well below espeak-ng's own
/// [`ESPEAK_DEFAULT_SPEED`]. espeak-ng's own tune rises a little at a question mark, which reaches
/// it with the words; the rise is then made clearer (see the prosody module).
pub fn espeak_voice(voice: VoiceType) -> EspeakVoice {
    match voice {
        VoiceType::Gentle => EspeakVoice { voice: "en-us+f3", speed: 120, pitch: 52, word_gap: 1 },
        VoiceType::Cheerful => EspeakVoice { voice: "en+f5", speed: 140, pitch: 66, word_gap: 0 },
        VoiceType::Grandparent => EspeakVoice { voice: "en+m3", speed: 105, pitch: 28, word_gap: 2 },
    }
}

/// Speaks with espeak-ng; text goes in through stdin, never on the command line, and is read as
/// plain text (no `-m`, so no SSML; see [`EspeakNarrator::stdin_text`] for the rest).
#[derive(Debug, Clone)]
pub struct EspeakNarrator {
    program: PathBuf,
}

impl EspeakNarrator {
    /// Finds espeak-ng (`ESPEAK_NG` overrides, else a sidecar or PATH).
    pub fn new() -> Result<Self, AvError> {
        tool::locate("ESPEAK_NG", "espeak-ng").map(Self::with_program).ok_or_else(|| AvError::ToolMissing {
            tool: "espeak-ng",
            message: "Narration needs espeak-ng: sudo apt install espeak-ng".into(),
        })
    }

    pub fn with_program(program: PathBuf) -> Self {
        Self { program }
    }

    /// What espeak-ng is given on stdin to speak `text`: the words, with nothing it could take
    /// for phonemes or a command.
    pub fn stdin_text(text: &str) -> String {
        words_only(text)
    }

    /// The command that speaks stdin into `out_wav` with `voice`.
    pub fn command(&self, voice: VoiceType, out_wav: &Path) -> Command {
        let settings = espeak_voice(voice);
        let mut command = tool::command(&self.program);
        command
            .arg("-v")
            .arg(settings.voice)
            .arg("-s")
            .arg(settings.speed.to_string())
            .arg("-p")
            .arg(settings.pitch.to_string())
            .arg("-g")
            .arg(settings.word_gap.to_string())
            // UTF-8 input.
            .arg("-b")
            .arg("1")
            .arg("-w")
            .arg(out_wav)
            .arg("--stdin");
        command
    }
}

impl Narrator for EspeakNarrator {
    fn synthesize_cancellable(
        &self,
        text: &str,
        voice: VoiceType,
        out_wav: &Path,
        cancel: &AtomicBool,
    ) -> Result<(), AvError> {
        speak_through_stdin(&mut self.command(voice, out_wav), "espeak-ng", &Self::stdin_text(text), cancel)?;
        if ends_with_question(text) {
            let take = read_wav(out_wav)?;
            write_wav(out_wav, &raise_question_ending(&take, ESPEAK_QUESTION_RISE))?;
        }
        Ok(())
    }

    fn name(&self) -> &str {
        "espeak-ng"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &Command) -> Vec<String> {
        command.get_args().map(|arg| arg.to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn each_narrator_sounds_different() {
        let voices: Vec<EspeakVoice> = VoiceType::ALL.iter().map(|voice| espeak_voice(*voice)).collect();
        for (i, a) in voices.iter().enumerate() {
            for b in &voices[i + 1..] {
                assert_ne!(a.voice, b.voice);
                assert_ne!(a.pitch, b.pitch);
                assert_ne!(a.speed, b.speed);
            }
        }
        let grandparent = espeak_voice(VoiceType::Grandparent);
        let cheerful = espeak_voice(VoiceType::Cheerful);
        assert!(grandparent.speed < cheerful.speed && grandparent.pitch < cheerful.pitch);
        assert!(voices.iter().all(|voice| voice.speed * 5 <= ESPEAK_DEFAULT_SPEED * 4), "{voices:?}");
    }

    #[test]
    fn text_never_reaches_the_command_line() {
        let narrator = EspeakNarrator::with_program(PathBuf::from("espeak-ng"));
        let command = narrator.command(VoiceType::Cheerful, Path::new("/tmp/out.wav"));
        let args = args(&command);
        assert_eq!(args.last().map(String::as_str), Some("--stdin"));
        assert!(args.windows(2).any(|pair| pair == ["-v", "en+f5"]));
        assert!(args.windows(2).any(|pair| pair == ["-w", "/tmp/out.wav"]));
    }

    #[test]
    fn markup_is_never_switched_on() {
        let command = EspeakNarrator::with_program(PathBuf::from("espeak-ng"))
            .command(VoiceType::Gentle, Path::new("/tmp/out.wav"));
        let args = args(&command);
        assert!(!args.iter().any(|arg| arg == "-m" || arg.starts_with("--ssml")), "{args:?}");
        assert_eq!(
            EspeakNarrator::stdin_text("<speak>[[h@'loU]]</speak>\u{1}99S"),
            "<speak>((h@'loU))</speak> 99S"
        );
    }
}
