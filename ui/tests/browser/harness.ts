/** Launches Debian's Chromium (never a downloaded browser) on the built app with the fake IPC. */
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import type { FakeConfig, RecordedCall } from "./fake-tauri";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function requireChromium(): void {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    throw new Error(`Chromium was not found at ${CHROMIUM}. Install it with: apt install chromium`);
  }
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
  calls: (cmd: string) => Promise<RecordedCall[]>;
  close: () => Promise<void>;
}

export async function openApp(
  config: FakeConfig = {},
  options: {
    colorScheme?: "light" | "dark";
    reducedMotion?: "reduce" | "no-preference";
    /** The window's inside size; 1280x900 unless told. */
    viewport?: { width: number; height: number };
  } = {},
): Promise<AppSession> {
  requireChromium();
  const userDataDir = await mkdtemp(join(tmpdir(), "nocomelon-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    reducedMotion: options.reducedMotion ?? "no-preference",
  });
  const errors: string[] = [];
  try {
    await context.addInitScript({ content: `window.__FAKE_CONFIG__ = ${JSON.stringify(config)};` });
    await context.addInitScript({ path: inject("fakeScript") });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    await page.goto(inject("baseUrl"));
    return {
      page,
      context,
      errors,
      calls: (cmd) => page.evaluate((name) => window.__fake.callsOf(name), cmd),
      close: async () => {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Presses Tab until the element with `testId` has focus; fails if it is not reachable. */
export async function tabTo(page: Page, testId: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
    if (focused === testId) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`[data-testid="${testId}"] could not be reached with the Tab key.`);
}

/** Whether the focused element shows a focus ring (an outline or a ring shadow). */
export async function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement)) return false;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow !== "none" && style.boxShadow !== "");
  });
}
