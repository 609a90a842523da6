/**
 * Where the parent was when the app last closed (the home screen, the library, or a step of a
 * story), so the next start opens exactly there. The Rust store remembers the story being worked
 * on, but not whether the parent had gone home since; that is the window's to remember.
 */
import { STEPS, type Step } from "@/lib/stages";

export type Place =
  | { kind: "home" }
  | { kind: "library" }
  /** A story's step; `runId` null is a new story whose drawing is not added yet. */
  | { kind: "story"; runId: string | null; step: Step };

export const PLACE_KEY = "nocomelon.place";

function isStep(value: unknown): value is Step {
  return typeof value === "string" && (STEPS as readonly string[]).includes(value);
}

/** The place stored as `text`, or null when there is none or it cannot be read. */
export function parsePlace(text: string | null): Place | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const place = value as { kind?: unknown; runId?: unknown; step?: unknown };
  switch (place.kind) {
    case "home":
      return { kind: "home" };
    case "library":
      return { kind: "library" };
    case "story": {
      const runId = place.runId;
      if (!(runId === null || (typeof runId === "string" && runId !== ""))) return null;
      if (!isStep(place.step)) return null;
      return { kind: "story", runId, step: place.step };
    }
    default:
      return null;
  }
}

type PlaceStorage = Pick<Storage, "getItem" | "setItem">;

function defaultStorage(): PlaceStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readPlace(storage: PlaceStorage | null = defaultStorage()): Place | null {
  try {
    return parsePlace(storage?.getItem(PLACE_KEY) ?? null);
  } catch {
    return null;
  }
}

export function rememberPlace(place: Place, storage: PlaceStorage | null = defaultStorage()): void {
  try {
    storage?.setItem(PLACE_KEY, JSON.stringify(place));
  } catch {
    // Storage full or switched off: the next start falls back to the story the store remembers.
  }
}
