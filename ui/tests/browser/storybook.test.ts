/**
 * Making the storybook in the built app: the progress names each phase in order and only moves
 * forward (even when messages arrive late), the finished storybook is in the library by itself,
 * and it can be taken out again after confirming.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import { openApp, type AppSession } from "./harness";

let session: AppSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

const byTest = (page: Page, id: string) => page.getByTestId(id);

interface Seen {
  phase: string;
  headline: string;
  message: string;
  percent: number;
  /** The phases the list marks as the one now. */
  current: string[];
}

/** Records, inside the page, every state the progress panel shows while the video is made. */
async function recordProgress(page: Page): Promise<() => Promise<Seen[]>> {
  await page.evaluate(() => {
    const seen: Seen[] = [];
    (window as unknown as { __progress: Seen[] }).__progress = seen;
    const look = () => {
      const stage = document.querySelector('[data-testid="render-stage"]');
      const bar = document.querySelector('[data-testid="render-bar"]');
      if (!stage || !bar) return;
      const state = {
        phase: stage.getAttribute("data-phase") ?? "",
        headline: stage.textContent ?? "",
        message: document.querySelector('[data-testid="render-message"]')?.textContent ?? "",
        percent: Number(bar.getAttribute("aria-valuenow") ?? "0"),
        current: [...document.querySelectorAll('[data-testid="render-phases"] [data-state="current"]')].map(
          (item) => item.getAttribute("data-phase") ?? "",
        ),
      };
      const last = seen.at(-1);
      if (!last || JSON.stringify(last) !== JSON.stringify(state)) seen.push(state);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __progress: Seen[] }).__progress);
}

const PHASES = ["pictures", "narrator", "video", "finishing"];

describe("making the storybook", () => {
  it("names each phase in order and never goes backwards, even when messages arrive late", async () => {
    const app = (session = await openApp({ resumeAt: "images", renderStepMs: 150, renderLateMessages: true }));
    const { page } = app;
    await byTest(page, "step-preview").waitFor();
    const seen = await recordProgress(page);
    await byTest(page, "make-video").click();
    await byTest(page, "render-progress").waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="render-stage"]')?.textContent === "Putting the video together: scene 2 of 3",
      undefined,
      { polling: "raf" },
    );
    await page.screenshot({ path: join(inject("screenshotsDir"), "storybook-making.png") });
    await byTest(page, "video").waitFor({ timeout: 15_000 });

    const states = (await seen()).filter((state) => state.phase !== "");
    // Every phase was shown, in order, each with its name.
    const phases = states.map((state) => state.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(PHASES);
    expect(states.map((state) => state.headline)).toEqual(
      expect.arrayContaining([
        "Drawing the pictures: scene 1 of 3",
        "Recording the narrator: scene 2 of 3",
        "Putting the video together: scene 2 of 3",
        "Finishing",
      ]),
    );
    // The late messages changed nothing: no phase, scene or percent went back.
    const order = states.map((state) => PHASES.indexOf(state.phase));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const percents = states.map((state) => state.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const messages = states.map((state) => state.message);
    expect(messages).toContain("Putting scene 3 together");
    for (const late of ["Painting the last scene", "Reading the last scene aloud", "Putting the last scene together"]) {
      expect(messages).not.toContain(late);
    }
    const videoScenes = states.filter((state) => state.phase === "video").map((state) => state.headline);
    expect(videoScenes).toEqual([...new Set(videoScenes)]);
    // The list of phases marks the one shown as the one now.
    for (const state of states) expect(state.current).toEqual([state.phase]);
    expect(app.errors).toEqual([]);
  });

  it("is in the library by itself, and can be taken out after confirming", async () => {
    const app = (session = await openApp({ resumeAt: "images", renderStepMs: 30 }));
    const { page } = app;
    await byTest(page, "step-preview").waitFor();
    await byTest(page, "make-video").click();
    await byTest(page, "video").waitFor({ timeout: 15_000 });

    const saved = byTest(page, "saved-in-library");
    expect(await saved.textContent()).toBe("Saved in your library");
    expect(await app.calls("save_to_library")).toEqual([]);
    expect(await byTest(page, "save-to-library").count()).toBe(0);
    await page.screenshot({ path: join(inject("screenshotsDir"), "storybook-saved.png") });

    // The library lists it.
    await byTest(page, "next").click();
    await byTest(page, "step-library").waitFor();
    const card = byTest(page, "library-card");
    await card.waitFor();
    expect(await card.getByTestId("library-title").textContent()).toBe("The Story of a purple boy");
    await byTest(page, "back").click();
    await byTest(page, "step-preview").waitFor();

    // Removing asks first; keeping it changes nothing.
    await byTest(page, "remove-from-library").click();
    await page.getByRole("alertdialog").getByText("Remove “The Story of a purple boy” from your library?").waitFor();
    await page.screenshot({ path: join(inject("screenshotsDir"), "storybook-remove.png") });
    await byTest(page, "cancel-remove").click();
    expect(await app.calls("library_delete")).toEqual([]);
    expect(await saved.isVisible()).toBe(true);

    await byTest(page, "remove-from-library").click();
    await byTest(page, "confirm-remove").click();
    await byTest(page, "not-in-library").waitFor();
    expect((await app.calls("library_delete")).length).toBe(1);
    expect(await byTest(page, "next").count()).toBe(0);
    await byTest(page, "open-library").click();
    await byTest(page, "library-empty").waitFor();
    expect(app.errors).toEqual([]);
  });

  it("can be put back in the library after it was taken out", async () => {
    const app = (session = await openApp({ resumeAt: "images", renderStepMs: 30 }));
    const { page } = app;
    await byTest(page, "make-video").click();
    await byTest(page, "saved-in-library").waitFor({ timeout: 15_000 });
    await byTest(page, "remove-from-library").click();
    await byTest(page, "confirm-remove").click();
    await byTest(page, "save-to-library").click();
    await byTest(page, "saved-in-library").waitFor();
    expect((await app.calls("save_to_library")).length).toBe(1);
    await byTest(page, "next").click();
    await byTest(page, "library-card").waitFor();
    expect(app.errors).toEqual([]);
  });
});
