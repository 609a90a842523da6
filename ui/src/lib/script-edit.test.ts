import { describe, expect, it } from "vitest";
import type { StoryScript } from "@/bindings";
import {
  addScene,
  canAddScene,
  charCount,
  clampChars,
  insertScene,
  MAX_SCENE_TEXT_CHARS,
  MAX_SCENES,
  MAX_TITLE_CHARS,
  moveScene,
  nearLimit,
  removeScene,
  renderProblem,
  setSceneMotion,
  setSceneText,
  setTitle,
} from "@/lib/script-edit";

const story: StoryScript = {
  title: "The Garlic Monster",
  scenes: [
    { id: "a", text: "Once there was a garlic monster." },
    { id: "b", text: "It wanted a friend." },
    { id: "c", text: "It found one." },
  ],
};

const ids = (script: StoryScript) => script.scenes.map((scene) => scene.id);

describe("script edits", () => {
  it("changes one scene's text and leaves the others and the original alone", () => {
    const edited = setSceneText(story, "b", "It wanted a best friend.");
    expect(edited.scenes[1]?.text).toBe("It wanted a best friend.");
    expect(edited.scenes[0]).toBe(story.scenes[0]);
    expect(story.scenes[1]?.text).toBe("It wanted a friend.");
  });

  it("sets what the drawing does in one scene, and goes back to what the story says", () => {
    const jumping = setSceneMotion(story, "b", "jump");
    expect(jumping.scenes[1]).toEqual({ id: "b", text: "It wanted a friend.", motion: "jump" });
    expect(jumping.scenes[0]).toBe(story.scenes[0]);
    const back = setSceneMotion(jumping, "b", null);
    expect(back.scenes[1]).toEqual({ id: "b", text: "It wanted a friend." });
    expect("motion" in (back.scenes[1] ?? {})).toBe(false);
  });

  it("adds an empty scene at the end or after a given scene", () => {
    expect(ids(addScene(story, "new"))).toEqual(["a", "b", "c", "new"]);
    expect(ids(addScene(story, "new", 0))).toEqual(["a", "new", "b", "c"]);
    expect(addScene(story, "new").scenes[3]?.text).toBe("");
  });

  it("stops adding scenes at the limit of 12", () => {
    let script: StoryScript = { title: "t", scenes: [] };
    for (let i = 0; i < 20; i += 1) script = addScene(script, `s${i}`);
    expect(script.scenes).toHaveLength(MAX_SCENES);
    expect(canAddScene(script)).toBe(false);
    expect(insertScene(script, { id: "x", text: "" }, 0)).toBe(script);
  });

  it("removes a scene and tells where it was, so it can be put back", () => {
    const { script, removed } = removeScene(story, "b");
    expect(ids(script)).toEqual(["a", "c"]);
    expect(removed).toEqual({ scene: story.scenes[1], index: 1 });
    if (removed) expect(insertScene(script, removed.scene, removed.index)).toEqual(story);
  });

  it("removing an unknown scene changes nothing", () => {
    expect(removeScene(story, "zzz")).toEqual({ script: story, removed: null });
  });

  it("moves scenes up and down, and not past either end", () => {
    expect(ids(moveScene(story, "b", -1))).toEqual(["b", "a", "c"]);
    expect(ids(moveScene(story, "b", 1))).toEqual(["a", "c", "b"]);
    expect(moveScene(story, "a", -1)).toBe(story);
    expect(moveScene(story, "c", 1)).toBe(story);
    expect(moveScene(story, "nope", 1)).toBe(story);
  });

  it("keeps the title within 120 characters and scenes within 600", () => {
    expect(charCount(setTitle(story, "x".repeat(200)).title)).toBe(MAX_TITLE_CHARS);
    expect(charCount(setSceneText(story, "a", "y".repeat(700)).scenes[0]?.text ?? "")).toBe(
      MAX_SCENE_TEXT_CHARS,
    );
  });

  it("counts characters the way Rust does (emoji count once) and never splits one", () => {
    expect(charCount("🐷🐷")).toBe(2);
    expect("🐷🐷".length).toBe(4);
    expect(clampChars("🐷🐷🐷", 2)).toBe("🐷🐷");
    expect(clampChars("short", 10)).toBe("short");
  });
});

describe("whether the script can become a video", () => {
  it("accepts a titled story with written scenes", () => {
    expect(renderProblem(story)).toBeNull();
  });

  it("asks for a title, a scene, and text in every scene", () => {
    expect(renderProblem({ ...story, title: "  " })).toBe(
      "The story needs a title before it can be made into a video.",
    );
    expect(renderProblem({ ...story, scenes: [] })).toBe(
      "The story needs at least one scene before it can be made into a video.",
    );
    expect(renderProblem(addScene(story, "empty"))).toBe(
      "Scene 4 is empty; write something or remove it.",
    );
  });

  it("names a scene that is too long", () => {
    const long = { ...story, scenes: [...story.scenes, { id: "d", text: "z".repeat(601) }] };
    expect(renderProblem(long)).toBe("Scene 4 is too long (at most 600 characters).");
  });
});

describe("nearLimit", () => {
  it("shows the counter only close to the limit", () => {
    expect(nearLimit(160, MAX_SCENE_TEXT_CHARS)).toBe(false);
    expect(nearLimit(479, MAX_SCENE_TEXT_CHARS)).toBe(false);
    expect(nearLimit(480, MAX_SCENE_TEXT_CHARS)).toBe(true);
    expect(nearLimit(MAX_SCENE_TEXT_CHARS, MAX_SCENE_TEXT_CHARS)).toBe(true);
    expect(nearLimit(95, MAX_TITLE_CHARS)).toBe(false);
    expect(nearLimit(96, MAX_TITLE_CHARS)).toBe(true);
  });
});
