import { useCallback, useEffect, useState } from "react";
import {
  applyTheme,
  readThemePreference,
  resolveTheme,
  writeThemePreference,
  type ResolvedTheme,
  type ThemePreference,
} from "@/lib/theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia(DARK_QUERY).matches;
}

/** Applies the theme before the first paint so the app never flashes the wrong colours. */
export function applyStoredTheme(): void {
  applyTheme(document.documentElement, resolveTheme(readThemePreference(storage()), systemPrefersDark()));
}

export function useTheme(): {
  theme: ResolvedTheme;
  preference: ThemePreference;
  toggle: () => void;
} {
  const [preference, setPreference] = useState<ThemePreference>(() => readThemePreference(storage()));
  const [systemDark, setSystemDark] = useState(systemPrefersDark);

  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const query = window.matchMedia(DARK_QUERY);
    const onChange = (event: MediaQueryListEvent) => setSystemDark(event.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);

  const theme = resolveTheme(preference, systemDark);

  useEffect(() => {
    applyTheme(document.documentElement, theme);
  }, [theme]);

  const toggle = useCallback(() => {
    const next: ThemePreference = theme === "dark" ? "light" : "dark";
    writeThemePreference(storage(), next);
    setPreference(next);
  }, [theme]);

  return { theme, preference, toggle };
}
