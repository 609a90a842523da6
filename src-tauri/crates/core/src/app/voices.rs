//! The narrator voices as this computer can speak them, each described honestly, and a short
//! sample of each made with the same narrator and pace as a story, so a parent hears a voice
//! before choosing it.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use model::VoiceType;

use super::Core;
use crate::api::VoiceOffer;
use crate::CoreError;

impl Core {
    /// The voices on offer, best engine first as the narration will use it.
    pub fn voice_offers(&self) -> Vec<VoiceOffer> {
        av::voice_offers()
            .into_iter()
            .filter(|offer| offer.available)
            .map(|offer| VoiceOffer {
                voice: offer.voice,
                label: offer.label,
                engine: offer.engine,
                description: offer.description,
            })
            .collect()
    }

    /// A short sample of `voice`, made once per voice and engine and kept in the media folder.
    pub fn voice_sample(&self, voice: VoiceType) -> Result<PathBuf, CoreError> {
        let narrator = self.answerers.local.narrator.narrator()?;
        let engine: String =
            narrator.name().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        let dir = self.data.media_dir().join("voice-samples");
        crate::paths::create_private_dir(&dir)?;
        let path = dir.join(format!("{}-{engine}-{SAMPLE_VERSION}.wav", voice.as_str()));
        if path.is_file() {
            return Ok(path);
        }
        av::voice_sample_with(narrator.as_ref(), voice, &path, &AtomicBool::new(false))?;
        Ok(path)
    }
}

/// Bumped when the sample's words or the narration's pace change, so old samples are not played.
const SAMPLE_VERSION: u32 = 1;
