//! The engine built into the app, behind the seams: classical image analysis for recognition
//! (the subject is left for the parent, with suggestions) and the hand-written story engine.
//! The server serves these too until it is given a larger model.

use image::RgbaImage;
use model::{Customization, DrawingAnalysis, PersonalContext as Details};

use crate::provider::{Cancel, ProviderError, Recognizer, StoryWriter};
use crate::wire::{DrawingFacts, PersonalContext, StoryRequest, StoryScript};

#[derive(Debug, Default, Clone, Copy)]
pub struct OnDeviceRecognizer;

impl Recognizer for OnDeviceRecognizer {
    fn recognize(&self, drawing: &RgbaImage, _cancel: &Cancel) -> Result<DrawingFacts, ProviderError> {
        Ok(DrawingFacts::from_analysis(&media::analyze(drawing).analysis))
    }

    /// The outline analysis is this engine's recognition: its words are the answer.
    fn recognize_analyzed(
        &self,
        _drawing: &RgbaImage,
        analyzed: &DrawingFacts,
        _cancel: &Cancel,
    ) -> Result<DrawingFacts, ProviderError> {
        Ok(analyzed.clone())
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct OnDeviceStoryWriter;

impl StoryWriter for OnDeviceStoryWriter {
    fn write(&self, request: &StoryRequest, _cancel: &Cancel) -> Result<StoryScript, ProviderError> {
        let mut analysis = DrawingAnalysis::default();
        request.drawing.clone().apply_to(&mut analysis);
        let choices = Customization {
            theme: request.theme.into(),
            voice_type: request.voice_type.into(),
            child_age: request.child_age,
            personal_context: match &request.personal_context {
                None => Details::default(),
                Some(PersonalContext::Details { child_name, pet, place }) => {
                    Details { child_name: child_name.clone(), pet: pet.clone(), place: place.clone() }
                }
                // A free line of text ("Mia loves her cat Tom") does not say which word is the
                // name, the pet or the place, and the engine puts each in its own slot of a
                // sentence: guessing would write nonsense into the story, so it writes without.
                Some(PersonalContext::Text(_)) => Details::default(),
            },
            ..Customization::default()
        };
        Ok(storyteller::write_story(&analysis, &choices, request.seed.unwrap_or_default()).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_found_with_the_outline_are_the_on_device_answer_without_a_second_analysis() {
        let mut drawing = RgbaImage::from_pixel(200, 160, image::Rgba([250, 248, 240, 255]));
        for y in 40..120 {
            for x in 60..140 {
                drawing.put_pixel(x, y, image::Rgba([150, 40, 160, 255]));
            }
        }
        let cancel = Cancel::new(false);
        let fresh = OnDeviceRecognizer.recognize(&drawing, &cancel).expect("recognized");
        let reused = OnDeviceRecognizer.recognize_analyzed(&drawing, &fresh, &cancel).expect("recognized");
        assert_eq!(reused, fresh, "the same words as analyzing again");
        assert!(fresh.colors.iter().any(|color| color.name == "purple"), "{fresh:?}");
    }
}
