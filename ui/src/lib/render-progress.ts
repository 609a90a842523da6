/**
 * What the parent sees of a video being made: four phases in a fixed order and a bar that only
 * moves forward. Progress messages can arrive late (a slow worker reporting after a faster one,
 * a "still working" pulse), so every message passes through `advance`, which drops anything that
 * would show the work going backwards.
 */
import type { RenderProgress } from "@/bindings";

export const RENDER_PHASES = ["pictures", "narrator", "video", "finishing"] as const;
export type RenderPhase = (typeof RENDER_PHASES)[number];

export const RENDER_PHASE_LABELS: Record<RenderPhase, string> = {
  pictures: "Drawing the pictures",
  narrator: "Recording the narrator",
  video: "Putting the video together",
  finishing: "Finishing",
};

/**
 * The phase a message belongs to. The video stage first puts each scene's clip together (a
 * scene is named) and then joins them into the one video (no scene): that last part is
 * "Finishing", as is anything after the video stage.
 */
export function phaseOf(progress: RenderProgress): RenderPhase {
  switch (progress.stage) {
    case "upload":
    case "recognize":
    case "customize":
    case "script":
    case "images":
      return "pictures";
    case "voice":
      return "narrator";
    case "video":
      return progress.scene === null ? "finishing" : "video";
    case "saved":
      return "finishing";
  }
}

export function phaseIndex(phase: RenderPhase): number {
  return RENDER_PHASES.indexOf(phase);
}

/** What the progress panel shows. */
export interface ShownProgress {
  phase: RenderPhase;
  /** 1-based scene within the phase, when one is being worked on. */
  scene: number | null;
  sceneCount: number;
  /** 0..=100, never less than before. */
  percent: number;
  message: string;
}

function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, percent));
}

/**
 * The next thing to show after `next` arrived, given what is shown now (`null` before the first
 * message). A message from an earlier phase, or from earlier in the same phase, changes nothing.
 */
export function advance(shown: ShownProgress | null, next: RenderProgress): ShownProgress {
  const candidate: ShownProgress = {
    phase: phaseOf(next),
    scene: next.scene,
    sceneCount: next.scene_count,
    percent: clampPercent(next.percent),
    message: next.message,
  };
  if (shown === null) return candidate;
  const order = phaseIndex(candidate.phase) - phaseIndex(shown.phase);
  if (order < 0) return shown;
  if (order === 0) {
    const earlierScene = shown.scene !== null && candidate.scene !== null && candidate.scene < shown.scene;
    if (earlierScene || candidate.percent < shown.percent) return shown;
    return { ...candidate, scene: candidate.scene ?? shown.scene };
  }
  return { ...candidate, percent: Math.max(shown.percent, candidate.percent) };
}

/** "Recording the narrator: scene 2 of 4", or the phase alone when no scene is named. */
export function progressHeadline(shown: ShownProgress): string {
  const label = RENDER_PHASE_LABELS[shown.phase];
  return shown.scene !== null && shown.sceneCount > 0
    ? `${label}: scene ${shown.scene} of ${shown.sceneCount}`
    : label;
}
