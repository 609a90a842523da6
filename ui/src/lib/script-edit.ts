/**
 * Edits to a story script as pure functions, with the same limits the Rust store enforces
 * (characters are counted as Unicode code points, like Rust's `chars().count()`).
 */
import type { Motion, Scene, StoryScript } from "@/bindings";

export const MAX_TITLE_CHARS = 120;
export const MAX_SCENES = 12;
export const MAX_SCENE_TEXT_CHARS = 600;

export function charCount(text: string): number {
  return Array.from(text).length;
}

/** Cuts `text` to at most `max` code points, never splitting a surrogate pair. */
export function clampChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join("");
}

export function setTitle(script: StoryScript, title: string): StoryScript {
  return { ...script, title: clampChars(title, MAX_TITLE_CHARS) };
}

export function setSceneText(script: StoryScript, sceneId: string, text: string): StoryScript {
  return {
    ...script,
    scenes: script.scenes.map((scene) =>
      scene.id === sceneId ? { ...scene, text: clampChars(text, MAX_SCENE_TEXT_CHARS) } : scene,
    ),
  };
}

/** What the drawing can do in a scene, as the parent reads it; the first is the default. */
export const MOTION_CHOICES: readonly { value: Motion | null; label: string }[] = [
  { value: null, label: "What the story says" },
  { value: "walk", label: "Walk" },
  { value: "hop", label: "Hop" },
  { value: "wave", label: "Wave" },
  { value: "jump", label: "Jump" },
  { value: "dance", label: "Dance" },
  { value: "spin", label: "Spin around" },
  { value: "sleep", label: "Sleep" },
  { value: "wiggle", label: "Wiggle" },
  { value: "peek", label: "Peek in" },
  { value: "still", label: "Stand still" },
];

/** Sets what the drawing does in a scene; `null` goes back to what the story says. */
export function setSceneMotion(script: StoryScript, sceneId: string, motion: Motion | null): StoryScript {
  return {
    ...script,
    scenes: script.scenes.map((scene) => {
      if (scene.id !== sceneId) return scene;
      const { motion: _previous, ...rest } = scene;
      return motion === null ? rest : { ...rest, motion };
    }),
  };
}

export function canAddScene(script: StoryScript): boolean {
  return script.scenes.length < MAX_SCENES;
}

/** Adds an empty scene after `afterIndex` (at the end when omitted); a no-op at the limit. */
export function addScene(script: StoryScript, id: string, afterIndex?: number): StoryScript {
  if (!canAddScene(script)) return script;
  const at =
    afterIndex === undefined
      ? script.scenes.length
      : Math.min(Math.max(afterIndex + 1, 0), script.scenes.length);
  return insertScene(script, { id, text: "" }, at);
}

/** Puts a scene back at `index` (used to undo a removal); a no-op at the limit. */
export function insertScene(script: StoryScript, scene: Scene, index: number): StoryScript {
  if (!canAddScene(script)) return script;
  const at = Math.min(Math.max(index, 0), script.scenes.length);
  const scenes = [...script.scenes];
  scenes.splice(at, 0, { ...scene, text: clampChars(scene.text, MAX_SCENE_TEXT_CHARS) });
  return { ...script, scenes };
}

export interface Removal {
  script: StoryScript;
  removed: { scene: Scene; index: number } | null;
}

export function removeScene(script: StoryScript, sceneId: string): Removal {
  const index = script.scenes.findIndex((scene) => scene.id === sceneId);
  const scene = script.scenes[index];
  if (index < 0 || !scene) return { script, removed: null };
  return {
    script: { ...script, scenes: script.scenes.filter((s) => s.id !== sceneId) },
    removed: { scene, index },
  };
}

/** Moves a scene by `delta` places (-1 up, +1 down); a no-op past either end. */
export function moveScene(script: StoryScript, sceneId: string, delta: number): StoryScript {
  const from = script.scenes.findIndex((scene) => scene.id === sceneId);
  const to = from + delta;
  if (from < 0 || delta === 0 || to < 0 || to >= script.scenes.length) return script;
  const scenes = [...script.scenes];
  const [moved] = scenes.splice(from, 1);
  if (!moved) return script;
  scenes.splice(to, 0, moved);
  return { ...script, scenes };
}

/**
 * Why the script cannot be made into a video yet, in the words the Rust store uses, or `null`
 * when it is ready.
 */
export function renderProblem(script: StoryScript): string | null {
  if (charCount(script.title) > MAX_TITLE_CHARS)
    return `The title is too long (at most ${MAX_TITLE_CHARS} characters).`;
  if (script.scenes.length > MAX_SCENES) return `A story can have at most ${MAX_SCENES} scenes.`;
  const long = script.scenes.findIndex((s) => charCount(s.text) > MAX_SCENE_TEXT_CHARS);
  if (long >= 0)
    return `Scene ${long + 1} is too long (at most ${MAX_SCENE_TEXT_CHARS} characters).`;
  if (script.title.trim() === "")
    return "The story needs a title before it can be made into a video.";
  if (script.scenes.length === 0)
    return "The story needs at least one scene before it can be made into a video.";
  const empty = script.scenes.findIndex((s) => s.text.trim() === "");
  if (empty >= 0) return `Scene ${empty + 1} is empty; write something or remove it.`;
  return null;
}

/** From this share of a limit on, the parent is shown how many characters are left to use. */
export const NEAR_LIMIT_SHARE = 0.8;

/** Whether a text of `count` characters is close enough to `max` to show the counter. */
export function nearLimit(count: number, max: number): boolean {
  return count >= Math.ceil(max * NEAR_LIMIT_SHARE);
}
