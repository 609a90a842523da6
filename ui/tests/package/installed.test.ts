/**
 * The app as installed from its .deb (/usr/bin/nocomelon-desktop), run by
 * src-tauri/scripts/package-test.sh after an upgrade: it opens on its first screen, and the
 * storybook a family made before the upgrade is still in its library.
 *
 * NOCOMELON_PACKAGE_DATA_DIR names the data folder the previous version left.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEnvironment } from "../app/environment";
import { Journey } from "../app/journey";

const journey = new Journey("package");
const dataDir = process.env.NOCOMELON_PACKAGE_DATA_DIR;

beforeAll(async () => {
  if (!dataDir) throw new Error("Set NOCOMELON_PACKAGE_DATA_DIR to the data folder the previous version left.");
  journey.env = await startEnvironment({ name: "package", dataDir, drawings: false });
});

afterAll(async () => {
  await journey.close();
});

describe("the installed app", () => {
  it("opens on its first screen with the family's storybook from before the upgrade", async () => {
    const session = await journey.launch();
    await session.waitForTest("screen-welcome", 30_000);
    await journey.shot("installed-welcome");
    await (await session.waitForTest("open-library", 30_000)).click();
    await session.waitForTest("library-card", 30_000);
    const books = await session.findAll('[data-testid="library-card"]');
    expect(books, "the storybook made before the upgrade is in the library").toHaveLength(1);
    await journey.shot("installed-library");
  });
});
