/**
 * Who answered Recognize and Script: this computer or the family's story service. The built app
 * in Chromium says which, asks the other when the parent wants it, says why the service could
 * not help, and stops a request that waits too long.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { FakeConfig } from "./fake-tauri";
import { openApp, type AppSession } from "./harness";

let session: AppSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function start(config: FakeConfig = {}): Promise<AppSession> {
  session = await openApp(config);
  return session;
}

const byTest = (page: Page, id: string) => page.getByTestId(id);

async function expectOnStep(page: Page, step: string) {
  await byTest(page, `step-${step}`).waitFor({ state: "visible" });
  expect(await byTest(page, `stepper-${step}`).getAttribute("aria-current")).toBe("step");
}

async function argsOf(app: AppSession, cmd: string): Promise<unknown[]> {
  return (await app.calls(cmd)).map((call) => call.args);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(inject("screenshotsDir"), `engine-${name}.png`), fullPage: true });
}

/** A fresh drawing dropped on the Upload step, then on to Recognize, where it is looked at. */
async function toRecognize(app: AppSession) {
  const { page } = app;
  await byTest(page, "welcome-local").click();
  await expectOnStep(page, "upload");
  const payload = { paths: ["/home/parent/Pictures/boy-purple.png"], position: { x: 400, y: 300 } };
  await page.evaluate((p) => window.__fake.emit("tauri://drag-enter", p), payload);
  await page.evaluate((p) => window.__fake.emit("tauri://drag-drop", p), payload);
  await byTest(page, "ingest-results").waitFor();
  await byTest(page, "next").click();
  await expectOnStep(page, "recognize");
}

/** From Recognize (subject filled in) through Customize to the drafted story. */
async function toScript(app: AppSession) {
  const { page } = app;
  await byTest(page, "next").click();
  await expectOnStep(page, "customize");
  await byTest(page, "next").click();
  await expectOnStep(page, "script");
}

function note(page: Page) {
  return byTest(page, "engine-note");
}

async function noteSays(page: Page) {
  const shown = note(page);
  await shown.waitFor();
  return {
    engine: await shown.getAttribute("data-engine"),
    fellBack: await shown.getAttribute("data-fell-back"),
    text: (await shown.locator("p").textContent())?.trim(),
    askOther: (await byTest(page, "ask-other").count()) > 0 ? (await byTest(page, "ask-other").textContent())?.trim() : null,
  };
}

describe("without a story service", () => {
  it("says this computer suggested the words and wrote the story, and offers nothing else", async () => {
    const app = await start();
    const { page } = app;
    await toRecognize(app);
    expect(await noteSays(page)).toEqual({
      engine: "on_device",
      fellBack: "false",
      text: "Suggested on this computer.",
      askOther: null,
    });
    await byTest(page, "subject-chip-0").click();
    await toScript(app);
    await byTest(page, "scene-text-1").waitFor();
    expect(await noteSays(page)).toEqual({
      engine: "on_device",
      fellBack: "false",
      text: "Written on this computer.",
      askOther: null,
    });
    expect(await argsOf(app, "draft_story")).toEqual([{ runId: expect.any(String), another: false, engine: null }]);
    expect(await app.calls("recognize_with")).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it("says who wrote a stored story opened again, without offering what it cannot know", async () => {
    const app = await start({ resumeAt: "script" });
    const { page } = app;
    await expectOnStep(page, "script");
    expect(await noteSays(page)).toMatchObject({ engine: "on_device", text: "Written on this computer.", askOther: null });
    expect(await app.calls("draft_story")).toEqual([]);
  });
});

describe("with the family's story service", () => {
  it("names the service, and asks this computer instead for new words when the parent wants", async () => {
    const app = await start({ service: { mode: "answers" } });
    const { page } = app;
    await toRecognize(app);
    expect(await noteSays(page)).toEqual({
      engine: "service",
      fellBack: "false",
      text: "Suggested by your family's story service.",
      askOther: "Suggest on this computer instead",
    });
    expect(await byTest(page, "subject-input").inputValue()).toBe("a brave knight");
    expect(await byTest(page, "setting-input").inputValue()).toBe("a castle on a hill");
    await byTest(page, "subject-chip-1").getByText("a purple wizard").waitFor();
    await screenshot(page, "recognize-service");

    // The parent's own word for the mood stays; the words they left alone are the new engine's.
    await byTest(page, "mood-input").fill("sleepy");
    await byTest(page, "ask-other").click();
    await expect.poll(() => note(page).getAttribute("data-engine")).toBe("on_device");
    expect(await argsOf(app, "recognize_with")).toEqual([{ runId: expect.any(String), engine: "on_device" }]);
    await byTest(page, "subject-chip-1").getByText("a superhero").waitFor();
    expect(await byTest(page, "setting-input").inputValue()).toBe("a sunny park");
    expect(await byTest(page, "mood-input").inputValue()).toBe("sleepy");
    // This computer leaves the subject to the parent, so the one already there is kept.
    expect(await byTest(page, "subject-input").inputValue()).toBe("a brave knight");
    expect(await noteSays(page)).toEqual({
      engine: "on_device",
      fellBack: "false",
      text: "Suggested on this computer.",
      askOther: "Ask the story service instead",
    });

    // And back to the service.
    await byTest(page, "ask-other").click();
    await expect.poll(() => note(page).getAttribute("data-engine")).toBe("service");
    expect((await argsOf(app, "recognize_with")).at(-1)).toEqual({ runId: expect.any(String), engine: "service" });
    expect(await byTest(page, "setting-input").inputValue()).toBe("a castle on a hill");

    await toScript(app);
    expect(await app.calls("save_analysis")).toHaveLength(1);
    expect((await argsOf(app, "save_analysis"))[0]).toMatchObject({
      analysis: { subject: "a brave knight", setting: "a castle on a hill", mood: "sleepy" },
    });
    await expect.poll(() => byTest(page, "script-title").inputValue()).toBe("A Tale of a brave knight");
    expect(await noteSays(page)).toEqual({
      engine: "service",
      fellBack: "false",
      text: "Written by your family's story service.",
      askOther: "Write it on this computer instead",
    });
    await screenshot(page, "script-service");
    expect(app.errors).toEqual([]);
  });

  it("writes the story on this computer instead, asking first when the parent has changed it", async () => {
    const app = await start({ service: { mode: "answers" } });
    const { page } = app;
    await toRecognize(app);
    await toScript(app);
    await expect.poll(() => byTest(page, "script-title").inputValue()).toBe("A Tale of a brave knight");

    await byTest(page, "ask-other").click();
    await expect.poll(() => byTest(page, "script-title").inputValue()).toBe("The Story of a brave knight");
    expect((await argsOf(app, "draft_story")).at(-1)).toEqual({ runId: expect.any(String), another: false, engine: "on_device" });
    expect(await noteSays(page)).toMatchObject({
      engine: "on_device",
      text: "Written on this computer.",
      askOther: "Ask the story service instead",
    });
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    expect((await argsOf(app, "save_script")).at(-1)).toMatchObject({ script: { title: "The Story of a brave knight" } });

    // The parent's edit is not replaced without asking.
    await byTest(page, "scene-text-1").fill("A knight lived by the sea.");
    const drafts = (await app.calls("draft_story")).length;
    await byTest(page, "ask-other").click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Write a different story?").waitFor();
    await page.getByRole("button", { name: "Keep my story" }).click();
    expect(await app.calls("draft_story")).toHaveLength(drafts);
    expect(await byTest(page, "scene-text-1").inputValue()).toBe("A knight lived by the sea.");

    await byTest(page, "ask-other").click();
    expect(await byTest(page, "confirm-write-another").textContent()).toBe("Ask the story service instead");
    await byTest(page, "confirm-write-another").click();
    await expect.poll(() => byTest(page, "script-title").inputValue()).toBe("A Tale of a brave knight");
    expect((await argsOf(app, "draft_story")).at(-1)).toEqual({ runId: expect.any(String), another: false, engine: "service" });
    expect(await note(page).getAttribute("data-engine")).toBe("service");

    // "Write another" leaves the choice of engine to the app, as the first draft did.
    await byTest(page, "write-another").click();
    await expect.poll(async () => (await app.calls("draft_story")).length).toBe(drafts + 2);
    expect((await argsOf(app, "draft_story")).at(-1)).toEqual({ runId: expect.any(String), another: true, engine: null });
    expect(app.errors).toEqual([]);
  });

  it("says plainly when the service could not help, with its reason, and can try it again", async () => {
    const reason = "The story service could not be reached (connection refused).";
    const app = await start({ service: { mode: "fails", reason } });
    const { page } = app;
    await toRecognize(app);
    expect(await noteSays(page)).toEqual({
      engine: "on_device",
      fellBack: "true",
      text: `Your family's story service couldn't help this time, so this computer suggested these words. ${reason}`,
      askOther: "Try the story service again",
    });
    expect(await byTest(page, "engine-reason").textContent()).toBe(reason);
    // A fallback is an answer, not an error.
    expect(await page.locator("[data-sonner-toast]").count()).toBe(0);
    await screenshot(page, "recognize-fallback");

    await byTest(page, "subject-chip-0").click();
    await toScript(app);
    await byTest(page, "scene-text-1").waitFor();
    expect(await noteSays(page)).toEqual({
      engine: "on_device",
      fellBack: "true",
      text: `Your family's story service couldn't help this time, so this computer wrote the story. ${reason}`,
      askOther: "Try the story service again",
    });
    await screenshot(page, "script-fallback");

    // The service is back: trying it again brings its story.
    await page.evaluate(() => window.__fake.setService({ mode: "answers" }));
    await byTest(page, "ask-other").click();
    await expect.poll(() => byTest(page, "script-title").inputValue()).toBe("A Tale of a little boy");
    expect((await argsOf(app, "draft_story")).at(-1)).toEqual({ runId: expect.any(String), another: false, engine: "service" });
    expect(await noteSays(page)).toMatchObject({ engine: "service", fellBack: "false", text: "Written by your family's story service." });
    expect(app.errors).toEqual([]);
  });
});

describe("a request waiting on the service", () => {
  it("can be stopped in Recognize without an error, and the parent carries on", async () => {
    const app = await start({ service: { mode: "answers", delayMs: 60_000 } });
    const { page } = app;
    await toRecognize(app);
    await page.getByText("Looking at the drawing…").waitFor();
    await byTest(page, "stop-request").waitFor();
    await screenshot(page, "recognize-waiting");
    await byTest(page, "stop-request").click();
    await page.getByText("Stopped looking at the drawing.").waitFor();
    expect(await argsOf(app, "cancel_request")).toEqual([{ runId: expect.any(String) }]);
    expect(await page.getByText("The drawing could not be looked at.").count()).toBe(0);
    expect(await byTest(page, "stop-request").count()).toBe(0);
    expect(await note(page).count()).toBe(0);

    // Trying again asks again; this time the service answers quickly.
    await page.evaluate(() => window.__fake.setService({ mode: "answers", delayMs: 100 }));
    await byTest(page, "analyze-again").click();
    await expect.poll(() => note(page).getAttribute("data-engine")).toBe("service");
    expect(await byTest(page, "subject-input").inputValue()).toBe("a brave knight");
    expect(app.errors).toEqual([]);
  });

  it("can be stopped while another engine is asked, keeping the words already there", async () => {
    const app = await start({ service: { mode: "answers", delayMs: 100 } });
    const { page } = app;
    await toRecognize(app);
    await expect.poll(() => note(page).getAttribute("data-engine")).toBe("service");
    await byTest(page, "ask-other").click();
    await expect.poll(() => note(page).getAttribute("data-engine")).toBe("on_device");
    await byTest(page, "subject-input").fill("a dragon");

    await page.evaluate(() => window.__fake.setService({ mode: "answers", delayMs: 60_000 }));
    await byTest(page, "ask-other").click();
    await page.getByText("Asking your family's story service…").waitFor();
    expect(await byTest(page, "next").isDisabled()).toBe(true);
    await byTest(page, "stop-request").click();
    await page.getByText("Stopped looking at the drawing.").waitFor();
    expect(await note(page).getAttribute("data-engine")).toBe("on_device");
    expect(await byTest(page, "subject-input").inputValue()).toBe("a dragon");
    expect(await byTest(page, "next").isDisabled()).toBe(false);
    expect(await app.calls("cancel_request")).toHaveLength(1);
    expect(app.errors).toEqual([]);
  });

  it("is stopped when the parent leaves the step, so its answer cannot land later", async () => {
    const app = await start({ service: { mode: "answers", delayMs: 60_000 } });
    const { page } = app;
    await toRecognize(app);
    await page.getByText("Looking at the drawing…").waitFor();
    await byTest(page, "back").click();
    await expectOnStep(page, "upload");
    expect(await app.calls("cancel_request")).toHaveLength(1);
    // Leaving is the parent's choice: no "stopped" message, no error.
    expect(await page.locator("[data-sonner-toast]").count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("can be stopped in Script; the story can then be written on request", async () => {
    const app = await start({ service: { mode: "answers", delayMs: 100 } });
    const { page } = app;
    await toRecognize(app);
    await expect.poll(() => note(page).getAttribute("data-engine")).toBe("service");
    await page.evaluate(() => window.__fake.setService({ mode: "answers", delayMs: 60_000 }));
    await toScript(app);
    await page.getByText("Writing a story from the drawing…").waitFor();
    await byTest(page, "stop-request").click();
    await page.getByText("Stopped writing the story.").waitFor();
    expect(await app.calls("cancel_request")).toHaveLength(1);
    expect(await page.getByText("The story could not be written.").count()).toBe(0);
    await page.getByText("No story yet.").waitFor();

    await page.evaluate(() => window.__fake.setService({ mode: "answers", delayMs: 100 }));
    await byTest(page, "draft-story").click();
    await expect.poll(() => byTest(page, "script-title").inputValue()).toBe("A Tale of a brave knight");
    expect(await note(page).getAttribute("data-engine")).toBe("service");
    expect(app.errors).toEqual([]);
  });
});
