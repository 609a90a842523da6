/**
 * The autosave state is shown where the parent is typing (under the scene, beside the field),
 * not far away at the top of the page, and is still announced politely to screen readers.
 */
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import { openApp, type AppSession } from "./harness";

let session: AppSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

const byTest = (page: Page, id: string) => page.getByTestId(id);

/** How far (in pixels) the save state is from the field, and whether it sits in `container`. */
async function placeOfStatus(page: Page, field: Locator, container: Locator) {
  const status = byTest(page, "save-status");
  const [fieldBox, statusBox] = await Promise.all([field.boundingBox(), status.boundingBox()]);
  if (!fieldBox || !statusBox) throw new Error("the field or the save state is not shown");
  const gap = Math.max(statusBox.y - (fieldBox.y + fieldBox.height), fieldBox.y - (statusBox.y + statusBox.height), 0);
  const inside = await container.evaluate((box, id) => box.contains(document.querySelector(`[data-testid="${id}"]`)), "save-status");
  return { gap, inside };
}

describe("the autosave state", () => {
  it("shows under the scene being typed in, and moves with the edit", async () => {
    const app = (session = await openApp({ resumeAt: "script" }, { viewport: { width: 1024, height: 700 } }));
    const { page } = app;
    const scene2 = byTest(page, "scene-text-2");
    await scene2.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" It was sunny.", { delay: 20 });
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    expect(await byTest(page, "save-status").count()).toBe(1);
    const card2 = byTest(page, "scene").nth(1);
    const place = await placeOfStatus(page, scene2, card2);
    expect(place.inside).toBe(true);
    expect(place.gap).toBeLessThan(24);
    // On screen with the text area, without scrolling away from it.
    expect(await byTest(page, "save-status").evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    })).toBe(true);
    await page.screenshot({ path: join(inject("screenshotsDir"), "autosave-scene.png") });

    // Screen readers hear it from one polite place that stays in the page.
    const announcer = byTest(page, "save-announcer");
    expect(await announcer.getAttribute("aria-live")).toBe("polite");
    expect(await announcer.getAttribute("role")).toBe("status");
    expect(await announcer.textContent()).toBe("Saved");

    // Typing in the title: the state moves there.
    await byTest(page, "script-title").fill("A Sunny Day");
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    const title = await placeOfStatus(page, byTest(page, "script-title"), page.locator("label[for='story-title']").locator(".."));
    expect(title.gap).toBeLessThan(24);
    expect(await byTest(page, "scene").nth(1).getByTestId("save-status").count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("shows beside the choice or field changed in Customize, which saves by itself", async () => {
    const app = (session = await openApp({ resumeAt: "customize" }, { viewport: { width: 1024, height: 700 } }));
    const { page } = app;
    await byTest(page, "style-crayon").click();
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    expect((await app.calls("save_customization")).at(-1)?.args).toMatchObject({ customization: { style: "crayon" } });
    const style = await placeOfStatus(page, page.locator("#style-label"), page.locator("#style-label").locator(".."));
    expect(style.inside).toBe(true);

    await byTest(page, "pet").fill("Biscuit the dog");
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Saved");
    const pet = await placeOfStatus(page, byTest(page, "pet"), byTest(page, "pet").locator(".."));
    expect(pet.inside).toBe(true);
    expect(pet.gap).toBeLessThan(24);
    expect((await app.calls("save_customization")).at(-1)?.args).toMatchObject({
      customization: { style: "crayon", personal_context: { pet: "Biscuit the dog" } },
    });
    await page.screenshot({ path: join(inject("screenshotsDir"), "autosave-customize.png") });

    // A save that fails says so beside the field and keeps the parent on the step until it is stored.
    await page.evaluate(() => window.__fake.failNextCustomizationSaves(1));
    await byTest(page, "place").fill("The beach");
    await expect.poll(() => byTest(page, "save-status").textContent()).toBe("Not saved - retrying");
    expect(await byTest(page, "place").locator("..").getByTestId("save-status").count()).toBe(1);
    await expect.poll(() => byTest(page, "save-status").textContent(), { timeout: 5000 }).toBe("Saved");
    await byTest(page, "next").click();
    await byTest(page, "step-script").waitFor();
    expect((await app.calls("save_customization")).at(-1)?.args).toMatchObject({
      customization: { personal_context: { place: "The beach" } },
    });
    expect(app.errors).toEqual([]);
  });
});
