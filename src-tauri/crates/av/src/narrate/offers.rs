//! What a parent is offered before choosing a narrator: for each one, the engine that will really
//! read the stories on this computer with an honest line about how it sounds, and a short sample
//! made with that same engine at the same pace.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use model::VoiceType;
use serde::{Deserialize, Serialize};

use super::festival::{FestivalNarrator, FESTIVAL_PACKAGES};
use super::sapi::{SapiNarrator, SapiQuality};
use super::say::{SayNarrator, SayQuality};
use super::{narrate_scene, system_narrator, EspeakNarrator, Narrator, SceneNarration};
use crate::AvError;

/// What every sample says: a short story beat ending in a question, so the pace, the pause
/// between sentences and the rise of a question can all be heard.
pub const VOICE_SAMPLE_TEXT: &str = "A little fox found a shiny key. What could it open?";

/// One narrator as this computer will speak it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceOffer {
    pub voice: VoiceType,
    /// e.g. "Gentle storyteller".
    pub label: String,
    /// The engine and how it sounds, e.g. "Festival (natural)" or "espeak-ng (robotic)".
    pub engine: String,
    /// True when the voice sounds like a person, false when it sounds like a machine.
    pub natural: bool,
    /// One honest line about how this narrator sounds.
    pub description: String,
    /// What to install for a more natural voice, when there is something to install.
    pub better_voice: Option<String>,
    /// False when no speech engine is installed, so nothing can be read aloud.
    pub available: bool,
}

/// The offer for each narrator, in [`VoiceType::ALL`] order, reflecting the engines installed on
/// this computer. Looked up once per run of the app.
pub fn voice_offers() -> Vec<VoiceOffer> {
    static OFFERS: OnceLock<Vec<VoiceOffer>> = OnceLock::new();
    OFFERS
        .get_or_init(|| {
            if cfg!(target_os = "macos") {
                mac_offers(SayNarrator::new().ok().as_ref())
            } else if cfg!(windows) {
                windows_offers(SapiNarrator::new().ok().as_ref())
            } else {
                linux_offers(FestivalNarrator::new().ok().as_ref(), EspeakNarrator::new().is_ok())
            }
        })
        .clone()
}

/// Speaks [`VOICE_SAMPLE_TEXT`] with the platform's narrator into `out_wav`, exactly as a story
/// would be read.
pub fn voice_sample(
    voice: VoiceType,
    out_wav: &Path,
    cancel: &AtomicBool,
) -> Result<SceneNarration, AvError> {
    let narrator = system_narrator()?;
    voice_sample_with(narrator.as_ref(), voice, out_wav, cancel)
}

/// [`voice_sample`] with a given narrator. The WAV appears at `out_wav` only when complete.
pub fn voice_sample_with(
    narrator: &dyn Narrator,
    voice: VoiceType,
    out_wav: &Path,
    cancel: &AtomicBool,
) -> Result<SceneNarration, AvError> {
    let dir = crate::files::output_dir(out_wav)?;
    let work = tempfile::Builder::new()
        .prefix(".voice-sample-")
        .suffix(&partial_files::partial_suffix(""))
        .tempdir_in(&dir)
        .map_err(|error| AvError::io("create a temporary folder", &dir, error))?;
    let narration = narrate_scene(narrator, VOICE_SAMPLE_TEXT, voice, work.path(), cancel)?;
    std::fs::rename(&narration.wav, out_wav)
        .map_err(|error| AvError::io("save the voice sample", out_wav, error))?;
    Ok(SceneNarration { wav: out_wav.to_path_buf(), ..narration })
}

fn label(voice: VoiceType) -> String {
    match voice {
        VoiceType::Gentle => "Gentle storyteller",
        VoiceType::Cheerful => "Cheerful storyteller",
        VoiceType::Grandparent => "Grandparent storyteller",
    }
    .to_owned()
}

/// Linux: Festival's recorded-speaker voice when it is installed, else espeak-ng.
pub(crate) fn linux_offers(festival: Option<&FestivalNarrator>, espeak_installed: bool) -> Vec<VoiceOffer> {
    VoiceType::ALL
        .iter()
        .map(|&voice| match festival {
            Some(festival) => festival_offer(festival, voice),
            None => espeak_offer(voice, espeak_installed),
        })
        .collect()
}

fn festival_offer(festival: &FestivalNarrator, voice: VoiceType) -> VoiceOffer {
    let settings = festival.voice(voice);
    let speaker = settings.voice.speaker;
    let mut letters = speaker.chars();
    let capitalized: String =
        letters.next().map(|first| first.to_uppercase().chain(letters).collect()).unwrap_or_default();
    let spoken_by = format!("{capitalized}'s voice");
    let description = match voice {
        VoiceType::Gentle => {
            format!("{spoken_by}, made from recordings and read slowly: human-sounding, if a little buzzy.")
        }
        VoiceType::Cheerful => {
            "The gentle storyteller's voice, a little higher and quicker: human-sounding, if a little \
             buzzy."
                .to_owned()
        }
        VoiceType::Grandparent if festival.voice(VoiceType::Gentle).voice == settings.voice => format!(
            "The gentle storyteller's voice ({speaker}'s), lowered and slowed: deeper, but not a real older \
             person's voice."
        ),
        VoiceType::Grandparent => {
            format!("{spoken_by}, made from recordings, read slowly and a little lower.")
        }
    };
    VoiceOffer {
        voice,
        label: label(voice),
        engine: "Festival (natural)".into(),
        natural: true,
        description,
        better_voice: None,
        available: true,
    }
}

fn espeak_offer(voice: VoiceType, installed: bool) -> VoiceOffer {
    let description = if installed {
        match voice {
            VoiceType::Gentle => "A basic computer voice, soft and slow: clear, but robotic.",
            VoiceType::Cheerful => "A basic computer voice, higher and brighter: clear, but robotic.",
            VoiceType::Grandparent => "A basic computer voice, low and slow: clear, but robotic.",
        }
        .to_owned()
    } else {
        "No speech engine is installed, so stories cannot be read aloud: sudo apt install espeak-ng"
            .to_owned()
    };
    VoiceOffer {
        voice,
        label: label(voice),
        engine: "espeak-ng (robotic)".into(),
        natural: false,
        description,
        better_voice: Some(format!("For a more natural voice: sudo apt install {FESTIVAL_PACKAGES}")),
        available: installed,
    }
}

const MAC_BETTER_VOICE: &str = "For a more natural voice, download an Enhanced or Premium English voice in \
     System Settings > Accessibility > Spoken Content > System Voice > Manage Voices.";

/// macOS: the voices `say` was given, natural when they are Premium or Enhanced.
pub(crate) fn mac_offers(say: Option<&SayNarrator>) -> Vec<VoiceOffer> {
    VoiceType::ALL
        .iter()
        .map(|&voice| {
            let Some(say) = say else {
                return VoiceOffer {
                    voice,
                    label: label(voice),
                    engine: "macOS voices".into(),
                    natural: false,
                    description: "The Mac's voices cannot be used: the 'say' command or ffmpeg is missing."
                        .into(),
                    better_voice: None,
                    available: false,
                };
            };
            let chosen = say.voice(voice);
            let natural = chosen.quality > SayQuality::Standard;
            let description = if natural {
                format!("Apple's {} voice, read at a storyteller's pace: natural-sounding.", chosen.name)
            } else {
                format!(
                    "Apple's {} voice, read at a storyteller's pace: clear, but it sounds synthetic.",
                    chosen.name
                )
            };
            VoiceOffer {
                voice,
                label: label(voice),
                engine: format!("macOS {} ({})", chosen.name, if natural { "natural" } else { "synthetic" }),
                natural,
                description,
                better_voice: (!natural).then(|| MAC_BETTER_VOICE.to_owned()),
                available: true,
            }
        })
        .collect()
}

const WINDOWS_BETTER_VOICE: &str =
    "For a more natural voice, add an English voice in Settings > Time & language > Speech.";

/// Windows: the voices SAPI was given, natural when they are neural ones.
pub(crate) fn windows_offers(sapi: Option<&SapiNarrator>) -> Vec<VoiceOffer> {
    VoiceType::ALL
        .iter()
        .map(|&voice| {
            let chosen = sapi.and_then(|sapi| sapi.voice(voice));
            let natural = chosen.is_some_and(|chosen| chosen.quality() == SapiQuality::Natural);
            let (engine, description) = match chosen {
                Some(chosen) => (
                    format!("Windows {} ({})", chosen.name, if natural { "natural" } else { "synthetic" }),
                    if natural {
                        format!("Windows' {} voice, read at a storyteller's pace: natural-sounding.", chosen.name)
                    } else {
                        format!(
                            "Windows' {} voice, read at a storyteller's pace: clear, but it sounds synthetic.",
                            chosen.name
                        )
                    },
                ),
                None => (
                    "Windows voices (synthetic)".to_owned(),
                    "One of Windows' built-in voices: clear, but it sounds synthetic.".to_owned(),
                ),
            };
            VoiceOffer {
                voice,
                label: label(voice),
                engine,
                natural,
                description,
                better_voice: (!natural).then(|| WINDOWS_BETTER_VOICE.to_owned()),
                available: sapi.is_some(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narrate::sapi::parse_sapi_voices;
    use crate::narrate::say::parse_say_voices;

    fn festival(voices: &[&str]) -> FestivalNarrator {
        let installed: Vec<String> = voices.iter().map(|name| (*name).to_owned()).collect();
        FestivalNarrator::with_voices("festival".into(), &installed).expect("usable voices")
    }

    #[test]
    fn without_festival_every_narrator_is_offered_as_robotic_espeak_with_the_way_to_better() {
        let offers = linux_offers(None, true);
        assert_eq!(offers.iter().map(|offer| offer.voice).collect::<Vec<_>>(), VoiceType::ALL);
        for offer in &offers {
            assert_eq!(offer.engine, "espeak-ng (robotic)");
            assert!(!offer.natural && offer.available);
            assert!(offer.description.contains("robotic"), "{offer:?}");
            assert!(!offer.description.to_lowercase().contains("warm"), "{offer:?}");
            assert_eq!(
                offer.better_voice.as_deref(),
                Some("For a more natural voice: sudo apt install festival festvox-us-slt-hts")
            );
        }
        assert_eq!(offers[0].label, "Gentle storyteller");
    }

    #[test]
    fn with_nothing_installed_the_offers_say_so() {
        let offers = linux_offers(None, false);
        assert!(offers
            .iter()
            .all(|offer| !offer.available && offer.description.contains("apt install espeak-ng")));
    }

    #[test]
    fn with_festival_the_narrators_are_natural_and_say_whose_voice_it_is() {
        let offers = linux_offers(Some(&festival(&["cmu_us_slt_arctic_hts"])), true);
        assert!(offers
            .iter()
            .all(|offer| offer.engine == "Festival (natural)" && offer.natural && offer.available));
        assert!(offers.iter().all(|offer| offer.better_voice.is_none()));
        assert!(offers[0].description.starts_with("An American woman's voice"), "{:?}", offers[0]);
        // The cheerful narrator and the grandparent are honest about being the same woman's voice.
        assert!(offers[1].description.starts_with("The gentle storyteller's voice"), "{:?}", offers[1]);
        assert!(
            offers[2]
                .description
                .starts_with("The gentle storyteller's voice (an American woman's), lowered"),
            "{:?}",
            offers[2]
        );
        assert!(offers[2].description.contains("not a real older person's voice"), "{:?}", offers[2]);

        let with_a_man =
            linux_offers(Some(&festival(&["cmu_us_slt_arctic_hts", "cmu_us_bdl_arctic_hts"])), true);
        assert!(with_a_man[2].description.starts_with("An American man's voice"), "{:?}", with_a_man[2]);
    }

    #[test]
    fn mac_offers_call_standard_voices_synthetic_and_premium_ones_natural() {
        let listing = "Ava (Premium) en_US # Hi\nKaren en_AU # Hi\nDaniel en_GB # Hi\n";
        let say =
            SayNarrator::with_voices("/usr/bin/say".into(), "ffmpeg".into(), &parse_say_voices(listing));
        let offers = mac_offers(Some(&say));
        assert!(offers[0].natural && offers[0].engine == "macOS Ava (Premium) (natural)", "{:?}", offers[0]);
        assert!(offers[0].better_voice.is_none());
        assert!(!offers[2].natural && offers[2].description.contains("Daniel"), "{:?}", offers[2]);
        assert_eq!(offers[2].better_voice.as_deref(), Some(MAC_BETTER_VOICE));
        assert!(mac_offers(None).iter().all(|offer| !offer.available));
    }

    #[test]
    fn windows_offers_name_the_chosen_voice() {
        let listing = "Microsoft Zira Desktop\ten-US\tFemale\nMicrosoft Guy Online (Natural)\ten-US\tMale\n";
        let sapi = SapiNarrator::with_voices("powershell".into(), &parse_sapi_voices(listing));
        let offers = windows_offers(Some(&sapi));
        assert!(!offers[0].natural && offers[0].description.contains("Zira"), "{:?}", offers[0]);
        assert!(offers[2].natural && offers[2].engine.contains("Guy Online"), "{:?}", offers[2]);
        let unlisted = windows_offers(Some(&SapiNarrator::with_program("powershell".into())));
        assert!(unlisted.iter().all(|offer| offer.available && !offer.natural));
    }
}
