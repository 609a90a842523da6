/**
 * The app in the smallest window it promises to fit (1024x700): every step's main actions are
 * on screen without scrolling, the player's controls never cover the captions at the bottom of
 * the picture, and every button says what it does. Screenshots: ui/test-results/fit-*.png.
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

const SMALL_WINDOW = { width: 1024, height: 700 };

const byTest = (page: Page, id: string) => page.getByTestId(id);

async function expectOnStep(page: Page, step: string) {
  await byTest(page, `step-${step}`).waitFor({ state: "visible" });
  expect(await byTest(page, `stepper-${step}`).getAttribute("aria-current")).toBe("step");
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(inject("screenshotsDir"), `fit-${name}.png`) });
}

/**
 * Which of the elements with these test ids a parent cannot see or reach as the screen first
 * shows (scrolled to the top): outside the window, or covered by something else at its middle.
 */
async function offScreen(page: Page, testIds: string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    window.scrollTo(0, 0);
    const problems: string[] = [];
    for (const id of ids) {
      const element = document.querySelector(`[data-testid="${id}"]`);
      if (!element) {
        problems.push(`${id}: not on the page`);
        continue;
      }
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) {
        problems.push(`${id}: not shown`);
        continue;
      }
      if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) {
        problems.push(`${id}: at ${Math.round(box.left)},${Math.round(box.top)}-${Math.round(box.right)},${Math.round(box.bottom)}, outside the ${window.innerWidth}x${window.innerHeight} window`);
        continue;
      }
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!top || !(top === element || element.contains(top))) {
        problems.push(`${id}: covered by ${top?.outerHTML.slice(0, 80) ?? "nothing"}`);
      }
    }
    return problems;
  }, testIds);
}

/**
 * Where the picture is inside the video element (it keeps its shape, so bars may pad it) and
 * what is on top at points across its bottom fifth, where the captions are burned in.
 */
async function captionArea(page: Page, testId: string) {
  return page.evaluate((id) => {
    const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`);
    if (!video) throw new Error(`no ${id}`);
    const box = video.getBoundingClientRect();
    const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
    const width = video.videoWidth * scale;
    const height = video.videoHeight * scale;
    const picture = { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
    const bottom = picture.top + picture.height;
    const covered: string[] = [];
    for (const fy of [0.81, 0.9, 0.99]) {
      for (const fx of [0.02, 0.25, 0.5, 0.75, 0.98]) {
        const x = picture.left + picture.width * fx;
        const y = picture.top + picture.height * fy;
        const top = document.elementFromPoint(x, y);
        if (top !== video) covered.push(`${Math.round(x)},${Math.round(y)}: ${top?.outerHTML.slice(0, 60) ?? "nothing"}`);
      }
    }
    const controls = [...document.querySelectorAll('[data-testid="video-controls"]')].map((bar) => bar.getBoundingClientRect());
    const overlapping = controls.filter((bar) => bar.top < bottom && bar.bottom > picture.top + picture.height * 0.8 && bar.left < picture.left + picture.width && bar.right > picture.left);
    return {
      nativeControls: video.controls,
      pictureShown: width > 0 && height > 0 && bottom <= window.innerHeight,
      covered,
      overlappingControls: overlapping.length,
      controlsBelow: controls.length > 0 && controls.every((bar) => bar.top >= bottom - 1),
    };
  }, testId);
}

/**
 * Buttons on screen that do not say what they do: no name at all, or only an icon without a
 * tooltip that appears on hover.
 */
async function unnamedButtons(page: Page): Promise<string[]> {
  const found = await page.evaluate(() => {
    // Shown and reachable: not hidden behind an open dialog (which hides the rest from
    // assistive technology).
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return (
        box.width > 0 &&
        box.height > 0 &&
        getComputedStyle(element).visibility !== "hidden" &&
        element.closest('[aria-hidden="true"]') === null
      );
    };
    for (const marked of document.querySelectorAll("[data-name-check]")) marked.removeAttribute("data-name-check");
    return [...document.querySelectorAll<HTMLButtonElement>("button, [role=button]")]
      .filter(visible)
      .map((button, index) => {
        button.setAttribute("data-name-check", String(index));
        const labelledBy = button.getAttribute("aria-labelledby");
        const name =
          button.getAttribute("aria-label")?.trim() ||
          (labelledBy ? document.getElementById(labelledBy)?.textContent?.trim() : "") ||
          button.textContent?.trim() ||
          "";
        return {
          index,
          name,
          // A native tooltip (the title attribute) says what it does as well as a drawn one.
          iconOnly: button.innerText.trim() === "" && !button.getAttribute("title")?.trim() && !button.querySelector("[title]"),
          disabled: button.disabled,
          html: button.outerHTML.slice(0, 100),
        };
      });
  });
  const problems: string[] = [];
  for (const button of found) {
    if (button.name === "") {
      problems.push(`no name: ${button.html}`);
      continue;
    }
    if (!button.iconOnly || button.disabled) continue;
    const target = page.locator(`[data-name-check="${button.index}"]`);
    await target.hover();
    const tooltip = page.getByRole("tooltip");
    const shown = await tooltip
      .first()
      .waitFor({ timeout: 2000 })
      .then(async () => (await tooltip.first().textContent())?.trim() ?? "")
      .catch(() => "");
    if (shown === "") problems.push(`"${button.name}" is an icon without a tooltip: ${button.html}`);
    // Away in small steps, as a hand moves: a single jump leaves the tooltip thinking the
    // pointer is still on its way to it, and the next one would not open.
    await page.mouse.move(1, SMALL_WINDOW.height - 1, { steps: 4 });
    await page.mouse.move(2, SMALL_WINDOW.height - 2);
    await tooltip.first().waitFor({ state: "detached", timeout: 2000 }).catch(() => {});
  }
  return problems;
}

describe("a 1024x700 window", () => {
  it("shows every step's main actions without scrolling, and names every button", async () => {
    const app = (session = await openApp({ renderStepMs: 40 }, { viewport: SMALL_WINDOW }));
    const { page } = app;

    await byTest(page, "welcome-local").waitFor();
    expect(await byTest(page, "welcome-local").textContent()).toBe("Make a storybook");
    expect(await offScreen(page, ["welcome-local", "open-library"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);
    await shot(page, "01-welcome");

    await byTest(page, "welcome-local").click();
    await expectOnStep(page, "upload");
    await byTest(page, "paste").click();
    await byTest(page, "drawing-preview").waitFor();
    // A small picture is said in words, never in pixels.
    const caption = await byTest(page, "drawing-preview").locator("figcaption").textContent();
    expect(caption).toContain("Small picture: it may look a little blurry in the video.");
    expect(caption).not.toMatch(/\d+\s*[x×]\s*\d+/);
    expect(await offScreen(page, ["next"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);
    await shot(page, "02-upload");

    await byTest(page, "next").click();
    await expectOnStep(page, "recognize");
    await byTest(page, "recognition-status").waitFor();
    await byTest(page, "subject-chip-0").click();
    expect(await offScreen(page, ["back", "next"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);
    await shot(page, "03-recognize");

    await byTest(page, "next").click();
    await expectOnStep(page, "customize");
    await byTest(page, "listen-gentle").waitFor();
    expect(await offScreen(page, ["back", "next"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);
    await shot(page, "04-customize");

    await byTest(page, "next").click();
    await expectOnStep(page, "script");
    await byTest(page, "scene-text-1").waitFor();
    expect(await offScreen(page, ["back", "next", "write-another"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);
    // No character counters far from the limits.
    expect(await page.getByText(/\d+\/\d+/).count()).toBe(0);
    await shot(page, "05-script");

    await byTest(page, "next").click();
    await expectOnStep(page, "preview");
    expect(await byTest(page, "make-video").textContent()).toBe("Make a storybook");
    expect(await offScreen(page, ["back", "make-video"])).toEqual([]);
    await shot(page, "06-preview-before");
    await byTest(page, "make-video").click();
    await byTest(page, "render-progress").waitFor();
    expect(await offScreen(page, ["cancel-render", "render-stage", "render-bar"])).toEqual([]);
    await shot(page, "07-making");

    const video = byTest(page, "video");
    await video.waitFor({ timeout: 15_000 });
    await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await offScreen(page, ["back", "saved-in-library", "remove-from-library", "make-video", "next", "video-play"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);

    // Playing: nothing lies over the bottom fifth of the picture, where the captions are.
    await byTest(page, "video-play").click();
    await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.currentTime), { timeout: 5000 }).toBeGreaterThan(0);
    await video.hover();
    expect(await captionArea(page, "video")).toEqual({
      nativeControls: false,
      pictureShown: true,
      covered: [],
      overlappingControls: 0,
      controlsBelow: true,
    });
    await shot(page, "08-watch");
    await byTest(page, "video-play").click();
    expect(await video.evaluate((el: HTMLVideoElement) => el.paused)).toBe(true);

    await byTest(page, "next").click();
    await expectOnStep(page, "library");
    await byTest(page, "library-card").waitFor();
    await shot(page, "09-library-step");
    expect(await offScreen(page, ["back", "make-storybook", "library-rename", "library-export", "library-delete"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);

    // The library's own player: controls below the picture there too.
    await byTest(page, "library-play").click();
    const player = byTest(page, "library-video");
    await player.waitFor();
    await expect.poll(() => player.evaluate((el: HTMLVideoElement) => el.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await player.hover();
    const inDialog = await captionArea(page, "library-video");
    expect(inDialog).toMatchObject({ nativeControls: false, pictureShown: true, covered: [], overlappingControls: 0, controlsBelow: true });
    expect(await unnamedButtons(page)).toEqual([]);
    await shot(page, "10-library-player");
    await page.keyboard.press("Escape");
    await player.waitFor({ state: "detached" });

    // The library screen offers a new storybook at once.
    await byTest(page, "open-library").click();
    await byTest(page, "screen-library").waitFor();
    expect(await offScreen(page, ["make-storybook"])).toEqual([]);
    expect(await unnamedButtons(page)).toEqual([]);
    await shot(page, "11-library");
    await byTest(page, "make-storybook").click();
    await expectOnStep(page, "upload");
    expect(app.errors).toEqual([]);
  });

  it("keeps Back and Next in sight on a long story", async () => {
    const app = (session = await openApp({ resumeAt: "script" }, { viewport: SMALL_WINDOW }));
    const { page } = app;
    await expectOnStep(page, "script");
    for (let i = 0; i < 5; i += 1) await byTest(page, "add-scene").click();
    await byTest(page, "scene-text-8").fill("The end.");
    for (const scene of [4, 5, 6, 7]) await byTest(page, `scene-text-${scene}`).fill(`Scene ${scene} goes here.`);
    // Typing in one scene after adding others keeps the focus where the parent types.
    await byTest(page, "scene-text-4").click();
    await page.keyboard.press("End");
    await page.keyboard.type(" More.", { delay: 20 });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("scene-text-4");
    expect(await byTest(page, "scene-text-4").inputValue()).toBe("Scene 4 goes here. More.");
    expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight * 2)).toBe(true);
    expect(await offScreen(page, ["back", "next"])).toEqual([]);
    // Scrolled to the end, the bar is still there and nothing of the story hides under it.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const ends = await page.evaluate(() => {
      const bar = document.querySelector('[data-testid="step-actions"]')?.getBoundingClientRect();
      const add = document.querySelector('[data-testid="add-scene"]')?.getBoundingClientRect();
      return { barBottom: bar?.bottom ?? 0, addBottom: add?.bottom ?? 0, barTop: bar?.top ?? 0, height: window.innerHeight };
    });
    expect(ends.barBottom).toBeLessThanOrEqual(ends.height);
    expect(ends.addBottom).toBeLessThanOrEqual(ends.barTop);
    await shot(page, "12-long-story");
    expect(app.errors).toEqual([]);
  });

  it("shows a character counter only close to the limit", async () => {
    const app = (session = await openApp({ resumeAt: "script" }, { viewport: SMALL_WINDOW }));
    const { page } = app;
    await expectOnStep(page, "script");
    expect(await page.getByText(/\d+\/600/).count()).toBe(0);
    await byTest(page, "scene-text-1").fill("a".repeat(500));
    await byTest(page, "scene").first().getByText("500/600").waitFor();
    expect(await byTest(page, "scene-text-1").getAttribute("aria-describedby")).not.toBeNull();
    await byTest(page, "scene-text-1").fill("Short again.");
    await expect.poll(() => page.getByText(/\d+\/600/).count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
