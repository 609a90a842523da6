//! `nocomelon make` and `nocomelon render`: the whole chain headless, with progress on stderr
//! and Ctrl+C cancelling cleanly (the draft is kept and `render` resumes it).

use std::path::Path;
use std::sync::Arc;

use family::Family;
use model::{Customization, Motion, PersonalContext, Run, ScenePlan, Stage};
use serde::Serialize;
use tokio::runtime::Runtime;

use crate::args::MakeArgs;
use crate::output::{print_json, Failure};
use crate::progress::ProgressBar;

#[derive(Serialize)]
struct MakeReport<'a> {
    run_id: &'a str,
    title: &'a str,
    /// Each scene's words, the plan its picture was drawn from and what the picture contains.
    scenes: Vec<SceneReport<'a>>,
    /// Where the video was written.
    video: String,
    duration_sec: f64,
    warnings: &'a [String],
    /// The storybook's entry in the library.
    library_id: &'a str,
}

#[derive(Serialize)]
struct SceneReport<'a> {
    id: &'a str,
    text: &'a str,
    plan: Option<&'a ScenePlan>,
    /// The catalogue names of the elements the picture contains besides the hero.
    drawn: &'a [String],
    /// How the child's figure moves in the scene (`null`: it glides as drawn).
    motion: Option<Motion>,
}

fn scene_reports(run: &Run) -> Vec<SceneReport<'_>> {
    let scenes = run.script.as_ref().map(|s| s.scenes.as_slice()).unwrap_or_default();
    scenes
        .iter()
        .map(|scene| {
            let image = run.media.images.iter().find(|i| i.scene_id == scene.id);
            SceneReport {
                id: &scene.id,
                text: &scene.text,
                plan: image.map(|i| &i.plan),
                drawn: image.map(|i| i.drawn.as_slice()).unwrap_or_default(),
                motion: image.and_then(|i| i.motion),
            }
        })
        .collect()
}

pub fn make(family: &Family, runtime: &Runtime, args: &MakeArgs) -> Result<(), Failure> {
    let core = family.core();
    let outcome = core.ingest_paths(&[&args.drawing]).remove(0);
    if let Some(error) = outcome.error {
        return Err(Failure::new(&error.code, error.message));
    }
    let run_id =
        outcome.run.map(|run| run.id).ok_or_else(|| Failure::new("internal", "No draft was started."))?;
    eprintln!("Started draft {run_id} (resume it with: nocomelon render {run_id} --out <file.mp4>)");
    let recognition = core.analyze_drawing(&run_id)?;
    let mut analysis = recognition.analysis;
    analysis.subject = args
        .subject
        .clone()
        .or_else(|| analysis.subject_suggestions.first().cloned())
        .unwrap_or_else(|| "a little creature".into());
    core.save_analysis(&run_id, analysis)?;
    let customization = Customization {
        theme: args.theme.into(),
        style: args.style.into(),
        voice_type: args.voice.into(),
        child_age: args.age,
        personal_context: PersonalContext {
            child_name: args.name.clone().unwrap_or_default(),
            pet: args.pet.clone().unwrap_or_default(),
            place: args.place.clone().unwrap_or_default(),
        },
    };
    core.save_customization(&run_id, customization)?;
    match args.seed {
        Some(seed) => core.draft_story_with_seed(&run_id, seed)?,
        None => core.draft_story(&run_id, false, None)?.script,
    };
    core.go_to_stage(&run_id, Stage::Images)?;
    render(family, runtime, &run_id, &args.out, args.json)
}

/// Makes the storybook (its video, filed in the library, which syncs it when a parent is signed
/// in) and copies the video to `out`.
pub fn render(
    family: &Family,
    runtime: &Runtime,
    run_id: &str,
    out: &Path,
    json: bool,
) -> Result<(), Failure> {
    let core = family.core();
    let for_interrupt = Arc::clone(core);
    let interrupted_run = run_id.to_string();
    // A second Ctrl+C falls through to the default handler only after the process exits.
    let _ = ctrlc::set_handler(move || {
        eprintln!("\nStopping...");
        for_interrupt.cancel_render(&interrupted_run);
    });
    let mut bar = ProgressBar::new();
    let result = core.make_storybook(run_id, &mut |step| bar.show(&step));
    bar.finish();
    let run = result?;
    let video =
        run.media.video_path.as_deref().ok_or_else(|| Failure::new("internal", "The video is missing."))?;
    copy_out(Path::new(video), out)?;
    let entry = core.save_to_library(run_id)?;
    super::sync_after_change(family, runtime);
    let title = run.script.as_ref().map(|s| s.title.as_str()).unwrap_or_default();
    let scenes = run.script.as_ref().map(|s| s.scenes.len()).unwrap_or_default();
    for warning in &run.media.warnings {
        eprintln!("Note: {warning}");
    }
    if json {
        print_json(&MakeReport {
            run_id,
            title,
            scenes: scene_reports(&run),
            video: out.display().to_string(),
            duration_sec: run.media.duration_sec.unwrap_or_default(),
            warnings: &run.media.warnings,
            library_id: &entry.id,
        });
    } else {
        println!(
            "“{title}”: {scenes} scenes, {:.1} s -> {}",
            run.media.duration_sec.unwrap_or_default(),
            out.display()
        );
    }
    Ok(())
}

/// Copies the finished video to where the parent asked, never leaving a half-written file there.
fn copy_out(video: &Path, out: &Path) -> Result<(), Failure> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::new("io", format!("The folder {} couldn't be created: {e}.", dir.display()))
        })?;
    }
    nocomelon_core::files::copy_atomic(video, out).map_err(Failure::from)
}
