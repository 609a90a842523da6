import { describe, expect, it } from "vitest";
import type { RenderProgress, Stage } from "@/bindings";
import { advance, phaseOf, progressHeadline, RENDER_PHASE_LABELS, RENDER_PHASES, type ShownProgress } from "@/lib/render-progress";

function message(stage: Stage, scene: number | null, percent: number, text = "working"): RenderProgress {
  return { stage, scene, scene_count: 4, percent, message: text };
}

function play(messages: RenderProgress[]): ShownProgress[] {
  const shown: ShownProgress[] = [];
  let current: ShownProgress | null = null;
  for (const next of messages) {
    current = advance(current, next);
    shown.push(current);
  }
  return shown;
}

describe("render phases", () => {
  it("names the four phases in the order the parent sees them", () => {
    expect(RENDER_PHASES.map((phase) => RENDER_PHASE_LABELS[phase])).toEqual([
      "Drawing the pictures",
      "Recording the narrator",
      "Putting the video together",
      "Finishing",
    ]);
  });

  it("tells putting the scenes together from joining them into the one video", () => {
    expect(phaseOf(message("images", 1, 5))).toBe("pictures");
    expect(phaseOf(message("voice", 2, 20))).toBe("narrator");
    expect(phaseOf(message("video", 3, 60))).toBe("video");
    expect(phaseOf(message("video", null, 95))).toBe("finishing");
    expect(phaseOf(message("saved", null, 100))).toBe("finishing");
  });
});

describe("advance", () => {
  it("follows messages that arrive in order", () => {
    const shown = play([
      message("images", 1, 5, "Painting scene 1"),
      message("voice", 1, 20, "Reading scene 1 aloud"),
      message("video", 2, 60, "Putting scene 2 together"),
      message("video", null, 95, "Finishing the video"),
    ]);
    expect(shown.map((s) => [s.phase, s.scene, s.percent, s.message])).toEqual([
      ["pictures", 1, 5, "Painting scene 1"],
      ["narrator", 1, 20, "Reading scene 1 aloud"],
      ["video", 2, 60, "Putting scene 2 together"],
      ["finishing", null, 95, "Finishing the video"],
    ]);
  });

  it("never goes back to an earlier phase, scene or percent", () => {
    const shown = play([
      message("images", 2, 10),
      message("voice", 1, 20, "Reading scene 1 aloud"),
      message("images", 4, 14, "a late picture"),
      message("voice", 3, 30, "Reading scene 3 aloud"),
      message("voice", 2, 31, "a late narration"),
      message("voice", 3, 29, "a late pulse"),
      message("video", null, 95),
      message("video", 4, 89, "a late clip"),
    ]);
    expect(shown.map((s) => s.message)).toEqual([
      "working",
      "Reading scene 1 aloud",
      "Reading scene 1 aloud",
      "Reading scene 3 aloud",
      "Reading scene 3 aloud",
      "Reading scene 3 aloud",
      "working",
      "working",
    ]);
    const phases = shown.map((s) => RENDER_PHASES.indexOf(s.phase));
    const percents = shown.map((s) => s.percent);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(shown.at(-1)?.phase).toBe("finishing");
  });

  it("keeps the bar where it was when a new phase starts with a smaller number", () => {
    const [, second] = play([message("images", 4, 15), message("voice", 1, 12)]);
    expect(second).toMatchObject({ phase: "narrator", percent: 15 });
  });

  it("keeps the percent between 0 and 100", () => {
    expect(advance(null, message("images", 1, -3)).percent).toBe(0);
    expect(advance(null, message("video", null, 140)).percent).toBe(100);
    expect(advance(null, message("video", null, Number.NaN)).percent).toBe(0);
  });
});

describe("progressHeadline", () => {
  it("names the scene when there is one", () => {
    expect(progressHeadline(advance(null, message("voice", 2, 20)))).toBe("Recording the narrator: scene 2 of 4");
    expect(progressHeadline(advance(null, message("video", null, 95)))).toBe("Finishing");
  });
});
