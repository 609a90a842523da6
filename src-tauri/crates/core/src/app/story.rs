//! Drafting the story, by the family's service or on the computer; "write another" moves to a
//! new seed.

use model::{DrawingAnalysis, Engine, StoryScript};
use services_api::checks::check_story;
use services_api::wire::{self, StoryRequest};

use super::Core;
use crate::api::DraftedStory;
use crate::providers::ask;
use crate::store::RunRecord;
use crate::CoreError;

impl Core {
    /// Drafts the run's story, asking the family's service first when there is one (unless
    /// `prefer` is this computer) and this computer when the service fails.
    pub fn draft_story(
        &self,
        run_id: &str,
        another: bool,
        prefer: Option<Engine>,
    ) -> Result<DraftedStory, CoreError> {
        self.draft(run_id, if another { SeedChoice::Next } else { SeedChoice::Keep }, prefer)
    }

    /// Drafts on this computer with a chosen seed (the CLI's `--seed`), so a story can be
    /// reproduced.
    pub fn draft_story_with_seed(&self, run_id: &str, seed: u64) -> Result<StoryScript, CoreError> {
        Ok(self.draft(run_id, SeedChoice::Exactly(seed), Some(Engine::OnDevice))?.script)
    }

    /// The request goes out with no store transaction open (a slow service must not hold the
    /// store); the answer is kept only if the parent's choices are still the ones it was
    /// written for.
    fn draft(
        &self,
        run_id: &str,
        seed: SeedChoice,
        prefer: Option<Engine>,
    ) -> Result<DraftedStory, CoreError> {
        let record = self.store.run(run_id)?;
        let seed = match seed {
            SeedChoice::Keep => record.story_seed,
            SeedChoice::Next => next_seed(record.story_seed),
            SeedChoice::Exactly(seed) => seed,
        };
        let request = story_request(&record, seed)
            .ok_or_else(|| CoreError::NotReady("choose a theme, style and narrator first.".into()))?;
        let (script, answered) = {
            let asking = self.answerers.begin(run_id);
            let service = self.answerers.service();
            ask(
                service.as_ref().map(|service| service.story_writer.as_ref()),
                self.answerers.local.story_writer.as_ref(),
                prefer,
                &asking.flag,
                |writer, cancel| writer.write(&request, cancel),
                |script: &wire::StoryScript| check_story(&StoryScript::from(script.clone())),
            )?
        };
        let script = StoryScript::from(script);
        let stored = script.clone();
        let engine = answered.engine;
        self.store.update_run(
            run_id,
            Box::new(move |record| {
                // The words or choices may have changed while the story was being written.
                if story_request(record, seed).as_ref() != Some(&request) {
                    return Err(CoreError::Refused {
                        code: "choices_changed",
                        message: "The story choices changed while the story was being written; \
                                  please ask for the story again."
                            .into(),
                    });
                }
                record.story_seed = seed;
                record.script = Some(stored);
                record.story_engine = engine;
                Ok(())
            }),
        )?;
        self.remember_last_run(Some(run_id))?;
        Ok(DraftedStory { script, answered })
    }
}

/// What a story for the run is asked from, or `None` before the parent has made the choices.
fn story_request(record: &RunRecord, seed: u64) -> Option<StoryRequest> {
    let customization = record.customization.as_ref()?;
    let no_words = DrawingAnalysis::default();
    Some(StoryRequest::for_run(record.analysis.as_ref().unwrap_or(&no_words), customization, seed))
}

enum SeedChoice {
    Keep,
    Next,
    Exactly(u64),
}

/// splitmix64: a new, well-spread seed from the last one.
fn next_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
