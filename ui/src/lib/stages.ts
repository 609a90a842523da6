/**
 * The wizard shows six steps; the Rust run records eight stages. This is the only place that
 * translates between the two, so the stepper, resume-on-launch and navigation agree.
 */
import type { Run, Stage } from "@/bindings";

export const STEPS = ["upload", "recognize", "customize", "script", "preview", "library"] as const;
export type Step = (typeof STEPS)[number];

/** The steps' names in the stepper, in a parent's words. */
export const STEP_LABELS: Record<Step, string> = {
  upload: "Your drawing",
  recognize: "What is it?",
  customize: "Choose the story",
  script: "Edit the story",
  preview: "Watch",
  library: "Your storybooks",
};

const STEP_OF_STAGE: Record<Stage, Step> = {
  upload: "upload",
  recognize: "recognize",
  customize: "customize",
  script: "script",
  images: "preview",
  voice: "preview",
  video: "preview",
  saved: "library",
};

/** The stage recorded when the parent opens a step (Preview starts at the images stage). */
const ENTRY_STAGE_OF_STEP: Record<Step, Stage> = {
  upload: "upload",
  recognize: "recognize",
  customize: "customize",
  script: "script",
  preview: "images",
  library: "saved",
};

export function stepForStage(stage: Stage): Step {
  return STEP_OF_STAGE[stage];
}

/**
 * The stage to record when the parent moves to `step`. Returns `null` when the run is already
 * at a stage of that step (e.g. at "video" and moving to Preview), so nothing needs recording.
 */
export function stageForStep(step: Step, current: Stage): Stage | null {
  if (stepForStage(current) === step) return null;
  return ENTRY_STAGE_OF_STEP[step];
}

export function stepIndex(step: Step): number {
  return STEPS.indexOf(step);
}

export function nextStep(step: Step): Step | null {
  return STEPS[stepIndex(step) + 1] ?? null;
}

export function previousStep(step: Step): Step | null {
  const index = stepIndex(step);
  return index > 0 ? (STEPS[index - 1] ?? null) : null;
}

/** Whether the parent may open `step` for this run: each step needs what the earlier ones made. */
export function canOpenStep(run: Run | null, step: Step): boolean {
  switch (step) {
    case "upload":
      return true;
    case "recognize":
      return run !== null;
    case "customize":
      return run?.analysis != null && run.analysis.subject.trim() !== "";
    case "script":
      return run?.customization != null && canOpenStep(run, "customize");
    case "preview":
      return (run?.script?.scenes.length ?? 0) > 0 && canOpenStep(run, "script");
    case "library":
      return run?.library_entry_id != null;
  }
}

const STAGE_WORDS: Record<Stage, string> = {
  upload: "Just added",
  recognize: "Looking at the drawing",
  customize: "Choosing the story",
  script: "Writing the story",
  images: "Making the video",
  voice: "Making the video",
  video: "Video ready",
  saved: "In the library",
};

/** A short phrase for where a run is, for the "continue where you left off" list. */
export function stageDescription(stage: Stage): string {
  return STAGE_WORDS[stage];
}
