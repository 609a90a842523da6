/**
 * The built app in a real Chromium, with the Rust shell replaced by the in-page fake of
 * fake-tauri.ts. These tests click, type and drop like a parent would.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import { focusRingVisible, openApp, tabTo, type AppSession } from "./harness";

let session: AppSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function start(...args: Parameters<typeof openApp>): Promise<AppSession> {
  session = await openApp(...args);
  return session;
}

const byTest = (page: Page, id: string) => page.getByTestId(id);

async function expectOnStep(page: Page, step: string) {
  await byTest(page, `step-${step}`).waitFor({ state: "visible" });
  expect(await byTest(page, `stepper-${step}`).getAttribute("aria-current")).toBe("step");
}

async function lastArgs<T>(app: AppSession, cmd: string): Promise<T> {
  const calls = await app.calls(cmd);
  const last = calls.at(-1);
  if (!last) throw new Error(`${cmd} was never called`);
  return last.args as T;
}

async function dropFiles(page: Page, paths: string[]) {
  const position = { x: 400, y: 300 };
  await page.evaluate(
    (payload) => window.__fake.emit("tauri://drag-enter", payload),
    { paths, position },
  );
  await page.evaluate((payload) => window.__fake.emit("tauri://drag-over", payload), { position });
  return async () =>
    page.evaluate((payload) => window.__fake.emit("tauri://drag-drop", payload), { paths, position });
}

describe("the whole wizard", () => {
  it("goes from a dropped drawing to a saved, renamed and deleted storybook", async () => {
    const app = await start();
    const { page } = app;

    // Welcome: local use works, sign-in is honestly unavailable.
    await byTest(page, "welcome-local").waitFor();
    expect(await byTest(page, "welcome-signin").isDisabled()).toBe(true);
    expect(await byTest(page, "signin-reason").textContent()).toBe(
      "Signing in needs a family account set up on this computer.",
    );
    await byTest(page, "welcome-local").click();
    await expectOnStep(page, "upload");
    expect(await byTest(page, "next").isDisabled()).toBe(true);

    // Upload: files hovering over the window light up the drop zone; dropping ingests them.
    const drop = await dropFiles(page, [
      "/home/parent/Pictures/boy-purple.png",
      "/home/parent/Documents/notes.txt",
      "/home/parent/Pictures/girl-pencil.png",
    ]);
    expect(await byTest(page, "dropzone").getAttribute("data-hovering")).toBe("true");
    await drop();
    expect(await byTest(page, "dropzone").getAttribute("data-hovering")).toBe("false");
    await byTest(page, "ingest-results").waitFor();
    const results = byTest(page, "ingest-result");
    expect(await results.count()).toBe(3);
    expect(await page.locator('[data-outcome="refused"]').textContent()).toContain(
      "This file is not a picture we can read.",
    );
    await page.getByText("notes.txt: This file is not a picture we can read.").waitFor();
    expect(await lastArgs(app, "ingest_paths")).toEqual({
      paths: [
        "/home/parent/Pictures/boy-purple.png",
        "/home/parent/Documents/notes.txt",
        "/home/parent/Pictures/girl-pencil.png",
      ],
    });

    // Two drawings: one run each; the first is opened, the parent can pick the other.
    const choices = byTest(page, "run-choice");
    expect(await choices.count()).toBe(2);
    expect(await choices.nth(0).isChecked()).toBe(true);
    await byTest(page, "drawing-preview").getByText("boy-purple.png").waitFor();
    await choices.nth(1).check();
    await byTest(page, "drawing-preview").getByText("girl-pencil.png").waitFor();
    await choices.nth(0).check();
    await byTest(page, "drawing-preview").getByText("boy-purple.png").waitFor();
    const thumbnailLoaded = await byTest(page, "drawing-preview")
      .locator("img")
      .evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
    expect(thumbnailLoaded).toBe(508);
    await page.screenshot({ path: join(inject("screenshotsDir"), "upload.png"), fullPage: true });

    await byTest(page, "next").click();
    await expectOnStep(page, "recognize");
    expect((await lastArgs<{ stage: string }>(app, "go_to_stage")).stage).toBe("recognize");

    // Recognize: the outline appears over the drawing; the parent can change the crop.
    await byTest(page, "recognition-status").waitFor();
    const mask = byTest(page, "figure-mask");
    expect(await mask.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBe(508);
    expect(await mask.evaluate((img) => getComputedStyle(img).filter)).toContain("url(");

    await byTest(page, "whole-page").click();
    await page.getByText("Using the whole page.").waitFor();
    expect(await lastArgs(app, "set_figure_crop")).toMatchObject({ crop: null });

    // Drag the box's bottom-right corner inwards: the crop arrives in image pixels.
    const shown = await byTest(page, "figure-editor").evaluate((frame) => {
      const inner = frame.getBoundingClientRect();
      return {
        left: inner.left + frame.clientLeft,
        top: inner.top + frame.clientTop,
        width: frame.clientWidth,
        height: frame.clientHeight,
      };
    });
    const corner = byTest(page, "crop-box").locator('[data-handle="se"]');
    const handle = await corner.boundingBox();
    if (!handle) throw new Error("no resize handle");
    const from = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    const to = { x: shown.left + shown.width / 2, y: shown.top + shown.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => (await app.calls("set_figure_crop")).length)
      .toBe(2);
    const { crop } = await lastArgs<{ crop: { x: number; y: number; width: number; height: number } }>(
      app,
      "set_figure_crop",
    );
    // The whole 508x602 page, with its corner moved by the drag, scaled to image pixels.
    const expectedWidth = ((shown.width + to.x - from.x) * 508) / shown.width;
    const expectedHeight = ((shown.height + to.y - from.y) * 602) / shown.height;
    expect(crop.x).toBe(0);
    expect(crop.y).toBe(0);
    expect(Math.abs(crop.width - expectedWidth)).toBeLessThanOrEqual(2);
    expect(Math.abs(crop.height - expectedHeight)).toBeLessThanOrEqual(2);
    expect(crop.width).toBeLessThan(300);

    // The subject is required before Next; a suggestion chip fills it in.
    expect(await byTest(page, "next").isDisabled()).toBe(true);
    expect(await byTest(page, "setting-input").inputValue()).toBe("a sunny park");
    await byTest(page, "subject-chip-1").click();
    expect(await byTest(page, "subject-input").inputValue()).toBe("a superhero");
    expect(await byTest(page, "subject-chip-1").getAttribute("aria-pressed")).toBe("true");
    await byTest(page, "palette").getByText("purple").waitFor();
    await page.screenshot({ path: join(inject("screenshotsDir"), "recognize.png"), fullPage: true });
    await byTest(page, "next").click();
    await expectOnStep(page, "customize");
    expect(await lastArgs(app, "save_analysis")).toMatchObject({
      analysis: { subject: "a superhero", setting: "a sunny park", mood: "happy", source: "parent" },
    });

    // Customize.
    await byTest(page, "theme-bedtime").click();
    await byTest(page, "style-crayon").click();
    await byTest(page, "voice-grandparent").click();
    await byTest(page, "age-slider").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await byTest(page, "age-value").textContent()).toBe("7 years");
    await byTest(page, "child-name").fill("Mia");
    await page.screenshot({ path: join(inject("screenshotsDir"), "customize.png"), fullPage: true });
    await byTest(page, "next").click();
    await expectOnStep(page, "script");
    expect(await lastArgs(app, "save_customization")).toEqual({
      runId: expect.any(String),
      customization: {
        theme: "bedtime",
        style: "crayon",
        voice_type: "grandparent",
        child_age: 7,
        personal_context: { child_name: "Mia", pet: "", place: "" },
      },
    });

    // Script: drafted on first entry, then every edit autosaves.
    const scene2 = byTest(page, "scene-text-2");
    await scene2.waitFor();
    expect(await lastArgs(app, "draft_story")).toMatchObject({ another: false });
    expect(await scene2.inputValue()).toBe("Every day a superhero looked for Mia.");
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    const savesBefore = (await app.calls("save_script")).length;

    await scene2.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Then it rained.", { delay: 40 });
    const lastKeystroke = await page.evaluate(() => performance.now());
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    const saves = (await app.calls("save_script")).slice(savesBefore);
    // Debounced: one save after typing stopped, carrying the latest text, within 500 ms.
    expect(saves).toHaveLength(1);
    const [save] = saves;
    if (!save) throw new Error("no save");
    expect(save.at).toBeGreaterThan(lastKeystroke);
    expect(save.at - lastKeystroke).toBeLessThan(500);
    expect(save.args).toMatchObject({
      script: { scenes: [{}, { text: "Every day a superhero looked for Mia. Then it rained." }, {}] },
    });

    // A failed save keeps the edit, says so, and retries on its own.
    await page.evaluate(() => window.__fake.failNextSaves(1));
    await byTest(page, "script-title").fill("The Sleepy Superhero");
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Not saved - retrying");
    await expect.poll(() => byTest(page, "save-status").textContent(), { timeout: 5000 }).toBe("Saved");
    expect(await lastArgs(app, "save_script")).toMatchObject({ script: { title: "The Sleepy Superhero" } });

    // Add a scene (it gets a fresh id and focus), write it, move it up with the keyboard.
    await byTest(page, "add-scene").click();
    const scene4 = byTest(page, "scene-text-4");
    expect(await scene4.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("The moon said goodnight.");
    await byTest(page, "move-up-4").focus();
    await page.keyboard.press("Enter");
    expect(await byTest(page, "scene-text-3").inputValue()).toBe("The moon said goodnight.");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("move-up-3");
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    const saved = await lastArgs<{ script: { scenes: { id: string; text: string }[] } }>(app, "save_script");
    expect(saved.script.scenes.map((s) => s.text)).toEqual([
      "Once upon a time there was a superhero.",
      "Every day a superhero looked for Mia. Then it rained.",
      "The moon said goodnight.",
      "And they all went home happy.",
    ]);
    expect(saved.script.scenes[2]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // What the drawing does follows the story unless the parent picks a motion for a scene.
    expect(await byTest(page, "scene-motion-1").inputValue()).toBe("");
    await byTest(page, "scene-motion-1").selectOption({ label: "Jump" });
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    const chosen = await lastArgs<{ script: { scenes: { motion?: string }[] } }>(app, "save_script");
    expect(chosen.script.scenes.map((s) => s.motion)).toEqual(["jump", undefined, undefined, undefined]);

    await page.screenshot({ path: join(inject("screenshotsDir"), "script.png"), fullPage: true });
    await byTest(page, "next").click();
    await expectOnStep(page, "preview");
    expect((await lastArgs<{ stage: string }>(app, "go_to_stage")).stage).toBe("images");

    // Preview: live progress through the channel, then the real video plays.
    await byTest(page, "make-video").click();
    await byTest(page, "render-progress").waitFor();
    // Progress moves on within a fraction of a second, so read what the parent sees in one frame.
    const progressShown = await page
      .waitForFunction(() => {
        const node = (id: string) => document.querySelector(`[data-testid="${id}"]`);
        const text = (id: string) => node(id)?.textContent ?? "";
        const stage = text("render-stage");
        if (stage !== "Recording the narrator: scene 2 of 4") return false;
        return {
          stage,
          message: text("render-message"),
          announcement: text("render-announcement"),
          barHasValue: node("render-bar")?.getAttribute("aria-valuenow") != null,
          scriptStepLocked: (node("stepper-script") as HTMLButtonElement | null)?.disabled ?? false,
        };
      })
      .then((handle) => handle.jsonValue());
    expect(progressShown).toEqual({
      stage: "Recording the narrator: scene 2 of 4",
      message: "Reading scene 2 aloud",
      announcement: "Recording the narrator: scene 2 of 4",
      barHasValue: true,
      scriptStepLocked: true,
    });
    const video = byTest(page, "video");
    await video.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => video.evaluate((el: HTMLVideoElement) => el.readyState), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((el: HTMLVideoElement) => Math.round(el.duration))).toBe(2);
    expect(await byTest(page, "render-warnings").textContent()).toContain(
      "Scene 2 used a plain card because its picture could not be drawn.",
    );
    await page.screenshot({ path: join(inject("screenshotsDir"), "preview.png"), fullPage: true });

    // A finished storybook is in the library by itself.
    expect(await byTest(page, "saved-in-library").textContent()).toBe("Saved in your library");
    expect(await byTest(page, "save-to-library").count()).toBe(0);
    expect(await app.calls("save_to_library")).toEqual([]);
    await byTest(page, "next").click();
    await expectOnStep(page, "library");

    // Library: the new storybook, renamed inline, exported, deleted after confirming.
    const card = byTest(page, "library-card");
    await card.waitFor();
    expect(await card.getByTestId("library-title").textContent()).toBe("The Sleepy Superhero");
    expect(await card.getByTestId("library-duration").textContent()).toBe("00:12");
    await page.screenshot({ path: join(inject("screenshotsDir"), "library.png"), fullPage: true });

    await card.getByTestId("library-rename").click();
    const input = card.getByTestId("library-rename-input");
    await input.fill("Mia's Rainy Night");
    await input.press("Enter");
    await card.getByTestId("library-title").getByText("Mia's Rainy Night").waitFor();
    expect(await lastArgs(app, "library_rename")).toMatchObject({ title: "Mia's Rainy Night" });

    await card.getByTestId("library-export").click();
    await page.getByText("/home/parent/Videos/NoComelon/Mia-s-Rainy-Night.mp4").waitFor();
    expect(await lastArgs(app, "library_export")).toMatchObject({ chooseFolder: false });
    await page.getByRole("button", { name: "Choose another folder" }).click();
    await page.getByText("/home/parent/Desktop/Mia-s-Rainy-Night.mp4").waitFor();
    expect(await lastArgs(app, "library_export")).toMatchObject({ chooseFolder: true });

    await card.getByTestId("library-play").click();
    const player = byTest(page, "library-video");
    await player.waitFor();
    await page.keyboard.press("Escape");
    await player.waitFor({ state: "detached" });

    await card.getByTestId("library-delete").click();
    await byTest(page, "cancel-delete").click();
    expect(await byTest(page, "library-card").count()).toBe(1);
    await card.getByTestId("library-delete").click();
    await byTest(page, "confirm-delete").click();
    await byTest(page, "library-empty").waitFor();
    expect((await app.calls("library_delete")).length).toBe(1);

    expect(app.errors).toEqual([]);
  });
});

describe("adding pictures", () => {
  it("asks the app to open the picture picker and adds what the parent chose", async () => {
    const app = await start({ pickedFiles: ["/home/parent/Pictures/girl-pencil.png"] });
    const { page } = app;
    await byTest(page, "welcome-local").click();
    await byTest(page, "choose-files").click();
    await byTest(page, "drawing-preview").getByText("girl-pencil.png").waitFor();
    expect((await app.calls("pick_drawings")).length).toBe(1);
    // The window never opens a picker itself: a webview picker would widen its file scope.
    expect(await app.calls("plugin:dialog|open")).toEqual([]);
    // One drawing: no choice to make, it simply continues.
    expect(await byTest(page, "run-choice").count()).toBe(0);
    expect(await byTest(page, "next").isEnabled()).toBe(true);

    // The same picture again is recognised as the same drawing.
    await byTest(page, "choose-files").click();
    await page.getByText("You added this drawing before; continuing with it.").waitFor();
    expect(app.errors).toEqual([]);
  });
});

describe("drawings opened with the app from the desktop", () => {
  it("starts on the Upload step with the drawing added, even over a story in progress", async () => {
    const app = await start({ resumeAt: "script", openedFiles: ["/home/parent/Pictures/pig.png"] });
    const { page } = app;
    await byTest(page, "drawing-preview").getByText("pig.png").waitFor();
    expect(await lastArgs(app, "ingest_paths")).toEqual({ paths: ["/home/parent/Pictures/pig.png"] });
    expect(await byTest(page, "step-upload").count()).toBe(1);
    expect(app.errors).toEqual([]);
  });

  it("takes a drawing opened while the app runs into a new story", async () => {
    const app = await start({});
    const { page } = app;
    await byTest(page, "welcome-local").waitFor();
    await page.evaluate(() => window.__fake.openWith(["/home/parent/Pictures/girl-pencil.png"]));
    await byTest(page, "drawing-preview").getByText("girl-pencil.png").waitFor();
    expect(await lastArgs(app, "ingest_paths")).toEqual({ paths: ["/home/parent/Pictures/girl-pencil.png"] });
    expect((await app.calls("take_opened_files")).length).toBe(2);
    expect(app.errors).toEqual([]);
  });
});

describe("help", () => {
  it("opens the logs folder from the Help menu and says where it is", async () => {
    const app = await start({});
    const { page } = app;
    await byTest(page, "help-menu").click();
    await byTest(page, "open-logs").click();
    await page.getByText("The logs folder is open").waitFor();
    await page.getByText("app.nocomelon.desktop/logs", { exact: false }).waitFor();
    expect((await app.calls("open_logs_folder")).length).toBe(1);
    expect(app.errors).toEqual([]);
  });
});

describe("resuming and stopping", () => {
  it("opens straight into the step the parent left off at", async () => {
    const app = await start({ resumeAt: "script" });
    await expectOnStep(app.page, "script");
    expect(await byTest(app.page, "scene-text-1").inputValue()).toBe(
      "Once upon a time there was a purple boy.",
    );
    // Nothing was re-drafted: the stored script is shown.
    expect(await app.calls("draft_story")).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it("lists stories in progress on the welcome screen and continues one", async () => {
    const app = await start({ seedAt: "customize" });
    const { page } = app;
    const card = byTest(page, "resume-run");
    await card.waitFor();
    expect(await card.getByText("The Story of a purple boy").count()).toBe(1);
    expect(await card.getByText("Choosing the story", { exact: false }).count()).toBe(1);
    const thumb = await card.locator("img").evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
    expect(thumb).toBe(508);
    await card.getByTestId("resume-open").click();
    await expectOnStep(page, "customize");
    expect(await byTest(page, "style-watercolor").getAttribute("aria-checked")).toBe("true");
    expect(await byTest(page, "child-name").inputValue()).toBe("Sam");
    expect(app.errors).toEqual([]);
  });

  it("asks before replacing an edited story, and can undo a removed scene", async () => {
    const app = await start({ resumeAt: "script" });
    const { page } = app;
    await expectOnStep(page, "script");

    await byTest(page, "remove-scene-2").click();
    expect(await byTest(page, "scene").count()).toBe(2);
    await page.getByRole("button", { name: "Undo" }).click();
    expect(await byTest(page, "scene").count()).toBe(3);
    expect(await byTest(page, "scene-text-2").inputValue()).toBe("Every day a purple boy looked for Sam.");

    await byTest(page, "scene-text-1").fill("A purple boy lived by the sea.");
    await byTest(page, "write-another").click();
    // The parent edited the story: nothing is replaced without asking.
    await page.getByRole("alertdialog").getByText("Write a different story?").waitFor();
    await page.getByRole("button", { name: "Keep my story" }).click();
    expect(await app.calls("draft_story")).toEqual([]);
    expect(await byTest(page, "scene-text-1").inputValue()).toBe("A purple boy lived by the sea.");

    await byTest(page, "write-another").click();
    await byTest(page, "confirm-write-another").click();
    await expect.poll(() => byTest(page, "script-title").inputValue()).toBe("Another Day for a purple boy");
    expect(await lastArgs(app, "draft_story")).toMatchObject({ another: true });
    expect(await byTest(page, "scene").count()).toBe(2);
    // The new draft is what the store ends up with, even if an older edit was still being saved.
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    expect(await lastArgs(app, "save_script")).toMatchObject({
      script: { title: "Another Day for a purple boy" },
    });
    expect(app.errors).toEqual([]);
  });

  it("keeps the parent on the step while an edit cannot be saved", async () => {
    const app = await start({ resumeAt: "script" });
    const { page } = app;
    await expectOnStep(page, "script");
    await page.evaluate(() => window.__fake.failNextSaves(1));
    await byTest(page, "scene-text-3").fill("They all went home, very happy.");
    await byTest(page, "back").click();
    await page.getByText("Your last change is not saved yet.", { exact: false }).waitFor();
    await expectOnStep(page, "script");
    // Once the retry has stored it, leaving works and nothing was lost.
    await expect.poll(() => byTest(page, "save-status").textContent(), { timeout: 5000 }).toBe("Saved");
    await byTest(page, "back").click();
    await expectOnStep(page, "customize");
    expect(await lastArgs(app, "save_script")).toMatchObject({
      script: { scenes: [{}, {}, { text: "They all went home, very happy." }] },
    });
  });

  it("cancels a video being made and offers to make it again", async () => {
    // Each progress message stays long enough to be read (and seen by the test on a busy computer).
    const app = await start({ resumeAt: "images", renderStepMs: 3000 });
    const { page } = app;
    await expectOnStep(page, "preview");
    await byTest(page, "make-video").click();
    await byTest(page, "render-progress").waitFor();
    await page.getByText("Painting scene 1").waitFor();
    await byTest(page, "cancel-render").click();
    await page.getByText("Stopped making the storybook.").waitFor();
    await byTest(page, "make-video").waitFor();
    expect((await app.calls("cancel_render")).length).toBe(1);
    expect(await byTest(page, "video").count()).toBe(0);
  });
});

describe("keyboard only", () => {
  it("walks the wizard with Tab, Enter, Space, arrows and Ctrl+V, with visible focus", async () => {
    const app = await start();
    const { page } = app;

    await tabTo(page, "welcome-local");
    expect(await focusRingVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await expectOnStep(page, "upload");

    // Paste from the clipboard with the keyboard shortcut.
    await page.keyboard.press("Control+V");
    await byTest(page, "drawing-preview").getByText("Pasted picture").waitFor();
    expect((await app.calls("ingest_clipboard")).length).toBe(1);

    await tabTo(page, "next");
    expect(await focusRingVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await expectOnStep(page, "recognize");
    // Focus moved to the new step's heading.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("step-heading");

    // The crop box moves with the arrow keys.
    await byTest(page, "recognition-status").waitFor();
    await tabTo(page, "crop-box");
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await app.calls("set_figure_crop")).length).toBe(1);

    await tabTo(page, "subject-chip-0");
    await page.keyboard.press("Space");
    expect(await byTest(page, "subject-input").inputValue()).toBe("a little boy");
    await tabTo(page, "next");
    await page.keyboard.press("Enter");
    await expectOnStep(page, "customize");

    // Radio cards: arrows move the choice within a group.
    await tabTo(page, "theme-adventure");
    // Held briefly like a real key press: Radix moves focus on the next tick, while the key is down.
    await page.keyboard.press("ArrowRight", { delay: 50 });
    await expect.poll(() => byTest(page, "theme-friendship").getAttribute("aria-checked")).toBe("true");
    await tabTo(page, "next");
    await page.keyboard.press("Enter");
    await expectOnStep(page, "script");

    await tabTo(page, "scene-text-1");
    await page.keyboard.press("End");
    await page.keyboard.type(" The end?");
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    await tabTo(page, "move-down-1");
    await page.keyboard.press("Enter");
    expect(await byTest(page, "scene-text-2").inputValue()).toContain("The end?");

    await tabTo(page, "back");
    await page.keyboard.press("Enter");
    await expectOnStep(page, "customize");
    expect(await byTest(page, "theme-friendship").getAttribute("aria-checked")).toBe("true");
    expect(app.errors).toEqual([]);
  });
});

describe("looks", () => {
  it("switches to the dark theme, remembers it, and follows the OS by default", async () => {
    const app = await start({}, { colorScheme: "dark" });
    const { page } = app;
    await byTest(page, "welcome-local").waitFor();
    // No choice stored yet: the OS says dark.
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);

    await byTest(page, "theme-toggle").click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    await byTest(page, "theme-toggle").click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).not.toBe(light);
    expect(await page.evaluate(() => localStorage.getItem("nocomelon.theme"))).toBe("dark");

    await page.reload();
    await byTest(page, "welcome-local").waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await page.screenshot({ path: join(inject("screenshotsDir"), "welcome-dark.png"), fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it("turns off animation when the OS asks for reduced motion", async () => {
    const app = await start({ resumeAt: "images", renderStepMs: 300 }, { reducedMotion: "reduce" });
    const { page } = app;
    await expectOnStep(page, "preview");
    await byTest(page, "make-video").click();
    await byTest(page, "render-progress").waitFor();
    const duration = await byTest(page, "render-bar")
      .locator("div")
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
    expect(duration).toBeLessThan(0.001);
    await byTest(page, "cancel-render").click();
  });
});
