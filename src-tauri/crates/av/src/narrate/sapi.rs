//! Windows voices through System.Speech (SAPI), driven by a fixed PowerShell script: the text
//! and output path travel in a UTF-8 file and environment variables, never in the script. The
//! best English voice the computer offers is picked from the list the same API gives.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use model::VoiceType;

use super::Narrator;
use crate::process::{self, Stdout};
use crate::{tool, AvError};

/// The script PowerShell runs. It reads everything it needs from `AV_*` variables.
const SCRIPT: &str = r#"$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Speech
$text = [System.IO.File]::ReadAllText($env:AV_TEXT_FILE, [System.Text.Encoding]::UTF8)
$synth = New-Object System.Speech.Synthesis.SpeechSynthesizer
try {
  $voices = @($synth.GetInstalledVoices() | Where-Object { $_.Enabled } | ForEach-Object { $_.VoiceInfo })
  $english = @($voices | Where-Object { $_.Culture.Name -like 'en*' })
  if ($english.Count -gt 0) { $voices = $english }
  $named = @($voices | Where-Object { $_.Name -eq $env:AV_VOICE_NAME })
  $match = @($voices | Where-Object { $_.Gender.ToString() -eq $env:AV_VOICE_GENDER })
  if ($env:AV_VOICE_NAME -and $named.Count -gt 0) { $synth.SelectVoice($named[0].Name) }
  elseif ($match.Count -gt 0) { $synth.SelectVoice($match[0].Name) }
  elseif ($voices.Count -gt 0) { $synth.SelectVoice($voices[0].Name) }
  $synth.Rate = [int]$env:AV_VOICE_RATE
  $format = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(22050, [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)
  $synth.SetOutputToWaveFile($env:AV_OUT_WAV, $format)
  $synth.Speak($text)
} finally {
  $synth.Dispose()
}
"#;

/// The script that lists the enabled voices, one a line: name, culture and gender, tab-separated.
const LIST_SCRIPT: &str = r#"$ErrorActionPreference = 'Stop'
# Without a console (the app starts PowerShell windowless) the encoding cannot be set; names then
# come in the console's code page, and one that does not match is picked by gender instead.
try { [Console]::OutputEncoding = [System.Text.Encoding]::UTF8 } catch { }
Add-Type -AssemblyName System.Speech
$synth = New-Object System.Speech.Synthesis.SpeechSynthesizer
try {
  foreach ($voice in $synth.GetInstalledVoices()) {
    if ($voice.Enabled) { $info = $voice.VoiceInfo; "$($info.Name)`t$($info.Culture.Name)`t$($info.Gender)" }
  }
} finally {
  $synth.Dispose()
}
"#;

/// The SAPI voice gender and rate (-10..=10, 0 normal) for each narrator: all below the normal
/// rate, as a storyteller reads.
pub fn sapi_voice(voice: VoiceType) -> (&'static str, i32) {
    match voice {
        VoiceType::Gentle => ("Female", -2),
        VoiceType::Cheerful => ("Female", -1),
        VoiceType::Grandparent => ("Male", -3),
    }
}

/// How natural a Windows voice sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SapiQuality {
    /// The old desktop voices (`Microsoft David Desktop`, `Microsoft Zira Desktop`) and unknown
    /// ones: clear but synthetic.
    Desktop,
    /// The newer OneCore voices made available to SAPI (`Microsoft Aria`, `Microsoft Mark`).
    OneCore,
    /// Neural ("Natural", "Online") voices: close to a person.
    Natural,
}

/// A voice System.Speech lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SapiVoice {
    pub name: String,
    /// e.g. `en-US`.
    pub culture: String,
    /// `Female`, `Male` or `NotSet`.
    pub gender: String,
}

/// OneCore voice names, which carry no marker of their own.
const ONECORE_NAMES: &[&str] = &[
    "Aria",
    "Jenny",
    "Guy",
    "Mark",
    "Eva",
    "Zira",
    "David",
    "George",
    "Hazel",
    "Susan",
    "Catherine",
    "James",
    "Linda",
    "Richard",
    "Sean",
    "Heera",
    "Ravi",
];

impl SapiVoice {
    pub fn quality(&self) -> SapiQuality {
        let name = self.name.to_lowercase();
        if name.contains("natural") || name.contains("neural") || name.contains("online") {
            SapiQuality::Natural
        } else if name.contains("desktop") {
            SapiQuality::Desktop
        } else if self.name.split_whitespace().any(|word| ONECORE_NAMES.contains(&word))
            && name.starts_with("microsoft")
        {
            SapiQuality::OneCore
        } else {
            SapiQuality::Desktop
        }
    }
}

/// The voices in the listing script's output (tab-separated name, culture, gender).
pub fn parse_sapi_voices(listing: &str) -> Vec<SapiVoice> {
    listing
        .lines()
        .filter_map(|line| {
            let mut fields = line.trim_end_matches('\r').split('\t');
            let (name, culture, gender) =
                (fields.next()?.trim(), fields.next()?.trim(), fields.next()?.trim());
            (!name.is_empty()).then(|| SapiVoice {
                name: name.into(),
                culture: culture.into(),
                gender: gender.into(),
            })
        })
        .collect()
}

/// The best voice for each narrator (in [`VoiceType::ALL`] order) among `available`: English
/// voices only, the narrator's gender first, then the most natural, then American or British.
/// `None` where there is no English voice.
pub fn choose_sapi_voices(available: &[SapiVoice]) -> [Option<SapiVoice>; 3] {
    VoiceType::ALL.map(|voice| {
        let (gender, _) = sapi_voice(voice);
        available
            .iter()
            .filter(|candidate| candidate.culture.starts_with("en"))
            .max_by_key(|candidate| {
                let home = matches!(candidate.culture.as_str(), "en-US" | "en-GB");
                (
                    candidate.gender == gender,
                    candidate.quality(),
                    home,
                    std::cmp::Reverse(candidate.name.clone()),
                )
            })
            .cloned()
    })
}

/// The voices this computer has, listed once per run of the app (empty if PowerShell cannot
/// list them; the speaking script then picks by gender itself).
fn installed_sapi_voices(powershell: &Path) -> &'static [SapiVoice] {
    static VOICES: OnceLock<Vec<SapiVoice>> = OnceLock::new();
    VOICES.get_or_init(|| {
        let mut command = tool::command(powershell);
        command
            .args(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"])
            .arg(encode_command(LIST_SCRIPT));
        match process::run(
            &mut command,
            "list the Windows voices",
            &AtomicBool::new(false),
            Stdout::Collect,
            None,
        ) {
            Ok(listing) => parse_sapi_voices(&String::from_utf8_lossy(&listing)),
            Err(error) => {
                tracing::warn!(detail = %error.detail(), "PowerShell did not list the voices");
                Vec::new()
            }
        }
    })
}

#[derive(Debug, Clone)]
pub struct SapiNarrator {
    powershell: PathBuf,
    /// The chosen voice for each narrator, in [`VoiceType::ALL`] order.
    voices: [Option<SapiVoice>; 3],
    name: String,
}

impl SapiNarrator {
    /// Finds Windows PowerShell.
    pub fn new() -> Result<Self, AvError> {
        let system_root = std::env::var_os("SystemRoot").map(PathBuf::from);
        system_root
            .map(|root| root.join(r"System32\WindowsPowerShell\v1.0\powershell.exe"))
            .filter(|path| path.is_file())
            .or_else(|| tool::on_path("powershell"))
            .map(|powershell| {
                let available = installed_sapi_voices(&powershell);
                Self::with_voices(powershell, available)
            })
            .ok_or_else(|| AvError::ToolMissing {
                tool: "powershell",
                message: "Narration needs Windows PowerShell with the Windows speech voices.".into(),
            })
    }

    /// PowerShell picking a voice by gender alone.
    pub fn with_program(powershell: PathBuf) -> Self {
        Self::with_voices(powershell, &[])
    }

    /// PowerShell speaking with the best of `available` for each narrator.
    pub fn with_voices(powershell: PathBuf, available: &[SapiVoice]) -> Self {
        let voices = choose_sapi_voices(available);
        let names: Vec<&str> =
            voices.iter().map(|voice| voice.as_ref().map_or("", |voice| voice.name.as_str())).collect();
        let name = format!("sapi:{}", names.join(","));
        Self { powershell, voices, name }
    }

    /// The voice chosen for `voice`, if the voices could be listed.
    pub fn voice(&self, voice: VoiceType) -> Option<&SapiVoice> {
        let index = match voice {
            VoiceType::Gentle => 0,
            VoiceType::Cheerful => 1,
            VoiceType::Grandparent => 2,
        };
        self.voices[index].as_ref()
    }

    /// The PowerShell command speaking the UTF-8 text in `text_file` into `out_wav`.
    pub fn command(&self, voice: VoiceType, text_file: &Path, out_wav: &Path) -> Command {
        let (gender, rate) = sapi_voice(voice);
        let mut command = tool::command(&self.powershell);
        command
            .args(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"])
            .arg(encode_command(SCRIPT))
            .env("AV_TEXT_FILE", text_file)
            .env("AV_OUT_WAV", out_wav)
            .env("AV_VOICE_NAME", self.voice(voice).map_or("", |chosen| chosen.name.as_str()))
            .env("AV_VOICE_GENDER", gender)
            .env("AV_VOICE_RATE", rate.to_string());
        command
    }
}

/// PowerShell's `-EncodedCommand` form: base64 of the UTF-16LE script.
fn encode_command(script: &str) -> String {
    let bytes: Vec<u8> = script.encode_utf16().flat_map(u16::to_le_bytes).collect();
    base64(&bytes)
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Narrator for SapiNarrator {
    fn synthesize_cancellable(
        &self,
        text: &str,
        voice: VoiceType,
        out_wav: &Path,
        cancel: &AtomicBool,
    ) -> Result<(), AvError> {
        let text_file = out_wav.with_extension("txt");
        crate::files::write_private(&text_file, text.as_bytes())
            .map_err(|error| AvError::io("save the narration text", &text_file, error))?;
        let result = process::run(
            &mut self.command(voice, &text_file, out_wav),
            "read the scene aloud",
            cancel,
            Stdout::Collect,
            None,
        )
        .map(|_| ())
        .map_err(|error| match error {
            AvError::ToolFailed { stderr_tail, .. } => {
                AvError::NarrationFailed { detail: format!("System.Speech failed: {stderr_tail}") }
            }
            other => other,
        });
        let _ = std::fs::remove_file(&text_file);
        result
    }

    fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(command: &Command, key: &str) -> Option<String> {
        command
            .get_envs()
            .find(|(name, _)| *name == key)
            .and_then(|(_, value)| value.map(|v| v.to_string_lossy().into_owned()))
    }

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn text_and_paths_travel_outside_the_script() {
        let narrator = SapiNarrator::with_program(r"C:\Windows\powershell.exe".into());
        let command =
            narrator.command(VoiceType::Grandparent, Path::new(r"C:\w\s-1.txt"), Path::new(r"C:\w\s-1.wav"));
        let args: Vec<String> = command.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(
            args[..5],
            ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"]
        );
        assert_eq!(args[5], encode_command(SCRIPT));
        assert_eq!(args.len(), 6);
        assert_eq!(env(&command, "AV_TEXT_FILE").as_deref(), Some(r"C:\w\s-1.txt"));
        assert_eq!(env(&command, "AV_OUT_WAV").as_deref(), Some(r"C:\w\s-1.wav"));
        assert_eq!(env(&command, "AV_VOICE_GENDER").as_deref(), Some("Male"));
        assert_eq!(env(&command, "AV_VOICE_RATE").as_deref(), Some("-3"));
    }

    #[test]
    fn the_text_is_spoken_as_plain_text_never_as_markup() {
        assert!(SCRIPT.contains("$synth.Speak($text)"));
        assert!(!SCRIPT.contains("Ssml") && !SCRIPT.contains("PromptBuilder"));
    }

    /// PowerShell is Windows only; a stand-in that keeps the text file it is pointed at shows
    /// what reaches System.Speech.
    #[cfg(unix)]
    #[test]
    fn the_exact_text_reaches_the_speech_script_in_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let kept = dir.path().join("kept.txt");
        let mode = dir.path().join("mode.txt");
        let powershell = dir.path().join("powershell");
        std::fs::write(
            &powershell,
            format!(
                "#!/bin/sh\ncp \"$AV_TEXT_FILE\" '{}'\nstat -c %a \"$AV_TEXT_FILE\" > '{}'\nexit 3\n",
                kept.display(),
                mode.display()
            ),
        )
        .expect("write stand-in");
        std::fs::set_permissions(&powershell, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let text = "<speak>Bo</speak> [[rate 600]] & \"Zoë\"";
        let out = dir.path().join("s-1.wav");
        let result = SapiNarrator::with_program(powershell).synthesize(text, VoiceType::Gentle, &out);
        assert!(matches!(result, Err(AvError::NarrationFailed { .. })), "{result:?}");
        assert_eq!(std::fs::read_to_string(&kept).expect("text kept"), text);
        assert_eq!(std::fs::read_to_string(&mode).expect("mode kept").trim(), "600");
        assert!(!out.with_extension("txt").exists(), "the text file is removed afterwards");
    }

    #[test]
    fn the_script_writes_16_bit_mono_wav() {
        assert!(SCRIPT.contains("SetOutputToWaveFile($env:AV_OUT_WAV"));
        assert!(SCRIPT.contains("AudioChannel]::Mono"));
        assert!(SCRIPT.contains("[System.Text.Encoding]::UTF8"));
    }

    const LISTING: &str = "Microsoft David Desktop\ten-US\tMale\r\n\
Microsoft Zira Desktop\ten-US\tFemale\r\n\
Microsoft Hedda Desktop\tde-DE\tFemale\r\n\
Microsoft Mark\ten-US\tMale\r\n\
Microsoft Aria Online (Natural) - English (United States)\ten-US\tFemale\r\n\
Microsoft Hazel Desktop\ten-GB\tFemale\r\n";

    #[test]
    fn voices_are_read_from_the_listing() {
        let voices = parse_sapi_voices(LISTING);
        assert_eq!(voices.len(), 6);
        assert_eq!(
            voices[0],
            SapiVoice {
                name: "Microsoft David Desktop".into(),
                culture: "en-US".into(),
                gender: "Male".into()
            }
        );
        assert_eq!(voices[0].quality(), SapiQuality::Desktop);
        assert_eq!(voices[3].quality(), SapiQuality::OneCore);
        assert_eq!(voices[4].quality(), SapiQuality::Natural);
        assert!(parse_sapi_voices("garbage\n\n").is_empty());
    }

    #[test]
    fn the_most_natural_english_voice_of_the_right_gender_is_chosen() {
        let [gentle, cheerful, grandparent] = choose_sapi_voices(&parse_sapi_voices(LISTING));
        let aria = "Microsoft Aria Online (Natural) - English (United States)";
        assert_eq!(gentle.map(|voice| voice.name).as_deref(), Some(aria));
        assert_eq!(cheerful.map(|voice| voice.name).as_deref(), Some(aria));
        assert_eq!(grandparent.map(|voice| voice.name).as_deref(), Some("Microsoft Mark"));

        let desktop_only = parse_sapi_voices(
            "Microsoft David Desktop\ten-US\tMale\nMicrosoft Zira Desktop\ten-US\tFemale\n",
        );
        let narrator = SapiNarrator::with_voices("powershell".into(), &desktop_only);
        assert_eq!(
            narrator.voice(VoiceType::Gentle).map(|voice| voice.name.as_str()),
            Some("Microsoft Zira Desktop")
        );
        assert_eq!(
            narrator.voice(VoiceType::Grandparent).map(|voice| voice.name.as_str()),
            Some("Microsoft David Desktop")
        );
        let command = narrator.command(VoiceType::Grandparent, Path::new("t.txt"), Path::new("o.wav"));
        assert_eq!(env(&command, "AV_VOICE_NAME").as_deref(), Some("Microsoft David Desktop"));
        assert_eq!(
            narrator.name(),
            "sapi:Microsoft Zira Desktop,Microsoft Zira Desktop,Microsoft David Desktop"
        );
    }

    #[test]
    fn without_an_english_voice_the_script_picks_by_gender() {
        let german = parse_sapi_voices("Microsoft Hedda Desktop\tde-DE\tFemale\n");
        assert!(choose_sapi_voices(&german).iter().all(Option::is_none));
        let command = SapiNarrator::with_voices("powershell".into(), &german).command(
            VoiceType::Gentle,
            Path::new("t.txt"),
            Path::new("o.wav"),
        );
        assert_eq!(env(&command, "AV_VOICE_NAME").as_deref(), Some(""));
        assert!(SCRIPT.contains("if ($env:AV_VOICE_NAME -and $named.Count -gt 0)"));
    }

    #[test]
    fn every_narrator_reads_slower_than_the_normal_rate() {
        assert!(VoiceType::ALL.iter().all(|voice| sapi_voice(*voice).1 < 0));
    }
}
