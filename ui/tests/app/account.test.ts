/**
 * Family accounts in the real NoComelon app, Rust and all, in a real window, against the local
 * AWS emulator (infrastructure/local: moto with real SRP sign-in), freshly provisioned, with the
 * desktop's keychain (GNOME Keyring on a private session bus) and a fresh data folder: creating
 * an account, staying signed in across a restart, signing out, an account an administrator made,
 * and a wrong password.
 *
 * All the while, every file the app may write is searched for tokens and passwords. Screenshots:
 * ui/test-results/account-app-*.png; logs: ui/test-results/account-app-driver.log and
 * account-app-emulator.log.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { startEmulator, startServices, type Emulator, type Services } from "./emulator";
import { FIXTURES_DIR, RESULTS_DIR, startEnvironment } from "./environment";
import { clickTest, Journey, waitForOrToast } from "./journey";
import { DiskWatch, KEYCHAIN_SERVICE, keychainLookup, keychainSearch } from "./secrets";
import { type Session, sleep, waitUntil } from "./webdriver";

const journey = new Journey("account-app");
let emulator: Emulator | undefined;
let services: Services | undefined;
let watch: DiskWatch | undefined;
const reported = new Set<string>();

/** Signs up in the window. */
const PARENT = { email: "mia.parent@example.org", password: "Dinosaur7Moon", wrongPassword: "Dinosaur7Sun" };
/** Made by an administrator with a temporary password; chooses its own at the first sign-in. */
const INVITED = { email: "grandma.rose@example.org", temporaryPassword: "Welcome2Home", password: "Rainbow5Kite" };

beforeAll(async () => {
  await mkdir(RESULTS_DIR, { recursive: true });
  emulator = await startEmulator(join(RESULTS_DIR, "account-app-emulator.log"));
  services = await startServices(emulator.configPath, join(RESULTS_DIR, "account-app-services.log"));
  const env = await startEnvironment({ cloudConfig: emulator.configPath, keyring: true, name: "account-app" });
  journey.env = env;
  // The keychain's own files are where the refresh token belongs (encrypted); nowhere else, not
  // even in the app's log. (The graphics driver's compiled shaders are left out: a megabyte of
  // machine code may hold "eyJ" by chance.)
  const shaders = env.appDirs.map((dir) => join(dir, "mesa_shader_cache"));
  watch = new DiskWatch([...env.appDirs, env.logPath], [env.keyringDir, ...shaders]);
  // A token's header is base64 JSON naming its algorithm or key first. Three letters ("eyJ") would
  // also turn up by chance in megabytes of video, so the watch looks for the longer start.
  watch.watchFor('a token header ("eyJhbGciOi", how a token naming its algorithm first starts)', "eyJhbGciOi");
  watch.watchFor('a token header ("eyJraWQiOi", how a token naming its key first starts)', "eyJraWQiOi");
  watch.watchFor("the password typed at sign-up", PARENT.password);
  watch.watchFor("the wrong password typed", PARENT.wrongPassword);
  watch.watchFor("the temporary password", INVITED.temporaryPassword);
  watch.watchFor("the new password", INVITED.password);
  watch.start();
});

afterAll(async () => {
  watch?.stop();
  try {
    await journey.close();
  } finally {
    await services?.stop();
    await emulator?.stop();
  }
});

/**
 * Pastes the fixture `drawing` on the Upload step and goes through Recognize (typing `subject`
 * when none was suggested) and Customize until the story is written; returns what each step's
 * note said about the engine that answered, with a screenshot of each (`shot` names them).
 */
async function draftStoryFrom(session: Session, drawing: string, subject: string, shot: string) {
  await journey.environment().copyImage(join(FIXTURES_DIR, drawing));
  await clickTest(session, "paste");
  await waitForOrToast(session, "drawing-preview", 30_000);
  await clickTest(session, "next");
  await waitForOrToast(session, "recognition-status", 120_000);
  const recognized = await engineNote(session);
  await journey.shot(`recognized-${shot}`);
  const subjectInput = await session.waitForTest("subject-input");
  if (String(await subjectInput.property("value")).trim() === "") await subjectInput.type(subject);
  await clickTest(session, "next");
  await session.waitForTest("step-customize");
  await clickTest(session, "next");
  await waitForOrToast(session, "scene-text-1", 180_000);
  const written = await engineNote(session);
  await journey.shot(`written-${shot}`);
  return { recognized, written };
}

/** Which engine the step's note says answered ("service" or "on_device"), and its words. */
async function engineNote(session: Session): Promise<{ engine: string; text: string }> {
  const note = await session.waitForTest("engine-note", 60_000);
  return { engine: String(await note.attribute("data-engine")), text: String(await note.text()) };
}

const step = (name: string, needs: string | null, body: (problems: string[]) => Promise<void>) =>
  journey.step(name, needs, body);

function cloud(): Emulator {
  if (!emulator) throw new Error("The emulator did not start.");
  return emulator;
}

/** The keychain entry the app files the refresh token under, for this user pool and app client. */
function keychainKey(): Record<string, string> {
  const { user_pool_id, client_id } = cloud().config;
  return { service: KEYCHAIN_SERVICE, username: `refresh-token/${user_pool_id}/${client_id}` };
}

/** Searches the app's files once more and reports anything found since the last report. */
function checkDisk(problems: string[]): void {
  if (!watch) throw new Error("The file watch did not start.");
  watch.scan();
  for (const finding of watch.findings()) {
    if (reported.has(finding)) continue;
    reported.add(finding);
    problems.push(`A secret was written to disk: ${finding}.`);
  }
}

/** The app's keychain holds exactly one entry, the refresh token of this pool and client; it is watched for on disk. */
function expectKeychainEntry(problems: string[], who: string): void {
  const env = journey.environment();
  const found = keychainSearch(env.processEnv);
  if (found.items.length !== 1) {
    problems.push(`The keychain holds ${found.items.length} ${KEYCHAIN_SERVICE} entries for ${who}, not one.`);
  }
  const key = keychainKey();
  const refresh = keychainLookup(env.processEnv, key);
  if (!refresh) {
    problems.push(`The keychain has no entry ${key.username} for ${who}.`);
    return;
  }
  watch?.watchFor(`the refresh token of ${who}`, refresh);
}

function expectKeychainEmpty(problems: string[]): void {
  const found = keychainSearch(journey.environment().processEnv);
  if (found.items.length > 0) {
    problems.push(
      `After signing out the keychain still holds ${found.items.length} ${KEYCHAIN_SERVICE} entries (${found.attributes.join(", ")}).`,
    );
  }
}

interface AccountView {
  /** account-flow's data-screen; null when no account screen is shown. */
  screen: string | null;
  /** The message of an error note on the account screen. */
  errorNote: string | null;
  /** The email in the header's account menu; null when nobody is signed in. */
  signedInAs: string | null;
}

function accountView(session: Session): Promise<AccountView> {
  return session.execute<AccountView>(
    "const flow = document.querySelector('[data-testid=\"account-flow\"]');" +
      " const error = document.querySelector('[data-testid=\"account-notice\"][data-tone=\"error\"] [data-testid=\"account-notice-message\"]');" +
      " const email = document.querySelector('[data-testid=\"account-email\"]');" +
      " return { screen: flow ? flow.dataset.screen : null, errorNote: error ? error.innerText.trim() : null," +
      " signedInAs: email ? email.innerText.trim() : null };",
  );
}

/**
 * Polls the account view until `done` says so; fails at once when `refused` finds the app
 * showing an error instead, and after `timeoutMs` with what was on screen.
 */
async function waitForView(
  session: Session,
  what: string,
  done: (view: AccountView) => boolean,
  refused: (view: AccountView) => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await accountView(session);
    if (done(view)) return;
    if (refused(view)) throw new Error(`Instead of ${what}, the app said: ${view.errorNote}`);
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what} (account screen: ${view.screen ?? "none"}, account menu: ${view.signedInAs ?? "none"}).`,
      );
    }
    await sleep(250);
  }
}

/** Waits for the account screen `name`, or fails at once with the error the app shows instead. */
function waitForScreen(session: Session, name: string, timeoutMs = 30_000): Promise<void> {
  return waitForView(
    session,
    `the "${name}" screen`,
    (view) => view.screen === name,
    (view) => view.errorNote !== null,
    timeoutMs,
  );
}

/** Waits until the window is back on the welcome screen with `email` in the account menu. */
async function waitForSignedIn(session: Session, email: string, timeoutMs = 30_000): Promise<void> {
  await waitForView(
    session,
    `the account menu to show ${email}`,
    (view) => view.screen === null && view.signedInAs === email,
    (view) => view.screen !== null && view.errorNote !== null,
    timeoutMs,
  );
  // Read from the page: WebKitWebDriver counts the truncated (ellipsis) label as not shown.
  const menu = await session.execute<{ text: string; width: number; visible: boolean; label: string | null }>(
    "const e = document.querySelector('[data-testid=\"account-email\"]'); const r = e.getBoundingClientRect(); const s = getComputedStyle(e);" +
      " return { text: e.innerText.trim(), width: r.width, visible: s.display !== 'none' && s.visibility === 'visible'," +
      " label: document.querySelector('[data-testid=\"account-menu\"]').getAttribute('aria-label') };",
  );
  expect(menu.text).toBe(email);
  expect(menu.visible && menu.width > 0, "the email in the account menu is not shown").toBe(true);
  expect(menu.label).toBe(`Account: ${email}`);
  expect(await (await session.waitForTest("welcome-account")).text()).toContain(email);
}

async function typeInto(session: Session, testId: string, text: string): Promise<void> {
  const field = await session.waitForTest(testId);
  await field.clear();
  await field.type(text);
  await waitUntil(`${testId} to hold what was typed`, async () => String(await field.property("value")) === text, 5000);
}

/** The password rules the window lists, each with whether it is ticked: {length: false, ...}. */
async function checklist(session: Session): Promise<Record<string, boolean>> {
  await session.waitForTest("policy-checklist");
  return session.execute<Record<string, boolean>>(
    "return Object.fromEntries([...document.querySelectorAll('[data-testid=\"policy-checklist\"] [data-testid^=\"policy-\"]')]" +
      ".map((li) => [li.dataset.testid.slice('policy-'.length), li.dataset.met === 'true']));",
  );
}

async function submitEnabled(session: Session): Promise<boolean> {
  return (await session.waitForTest("auth-submit")).enabled();
}

/** The welcome screen offers "Sign in", enabled, and nobody is signed in. */
async function expectSignedOutWelcome(session: Session): Promise<void> {
  const signIn = await session.waitForTest("welcome-signin", 30_000);
  await waitUntil('"Sign in" to be enabled', () => signIn.enabled(), 20_000).catch(async (error: unknown) => {
    const reason = await (await session.byTest("signin-reason"))?.text();
    throw new Error(`"Sign in" stays disabled${reason ? `; under it: "${reason}"` : ""}.`, { cause: error });
  });
  expect(await session.byTest("account-menu"), "the account menu is still in the header").toBeNull();
  expect(await session.byTest("welcome-account"), "the welcome screen still says who is signed in").toBeNull();
}

/** Opens the account menu, checks it names `email`, and chooses "Sign out". */
async function signOutFromMenu(session: Session, email: string, problems: string[]): Promise<void> {
  await clickTest(session, "account-menu");
  const item = await session.waitForTest("sign-out");
  const menu = await session.execute<string>("return document.querySelector('[role=\"menu\"]')?.innerText ?? '';");
  if (!menu.includes(email)) problems.push(`The open account menu does not name ${email}: "${menu}".`);
  await journey.shot(`menu-${email.split("@")[0] ?? "account"}`);
  await item.click();
  await expectSignedOutWelcome(session);
  const said = await waitUntil("the sign-out toast", async () => {
    const messages = await journey.toasts();
    return messages.length > 0 ? messages : undefined;
  }).catch(() => []);
  if (!said.some((message) => message.includes("Signed out."))) {
    problems.push(`Signing out did not say "Signed out." (toasts: ${said.join(" | ") || "none"}).`);
  }
}

describe("family accounts in the real app", () => {
  step("offers Sign in on the welcome screen", null, async (problems) => {
    const session = await journey.launch();
    await session.waitForTest("welcome-local");
    await expectSignedOutWelcome(session);
    await journey.shot("01-welcome");
    checkDisk(problems);
  });

  step("signs up, confirms with the emailed code and signs in", "offers Sign in on the welcome screen", async (problems) => {
    const session = journey.current();
    await clickTest(session, "welcome-signin");
    await waitForScreen(session, "sign_in");
    await clickTest(session, "auth-signup");
    await waitForScreen(session, "sign_up");

    // The rules are listed before anything is typed, none ticked, and the form cannot be sent.
    const empty = await checklist(session);
    expect(Object.keys(empty).sort()).toEqual(["length", "lowercase", "number", "uppercase"]);
    expect(Object.values(empty).every((met) => !met), `rules ticked before typing: ${JSON.stringify(empty)}`).toBe(true);
    expect(await submitEnabled(session)).toBe(false);
    await typeInto(session, "auth-email", PARENT.email);
    await journey.shot("02-sign-up-rules");

    // They tick off while typing; a password short of one rule cannot be sent.
    await typeInto(session, "auth-new-password", "dinosaur7");
    expect(await checklist(session)).toEqual({ length: true, lowercase: true, number: true, uppercase: false });
    expect(await submitEnabled(session)).toBe(false);
    await typeInto(session, "auth-new-password", PARENT.password);
    expect(await checklist(session)).toEqual({ length: true, lowercase: true, number: true, uppercase: true });
    await waitUntil("the sign-up button to be enabled", () => submitEnabled(session), 5000);
    await journey.shot("03-sign-up-filled");
    await clickTest(session, "auth-submit");

    await waitForScreen(session, "confirm_sign_up");
    const sent = await (await session.waitForTest("account-notice-message")).text();
    if (!sent.startsWith("We sent a code")) problems.push(`After sign-up the note says "${sent}", not where the code went.`);
    expect(await session.pageText()).toContain(PARENT.email);
    const code = await waitUntil("the emulator to hold the sign-up code", async () => (await cloud().codes(PARENT.email)).sign_up);
    expect(code).toMatch(/^\d{6}$/);
    await journey.shot("04-confirm");
    await typeInto(session, "auth-code", code);
    await clickTest(session, "auth-submit");

    await waitForScreen(session, "sign_in");
    const confirmed = await session.waitForTest("account-notice");
    expect(await confirmed.attribute("data-tone")).toBe("success");
    expect(await (await session.waitForTest("account-notice-message")).text()).toBe(
      "Your account is confirmed. Sign in with your password.",
    );
    // The form keeps the email, never the password.
    expect(await (await session.waitForTest("auth-email")).property("value")).toBe(PARENT.email);
    expect(await (await session.waitForTest("auth-password")).property("value")).toBe("");
    await journey.shot("05-confirmed");
    await typeInto(session, "auth-password", PARENT.password);
    await clickTest(session, "auth-submit");

    await waitForSignedIn(session, PARENT.email);
    await journey.shot("06-signed-in");
    expectKeychainEntry(problems, PARENT.email);
    // Who is signed in is remembered in the data folder (not secret): the search must find it there.
    const remembered = watch?.filesContaining(PARENT.email) ?? [];
    expect(remembered.some((file) => file.startsWith(journey.environment().dataDir)), "the file search found nothing the app wrote").toBe(true);
    checkDisk(problems);
  });

  step("is still signed in after the app is killed and opened again", "signs up, confirms with the emailed code and signs in", async (problems) => {
    const session = await journey.relaunchAfterKill();
    await waitForSignedIn(session, PARENT.email);
    expect(await session.byTest("welcome-signin"), '"Sign in" is offered although the parent is signed in').toBeNull();
    expect(await session.byTest("account-flow"), "the app asks to sign in again").toBeNull();
    await journey.shot("07-reopened-signed-in");
    expectKeychainEntry(problems, PARENT.email);
    checkDisk(problems);
  });

  step("makes a storybook signed in and sees it synced to the family's own space", "is still signed in after the app is killed and opened again", async (problems) => {
    const session = journey.current();
    await clickTest(session, "welcome-local");
    await session.waitForTest("step-upload");
    const { recognized, written } = await draftStoryFrom(session, "pig.png", "a pig", "by-the-service");
    expect(recognized.engine, `Recognize says: ${recognized.text}`).toBe("service");
    expect(written.engine, `Script says: ${written.text}`).toBe("service");
    const title = String(await (await session.waitForTest("script-title")).property("value"));
    await clickTest(session, "next");
    await session.waitForTest("step-preview");
    await clickTest(session, "make-video");
    await waitForOrToast(session, "video", 15 * 60_000);
    // A finished storybook is in the library by itself.
    await session.waitForTest("saved-in-library", 60_000);
    await clickTest(session, "next");
    await session.waitForTest("step-library", 60_000);

    // The storybook says it is synced once the background sync has sent it, and the header agrees.
    const badge = await waitUntil(
      "the storybook to say Synced",
      async () => {
        const text = await session.execute<string | null>(
          "const b = document.querySelector('[data-testid=\"library-sync\"]'); return b ? b.innerText.trim() : null;",
        );
        return text === "Synced" ? text : undefined;
      },
      120_000,
      1000,
    ).catch(async () => {
      // What the library screen itself says, read fresh.
      await clickTest(session, "open-library");
      const shown = await session.waitForTest("library-sync", 15_000).catch(() => null);
      return (await shown?.text()) ?? "no badge";
    });
    if (badge !== "Synced") problems.push(`The storybook says "${badge}", not "Synced".`);
    const headline = await waitUntil("the header to say Synced", async () => {
      const text = await (await session.byTest("sync-headline"))?.text();
      return text === "Synced" ? text : undefined;
    }, 30_000).catch(() => null);
    if (headline === null) problems.push("The header does not say the family's cloud is synced.");
    await journey.shot("07b-synced");

    // In the family's own prefix and partition, as an administrator sees them.
    const contents = await cloud().cloudContents();
    const item = contents.library.find((entry) => entry.title === title);
    if (!item) {
      problems.push(`The library table has no item titled "${title}" (items: ${JSON.stringify(contents.library)}).`);
      return;
    }
    const identity = item.user_id ?? "";
    expect(identity).toMatch(/^[a-z]{2}-[a-z]+-\d:/);
    for (const key of contents.keys) expect(key.startsWith(`${identity}/`), `${key} is outside the family's prefix`).toBe(true);
    expect(contents.keys).toEqual(expect.arrayContaining([item.video_key, item.thumbnail_key]));
    expect(contents.keys.some((key) => key.startsWith(`${identity}/drawings/`)), "the drawing was uploaded").toBe(true);
    checkDisk(problems);
  });

  step("answers on this computer when the story services stop, and says so", "makes a storybook signed in and sees it synced to the family's own space", async () => {
    await services?.stop();
    const session = journey.current();
    await clickTest(session, "home");
    await clickTest(session, "welcome-local");
    await session.waitForTest("step-upload");
    const { recognized, written } = await draftStoryFrom(session, "boy-purple.png", "a boy", "on-the-computer");
    expect(recognized.engine, `Recognize says: ${recognized.text}`).toBe("on_device");
    expect(recognized.text, "the parent is told the service could not help").toMatch(/service/i);
    expect(written.engine, `Script says: ${written.text}`).toBe("on_device");
    expect(written.text, "the parent is told the service could not help").toMatch(/service/i);
    // The parent removes this draft from the welcome screen, so nothing is left to resume.
    await clickTest(session, "home");
    await clickTest(session, "resume-remove");
    await clickTest(session, "resume-remove-confirm");
    await waitUntil("the draft to be gone", async () => ((await session.byTest("resume-run")) === null ? true : undefined), 15_000);
  });

  step("signs out from the account menu and forgets the sign-in", "is still signed in after the app is killed and opened again", async (problems) => {
    const session = journey.current();
    await signOutFromMenu(session, PARENT.email, problems);
    await journey.shot("08-signed-out");
    expectKeychainEmpty(problems);
    checkDisk(problems);

    // The next launch starts signed out too.
    const reopened = await journey.relaunchAfterKill();
    await expectSignedOutWelcome(reopened);
    await journey.shot("09-reopened-signed-out");
    expectKeychainEmpty(problems);
    checkDisk(problems);
  });

  step("signs in an account an administrator created and sets its own password", "signs out from the account menu and forgets the sign-in", async (problems) => {
    const session = journey.current();
    await cloud().adminCreateUser(INVITED.email, INVITED.temporaryPassword);
    await clickTest(session, "welcome-signin");
    await waitForScreen(session, "sign_in");
    await typeInto(session, "auth-email", INVITED.email);
    await typeInto(session, "auth-password", INVITED.temporaryPassword);
    await clickTest(session, "auth-submit");

    await waitForScreen(session, "new_password");
    expect(await (await session.waitForTest("account-heading")).text()).toBe("Choose a new password");
    const rules = await checklist(session);
    expect(Object.values(rules).every((met) => !met), `rules ticked before typing: ${JSON.stringify(rules)}`).toBe(true);
    expect(await submitEnabled(session)).toBe(false);
    await journey.shot("10-new-password");
    await typeInto(session, "auth-new-password", INVITED.password);
    expect(Object.values(await checklist(session)).every(Boolean)).toBe(true);
    await clickTest(session, "auth-submit");

    await waitForSignedIn(session, INVITED.email);
    await journey.shot("11-invited-signed-in");
    expectKeychainEntry(problems, INVITED.email);
    checkDisk(problems);
  });

  step("says the password is wrong and stays on the sign-in form", "signs in an account an administrator created and sets its own password", async (problems) => {
    const session = journey.current();
    await signOutFromMenu(session, INVITED.email, problems);
    expectKeychainEmpty(problems);

    await clickTest(session, "welcome-signin");
    await waitForScreen(session, "sign_in");
    await typeInto(session, "auth-email", PARENT.email);
    await typeInto(session, "auth-password", PARENT.wrongPassword);
    await clickTest(session, "auth-submit");

    const notice = await session.waitForTest("account-notice", 30_000);
    await waitUntil("the sign-in to finish", async () => (await (await session.waitForTest("auth-submit")).attribute("aria-busy")) !== "true");
    expect(await notice.attribute("data-tone")).toBe("error");
    const message = await (await session.waitForTest("account-notice-message")).text();
    expect(message).toMatch(/password/i);
    expect(message).toMatch(/don't match|doesn't match|wrong|incorrect/i);
    // Plain words for a parent: no service names, error codes or stack traces.
    expect(message).not.toMatch(/exception|error code|notauthorized|cognito|http|\bat \w+\.rs/i);
    expect((await accountView(session)).screen).toBe("sign_in");
    expect(await (await session.waitForTest("auth-email")).property("value")).toBe(PARENT.email);
    expect(await (await session.waitForTest("auth-password")).property("value"), "the typed password is kept in the form").toBe("");
    expect(await session.byTest("account-action-forgot_password"), "no way to reset the password is offered").not.toBeNull();
    expect(await session.byTest("account-menu"), "a wrong password signed someone in").toBeNull();
    await journey.shot("12-wrong-password");
    expectKeychainEmpty(problems);
    checkDisk(problems);
  });
});
