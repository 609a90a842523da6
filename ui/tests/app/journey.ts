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
