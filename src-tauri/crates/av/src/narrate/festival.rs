//! Festival with a recorded-speaker (HTS) voice: far less robotic than espeak-ng, and packaged by
//! every Debian and Ubuntu. Festival is driven by a fixed Scheme program on stdin; the words
//! travel in a file and the file names in environment variables, so nothing a story says is ever
//! read as Scheme.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::OnceLock;
use std::time::Duration;

use model::VoiceType;

use super::prosody::{play_at, raise_question_ending, FESTIVAL_QUESTION_RISE};
use super::sentences::ends_with_question;
use super::wav::{read_wav, write_wav, Audio};
use super::{speak_through_stdin, words_only, Narrator};
use crate::process::{self, Stdout};
use crate::{tool, AvError};

/// What to install for Festival and its best packaged English voice.
pub const FESTIVAL_PACKAGES: &str = "festival festvox-us-slt-hts";

/// Festival's Scheme heap, in cells. Its default (ten million) takes most of a second to set up
/// and 330 MB per run; a piece of at most `MAX_PIECE_CHARS` characters is spoken as fast with a
/// fifth of it (90 MB), and several run at once.
const HEAP_CELLS: &str = "2000000";
/// Listing the voices takes well under a second; a Festival hanging longer is treated as absent.
const LIST_TIMEOUT: Duration = Duration::from_secs(20);

/// How much longer than the voice's own pace each narrator speaks (storytelling is slow).
const GENTLE_STRETCH: f64 = 1.4;
const CHEERFUL_STRETCH: f64 = 1.2;
const GRANDPARENT_STRETCH: f64 = 1.55;
/// The cheerful narrator is played this much higher than the voice (about one semitone).
const CHEERFUL_PITCH: f64 = 1.06;
/// The grandparent is played this much lower: a woman's voice lowered enough to sound deeper and
/// older, a man's voice a little.
const GRANDPARENT_PITCH_FROM_WOMAN: f64 = 0.86;
const GRANDPARENT_PITCH_FROM_MAN: f64 = 0.95;

/// A Festival voice av knows how to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownFestivalVoice {
    /// Festival's name for it (`voice_<name>` selects it).
    pub name: &'static str,
    /// Who it sounds like, for a parent.
    pub speaker: &'static str,
    pub male: bool,
}

/// English voices made with HTS from the CMU ARCTIC recordings, best first within each sex. Only
/// the first is packaged by Debian and Ubuntu (`festvox-us-slt-hts`); the others are used when
/// installed by hand.
pub const KNOWN_FESTIVAL_VOICES: &[KnownFestivalVoice] = &[
    KnownFestivalVoice { name: "cmu_us_slt_arctic_hts", speaker: "an American woman", male: false },
    KnownFestivalVoice { name: "cmu_us_clb_arctic_hts", speaker: "an American woman", male: false },
    KnownFestivalVoice { name: "cmu_us_rms_arctic_hts", speaker: "an American man", male: true },
    KnownFestivalVoice { name: "cmu_us_bdl_arctic_hts", speaker: "an American man", male: true },
    KnownFestivalVoice { name: "cmu_us_jmk_arctic_hts", speaker: "a Canadian man", male: true },
    KnownFestivalVoice { name: "cmu_us_awb_arctic_hts", speaker: "a Scottish man", male: true },
];

/// How one narrator is spoken by Festival.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FestivalVoice {
    pub voice: KnownFestivalVoice,
    /// The HTS engine's speed (its `-r`): below 1 is slower than the voice's own pace.
    pub speed: f64,
    /// The take is played this many times faster (higher and shorter) or slower (lower and
    /// longer); `speed` already makes up for the change in length.
    pub pitch: f64,
}

impl FestivalVoice {
    /// How many times longer than the voice's own pace the narration is.
    pub fn stretch(&self) -> f64 {
        1.0 / (self.speed * self.pitch)
    }
}

/// The Festival voice for each narrator among the `installed` ones, or `None` when none of
/// them is one av knows. A woman's voice reads the gentle and cheerful stories (a man's when
/// there is no woman's); the grandparent is a man's voice when one is installed, else the woman's
/// voice lowered.
pub fn festival_voice(voice: VoiceType, installed: &[String]) -> Option<FestivalVoice> {
    let present = |male: bool| {
        KNOWN_FESTIVAL_VOICES
            .iter()
            .find(|known| known.male == male && installed.iter().any(|name| name == known.name))
            .copied()
    };
    let (woman, man) = (present(false), present(true));
    let (chosen, pitch, stretch) = match voice {
        VoiceType::Gentle => (woman.or(man)?, 1.0, GENTLE_STRETCH),
        VoiceType::Cheerful => (woman.or(man)?, CHEERFUL_PITCH, CHEERFUL_STRETCH),
        VoiceType::Grandparent => match (man, woman) {
            (Some(man), _) => (man, GRANDPARENT_PITCH_FROM_MAN, GRANDPARENT_STRETCH),
            (None, Some(woman)) => (woman, GRANDPARENT_PITCH_FROM_WOMAN, GRANDPARENT_STRETCH),
            (None, None) => return None,
        },
    };
    Some(FestivalVoice { voice: chosen, speed: 1.0 / (stretch * pitch), pitch })
}

/// Festival's voices as listed by `(voice.list)`: `(name_a name_b)`.
pub fn parse_voice_list(printed: &str) -> Vec<String> {
    printed
        .split(|c: char| c == '(' || c == ')' || c.is_whitespace())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Festival as found on this computer, with its voices; looked for once per run of the app.
#[derive(Debug, Clone)]
pub(crate) struct FestivalInstall {
    pub program: PathBuf,
    pub voices: Vec<String>,
}

/// Festival (`FESTIVAL` overrides, else a sidecar or PATH) and its voices, or `None` when it is
/// not installed or does not answer.
pub(crate) fn festival_install() -> Option<&'static FestivalInstall> {
    static INSTALL: OnceLock<Option<FestivalInstall>> = OnceLock::new();
    INSTALL
        .get_or_init(|| {
            let program = tool::locate("FESTIVAL", "festival")?;
            match list_voices(&program) {
                Ok(voices) => {
                    tracing::info!(?voices, "Festival found");
                    Some(FestivalInstall { program, voices })
                }
                Err(error) => {
                    tracing::warn!(detail = %error.detail(), "Festival did not list its voices");
                    None
                }
            }
        })
        .as_ref()
}

fn list_voices(program: &Path) -> Result<Vec<String>, AvError> {
    let mut command = tool::command(program);
    command.args(["--heap", HEAP_CELLS, "-b", "(print (voice.list))"]);
    let cancel = AtomicBool::new(false);
    let printed = std::thread::scope(|scope| {
        let (finished, watched) = mpsc::channel::<()>();
        let cancel = &cancel;
        scope.spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = watched.recv_timeout(LIST_TIMEOUT) {
                cancel.store(true, Ordering::Relaxed);
            }
        });
        let printed = process::run(&mut command, "list Festival's voices", cancel, Stdout::Collect, None);
        drop(finished);
        printed
    })?;
    Ok(parse_voice_list(&String::from_utf8_lossy(&printed)))
}

/// Speaks with Festival: the fixed program from [`FestivalNarrator::script`] on stdin, the words
/// in a private file next to the output.
#[derive(Debug, Clone)]
pub struct FestivalNarrator {
    program: PathBuf,
    voices: [FestivalVoice; 3],
    name: String,
}

impl FestivalNarrator {
    /// Festival with the best of its installed voices for each narrator. Fails with a message
    /// naming what to install when Festival or a voice it can use is missing.
    pub fn new() -> Result<Self, AvError> {
        let install = festival_install().ok_or_else(|| AvError::ToolMissing {
            tool: "festival",
            message: format!("Natural narration needs Festival: sudo apt install {FESTIVAL_PACKAGES}"),
        })?;
        Self::with_voices(install.program.clone(), &install.voices).ok_or_else(|| AvError::ToolMissing {
            tool: "festival",
            message: "Festival has no English voice the app can use: sudo apt install festvox-us-slt-hts"
                .into(),
        })
    }

    /// Festival at `program` with `installed` voices, or `None` when none of them is usable.
    pub fn with_voices(program: PathBuf, installed: &[String]) -> Option<Self> {
        let voices = [
            festival_voice(VoiceType::Gentle, installed)?,
            festival_voice(VoiceType::Cheerful, installed)?,
            festival_voice(VoiceType::Grandparent, installed)?,
        ];
        let mut names: Vec<&str> = voices.iter().map(|voice| voice.voice.name).collect();
        names.dedup();
        let name = format!("festival:{}", names.join(","));
        Some(Self { program, voices, name })
    }

    /// How `voice` is spoken.
    pub fn voice(&self, voice: VoiceType) -> FestivalVoice {
        match voice {
            VoiceType::Gentle => self.voices[0],
            VoiceType::Cheerful => self.voices[1],
            VoiceType::Grandparent => self.voices[2],
        }
    }

    /// The Scheme program Festival runs: select the voice, set its speed, speak the file named by
    /// `AV_TEXT_FILE` as plain text (no markup mode, whatever the file is called) into the WAV
    /// named by `AV_OUT_WAV`, and exit with an error status if any of it fails. Built only from
    /// av's own constants.
    pub fn script(settings: &FestivalVoice) -> String {
        format!(
            r#"(gc-status nil)
(set! av_samples 0)
(set! av_last nil)
(define (av_save utt)
  (if (eq? av_samples 0)
      (wave.save.header av_out (utt.wave utt) 'riff nil (list (list "numsamples" 0))))
  (set! av_samples (+ av_samples (get_param 'num_samples (wave.info (utt.wave utt)) 0)))
  (wave.save.data.fp (utt.wave utt) av_out 'riff nil)
  (set! av_last utt))
(unwind-protect
  (begin
    (voice_{voice})
    (set! hts_engine_params (append hts_engine_params (list (list "-r" {speed:.4}))))
    (set! av_out (fopen (getenv "AV_OUT_WAV") "wb"))
    (set! tts_hooks (list utt.synth av_save))
    (tts_file (getenv "AV_TEXT_FILE") 'fundamental)
    (if (not av_last) (begin (format stderr "Festival said nothing\n") (exit 4)))
    (fseek av_out 0 0)
    (wave.save.header av_out (utt.wave av_last) 'riff nil (list (list "numsamples" av_samples)))
    (fclose av_out))
  (begin (format stderr "Festival could not speak the text\n") (exit 3)))
"#,
            voice = settings.voice.name,
            speed = settings.speed,
        )
    }

    /// Festival reading [`FestivalNarrator::script`] on stdin, speaking `text_file` into `out_wav`.
    pub fn command(&self, text_file: &Path, out_wav: &Path) -> Command {
        let mut command = tool::command(&self.program);
        command
            .args(["--heap", HEAP_CELLS, "--pipe"])
            .env("AV_TEXT_FILE", text_file)
            .env("AV_OUT_WAV", out_wav);
        command
    }

    /// The words as Festival is given them. Festival reads bytes, not UTF-8: accented letters lose
    /// their accents, typographic quotes and dashes become plain ones, and what it cannot read
    /// (other scripts, emoji) becomes a space rather than noise.
    pub fn festival_text(text: &str) -> String {
        let mut spoken = String::with_capacity(text.len());
        for c in words_only(text).chars() {
            match c {
                c if c.is_ascii() => spoken.push(c),
                '‘' | '’' | '‚' | '′' => spoken.push('\''),
                '“' | '”' | '„' | '«' | '»' | '″' => spoken.push('"'),
                '—' | '–' | '‒' => spoken.push_str(", "),
                '…' => spoken.push_str("..."),
                '！' => spoken.push('!'),
                '？' => spoken.push('?'),
                '。' => spoken.push('.'),
                c => match plain_letter(c) {
                    Some(plain) => spoken.push_str(plain),
                    None => spoken.push(' '),
                },
            }
        }
        spoken
    }
}

/// A Latin letter without its accent (`é` → `e`, `ß` → `ss`).
fn plain_letter(c: char) -> Option<&'static str> {
    const LETTERS: &[(&str, &str)] = &[
        ("àáâãäåāă", "a"),
        ("ÀÁÂÃÄÅĀĂ", "A"),
        ("çćč", "c"),
        ("ÇĆČ", "C"),
        ("ďđ", "d"),
        ("ĎĐ", "D"),
        ("èéêëēěę", "e"),
        ("ÈÉÊËĒĚĘ", "E"),
        ("ğ", "g"),
        ("Ğ", "G"),
        ("ìíîïīı", "i"),
        ("ÌÍÎÏĪİ", "I"),
        ("ł", "l"),
        ("Ł", "L"),
        ("ñńň", "n"),
        ("ÑŃŇ", "N"),
        ("òóôõöøō", "o"),
        ("ÒÓÔÕÖØŌ", "O"),
        ("řŕ", "r"),
        ("ŘŔ", "R"),
        ("śšş", "s"),
        ("ŚŠŞ", "S"),
        ("ťţ", "t"),
        ("ŤŢ", "T"),
        ("ùúûüūůű", "u"),
        ("ÙÚÛÜŪŮŰ", "U"),
        ("ýÿ", "y"),
        ("ÝŸ", "Y"),
        ("źżž", "z"),
        ("ŹŻŽ", "Z"),
        ("æ", "ae"),
        ("Æ", "Ae"),
        ("œ", "oe"),
        ("Œ", "Oe"),
        ("ß", "ss"),
    ];
    LETTERS.iter().find(|(accented, _)| accented.contains(c)).map(|(_, plain)| *plain)
}

impl Narrator for FestivalNarrator {
    fn synthesize_cancellable(
        &self,
        text: &str,
        voice: VoiceType,
        out_wav: &Path,
        cancel: &AtomicBool,
    ) -> Result<(), AvError> {
        if cancel.load(Ordering::Relaxed) {
            return Err(AvError::Cancelled);
        }
        let settings = self.voice(voice);
        let words = Self::festival_text(text);
        if !words.chars().any(|c| c.is_ascii_alphanumeric()) {
            // Nothing Festival can pronounce: a moment of silence, and the subtitle shows the words.
            let rate = 32_000;
            return write_wav(out_wav, &Audio { sample_rate: rate, samples: vec![0.0; rate as usize / 5] });
        }
        let text_file = out_wav.with_extension("txt");
        crate::files::write_private(&text_file, words.as_bytes())
            .map_err(|error| AvError::io("save the narration text", &text_file, error))?;
        let spoken = speak_through_stdin(
            &mut self.command(&text_file, out_wav),
            "festival",
            &Self::script(&settings),
            cancel,
        );
        let _ = std::fs::remove_file(&text_file);
        spoken?;
        let take = read_wav(out_wav)
            .map_err(|error| AvError::NarrationFailed { detail: format!("festival: {}", error.detail()) })?;
        if take.samples.is_empty() {
            return Err(AvError::NarrationFailed { detail: "festival wrote no audio".into() });
        }
        let mut take = play_at(&take, settings.pitch);
        if ends_with_question(text) {
            take = raise_question_ending(&take, FESTIVAL_QUESTION_RISE);
        }
        write_wav(out_wav, &take)
    }

    fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn the_packaged_voice_reads_every_story_each_narrator_its_own_way() {
        let installed = names(&["kal_diphone", "cmu_us_slt_arctic_hts"]);
        let voices: Vec<FestivalVoice> =
            VoiceType::ALL.iter().filter_map(|voice| festival_voice(*voice, &installed)).collect();
        assert_eq!(voices.len(), 3);
        assert!(voices.iter().all(|voice| voice.voice.name == "cmu_us_slt_arctic_hts"));
        let [gentle, cheerful, grandparent] = [voices[0], voices[1], voices[2]];
        assert!(cheerful.pitch > gentle.pitch && gentle.pitch > grandparent.pitch);
        assert!(grandparent.stretch() > gentle.stretch() && gentle.stretch() > cheerful.stretch());
        // Every narrator is slower than the voice's own pace.
        assert!(voices.iter().all(|voice| voice.stretch() > 1.1), "{voices:?}");
    }

    #[test]
    fn a_mans_voice_reads_for_the_grandparent_when_there_is_one() {
        let installed = names(&["cmu_us_awb_arctic_hts", "cmu_us_slt_arctic_hts", "cmu_us_rms_arctic_hts"]);
        let grandparent = festival_voice(VoiceType::Grandparent, &installed).expect("a voice");
        assert_eq!(grandparent.voice.name, "cmu_us_rms_arctic_hts");
        assert!((grandparent.stretch() - GRANDPARENT_STRETCH).abs() < 1e-9);
        let gentle = festival_voice(VoiceType::Gentle, &installed).expect("a voice");
        assert_eq!(gentle.voice.name, "cmu_us_slt_arctic_hts");

        let only_a_man = names(&["cmu_us_bdl_arctic_hts"]);
        let cheerful = festival_voice(VoiceType::Cheerful, &only_a_man).expect("a voice");
        assert_eq!(cheerful.voice.name, "cmu_us_bdl_arctic_hts");
    }

    #[test]
    fn unknown_or_robotic_festival_voices_are_not_used() {
        let installed = names(&["kal_diphone", "ked_diphone"]);
        assert!(VoiceType::ALL.iter().all(|voice| festival_voice(*voice, &installed).is_none()));
        assert!(FestivalNarrator::with_voices("festival".into(), &installed).is_none());
    }

    #[test]
    fn the_voice_list_is_read_from_what_festival_prints() {
        assert_eq!(
            parse_voice_list("(cmu_us_slt_arctic_hts kal_diphone\n rab_diphone)\n"),
            ["cmu_us_slt_arctic_hts", "kal_diphone", "rab_diphone"]
        );
        assert!(parse_voice_list("nil\n").iter().all(|name| name == "nil"));
    }

    #[test]
    fn the_words_never_reach_the_program_or_the_command_line() {
        let narrator =
            FestivalNarrator::with_voices("/usr/bin/festival".into(), &names(&["cmu_us_slt_arctic_hts"]))
                .expect("usable");
        let command = narrator.command(Path::new("/w/s-1.txt"), Path::new("/w/s-1.wav"));
        let args: Vec<String> = command.get_args().map(|arg| arg.to_string_lossy().into_owned()).collect();
        assert_eq!(args, ["--heap", HEAP_CELLS, "--pipe"]);
        let env = |key: &str| {
            command
                .get_envs()
                .find(|(name, _)| *name == key)
                .and_then(|(_, value)| value.map(|v| v.to_string_lossy().into_owned()))
        };
        assert_eq!(env("AV_TEXT_FILE").as_deref(), Some("/w/s-1.txt"));
        assert_eq!(env("AV_OUT_WAV").as_deref(), Some("/w/s-1.wav"));
        let script = FestivalNarrator::script(&narrator.voice(VoiceType::Gentle));
        assert!(script.contains("(voice_cmu_us_slt_arctic_hts)"), "{script}");
        assert!(script.contains("(tts_file (getenv \"AV_TEXT_FILE\") 'fundamental)"), "{script}");
        assert!(script.contains(&format!("\"-r\" {:.4}", 1.0 / GENTLE_STRETCH)), "{script}");
        assert_eq!(narrator.name(), "festival:cmu_us_slt_arctic_hts");
    }

    #[test]
    fn festival_is_given_plain_letters_it_can_read() {
        assert_eq!(
            FestivalNarrator::festival_text("Naïve café — “Zoë” ‘hi’…"),
            "Naive cafe ,  \"Zoe\" 'hi'..."
        );
        assert_eq!(FestivalNarrator::festival_text("Straße, Łódź!"), "Strasse, Lodz!");
        assert_eq!(FestivalNarrator::festival_text("日本語 🎉!"), "     !");
        assert_eq!(FestivalNarrator::festival_text("Hi\u{1}500S [[x]]"), "Hi 500S ((x))");
    }
}
