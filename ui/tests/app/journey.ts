/**
 * One app in one environment, walked through as a parent would, one test per step. A step that
 * cannot finish fails and says why, with a screenshot and the toasts on screen; the steps after
 * it then fail with "not run: <step> failed" rather than pretending to pass.
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { RESULTS_DIR, type AppEnvironment } from "./environment";
import { Session, sleep, waitUntil } from "./webdriver";

export const BUILD_COMMAND =
  "(cd ui && npm run build) && cargo build --features custom-protocol --bin nocomelon-desktop";

export class Journey {
  env: AppEnvironment | undefined;
  app: Session | undefined;
  private readonly finished = new Set<string>();

  /** `prefix` names the screenshots: ui/test-results/<prefix>-<name>.png. */
  constructor(private readonly prefix: string) {}

  environment(): AppEnvironment {
    if (!this.env) throw new Error("The test environment did not start.");
    return this.env;
  }

  current(): Session {
    if (!this.app) throw new Error("The app is not running.");
    return this.app;
  }

  /** Starts the app and waits for its window to show the header. */
  async launch(): Promise<Session> {
    const env = this.environment();
    const session = await Session.start(env.driverUrl, env.binary);
    this.app = session;
    const url = await session.url();
    if (url.startsWith("http://localhost:1420")) {
      throw new Error(
        `The app opened the Vite dev server (${url}): it was built without the UI inside. Build it with: ${BUILD_COMMAND}`,
      );
    }
    await session.waitForTest("home", 30_000);
    return session;
  }

  /** Kills the app at once, as a crash or a power cut would, and starts it again on the same folders. */
  async relaunchAfterKill(): Promise<Session> {
    const env = this.environment();
    expect(env.appPids().length, "the app's process was not found under tauri-driver").toBeGreaterThan(0);
    await env.killApps();
    await this.app?.end();
    this.app = undefined;
    await env.stopApps();
    await sleep(500);
    return this.launch();
  }

  async shot(name: string): Promise<void> {
    if (!this.app) return;
    // The screenshot is the last frame WebKit painted: let it paint what the page shows now.
    await this.app
      .executeAsync("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")
      .catch(() => {});
    await this.app.screenshot(join(RESULTS_DIR, `${this.prefix}-${name}.png`));
  }

  /** What the toasts say right now (errors show there in plain words). */
  async toasts(type = ""): Promise<string[]> {
    if (!this.app) return [];
    return toasts(this.app, type);
  }

  /**
   * Registers one step. Problems that do not stop the journey are collected with
   * `problems.push` and fail the step at its end; anything thrown stops it at once. Either way a
   * screenshot of the moment and the toasts on screen are kept with the failure.
   */
  step(name: string, needs: string | null, body: (problems: string[]) => Promise<void>): void {
    it(name, async () => {
      if (needs !== null && !this.finished.has(needs)) throw new Error(`Not run: the step "${needs}" did not get through.`);
      const problems: string[] = [];
      try {
        await body(problems);
      } catch (error) {
        const messages = await this.toasts().catch(() => []);
        await this.shot(`failed-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`).catch(() => {});
        const said = messages.length > 0 ? ` The app said: ${messages.join(" | ")}` : "";
        const earlier = problems.length > 0 ? ` Earlier problems: ${problems.join(" | ")}` : "";
        throw new Error(`${error instanceof Error ? error.message : String(error)}${said}${earlier}`, { cause: error });
      }
      this.finished.add(name);
      expect(problems, `${name}: the journey went on, but`).toEqual([]);
    });
  }

  /** Ends the session and stops everything the environment started, whatever happened before. */
  async close(): Promise<void> {
    try {
      await this.app?.end();
    } finally {
      await this.env?.stop();
    }
  }
}

export async function toasts(session: Session, type = ""): Promise<string[]> {
  const selector = type ? `[data-sonner-toast][data-type="${type}"]` : "[data-sonner-toast]";
  try {
    return await session.execute<string[]>(
      "return [...document.querySelectorAll(arguments[0])].map((t) => t.innerText.replace(/\\s+/g, ' ').trim());",
      [selector],
    );
  } catch {
    return [];
  }
}

/** Waits for the element with this test id to be shown and enabled, then clicks it. */
export async function clickTest(session: Session, id: string, timeoutMs = 20_000): Promise<void> {
  const element = await session.waitForTest(id, timeoutMs);
  await waitUntil(`${id} to be enabled`, () => element.enabled(), timeoutMs);
  await element.click();
}

/** Waits until the app shows `testId`, or fails early with the error toast that explains why not. */
export async function waitForOrToast(session: Session, testId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const element = await session.byTest(testId);
    if (element && (await element.displayed())) return;
    const errors = await toasts(session, "error");
    if (errors.length > 0) throw new Error(`Instead of showing ${testId}, the app said: ${errors.join(" | ")}`);
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${testId}.`);
    await sleep(500);
  }
}

/** The smallest window the app promises to fit: every step's main actions show without scrolling. */
export const SMALL_WINDOW = { width: 1024, height: 700 } as const;

type Rect = { x: number; y: number; width: number; height: number };

/** Sets the app's window to `size` and waits until the page inside has taken it. */
export async function resizeWindow(session: Session, size: { width: number; height: number }): Promise<void> {
  await session.post<Rect>("window/rect", size);
  await waitUntil(`the window to be ${size.width}x${size.height}`, async () => {
    const rect = await session.get<Rect>("window/rect");
    return rect.width === size.width && rect.height === size.height;
  });
  // The page lays itself out again after the window changed.
  await session.executeAsync(
    "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
  );
}

/**
 * Which of the elements with these test ids a parent cannot see or reach as the screen first
 * shows (scrolled to the top): outside the window, or covered by something else at its middle.
 * Empty when all are on screen.
 */
export async function offScreen(session: Session, testIds: string[]): Promise<string[]> {
  return session.execute<string[]>(
    `const ids = arguments[0];
     window.scrollTo(0, 0);
     const problems = [];
     for (const id of ids) {
       const element = document.querySelector('[data-testid="' + id + '"]');
       if (!element) { problems.push(id + ': not on the page'); continue; }
       const box = element.getBoundingClientRect();
       if (box.width === 0 || box.height === 0) { problems.push(id + ': not shown'); continue; }
       if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) {
         problems.push(id + ': at ' + Math.round(box.left) + ',' + Math.round(box.top) + '-' + Math.round(box.right) + ',' + Math.round(box.bottom) +
           ', outside the ' + window.innerWidth + 'x' + window.innerHeight + ' window');
         continue;
       }
       const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
       if (!top || !(top === element || element.contains(top))) problems.push(id + ': covered by ' + (top ? top.outerHTML.slice(0, 80) : 'nothing'));
     }
     return problems;`,
    [testIds],
  );
}

/**
 * Whether anything covers the bottom fifth of the video's picture, where the captions are
 * burned in: the picture's place inside the element (it keeps its shape), what is on top at
 * points across that band, and whether the player's controls sit below the picture.
 */
export async function captionsCovered(
  session: Session,
  testId: string,
): Promise<{ nativeControls: boolean; pictureShown: boolean; covered: string[]; controlsBelow: boolean }> {
  return session.execute(
    `const video = document.querySelector('[data-testid="' + arguments[0] + '"]');
     if (!video) throw new Error('no video');
     const box = video.getBoundingClientRect();
     const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
     const width = video.videoWidth * scale;
     const height = video.videoHeight * scale;
     const left = box.left + (box.width - width) / 2;
     const top = box.top + (box.height - height) / 2;
     const bottom = top + height;
     const covered = [];
     for (const fy of [0.81, 0.9, 0.99]) {
       for (const fx of [0.02, 0.25, 0.5, 0.75, 0.98]) {
         const x = left + width * fx;
         const y = top + height * fy;
         const found = document.elementFromPoint(x, y);
         if (found !== video) covered.push(Math.round(x) + ',' + Math.round(y) + ': ' + (found ? found.outerHTML.slice(0, 60) : 'nothing'));
       }
     }
     const bars = [...document.querySelectorAll('[data-testid="video-controls"]')].map((bar) => bar.getBoundingClientRect());
     return {
       nativeControls: video.controls,
       pictureShown: width > 0 && height > 0 && top >= 0 && bottom <= window.innerHeight,
       covered,
       controlsBelow: bars.length > 0 && bars.every((bar) => bar.top >= bottom - 1),
     };`,
    [testId],
  );
}
