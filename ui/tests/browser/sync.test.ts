/**
 * The family's cloud as a signed-in parent sees it: where each storybook lives, the header's
 * offline and waiting state, "Sync now", and deleting the account. The Rust side is answered by
 * the in-page fake (fake-tauri.ts).
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { LibraryEntry } from "../../src/bindings";
import { openApp, type AppSession } from "./harness";

let session: AppSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

const byTest = (page: Page, id: string) => page.getByTestId(id);
const USERS = [{ email: "sam@example.com", password: "Right-pass1", confirmed: true }];

function entry(id: string, title: string, sync: LibraryEntry["sync"]): LibraryEntry {
  return {
    id,
    run_id: null,
    title,
    video_path: "/home/parent/.local/share/nocomelon/media/library/x/story.mp4",
    thumbnail_path: "/home/parent/.local/share/nocomelon/media/library/x/story-thumb.png",
    duration_sec: 42,
    style: "storybook",
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    sync,
  };
}

async function syncBadges(page: Page): Promise<Record<string, string>> {
  const cards = await page.getByTestId("library-card").all();
  const found: Record<string, string> = {};
  for (const card of cards) {
    const title = (await card.getByTestId("library-title").textContent()) ?? "";
    found[title] = (await card.getByTestId("library-sync").textContent()) ?? "";
  }
  return found;
}

describe("the family's cloud", () => {
  it("shows offline with the changes that wait, then synced after Sync now", async () => {
    session = await openApp({
      cloud: { users: USERS, signedIn: "sam@example.com", offline: true },
      library: [entry("book-a", "Made offline", "waiting_to_sync"), entry("book-b", "Made before", "on_this_computer")],
    });
    const { page } = session;
    await expect.poll(() => byTest(page, "sync-headline").textContent()).toBe("Offline · 1 change waits");
    await byTest(page, "open-library").click();
    await byTest(page, "library-grid").waitFor();
    expect(await syncBadges(page)).toEqual({ "Made offline": "Waiting to sync", "Made before": "On this computer" });
    await byTest(page, "sync-status").click();
    expect(await byTest(page, "sync-problem").textContent()).toContain("sent again automatically");
    await page.screenshot({ path: join(inject("screenshotsDir"), "sync-offline.png"), fullPage: true });
    await page.keyboard.press("Escape");

    await page.evaluate(() => window.__fake.setOffline(false));
    await byTest(page, "sync-status").click();
    await byTest(page, "sync-now").click();
    await expect.poll(() => byTest(page, "sync-headline").textContent()).toBe("Synced");
    await expect.poll(() => syncBadges(page)).toEqual({ "Made offline": "Synced", "Made before": "On this computer" });
    expect(session.errors).toEqual([]);
  });

  it("pauses and resumes syncing from the header", async () => {
    session = await openApp({
      cloud: { users: USERS, signedIn: "sam@example.com" },
      library: [entry("book-a", "Made today", "waiting_to_sync")],
    });
    const { page } = session;
    await byTest(page, "sync-status").click();
    await byTest(page, "sync-pause").click();
    await expect.poll(() => byTest(page, "sync-headline").textContent()).toBe("Paused · 1 change waits");
    await byTest(page, "sync-status").click();
    await byTest(page, "sync-now").click();
    await expect.poll(() => byTest(page, "sync-headline").textContent()).toBe("Paused · 1 change waits");
    await byTest(page, "sync-status").click();
    await byTest(page, "sync-resume").click();
    await byTest(page, "sync-status").click();
    await byTest(page, "sync-now").click();
    await expect.poll(() => byTest(page, "sync-headline").textContent()).toBe("Synced");
    expect(session.errors).toEqual([]);
  });

  it("shows nothing about syncing to a parent who is not signed in", async () => {
    session = await openApp({ cloud: { users: USERS }, library: [entry("book-b", "Made here", "on_this_computer")] });
    const { page } = session;
    await byTest(page, "welcome-signin").waitFor();
    expect(await byTest(page, "sync-status").count()).toBe(0);
    await byTest(page, "open-library").click();
    await byTest(page, "library-grid").waitFor();
    expect(await syncBadges(page)).toEqual({ "Made here": "On this computer" });
  });

  it("deletes the account only after the email is typed, and keeps what was made on this computer", async () => {
    session = await openApp({
      cloud: { users: USERS, signedIn: "sam@example.com" },
      library: [entry("book-a", "In the cloud", "synced"), entry("book-b", "Made here", "on_this_computer")],
    });
    const { page } = session;
    await byTest(page, "account-menu").click();
    await byTest(page, "delete-account").click();
    await byTest(page, "delete-account-dialog").waitFor();
    expect(await byTest(page, "confirm-delete-account").isDisabled()).toBe(true);
    await byTest(page, "delete-account-email").fill("someone@else.org");
    expect(await byTest(page, "confirm-delete-account").isDisabled()).toBe(true);
    await byTest(page, "delete-account-email").fill("Sam@Example.com");
    await page.screenshot({ path: join(inject("screenshotsDir"), "delete-account.png"), fullPage: true });
    await byTest(page, "confirm-delete-account").click();
    await page.getByText("Your account is deleted", { exact: true }).waitFor();
    const [call] = await session.calls("delete_account");
    expect(call?.args).toEqual({ typedEmail: "Sam@Example.com", keepDrafts: true });
    await byTest(page, "welcome-signin").waitFor();
    expect(await byTest(page, "account-menu").count()).toBe(0);
    await byTest(page, "open-library").click();
    await expect.poll(() => syncBadges(page)).toEqual({ "Made here": "On this computer" });
    expect(session.errors).toEqual([]);
  });
});
