/**
 * The real NoComelon app, Rust and all, in a real window: a parent's whole way from the welcome
 * screen to a storybook in the library, plus reopening after the app was killed mid-story. The
 * window is the smallest the app promises to fit (1024x700): every step's main actions must be
 * on screen without scrolling, and nothing may cover the captions while the video plays.
 *
 * Each step is its own test and they run in order on one app. A step that cannot finish fails
 * and says why; the steps after it then fail with "not run: <step> failed" rather than
 * pretending to pass. Screenshots: ui/test-results/app-*.png; the driver and app log:
 * ui/test-results/app-driver.log.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { FIXTURES_DIR, startEnvironment } from "./environment";
import { captionsCovered, clickTest, Journey, offScreen, resizeWindow, SMALL_WINDOW, waitForOrToast } from "./journey";
import { KEY, Session, waitUntil } from "./webdriver";

const journey = new Journey("app");
const EDIT = " Then the moon winked at Mia.";
let scriptTitle = "";

beforeAll(async () => {
  journey.env = await startEnvironment();
});

afterAll(async () => {
  await journey.close();
});

const current = () => journey.current();
const launch = () => journey.launch();
const shot = (name: string) => journey.shot(name);
const step = (name: string, needs: string | null, body: (problems: string[]) => Promise<void>) =>
  journey.step(name, needs, body);

/** The storybook's picture on its library card has loaded from the app's media folder. */
async function thumbnailShown(session: Session): Promise<void> {
  await waitUntil("the storybook's picture on its card", () =>
    session
      .executeAsync<number>(
        "const done = arguments[arguments.length - 1]; const img = document.querySelector('[data-testid=\"library-card\"] img');" +
          " if (!img) { done(0); return; } img.decode().then(() => requestAnimationFrame(() => done(img.naturalWidth)), () => done(0));",
      )
      .then((width) => width > 0),
  );
}

/** The file behind an asset:// (or http://asset.localhost/) URL the app gave the window. */
/** The file behind a media URL: asset://localhost/<path> or the media server's /<token>/<path>. */
function mediaPath(src: string): string {
  const url = new URL(src);
  const path = url.pathname.replace(/^\//, "");
  const file = url.protocol === "http:" && url.hostname === "127.0.0.1" ? path.slice(path.indexOf("/") + 1) : path;
  return decodeURIComponent(file);
}

function probeVideo(file: string): { streams: string[]; duration: number } {
  const result = spawnSync(
    "ffprobe",
    ["-v", "error", "-show_entries", "stream=codec_type,codec_name:format=duration", "-of", "json", file],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`ffprobe could not read ${file}: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as {
    streams?: { codec_type?: string; codec_name?: string }[];
    format?: { duration?: string };
  };
  return {
    streams: (parsed.streams ?? []).map((stream) => `${stream.codec_type}:${stream.codec_name}`),
    duration: Number(parsed.format?.duration ?? 0),
  };
}

function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return `${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

async function expectStep(session: Session, stepName: string, timeoutMs = 30_000) {
  await session.waitForTest(`step-${stepName}`, timeoutMs);
  const stepper = await session.byTest(`stepper-${stepName}`);
  expect(await stepper?.attribute("aria-current")).toBe("step");
}

/** Notes each main action the parent would have to scroll to (or could not reach at all). */
async function actionsOnScreen(session: Session, where: string, testIds: string[], problems: string[]): Promise<void> {
  const missing = await offScreen(session, testIds);
  for (const problem of missing) problems.push(`${where}: ${problem}`);
}

describe("the real app in a window", () => {
  step("opens on the welcome screen", null, async (problems) => {
    const session = await launch();
    await resizeWindow(session, SMALL_WINDOW);
    await session.waitForTest("welcome-local");
    expect(await (await session.waitForTest("welcome-local")).text()).toBe("Make a storybook");
    await actionsOnScreen(session, "Welcome", ["welcome-local"], problems);
    const signIn = await session.waitForTest("welcome-signin");
    // Without cloud settings, "Sign in" is unavailable and says why; local use always works.
    if (await signIn.enabled()) problems.push("Sign in is enabled although this computer has no cloud settings.");
    const reason = await (await session.byTest("signin-reason"))?.text();
    if (!reason) problems.push("Sign in is unavailable but no reason is shown under it.");
    await shot("01-welcome");
  });

  step("adds a drawing pasted from the clipboard", "opens on the welcome screen", async (problems) => {
    const session = current();
    await clickTest(session, "welcome-local");
    await expectStep(session, "upload");
    await journey.environment().copyImage(join(FIXTURES_DIR, "boy-purple.png"));
    await clickTest(session, "paste");
    await waitForOrToast(session, "drawing-preview", 30_000);
    const caption = await (await session.find('[data-testid="drawing-preview"] figcaption'))?.text();
    expect(caption).toContain("Pasted picture");
    // The drawing is small: said in words, not in pixels.
    expect(caption).toContain("Small picture");
    expect(caption).not.toMatch(/\d+\s*[x×]\s*\d+/);
    // The drawing itself is shown from the app's media folder (asset protocol).
    const shown = await waitUntil("the drawing to load", () =>
      session.execute<number>(
        "const img = document.querySelector('[data-testid=\"drawing-preview\"] img'); return img && img.complete ? img.naturalWidth : 0;",
      ).then((width) => (width > 0 ? width : undefined)),
    );
    expect(shown).toBeGreaterThan(0);
    await actionsOnScreen(session, "Your drawing", ["next"], problems);
    await shot("02-upload");

    // Ctrl+V does the same; the same picture again is recognised as the same drawing.
    await session.keys([KEY.control, "v"]);
    await session.waitForText("You added this drawing before; continuing with it.");
    expect(await (await session.find('[data-testid="drawing-preview"] figcaption'))?.text()).toContain("Pasted picture");
  });

  step("recognizes the figure and takes the subject", "adds a drawing pasted from the clipboard", async (problems) => {
    const session = current();
    await clickTest(session, "next");
    await expectStep(session, "recognize");
    try {
      await waitForOrToast(session, "recognition-status", 120_000);
      const mask = await session.waitForTest("figure-mask");
      const maskWidth = await waitUntil("the outline to load", async () => {
        const width = await mask.property<number>("naturalWidth");
        return width > 0 ? width : undefined;
      });
      if (maskWidth !== 508) problems.push(`The outline is ${maskWidth} px wide, not the drawing's 508 px.`);
    } catch (error) {
      problems.push(`Recognition: ${error instanceof Error ? error.message : String(error)}`);
    }
    const chip = await session.byTest("subject-chip-0");
    const subject = await session.waitForTest("subject-input");
    if (chip && (await chip.displayed())) {
      await chip.click();
    } else {
      problems.push("No subject suggestions were offered; typed one instead.");
      await subject.clear();
      await subject.type("a purple boy");
    }
    expect(String(await subject.property("value")).trim()).not.toBe("");
    await actionsOnScreen(session, "What is it?", ["back", "next"], problems);
    await shot("03-recognize");
    await clickTest(session, "next");
    await expectStep(session, "customize");
  });

  step("customizes the story", "recognizes the figure and takes the subject", async (problems) => {
    const session = current();
    await actionsOnScreen(session, "Choose the story", ["back", "next"], problems);
    await clickTest(session, "theme-bedtime");
    await clickTest(session, "style-crayon");
    await clickTest(session, "voice-grandparent");
    // Each voice is described as it sounds and has a sample to hear before choosing.
    const description = await session.byTest("voice-description-grandparent");
    if (!description || (await description.text()).trim() === "") problems.push("The grandparent voice has no description.");
    await clickTest(session, "listen-grandparent");
    const sample = await waitUntil(
      "the voice sample to be made",
      async () => {
        const failed = await session.byTest("listen-error-grandparent");
        if (failed) return { error: await failed.text(), src: "" };
        const src = await session.execute<string>("return document.querySelector('[data-testid=\"voice-sample\"]').currentSrc;");
        return src ? { error: "", src } : undefined;
      },
      60_000,
    ).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error), src: "" }));
    // Whether the sound reaches speakers depends on the machine; the sample must be made and given to the player.
    if (sample.src === "" && !sample.error.startsWith("This computer could not play")) {
      problems.push(`No voice sample: ${sample.error}`);
    }
    const name = await session.waitForTest("child-name");
    await name.clear();
    await name.type("Mia");
    expect(await (await session.byTest("theme-bedtime"))?.attribute("aria-checked")).toBe("true");
    await shot("04-customize");
    await clickTest(session, "next");
    await expectStep(session, "script");
  });

  step("edits a scene and sees it saved", "customizes the story", async (problems) => {
    const session = current();
    // The first visit drafts the story on the computer.
    await waitForOrToast(session, "scene-text-1", 180_000);
    const scene = await session.waitForTest("scene-text-1");
    const before = String(await scene.property("value"));
    expect(before.length).toBeGreaterThan(0);
    await actionsOnScreen(session, "Edit the story", ["back", "next"], problems);
    scriptTitle = String(await (await session.waitForTest("script-title")).property("value"));
    await scene.click();
    await scene.type(`${KEY.end}${EDIT}`);
    await waitUntil("the edit to be shown", async () => String(await scene.property("value")).endsWith(EDIT));
    await waitUntil(
      "the save status to say Saved",
      async () => (await (await session.byTest("save-status"))?.attribute("data-status")) === "saved",
      15_000,
    );
    expect(await (await session.byTest("save-status"))?.text()).toBe("Saved");
    // The state shows with the scene being edited, not far away at the top.
    const withScene = await session.execute<boolean>(
      "const status = document.querySelector('[data-testid=\"save-status\"]'); const scene = document.querySelector('[data-testid=\"scene-text-1\"]');" +
        " return !!status && !!scene && scene.closest('[data-testid=\"scene\"]').contains(status);",
    );
    if (!withScene) problems.push("The save state is not shown with the scene being edited.");
    await shot("05-script-saved");
  });

  step("reopens into the same story after the app is killed", "edits a scene and sees it saved", async () => {
    const session = await journey.relaunchAfterKill();
    await resizeWindow(session, SMALL_WINDOW);
    await expectStep(session, "script", 30_000);
    const scene = await session.waitForTest("scene-text-1");
    await waitUntil("the story to load", async () => String(await scene.property("value")).length > 0);
    expect(String(await scene.property("value"))).toContain(EDIT.trim());
    await shot("06-reopened-after-kill");
  });

  step("makes the video and plays it", "reopens into the same story after the app is killed", async (problems) => {
    const session = current();
    await clickTest(session, "next");
    await expectStep(session, "preview");
    expect(await (await session.waitForTest("make-video")).text()).toBe("Make a storybook");
    await actionsOnScreen(session, "Watch, before making", ["back", "make-video"], problems);
    await clickTest(session, "make-video");
    await waitForOrToast(session, "render-progress", 30_000);
    await actionsOnScreen(session, "Watch, while making", ["cancel-render", "render-stage"], problems);
    // A picture of the work in progress, once the narrator is being recorded (or it is done).
    await waitUntil(
      "the narrator stage",
      async () =>
        (await session.byTest("video")) !== null ||
        ((await (await session.byTest("render-stage"))?.text()) ?? "").startsWith("Recording the narrator"),
      10 * 60_000,
      500,
    ).catch(() => problems.push("The progress never reached the narrator stage."));
    await shot("07-rendering");
    await waitForOrToast(session, "video", 15 * 60_000);

    // The video file the app made: a real MP4 with pictures and narration, in its data folder.
    const src = await session.execute<string>("return document.querySelector('[data-testid=\"video\"]').currentSrc || document.querySelector('[data-testid=\"video\"]').src;");
    const file = mediaPath(src);
    expect(file.startsWith(journey.environment().dataDir), `${file} is not in the app's data folder`).toBe(true);
    const probe = probeVideo(file);
    expect(probe.streams).toEqual(expect.arrayContaining(["video:h264", "audio:aac"]));
    expect(probe.duration).toBeGreaterThan(5);
    expect(await (await session.waitForTest("video-duration")).text()).toBe(formatSeconds(probe.duration));

    // The window plays it.
    const playable = await waitUntil(
      "the video to load in the window",
      async () => {
        const state = await session.execute<{ ready: number; error: number | null; duration: number }>(
          "const v = document.querySelector('[data-testid=\"video\"]'); return { ready: v.readyState, error: v.error ? v.error.code : null, duration: v.duration };",
        );
        if (state.error !== null) return state;
        return state.ready >= 1 ? state : undefined;
      },
      30_000,
    ).catch(() => null);
    if (playable === null) problems.push("The video did not load in the window within 30 s.");
    else if (playable.error !== null) {
      problems.push(
        `The window cannot play the video (MediaError ${playable.error}) from ${new URL(src).protocol}//, ` +
          `although ffprobe reads the file (${probe.streams.join(", ")}, ${probe.duration.toFixed(1)} s). WebKitGTK's media player is known to refuse custom URI schemes such as asset:// (tauri-apps/tauri#3725).`,
      );
    } else if (Math.abs(playable.duration - probe.duration) > 1) {
      problems.push(`The window reports ${playable.duration} s; the file is ${probe.duration} s.`);
    }
    await actionsOnScreen(
      session,
      "Watch, when made",
      ["back", "saved-in-library", "remove-from-library", "make-video", "next", "video-play"],
      problems,
    );
    await shot("08-preview");

    // Playing, the captions at the bottom of the picture are not covered by anything.
    if (playable !== null && playable.error === null) {
      await clickTest(session, "video-play");
      const playing = await waitUntil(
        "the video to play",
        () => session.execute<boolean>("const v = document.querySelector('[data-testid=\"video\"]'); return !v.paused && v.currentTime > 0.5;"),
        20_000,
      ).catch(() => false);
      if (!playing) problems.push("The video did not start playing in the window.");
      // The pointer over the picture, where a player would show its controls.
      await (await session.waitForTest("video")).hover();
      const captions = await captionsCovered(session, "video");
      await shot("08b-playing");
      if (captions.nativeControls) problems.push("The video shows the system's controls, which lie over the captions.");
      if (!captions.pictureShown) problems.push("The video's picture is not all on screen in a 1024x700 window.");
      if (captions.covered.length > 0) problems.push(`The captions are covered while playing: ${captions.covered.join(" | ")}`);
      if (!captions.controlsBelow) problems.push("The player's controls are not below the picture.");
      await clickTest(session, "video-play");
    }
  });

  step("finds it in the library without saving it by hand", "makes the video and plays it", async (problems) => {
    const session = current();
    expect(await (await session.waitForTest("saved-in-library")).text()).toBe("Saved in your library");
    expect(await session.byTest("save-to-library"), "a finished storybook asks to be saved by hand").toBeNull();
    await clickTest(session, "next");
    await expectStep(session, "library", 60_000);
    const title = await session.waitForTest("library-title");
    expect(await title.text()).toBe(scriptTitle);
    await thumbnailShown(session);
    await actionsOnScreen(session, "Your storybooks", ["back", "make-storybook"], problems);
    await shot("09-library");

    // The library screen (from the header) lists it too.
    await clickTest(session, "open-library");
    const cards = await waitUntil("a storybook in the library", async () => {
      const found = await session.findAll('[data-testid="library-card"]');
      return found.length > 0 ? found : undefined;
    });
    expect(cards).toHaveLength(1);
    await session.waitForText(scriptTitle);
    await thumbnailShown(session);
    await actionsOnScreen(session, "The library", ["make-storybook"], problems);
    await shot("10-library-screen");
  });

  step(
    "saves a copy in the Videos folder without opening that folder to the window",
    "finds it in the library without saving it by hand",
    async () => {
      const session = current();
      const env = journey.environment();
      await clickTest(session, "library-export");
      await session.waitForText("A copy was saved in your Videos folder");
      const copies = readdirSync(join(env.videosDir, "NoComelon"));
      expect(copies, "one copy, named after the storybook").toHaveLength(1);
      expect(copies[0]?.endsWith(".mp4")).toBe(true);
      const copy = join(env.videosDir, "NoComelon", copies[0] ?? "");
      expect(probeVideo(copy).streams).toEqual(expect.arrayContaining(["video:h264", "audio:aac"]));
      await shot("11-saved-a-copy");

      // The webview may read the app's media folder and nothing else: a picture put next to the
      // copy cannot be loaded, while the storybook's own picture can.
      const outside = join(env.videosDir, "NoComelon", "probe.png");
      copyFileSync(join(FIXTURES_DIR, "pig.png"), outside);
      const inside = await session.execute<string>(
        "return document.querySelector('[data-testid=\"library-card\"] img').src;",
      );
      const widths = await session.executeAsync<number[]>(
        "const [outside, inside, done] = arguments;" +
          " const load = (src) => new Promise((ok) => { const img = new Image(); img.onload = () => ok(img.naturalWidth); img.onerror = () => ok(0); img.src = src; });" +
          " Promise.all([load(window.__TAURI_INTERNALS__.convertFileSrc(outside, 'asset')), load(inside)]).then(done);",
        [outside, inside],
      );
      expect(widths[1], "the storybook's own picture loads (the probe works)").toBeGreaterThan(0);
      expect(widths[0], "a file in the export folder is not readable by the window").toBe(0);
    },
  );
});
