/**
 * The app window as a desktop app should behave: a second launch hands over to the running app
 * instead of opening a second window (with the drawing it was asked to open, as "Open with" on
 * the desktop does), and the window comes back at the size the parent left it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES_DIR, startEnvironment, type AppEnvironment } from "./environment";
import { Journey } from "./journey";
import { Session, waitUntil } from "./webdriver";

const journey = new Journey("window");
let env: AppEnvironment;

beforeAll(async () => {
  env = await startEnvironment({ name: "window" });
  journey.env = env;
});

afterAll(async () => {
  await journey.close();
});

type Rect = { x: number; y: number; width: number; height: number };

/** Starts the app again with `args`, as the desktop does, and resolves with its exit code. */
function secondLaunch(args: string[]): Promise<number | null> {
  const second = spawn(env.binary, args, { env: env.processEnv, stdio: "ignore" });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error("the second launch kept running: two windows are open")), 20_000);
    second.once("exit", (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

describe("the app window", () => {
  it("hands a second launch over to the running app", async () => {
    const session = await journey.launch();
    const before = env.appPids();
    expect(before.length).toBe(1);

    expect(await secondLaunch([]), "the second launch exits quietly").toBe(0);
    expect(env.appPids(), "only the first app is running").toEqual(before);
    await session.waitForTest("home", 10_000);
  });

  it("opens a drawing handed over by a second launch in the Upload step", async () => {
    const session = journey.current();
    const before = env.appPids();
    const drawing = join(FIXTURES_DIR, "pig.png");
    expect(await secondLaunch([drawing]), "the second launch exits quietly").toBe(0);
    expect(env.appPids(), "only the first app is running").toEqual(before);
    await session.waitForTest("step-upload", 15_000);
    const caption = await waitUntil("the opened drawing to be added", async () => {
      const text = await (await session.find('[data-testid="drawing-preview"] figcaption'))?.text();
      return text?.includes("pig.png") ? text : undefined;
    });
    // A small picture is said in words, not in pixels.
    expect(caption).toContain("Small picture");
    expect(caption).not.toMatch(/\d+\s*[x×]\s*\d+/);
    await journey.shot("opened-with");
  });

  it("reopens at the size the parent left it, even after a crash", async () => {
    const session = journey.current();
    const wanted = { width: 1000, height: 700 };
    await session.post<Rect>("window/rect", wanted);
    await waitUntil("the window to take the new size", async () => {
      const rect = await session.get<Rect>("window/rect");
      return rect.width === wanted.width && rect.height === wanted.height;
    });
    await journey.shot("resized");
    // The app records its size shortly after a resize, so even an abrupt end keeps it: wait for
    // that record while the app runs, then kill the app as a crash would.
    const stateFile = join(env.processEnv.XDG_CONFIG_HOME ?? "", "app.nocomelon.desktop", ".window-state.json");
    const savedWidth = () => {
      try {
        const saved = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, { width: number; height: number }>;
        return saved.main?.width;
      } catch {
        return undefined; // not written yet, or caught halfway through a write
      }
    };
    await waitUntil("the new window size to be saved", async () => savedWidth() === wanted.width, 15_000);
    const reopened: Session = await journey.relaunchAfterKill();
    const rect = await reopened.get<Rect>("window/rect");
    expect({ width: rect.width, height: rect.height }).toEqual(wanted);
  });
});
