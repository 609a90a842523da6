//! Drafting the story on the computer; "write another" moves to a new seed.

use model::{DrawingAnalysis, StoryScript};

use crate::app::Core;
use crate::CoreError;

impl Core {
    pub fn draft_story(&self, run_id: &str, another: bool) -> Result<StoryScript, CoreError> {
        self.draft(run_id, if another { SeedChoice::Next } else { SeedChoice::Keep })
    }

    /// Drafts with a chosen seed (the CLI's `--seed`), so a story can be reproduced.
    pub fn draft_story_with_seed(&self, run_id: &str, seed: u64) -> Result<StoryScript, CoreError> {
        self.draft(run_id, SeedChoice::Exactly(seed))
    }

    fn draft(&self, run_id: &str, seed: SeedChoice) -> Result<StoryScript, CoreError> {
        let record = self.store.update_run(
            run_id,
            Box::new(move |record| {
                let customization = record
                    .customization
                    .clone()
                    .ok_or_else(|| CoreError::NotReady("choose a theme, style and narrator first.".into()))?;
                record.story_seed = match seed {
                    SeedChoice::Keep => record.story_seed,
                    SeedChoice::Next => next_seed(record.story_seed),
                    SeedChoice::Exactly(seed) => seed,
                };
                let analysis = record.analysis.clone().unwrap_or_else(DrawingAnalysis::default);
                let script = storyteller::write_story(&analysis, &customization, record.story_seed);
                script.validate_draft()?;
                record.script = Some(script);
                Ok(())
            }),
        )?;
        self.remember_last_run(Some(run_id))?;
        record.script.ok_or_else(|| CoreError::Corrupt { what: "the story text".into() })
    }
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
