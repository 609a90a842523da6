//! macOS's built-in voices through `say`, which sound far better than espeak-ng; `say` writes
//! AIFF, so ffmpeg turns it into the WAV the rest of av reads. The best English voices the Mac
//! has (the downloadable Premium and Enhanced ones first) are picked from `say -v '?'`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use model::VoiceType;

use super::{speak_through_stdin, words_only, Narrator};
use crate::process::{self, Stdout};
use crate::{tool, AvError};

/// The fallback macOS voice and the speaking rate (words per minute, `say`'s own is about 175)
/// for each narrator. These voices ship with every macOS release since 10.7.
pub fn say_voice(voice: VoiceType) -> (&'static str, u32) {
    match voice {
        VoiceType::Gentle => ("Samantha", 150),
        VoiceType::Cheerful => ("Karen", 165),
        VoiceType::Grandparent => ("Daniel", 135),
    }
}

/// How natural a macOS voice sounds: the downloadable Premium and Enhanced voices are large and
/// sound close to a person; the standard ones are compact and sound synthetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SayQuality {
    Standard,
    Enhanced,
    Premium,
}

/// A voice `say -v '?'` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SayVoice {
    /// The full name `say -v` takes, e.g. `Ava (Premium)`.
    pub name: String,
    /// e.g. `en_US`.
    pub locale: String,
}

impl SayVoice {
    /// The name without its quality, e.g. `Ava`.
    pub fn base_name(&self) -> &str {
        self.name.split(" (").next().unwrap_or(&self.name).trim()
    }

    pub fn quality(&self) -> SayQuality {
        if self.name.contains("(Premium)") {
            SayQuality::Premium
        } else if self.name.contains("(Enhanced)") {
            SayQuality::Enhanced
        } else {
            SayQuality::Standard
        }
    }
}

/// English voices suited to each narrator, best first. Apple's novelty voices (Bubbles, Zarvox,
/// ...) and the old formant voices (Fred, Victoria, Eloquence's Grandpa, ...) are left out: they
/// sound more robotic than any of these.
const GENTLE_VOICES: &[&str] = &[
    "Ava", "Samantha", "Allison", "Serena", "Susan", "Kate", "Fiona", "Moira", "Karen", "Tessa", "Zoe",
    "Nicky",
];
const CHEERFUL_VOICES: &[&str] = &[
    "Zoe", "Karen", "Tessa", "Allison", "Nicky", "Moira", "Samantha", "Ava", "Serena", "Kate", "Fiona",
    "Susan",
];
const GRANDPARENT_VOICES: &[&str] =
    &["Daniel", "Tom", "Alex", "Evan", "Nathan", "Oliver", "Arthur", "Lee", "Aaron", "Rishi"];

/// The voices in `say -v '?'` output: `Name  locale  # sample sentence`, where the name may hold
/// spaces and brackets (`Ava (Premium)`).
pub fn parse_say_voices(listing: &str) -> Vec<SayVoice> {
    listing
        .lines()
        .filter_map(|line| {
            let described = line.split('#').next()?.trim();
            let (name, locale) = described.rsplit_once(char::is_whitespace)?;
            let name = name.trim();
            (!name.is_empty() && locale.contains('_'))
                .then(|| SayVoice { name: name.to_owned(), locale: locale.to_owned() })
        })
        .collect()
}

/// The best voice for each narrator (in [`VoiceType::ALL`] order) among `available`: English
/// only, the best quality first, then the narrator's own order of preference, American and
/// British voices before other English ones. The cheerful narrator gets a different voice from
/// the gentle one when there is one to have. `None` where no suitable voice is installed.
pub fn choose_say_voices(available: &[SayVoice]) -> [Option<SayVoice>; 3] {
    let pick = |preferred: &[&str], avoid: Option<&str>| -> Option<SayVoice> {
        available
            .iter()
            .filter(|voice| voice.locale.starts_with("en"))
            .filter(|voice| avoid != Some(voice.base_name()))
            .filter_map(|voice| {
                let rank = preferred.iter().position(|name| *name == voice.base_name())?;
                let home = matches!(voice.locale.as_str(), "en_US" | "en_GB");
                Some(((voice.quality(), std::cmp::Reverse(rank), home), voice))
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, voice)| voice.clone())
    };
    let gentle = pick(GENTLE_VOICES, None);
    let gentle_name = gentle.as_ref().map(|voice| voice.base_name().to_owned());
    let cheerful = pick(CHEERFUL_VOICES, gentle_name.as_deref()).or_else(|| gentle.clone());
    let grandparent = pick(GRANDPARENT_VOICES, None);
    [gentle, cheerful, grandparent]
}

/// The voices this Mac has, listed once per run of the app (empty if `say` cannot list them).
fn installed_say_voices(say: &Path) -> &'static [SayVoice] {
    static VOICES: OnceLock<Vec<SayVoice>> = OnceLock::new();
    VOICES.get_or_init(|| {
        let mut command = tool::command(say);
        command.args(["-v", "?"]);
        match process::run(
            &mut command,
            "list the Mac's voices",
            &AtomicBool::new(false),
            Stdout::Collect,
            None,
        ) {
            Ok(listing) => parse_say_voices(&String::from_utf8_lossy(&listing)),
            Err(error) => {
                tracing::warn!(detail = %error.detail(), "say did not list its voices");
                Vec::new()
            }
        }
    })
}

#[derive(Debug, Clone)]
pub struct SayNarrator {
    say: PathBuf,
    ffmpeg: PathBuf,
    /// The voice for each narrator, in [`VoiceType::ALL`] order.
    voices: [SayChoice; 3],
    name: String,
}

/// The voice `say` speaks one narrator with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SayChoice {
    pub name: String,
    pub quality: SayQuality,
    pub rate: u32,
}

impl SayNarrator {
    /// Finds `say` (always in /usr/bin on macOS) and ffmpeg for the conversion, and picks the
    /// best installed voices.
    pub fn new() -> Result<Self, AvError> {
        let say = [PathBuf::from("/usr/bin/say")]
            .into_iter()
            .find(|path| path.is_file())
            .or_else(|| tool::on_path("say"))
            .ok_or_else(|| AvError::ToolMissing {
                tool: "say",
                message: "Narration needs the macOS 'say' command (part of macOS).".into(),
            })?;
        let available = installed_say_voices(&say);
        Ok(Self::with_voices(say, tool::ffmpeg_path()?, available))
    }

    /// `say` with the fallback voices of [`say_voice`].
    pub fn with_programs(say: PathBuf, ffmpeg: PathBuf) -> Self {
        Self::with_voices(say, ffmpeg, &[])
    }

    /// `say` with the best of `available` for each narrator (the fallback where none suits).
    pub fn with_voices(say: PathBuf, ffmpeg: PathBuf, available: &[SayVoice]) -> Self {
        let chosen = choose_say_voices(available);
        let voices = [0, 1, 2].map(|index| {
            let (fallback, rate) = say_voice(VoiceType::ALL[index]);
            match &chosen[index] {
                Some(voice) => SayChoice { name: voice.name.clone(), quality: voice.quality(), rate },
                None => SayChoice { name: fallback.to_owned(), quality: SayQuality::Standard, rate },
            }
        });
        let name =
            format!("say:{}", voices.iter().map(|voice| voice.name.as_str()).collect::<Vec<_>>().join(","));
        Self { say, ffmpeg, voices, name }
    }

    /// The voice `voice` is spoken with.
    pub fn voice(&self, voice: VoiceType) -> &SayChoice {
        match voice {
            VoiceType::Gentle => &self.voices[0],
            VoiceType::Cheerful => &self.voices[1],
            VoiceType::Grandparent => &self.voices[2],
        }
    }

    /// What `say` is given on stdin to speak `text`: the words, with no `[[ ... ]]` embedded
    /// speech command (rate, volume, silence, phoneme input) able to form.
    pub fn stdin_text(text: &str) -> String {
        words_only(text)
    }

    /// `say` reading its text from stdin (no message argument) into an AIFF file.
    pub fn say_command(&self, voice: VoiceType, out_aiff: &Path) -> Command {
        let choice = self.voice(voice);
        let mut command = tool::command(&self.say);
        command.arg("-v").arg(&choice.name).arg("-r").arg(choice.rate.to_string()).arg("-o").arg(out_aiff);
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
        &self.name
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
        assert_eq!(args(&command), ["-v", "Daniel", "-r", "135", "-o", "/tmp/s.aiff"]);
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

    const LISTING: &str = "\
Albert              en_US    # Hello! My name is Albert.
Alex                en_US    # Most people recognize me by my voice.
Alice               it_IT    # Ciao! Mi chiamo Alice.
Ava (Premium)       en_US    # Hello! My name is Ava.
Bubbles             en_US    # Hello! My name is Bubbles.
Daniel              en_GB    # Hello! My name is Daniel.
Eddy (English (US)) en_US    # Hello! My name is Eddy.
Grandpa (English (UK)) en_GB # Hello! My name is Grandpa.
Karen               en_AU    # Hello! My name is Karen.
Samantha            en_US    # Hello! My name is Samantha.
Tom (Enhanced)      en_US    # Hello! My name is Tom.
Zoe (Premium)       en_US    # Hello! My name is Zoe.
";

    #[test]
    fn the_listing_is_read_with_names_that_hold_spaces_and_brackets() {
        let voices = parse_say_voices(LISTING);
        assert_eq!(voices.len(), 12);
        assert_eq!(voices[3], SayVoice { name: "Ava (Premium)".into(), locale: "en_US".into() });
        assert_eq!(voices[6].name, "Eddy (English (US))");
        assert_eq!(voices[7], SayVoice { name: "Grandpa (English (UK))".into(), locale: "en_GB".into() });
        assert_eq!(voices[3].base_name(), "Ava");
        assert_eq!(voices[3].quality(), SayQuality::Premium);
        assert_eq!(voices[10].quality(), SayQuality::Enhanced);
        assert_eq!(voices[9].quality(), SayQuality::Standard);
        assert!(parse_say_voices("\nnot a voice line\n").is_empty());
    }

    #[test]
    fn premium_and_enhanced_voices_are_chosen_over_standard_ones() {
        let [gentle, cheerful, grandparent] = choose_say_voices(&parse_say_voices(LISTING));
        assert_eq!(gentle.expect("gentle").name, "Ava (Premium)");
        assert_eq!(cheerful.expect("cheerful").name, "Zoe (Premium)");
        // Tom (Enhanced) beats Daniel and Alex (standard); Grandpa is a robotic formant voice.
        assert_eq!(grandparent.expect("grandparent").name, "Tom (Enhanced)");
    }

    #[test]
    fn a_mac_with_only_standard_voices_gets_the_familiar_ones() {
        let listing =
            "Samantha en_US # Hi\nKaren en_AU # Hi\nDaniel en_GB # Hi\nFred en_US # Hi\nAlice it_IT # Ciao\n";
        let narrator =
            SayNarrator::with_voices("/usr/bin/say".into(), "ffmpeg".into(), &parse_say_voices(listing));
        assert_eq!(narrator.voice(VoiceType::Gentle).name, "Samantha");
        assert_eq!(narrator.voice(VoiceType::Cheerful).name, "Karen");
        assert_eq!(narrator.voice(VoiceType::Grandparent).name, "Daniel");
        assert!(VoiceType::ALL.iter().all(|voice| narrator.voice(*voice).quality == SayQuality::Standard));
        assert_eq!(narrator.name(), "say:Samantha,Karen,Daniel");
    }

    #[test]
    fn the_cheerful_narrator_has_a_voice_of_its_own_when_there_is_one() {
        let only_samantha = parse_say_voices("Samantha en_US # Hi\n");
        let [gentle, cheerful, grandparent] = choose_say_voices(&only_samantha);
        assert_eq!(gentle.map(|voice| voice.name), Some("Samantha".into()));
        assert_eq!(cheerful.map(|voice| voice.name), Some("Samantha".into()));
        assert_eq!(grandparent, None);
        let narrator = SayNarrator::with_voices("/usr/bin/say".into(), "ffmpeg".into(), &only_samantha);
        assert_eq!(narrator.voice(VoiceType::Grandparent).name, "Daniel");
    }

    #[test]
    fn every_narrator_reads_slower_than_say_does_by_default() {
        assert!(VoiceType::ALL.iter().all(|voice| say_voice(*voice).1 < 175));
    }
}
