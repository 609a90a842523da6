/**
 * Choosing the narrator in the built app: each voice is listed with an honest description from
 * the app, and "Listen" plays a sample before the parent chooses, saying so while it is being
 * made and in plain words when it cannot be.
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

async function onCustomize(config: FakeConfig = {}): Promise<AppSession> {
  session = await openApp({ resumeAt: "customize", ...config });
  await session.page.getByTestId("step-customize").waitFor();
  return session;
}

const byTest = (page: Page, id: string) => page.getByTestId(id);

/** Records, inside the page, every sample the player starts playing. */
async function watchSamples(page: Page) {
  await page.evaluate(() => {
    const player = document.querySelector<HTMLAudioElement>('[data-testid="voice-sample"]');
    if (!player) throw new Error("no sample player");
    const played: string[] = [];
    (window as unknown as { __played: string[] }).__played = played;
    player.addEventListener("playing", () => played.push(new URL(player.currentSrc).pathname));
  });
  return () => page.evaluate(() => (window as unknown as { __played: string[] }).__played);
}

describe("the narrators", () => {
  it("are listed with what they really sound like", async () => {
    const app = await onCustomize();
    const { page } = app;
    await byTest(page, "voice-gentle").waitFor();
    expect((await app.calls("voice_offers")).length).toBe(1);
    expect(await byTest(page, "voice-gentle").textContent()).toContain("Gentle (robot voice)");
    expect(await byTest(page, "voice-description-gentle").textContent()).toBe(
      "espeak-ng: clear but robotic, read slowly and softly",
    );
    expect(await byTest(page, "voice-description-grandparent").textContent()).toBe(
      "espeak-ng: clear but robotic, slow and deep",
    );
    // The run's voice is the one chosen; the description is read out with it.
    expect(await byTest(page, "voice-gentle").getAttribute("aria-checked")).toBe("true");
    const described = await byTest(page, "voice-gentle").getAttribute("aria-describedby");
    expect(await page.locator(`[id="${described}"]`).textContent()).toContain("robotic");
    expect(app.errors).toEqual([]);
  });

  it("play a sample on Listen, with a moment's wait shown while it is made", async () => {
    const app = await onCustomize({ voices: { sampleDelayMs: 800 } });
    const { page } = app;
    const listen = byTest(page, "listen-grandparent");
    await listen.waitFor();
    expect(await listen.textContent()).toBe("Listen");
    const played = await watchSamples(page);

    await listen.click();
    await expect.poll(() => listen.getAttribute("data-state")).toBe("making");
    expect(await listen.textContent()).toBe("Making a sample…");
    expect(await listen.isDisabled()).toBe(true);
    await page.screenshot({ path: join(inject("screenshotsDir"), "voices-making.png") });

    await expect.poll(() => listen.getAttribute("data-state"), { timeout: 5000 }).toBe("playing");
    expect(await played()).toEqual(["/__media/voice-grandparent.wav"]);
    expect(await byTest(page, "voice-sample").evaluate((el: HTMLAudioElement) => el.paused)).toBe(false);
    expect(await listen.textContent()).toBe("Stop");
    expect(await app.calls("preview_voice")).toMatchObject([{ args: { voice: "grandparent" } }]);
    await page.screenshot({ path: join(inject("screenshotsDir"), "voices-playing.png") });

    // Listening chooses nothing; the sample ends by itself and the button is ready again.
    expect(await byTest(page, "voice-grandparent").getAttribute("aria-checked")).toBe("false");
    await expect.poll(() => listen.getAttribute("data-state"), { timeout: 5000 }).toBe("idle");

    // Another voice: its own sample.
    await byTest(page, "listen-cheerful").click();
    await expect.poll(() => byTest(page, "listen-cheerful").getAttribute("data-state"), { timeout: 5000 }).toBe("playing");
    expect(await played()).toEqual(["/__media/voice-grandparent.wav", "/__media/voice-cheerful.wav"]);
    // Stop stops it.
    await byTest(page, "listen-cheerful").click();
    expect(await byTest(page, "voice-sample").evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);
    expect(await byTest(page, "listen-cheerful").getAttribute("data-state")).toBe("idle");
    expect(app.errors).toEqual([]);
  });

  it("say in plain words when a sample cannot be made", async () => {
    const app = await onCustomize({ voices: { sampleFails: "The narrator voice isn't installed on this computer." } });
    const { page } = app;
    await byTest(page, "listen-gentle").click();
    const error = byTest(page, "listen-error-gentle");
    await error.waitFor();
    expect(await error.textContent()).toBe(
      "The sample could not be made. The narrator voice isn't installed on this computer.",
    );
    expect(await error.getAttribute("role")).toBe("alert");
    expect(await byTest(page, "listen-gentle").isEnabled()).toBe(true);
    await page.screenshot({ path: join(inject("screenshotsDir"), "voices-failed.png") });
    expect(app.errors).toEqual([]);
  });

  it("can still be chosen by name when the app cannot describe them", async () => {
    const app = await onCustomize({ voices: { listFails: true } });
    const { page } = app;
    await byTest(page, "voice-cheerful").click();
    expect(await byTest(page, "voice-cheerful").textContent()).toContain("Cheerful");
    expect(await byTest(page, "voice-description-cheerful").count()).toBe(0);
    await byTest(page, "next").click();
    await byTest(page, "step-script").waitFor();
    const saved = (await app.calls("save_customization")).at(-1)?.args as { customization: { voice_type: string } };
    expect(saved.customization.voice_type).toBe("cheerful");
    expect(app.errors).toEqual([]);
  });
});
