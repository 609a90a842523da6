import { describe, expect, it } from "vitest";
import type { Run, Stage } from "@/bindings";
import {
  canOpenStep,
  nextStep,
  previousStep,
  stageForStep,
  STEPS,
  stepForStage,
} from "@/lib/stages";

function run(overrides: Partial<Run> = {}): Run {
  return {
    id: "run-1",
    drawing: {
      id: "d",
      original_name: "pig.png",
      format: "png",
      normalized_path: "/m/n.png",
      thumbnail_path: "/m/t.jpg",
      width: 800,
      height: 600,
      source_width: 1600,
      source_height: 1200,
      created_at: "2026-01-01T00:00:00Z",
    },
    stage: "upload",
    analysis: null,
    customization: null,
    script: null,
    media: { images: [], audio: [], video_path: null, thumbnail_path: null, duration_sec: null, warnings: [] },
    library_entry_id: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

describe("stage <-> step mapping", () => {
  it("shows the six wizard steps in order", () => {
    expect(STEPS).toEqual(["upload", "recognize", "customize", "script", "preview", "library"]);
  });

  it.each<[Stage, string]>([
    ["upload", "upload"],
    ["recognize", "recognize"],
    ["customize", "customize"],
    ["script", "script"],
    ["images", "preview"],
    ["voice", "preview"],
    ["video", "preview"],
    ["saved", "library"],
  ])("a run at stage %s opens on the %s step", (stage, step) => {
    expect(stepForStage(stage)).toBe(step);
  });

  it("records the entry stage of the step the parent moves to", () => {
    expect(stageForStep("recognize", "upload")).toBe("recognize");
    expect(stageForStep("script", "customize")).toBe("script");
    expect(stageForStep("preview", "script")).toBe("images");
    expect(stageForStep("library", "video")).toBe("saved");
    expect(stageForStep("customize", "video")).toBe("customize");
  });

  it("records nothing when the run is already at a stage of that step", () => {
    expect(stageForStep("preview", "video")).toBeNull();
    expect(stageForStep("preview", "voice")).toBeNull();
    expect(stageForStep("library", "saved")).toBeNull();
    expect(stageForStep("script", "script")).toBeNull();
  });

  it("every stage maps to a step whose entry stage maps back to it", () => {
    for (const step of STEPS) {
      const entry = stageForStep(step, step === "upload" ? "saved" : "upload");
      expect(entry).not.toBeNull();
      if (entry) expect(stepForStage(entry)).toBe(step);
    }
  });

  it("knows the neighbours of each step", () => {
    expect(nextStep("upload")).toBe("recognize");
    expect(nextStep("library")).toBeNull();
    expect(previousStep("upload")).toBeNull();
    expect(previousStep("preview")).toBe("script");
  });
});

describe("which steps a run can open", () => {
  it("without a run only Upload opens", () => {
    expect(STEPS.filter((step) => canOpenStep(null, step))).toEqual(["upload"]);
  });

  it("a fresh drawing opens Upload and Recognize", () => {
    expect(STEPS.filter((step) => canOpenStep(run(), step))).toEqual(["upload", "recognize"]);
  });

  it("Customize needs a named subject", () => {
    const analysis = {
      subject: " ",
      setting: "",
      mood: "",
      subject_suggestions: [],
      setting_suggestions: [],
      mood_suggestions: [],
      colors: [],
      figure_box: null,
      whole_page: false,
      source: "on_device" as const,
    };
    expect(canOpenStep(run({ analysis }), "customize")).toBe(false);
    expect(canOpenStep(run({ analysis: { ...analysis, subject: "a pig" } }), "customize")).toBe(true);
  });

  it("Preview needs a script with scenes, Library a saved entry", () => {
    const ready = run({
      analysis: {
        subject: "a pig",
        setting: "",
        mood: "",
        subject_suggestions: [],
        setting_suggestions: [],
        mood_suggestions: [],
        colors: [],
        figure_box: null,
        whole_page: true,
        source: "parent",
      },
      customization: {
        theme: "silly",
        style: "crayon",
        voice_type: "cheerful",
        child_age: 4,
        personal_context: { child_name: "", pet: "", place: "" },
      },
      script: { title: "Pig", scenes: [] },
    });
    expect(canOpenStep(ready, "script")).toBe(true);
    expect(canOpenStep(ready, "preview")).toBe(false);
    const withScene = { ...ready, script: { title: "Pig", scenes: [{ id: "s1", text: "Oink." }] } };
    expect(canOpenStep(withScene, "preview")).toBe(true);
    expect(canOpenStep(withScene, "library")).toBe(false);
    expect(canOpenStep({ ...withScene, library_entry_id: "e1" }, "library")).toBe(true);
  });
});
