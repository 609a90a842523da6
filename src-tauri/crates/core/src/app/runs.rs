//! Moving a run through the wizard and keeping every edit the parent makes.

use model::{AnalysisSource, Customization, DrawingAnalysis, Run, RunSummary, Stage, StoryScript};

use super::Core;
use crate::api::SaveReceipt;
use crate::store::RunRecord;
use crate::{files, CoreError};

impl Core {
    pub fn run(&self, run_id: &str) -> Result<Run, CoreError> {
        let record = self.store.run(run_id)?;
        self.present_run_record(record)
    }

    /// Runs in progress (not yet saved to the library), newest first.
    pub fn runs_in_progress(&self) -> Result<Vec<RunSummary>, CoreError> {
        self.store
            .runs()?
            .iter()
            .filter(|record| record.library_entry_id.is_none())
            .map(|record| self.summary(record))
            .collect()
    }

    pub(super) fn summary(&self, record: &RunRecord) -> Result<RunSummary, CoreError> {
        let drawing = self.store.drawing(&record.drawing_id)?;
        let title = record
            .script
            .as_ref()
            .map(|script| script.title.trim().to_string())
            .filter(|title| !title.is_empty())
            .or_else(|| {
                record.analysis.as_ref().map(|a| a.subject.trim().to_string()).filter(|s| !s.is_empty())
            })
            .unwrap_or_else(|| drawing.original_name.clone());
        Ok(RunSummary {
            id: record.id.clone(),
            title,
            stage: record.stage,
            thumbnail_path: self.absolute(&drawing.thumbnail_path)?,
            updated_at: record.updated_at.clone(),
        })
    }

    /// Deletes a draft and the files only it uses: its pictures, sound and video, and its
    /// drawing when no other draft uses it. Library entries made from it keep their own copies.
    pub fn delete_run(&self, run_id: &str) -> Result<(), CoreError> {
        let dir = self.data.run_dir(run_id)?;
        let orphaned_drawing = self.store.delete_run(run_id)?;
        if self.store.setting(super::LAST_RUN_KEY)?.as_deref() == Some(run_id) {
            self.remember_last_run(None)?;
        }
        let mut leftovers = vec![dir];
        if let Some(drawing) = orphaned_drawing {
            leftovers.push(self.data.absolute(&drawing.normalized_path)?);
            leftovers.push(self.data.absolute(&drawing.thumbnail_path)?);
        }
        for path in leftovers {
            if let Err(error) = files::remove_if_present(&path) {
                tracing::warn!(run = run_id, path = %path.display(), %error, "a deleted draft's file could not be removed");
            }
        }
        Ok(())
    }

    /// Records that the parent is on `stage`, once what that stage needs is there.
    pub fn go_to_stage(&self, run_id: &str, stage: Stage) -> Result<Run, CoreError> {
        let record = self.store.update_run(
            run_id,
            Box::new(move |record| {
                check_ready(record, stage)?;
                record.stage = stage;
                Ok(())
            }),
        )?;
        self.remember_last_run(Some(run_id))?;
        self.present_run_record(record)
    }

    /// Keeps the parent's answers on the Recognize step.
    pub fn save_analysis(&self, run_id: &str, mut analysis: DrawingAnalysis) -> Result<Run, CoreError> {
        analysis.subject = analysis.subject.trim().to_string();
        analysis.setting = analysis.setting.trim().to_string();
        analysis.mood = analysis.mood.trim().to_string();
        for (field, value) in
            [("subject", &analysis.subject), ("setting", &analysis.setting), ("mood", &analysis.mood)]
        {
            if value.chars().count() > 80 {
                return Err(CoreError::Refused {
                    code: "answer_too_long",
                    message: format!(
                        "The {field} is too long; a few words are enough (at most 80 characters)."
                    ),
                });
            }
        }
        if analysis.source == AnalysisSource::OnDevice {
            analysis.source = AnalysisSource::Parent;
        }
        let record = self.store.update_run(
            run_id,
            Box::new(move |record| {
                record.analysis = Some(analysis);
                Ok(())
            }),
        )?;
        self.remember_last_run(Some(run_id))?;
        self.present_run_record(record)
    }

    pub fn save_customization(&self, run_id: &str, customization: Customization) -> Result<Run, CoreError> {
        if !(Customization::MIN_AGE..=Customization::MAX_AGE).contains(&customization.child_age) {
            return Err(CoreError::Refused {
                code: "age_out_of_range",
                message: format!(
                    "Stories are written for children aged {} to {}.",
                    Customization::MIN_AGE,
                    Customization::MAX_AGE
                ),
            });
        }
        let record = self.store.update_run(
            run_id,
            Box::new(move |record| {
                record.customization = Some(customization);
                Ok(())
            }),
        )?;
        self.remember_last_run(Some(run_id))?;
        self.present_run_record(record)
    }

    /// Keeps the parent's story edits; called on every pause in typing.
    pub fn save_script(&self, run_id: &str, script: StoryScript) -> Result<SaveReceipt, CoreError> {
        script.validate_draft()?;
        let record = self.store.update_run(
            run_id,
            Box::new(move |record| {
                record.script = Some(script);
                Ok(())
            }),
        )?;
        self.remember_last_run(Some(run_id))?;
        Ok(SaveReceipt { updated_at: record.updated_at })
    }
}

/// What each stage needs before the parent can be on it, in words the parent can act on.
fn check_ready(record: &RunRecord, stage: Stage) -> Result<(), CoreError> {
    let needs = |reason: &str| Err(CoreError::NotReady(reason.to_string()));
    if stage >= Stage::Customize
        && record.analysis.as_ref().is_none_or(|analysis| analysis.subject.trim().is_empty())
    {
        return needs("tell us what your child drew first.");
    }
    if stage >= Stage::Script && record.customization.is_none() {
        return needs("choose a theme, style and narrator first.");
    }
    if stage >= Stage::Images {
        match &record.script {
            None => return needs("write the story first."),
            Some(script) => script.validate_for_render()?,
        }
    }
    if stage == Stage::Saved && record.library_entry_id.is_none() {
        return needs("save the storybook to the library first.");
    }
    Ok(())
}
