/**
 * Opening the app again (a reload of the window stands in for a relaunch: the backend starts
 * afresh from the same seed, the window keeps what it stored) returns to exactly where the
 * parent was: the home screen, the library, or the step of a story.
 */
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { openApp, type AppSession } from "./harness";

let session: AppSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

const byTest = (page: Page, id: string) => page.getByTestId(id);

async function expectOnStep(page: Page, step: string) {
  await byTest(page, `step-${step}`).waitFor({ state: "visible" });
  expect(await byTest(page, `stepper-${step}`).getAttribute("aria-current")).toBe("step");
}

async function relaunch(page: Page) {
  await page.reload();
  await byTest(page, "home").waitFor();
}

describe("opening the app again", () => {
  it("returns to the home screen when the parent left a story for it", async () => {
    // The store remembers the story in progress, so without the window's memory the app
    // would jump into it.
    const app = (session = await openApp({ resumeAt: "script" }));
    const { page } = app;
    await expectOnStep(page, "script");
    await byTest(page, "home").click();
    await byTest(page, "screen-welcome").waitFor();

    await relaunch(page);
    await byTest(page, "screen-welcome").waitFor();
    expect(await byTest(page, "wizard").count()).toBe(0);
    // The story is still there to continue.
    await byTest(page, "resume-run").waitFor();
    expect(app.errors).toEqual([]);
  });

  it("returns to the step of the story the parent was on", async () => {
    const app = (session = await openApp({ resumeAt: "customize" }));
    const { page } = app;
    await expectOnStep(page, "customize");
    await byTest(page, "next").click();
    await expectOnStep(page, "script");
    await byTest(page, "scene-text-1").waitFor();

    await relaunch(page);
    await expectOnStep(page, "script");
    await byTest(page, "scene-text-1").waitFor();

    // Back to an earlier step: that is where it opens next time.
    await byTest(page, "back").click();
    await expectOnStep(page, "customize");
    await relaunch(page);
    await expectOnStep(page, "customize");
    expect(app.errors).toEqual([]);
  });

  it("returns to the library when the parent was there", async () => {
    const app = (session = await openApp({ resumeAt: "script" }));
    const { page } = app;
    await expectOnStep(page, "script");
    await byTest(page, "open-library").click();
    await byTest(page, "screen-library").waitFor();
    await relaunch(page);
    await byTest(page, "screen-library").waitFor();
    expect(app.errors).toEqual([]);
  });

  it("goes home, without an error, when the story left open is gone", async () => {
    const app = (session = await openApp({ resumeAt: "script" }));
    const { page } = app;
    await expectOnStep(page, "script");
    await page.evaluate(() =>
      localStorage.setItem("nocomelon.place", JSON.stringify({ kind: "story", runId: "run-gone", step: "script" })),
    );
    await relaunch(page);
    await byTest(page, "screen-welcome").waitFor();
    expect(await page.locator('[data-sonner-toast][data-type="error"]').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("opens the story the store remembers when the window remembers nothing", async () => {
    const app = (session = await openApp({ resumeAt: "script" }));
    await expectOnStep(app.page, "script");
    expect(await app.page.evaluate(() => JSON.parse(localStorage.getItem("nocomelon.place") ?? "null"))).toEqual({
      kind: "story",
      runId: "run-1",
      step: "script",
    });
    expect(app.errors).toEqual([]);
  });
});
