//! Windows voices through System.Speech (SAPI), driven by a fixed PowerShell script: the text
//! and output path travel in a UTF-8 file and environment variables, never in the script.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

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
  $match = @($voices | Where-Object { $_.Gender.ToString() -eq $env:AV_VOICE_GENDER })
  if ($match.Count -gt 0) { $synth.SelectVoice($match[0].Name) }
  elseif ($voices.Count -gt 0) { $synth.SelectVoice($voices[0].Name) }
  $synth.Rate = [int]$env:AV_VOICE_RATE
  $format = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(22050, [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)
  $synth.SetOutputToWaveFile($env:AV_OUT_WAV, $format)
  $synth.Speak($text)
} finally {
  $synth.Dispose()
}
"#;

/// The SAPI voice gender and rate (-10..=10, 0 normal) for each narrator.
pub fn sapi_voice(voice: VoiceType) -> (&'static str, i32) {
    match voice {
        VoiceType::Gentle => ("Female", -1),
        VoiceType::Cheerful => ("Female", 1),
        VoiceType::Grandparent => ("Male", -3),
    }
}

#[derive(Debug, Clone)]
pub struct SapiNarrator {
    powershell: PathBuf,
}

impl SapiNarrator {
    /// Finds Windows PowerShell.
    pub fn new() -> Result<Self, AvError> {
        let system_root = std::env::var_os("SystemRoot").map(PathBuf::from);
        system_root
            .map(|root| root.join(r"System32\WindowsPowerShell\v1.0\powershell.exe"))
            .filter(|path| path.is_file())
            .or_else(|| tool::on_path("powershell"))
            .map(Self::with_program)
            .ok_or_else(|| AvError::ToolMissing {
                tool: "powershell",
                message: "Narration needs Windows PowerShell with the Windows speech voices.".into(),
            })
    }

    pub fn with_program(powershell: PathBuf) -> Self {
        Self { powershell }
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
        "sapi"
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
}
