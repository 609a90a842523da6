//! macOS's built-in voices through `say`, which sound far better than espeak-ng; `say` writes
//! AIFF, so ffmpeg turns it into the WAV the rest of av reads.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use model::VoiceType;

use super::{speak_through_stdin, words_only, Narrator};
use crate::process::{self, Stdout};
use crate::{tool, AvError};

/// The macOS voice and speaking rate (words per minute) for each narrator. These voices ship
/// with every macOS release since 10.7.
pub fn say_voice(voice: VoiceType) -> (&'static str, u32) {
    match voice {
        VoiceType::Gentle => ("Samantha", 160),
        VoiceType::Cheerful => ("Karen", 185),
        VoiceType::Grandparent => ("Daniel", 145),
    }
}

#[derive(Debug, Clone)]
pub struct SayNarrator {
    say: PathBuf,
    ffmpeg: PathBuf,
}

impl SayNarrator {
    /// Finds `say` (always in /usr/bin on macOS) and ffmpeg for the conversion.
    pub fn new() -> Result<Self, AvError> {
        let say = [PathBuf::from("/usr/bin/say")]
            .into_iter()
            .find(|path| path.is_file())
            .or_else(|| tool::on_path("say"))
            .ok_or_else(|| AvError::ToolMissing {
                tool: "say",
                message: "Narration needs the macOS 'say' command (part of macOS).".into(),
            })?;
        Ok(Self::with_programs(say, tool::ffmpeg_path()?))
    }

    pub fn with_programs(say: PathBuf, ffmpeg: PathBuf) -> Self {
        Self { say, ffmpeg }
    }

    /// What `say` is given on stdin to speak `text`: the words, with no `[[ ... ]]` embedded
    /// speech command (rate, volume, silence, phoneme input) able to form.
    pub fn stdin_text(text: &str) -> String {
        words_only(text)
    }

    /// `say` reading its text from stdin (no message argument) into an AIFF file.
    pub fn say_command(&self, voice: VoiceType, out_aiff: &Path) -> Command {
        let (name, rate) = say_voice(voice);
        let mut command = tool::command(&self.say);
        command.arg("-v").arg(name).arg("-r").arg(rate.to_string()).arg("-o").arg(out_aiff);
        command
    }

    /// ffmpeg turning the AIFF into 16-bit mono WAV.
    pub fn convert_command(&self, aiff: &Path, out_wav: &Path) -> Command {
        let mut command = tool::command(&self.ffmpeg);
        command
            .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i"])
            .arg(tool::ffmpeg_file_arg(aiff))
            .args(["-ac", "1", "-c:a", "pcm_s16le", "-f", "wav"])
            .arg(tool::ffmpeg_file_arg(out_wav));
        command
    }
}

impl Narrator for SayNarrator {
    fn synthesize(&self, text: &str, voice: VoiceType, out_wav: &Path) -> Result<(), AvError> {
        self.synthesize_cancellable(text, voice, out_wav, &AtomicBool::new(false))
    }

    fn synthesize_cancellable(
        &self,
        text: &str,
        voice: VoiceType,
        out_wav: &Path,
        cancel: &AtomicBool,
    ) -> Result<(), AvError> {
        let aiff = out_wav.with_extension("aiff");
        let result = (|| {
            speak_through_stdin(&mut self.say_command(voice, &aiff), "say", &Self::stdin_text(text), cancel)?;
            process::run(
                &mut self.convert_command(&aiff, out_wav),
                "convert the narration audio",
                cancel,
                Stdout::Collect,
                None,
            )
            .map(|_| ())
        })();
        let _ = std::fs::remove_file(&aiff);
        result
    }

    fn name(&self) -> &str {
        "say"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &Command) -> Vec<String> {
        command.get_args().map(|arg| arg.to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn say_reads_text_from_stdin_and_writes_aiff() {
        let narrator = SayNarrator::with_programs("/usr/bin/say".into(), "ffmpeg".into());
        let command = narrator.say_command(VoiceType::Grandparent, Path::new("/tmp/s.aiff"));
        assert_eq!(command.get_program(), "/usr/bin/say");
        assert_eq!(args(&command), ["-v", "Daniel", "-r", "145", "-o", "/tmp/s.aiff"]);
    }

    #[test]
    fn conversion_makes_mono_pcm_wav() {
        let narrator = SayNarrator::with_programs("/usr/bin/say".into(), "/opt/ffmpeg".into());
        let command = narrator.convert_command(Path::new("/tmp/-s.aiff"), Path::new("/tmp/s.wav"));
        let args = args(&command);
        assert!(args.windows(2).any(|pair| pair == ["-i", "file:/tmp/-s.aiff"]));
        assert!(args.windows(2).any(|pair| pair == ["-c:a", "pcm_s16le"]));
        assert_eq!(args.last().map(String::as_str), Some("file:/tmp/s.wav"));
    }

    #[test]
    fn embedded_speech_commands_cannot_form_in_the_text_for_say() {
        assert_eq!(
            SayNarrator::stdin_text("[[rate 600]]Hi. [[volm 0]][[slnc 9999999]][[inpt PHON]]"),
            "((rate 600))Hi. ((volm 0))((slnc 9999999))((inpt PHON))"
        );
        assert_eq!(SayNarrator::stdin_text("Bo said [hi] [[[x]]]"), "Bo said (hi) (((x)))");
    }

    /// `say` is macOS only; a stand-in that keeps its stdin shows what the narrator sends it.
    #[cfg(unix)]
    #[test]
    fn say_is_sent_the_neutralized_text_on_stdin_and_nothing_on_its_command_line() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let kept = dir.path().join("stdin.txt");
        let arguments = dir.path().join("args.txt");
        let say = dir.path().join("say");
        std::fs::write(
            &say,
            format!(
                "#!/bin/sh\necho \"$@\" > '{}'\ncat > '{}'\nexit 3\n",
                arguments.display(),
                kept.display()
            ),
        )
        .expect("write stand-in");
        std::fs::set_permissions(&say, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let narrator = SayNarrator::with_programs(say, "ffmpeg".into());
        let text = "[[rate 600]]Go, [[slnc 9999999]]Bo!";
        let result = narrator.synthesize(text, VoiceType::Gentle, &dir.path().join("s.wav"));
        assert!(matches!(result, Err(AvError::NarrationFailed { .. })), "{result:?}");
        assert_eq!(
            std::fs::read_to_string(&kept).expect("stdin kept"),
            "((rate 600))Go, ((slnc 9999999))Bo!"
        );
        let arguments = std::fs::read_to_string(&arguments).expect("arguments kept");
        assert!(!arguments.contains("Go") && !arguments.contains("rate"), "{arguments}");
    }

    #[test]
    fn every_narrator_has_its_own_mac_voice() {
        let names: std::collections::HashSet<_> = VoiceType::ALL.iter().map(|v| say_voice(*v).0).collect();
        assert_eq!(names.len(), 3);
    }
}
