import { describe, expect, it } from "vitest";
import {
  applyTheme,
  readThemePreference,
  resolveTheme,
  THEME_STORAGE_KEY,
  writeThemePreference,
} from "@/lib/theme";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
    data,
  };
}

describe("theme preference", () => {
  it("follows the OS until the parent picks one", () => {
    const storage = memoryStorage();
    expect(readThemePreference(storage)).toBe("system");
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
  });

  it("remembers an explicit choice over the OS setting", () => {
    const storage = memoryStorage();
    writeThemePreference(storage, "dark");
    expect(storage.data.get(THEME_STORAGE_KEY)).toBe("dark");
    expect(resolveTheme(readThemePreference(storage), false)).toBe("dark");
    writeThemePreference(storage, "system");
    expect(storage.data.has(THEME_STORAGE_KEY)).toBe(false);
  });

  it("ignores unknown stored values and broken storage", () => {
    expect(readThemePreference(memoryStorage({ [THEME_STORAGE_KEY]: "purple" }))).toBe("system");
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
    };
    expect(readThemePreference(broken)).toBe("system");
  });

  it("marks the document for dark styles", () => {
    const root = document.createElement("html");
    applyTheme(root, "dark");
    expect(root.classList.contains("dark")).toBe(true);
    expect(root.style.colorScheme).toBe("dark");
    applyTheme(root, "light");
    expect(root.classList.contains("dark")).toBe(false);
  });
});
