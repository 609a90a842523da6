import { describe, expect, it } from "vitest";
import { parsePlace, PLACE_KEY, readPlace, rememberPlace, type Place } from "@/lib/last-place";

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
    items,
  };
}

describe("the place the parent left", () => {
  it.each<Place>([
    { kind: "home" },
    { kind: "library" },
    { kind: "story", runId: "run-1", step: "script" },
    { kind: "story", runId: null, step: "upload" },
  ])("comes back as it was stored: %j", (place) => {
    const storage = memoryStorage();
    rememberPlace(place, storage);
    expect(readPlace(storage)).toEqual(place);
  });

  it("is replaced by the newest place", () => {
    const storage = memoryStorage();
    rememberPlace({ kind: "story", runId: "run-1", step: "script" }, storage);
    rememberPlace({ kind: "home" }, storage);
    expect(readPlace(storage)).toEqual({ kind: "home" });
    expect(storage.items.get(PLACE_KEY)).toBe('{"kind":"home"}');
  });

  it.each([
    null,
    "",
    "not json",
    "42",
    '{"kind":"moon"}',
    '{"kind":"story","runId":"run-1","step":"render"}',
    '{"kind":"story","runId":"","step":"script"}',
    '{"kind":"story","runId":7,"step":"script"}',
  ])("is unknown when what is stored cannot be read: %s", (text) => {
    expect(parsePlace(text)).toBeNull();
  });

  it("does without storage that refuses to work", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
    };
    expect(() => rememberPlace({ kind: "library" }, broken)).not.toThrow();
    expect(readPlace(broken)).toBeNull();
    expect(readPlace(null)).toBeNull();
  });
});
