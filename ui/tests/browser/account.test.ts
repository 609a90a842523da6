/**
 * Signing in, signing up and signing out in the built app, with the Rust side's account commands
 * answered by the in-page fake (fake-tauri.ts).
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { FakeCloud } from "./fake-tauri";
import { openApp, type AppSession } from "./harness";

let session: AppSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function start(cloud: FakeCloud): Promise<AppSession> {
  session = await openApp({ cloud });
  return session;
}

const byTest = (page: Page, id: string) => page.getByTestId(id);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(inject("screenshotsDir"), `account-${name}.png`), fullPage: true });

async function onScreen(page: Page, name: string) {
  await page.locator(`[data-testid="account-flow"][data-screen="${name}"]`).waitFor();
}

async function lastArgs<T>(app: AppSession, cmd: string): Promise<T> {
  const last = (await app.calls(cmd)).at(-1);
  if (!last) throw new Error(`${cmd} was never called`);
  return last.args as T;
}

/** Every value in the page's inputs and storage, to check no password or code stays behind. */
async function everythingKept(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({
      inputs: [...document.querySelectorAll("input")].map((input) => input.value),
      local: { ...localStorage },
      session: { ...sessionStorage },
    }),
  );
}

async function signIn(page: Page, email: string, password: string) {
  await byTest(page, "welcome-signin").click();
  await onScreen(page, "sign_in");
  await byTest(page, "auth-email").fill(email);
  await byTest(page, "auth-password").fill(password);
  await byTest(page, "auth-submit").click();
}

async function expectSignedIn(page: Page, email: string) {
  await byTest(page, "account-menu").waitFor();
  expect(await byTest(page, "account-email").textContent()).toBe(email);
  expect(await byTest(page, "welcome-account").textContent()).toContain(email);
  await page.getByText(`Signed in as ${email}.`).waitFor();
}

describe("signing in", () => {
  it("asks for a new password with the rules shown first, then signs in", async () => {
    const app = await start({
      users: [
        { email: "sam@example.com", password: "Temp-pass1", confirmed: true, challenge: "new_password", requiredAttributes: ["name"] },
      ],
    });
    const { page } = app;
    await byTest(page, "welcome-local").waitFor();
    expect(await byTest(page, "welcome-signin").isEnabled()).toBe(true);
    expect(await byTest(page, "signin-reason").count()).toBe(0);

    await signIn(page, "sam@example.com", "Temp-pass1");
    await onScreen(page, "new_password");
    expect(await lastArgs(app, "sign_in")).toEqual({ email: "sam@example.com", password: "Temp-pass1" });

    // The rules are listed before anything is typed, none met, and saving waits for them.
    const rules = byTest(page, "policy-checklist").locator("li");
    expect(await rules.allTextContents()).toEqual([
      "At least 8 characters (not yet)",
      "An uppercase letter (A-Z) (not yet)",
      "A lowercase letter (a-z) (not yet)",
      "A number (0-9) (not yet)",
      "A symbol, such as ! ? # or @ (not yet)",
    ]);
    expect(await byTest(page, "auth-submit").isDisabled()).toBe(true);
    expect(await byTest(page, "auth-new-password").getAttribute("autocomplete")).toBe("new-password");

    const field = byTest(page, "auth-new-password");
    await field.pressSequentially("lemon7");
    expect(await byTest(page, "policy-lowercase").getAttribute("data-met")).toBe("true");
    expect(await byTest(page, "policy-number").getAttribute("data-met")).toBe("true");
    expect(await byTest(page, "policy-uppercase").getAttribute("data-met")).toBe("false");
    expect(await byTest(page, "policy-length").getAttribute("data-met")).toBe("false");
    await field.pressSequentially("Tree!");
    expect(await rules.evaluateAll((items) => items.map((item) => item.getAttribute("data-met")))).toEqual([
      "true", "true", "true", "true", "true",
    ]);
    // The account also needs a name.
    expect(await byTest(page, "auth-submit").isDisabled()).toBe(true);
    await byTest(page, "auth-attribute-name").fill("Sam Parent");
    expect(await byTest(page, "auth-attribute-name").getAttribute("autocomplete")).toBe("name");
    await shot(page, "new-password");
    await byTest(page, "auth-submit").click();

    await expectSignedIn(page, "sam@example.com");
    expect(await lastArgs(app, "complete_new_password")).toEqual({
      newPassword: "lemon7Tree!",
      attributes: { name: "Sam Parent" },
    });
    const kept = await everythingKept(page);
    expect(kept).not.toContain("lemon7Tree!");
    expect(kept).not.toContain("Temp-pass1");
    await shot(page, "signed-in");
    expect(app.errors).toEqual([]);
  });

  it("sets up an authenticator app from the QR code, then signs in", async () => {
    const app = await start({
      users: [{ email: "alex@example.com", password: "Good-pass1", confirmed: true, challenge: "totp_setup" }],
    });
    const { page } = app;
    await signIn(page, "alex@example.com", "Good-pass1");
    await onScreen(page, "mfa_setup");

    // The QR code is an image made from the SVG: it shows, and the script inside never runs.
    const qr = byTest(page, "totp-qr");
    expect(await qr.evaluate((img) => img.tagName)).toBe("IMG");
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    const size = await qr.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
    expect(size).toBe(230);
    expect(await page.evaluate(() => window.__qrScriptRan)).toBeUndefined();
    expect(await page.locator("svg script").count()).toBe(0);
    expect(await byTest(page, "totp-secret").textContent()).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP");
    expect(await byTest(page, "totp-open-app").getAttribute("href")).toBe(
      "otpauth://totp/NoComelon:alex%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=NoComelon",
    );
    expect(await byTest(page, "auth-code").getAttribute("autocomplete")).toBe("one-time-code");
    await shot(page, "totp-setup");

    // A wrong code: said in words, the field is emptied, the QR code stays.
    await byTest(page, "auth-code").fill("000000");
    await byTest(page, "auth-submit").click();
    await page.getByRole("alert").getByText("That code isn't right. Type the newest code the app shows.").waitFor();
    expect(await byTest(page, "auth-code").inputValue()).toBe("");
    await onScreen(page, "mfa_setup");

    await byTest(page, "auth-code").fill("123 456");
    await byTest(page, "auth-submit").click();
    await expectSignedIn(page, "alex@example.com");
    expect(await lastArgs(app, "verify_totp_setup")).toEqual({ code: "123456" });
    expect(app.errors).toEqual([]);
  });

  it("says a wrong password in words and keeps the email", async () => {
    const app = await start({ users: [{ email: "sam@example.com", password: "Right-pass1", confirmed: true }] });
    const { page } = app;
    await signIn(page, "sam@example.com", "Wrong-pass1");
    const alert = page.getByRole("alert");
    await alert.getByText("The email or password isn't right.").waitFor();
    expect(await byTest(page, "auth-email").inputValue()).toBe("sam@example.com");
    expect(await byTest(page, "auth-password").inputValue()).toBe("");
    // Ready to type again.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("auth-password");
    expect(await byTest(page, "auth-password").getAttribute("autocomplete")).toBe("current-password");
    expect(await byTest(page, "auth-email").getAttribute("autocomplete")).toBe("email");
    expect(await alert.getByRole("button", { name: "Reset the password" }).count()).toBe(1);
    await shot(page, "wrong-password");

    // The right one works from the same form.
    await byTest(page, "auth-password").fill("Right-pass1");
    await byTest(page, "auth-submit").click();
    await expectSignedIn(page, "sam@example.com");
    expect(app.errors).toEqual([]);
  });

  it("suggests trying again or using the app on this computer when offline", async () => {
    const app = await start({ users: [{ email: "sam@example.com", password: "Right-pass1", confirmed: true }] });
    const { page } = app;
    await page.evaluate(() =>
      window.__fake.failNextAccountCall({ code: "network", message: "NoComelon couldn't reach your family account." }),
    );
    await signIn(page, "sam@example.com", "Right-pass1");
    await page.getByText("NoComelon couldn't reach your family account.").waitFor();
    expect(await byTest(page, "account-notice-hint").textContent()).toContain("try again");
    await byTest(page, "account-action-use_locally").click();
    await byTest(page, "step-upload").waitFor();
    expect(await byTest(page, "account-menu").count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("goes back to the sign-in form when the code step took too long", async () => {
    const app = await start({ users: [{ email: "sam@example.com", password: "Right-pass1", confirmed: true, challenge: "sms" }] });
    const { page } = app;
    await signIn(page, "sam@example.com", "Right-pass1");
    await onScreen(page, "mfa_code");
    await page.getByText("We texted a code to +*******1234.").waitFor();
    await page.evaluate(() =>
      window.__fake.failNextAccountCall({ code: "session_expired", message: "Signing in took too long. Please start again." }),
    );
    await byTest(page, "auth-code").fill("123456");
    await byTest(page, "auth-submit").click();
    await onScreen(page, "sign_in");
    await page.getByRole("alert").getByText("Signing in took too long. Please start again.").waitFor();
    expect(await byTest(page, "auth-email").inputValue()).toBe("sam@example.com");
    expect(await byTest(page, "auth-password").inputValue()).toBe("");
    expect(app.errors).toEqual([]);
  });
});

describe("signing up", () => {
  it("creates an account, confirms it with the emailed code, then signs in", async () => {
    const app = await start({ users: [] });
    const { page } = app;
    await byTest(page, "welcome-signin").click();
    await onScreen(page, "sign_in");
    await byTest(page, "auth-email").fill("new.parent@example.com");
    await byTest(page, "auth-signup").click();
    await onScreen(page, "sign_up");
    // The email typed so far comes along; the rules are there before the password.
    expect(await byTest(page, "auth-email").inputValue()).toBe("new.parent@example.com");
    expect(await byTest(page, "policy-checklist").locator("li").count()).toBe(5);
    expect(await byTest(page, "auth-submit").isDisabled()).toBe(true);
    await byTest(page, "auth-new-password").fill("Crayons-4-all");
    expect(await byTest(page, "auth-submit").isEnabled()).toBe(true);
    await shot(page, "sign-up");
    await byTest(page, "auth-submit").click();

    await onScreen(page, "confirm_sign_up");
    await byTest(page, "account-notice").getByText("We sent a code to n***@e***.").waitFor();
    expect(await lastArgs(app, "sign_up")).toEqual({ email: "new.parent@example.com", password: "Crayons-4-all" });

    // Ask for another code; only the newest one works.
    await byTest(page, "auth-resend").click();
    await byTest(page, "account-notice").getByText("We sent a new code to n***@e***.").waitFor();
    const codes = await page.evaluate(() => window.__fake.sentCodes.map((sent) => sent.code));
    expect(codes).toHaveLength(2);
    const [oldCode = "", newCode = ""] = codes;
    await byTest(page, "auth-code").fill(oldCode);
    await byTest(page, "auth-submit").click();
    await page.getByRole("alert").getByText("That code isn't right.", { exact: false }).waitFor();
    expect(await byTest(page, "auth-code").inputValue()).toBe("");
    await byTest(page, "auth-code").fill(newCode);
    await byTest(page, "auth-submit").click();

    // Back to signing in, email filled in, focus on the password.
    await onScreen(page, "sign_in");
    await byTest(page, "account-notice").getByText("Your account is confirmed. Sign in with your password.").waitFor();
    expect(await byTest(page, "auth-email").inputValue()).toBe("new.parent@example.com");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("auth-password");
    await page.keyboard.type("Crayons-4-all");
    await page.keyboard.press("Enter");
    await expectSignedIn(page, "new.parent@example.com");
    expect(await everythingKept(page)).not.toContain("Crayons-4-all");
    expect(app.errors).toEqual([]);
  });

  it("resets a forgotten password with the emailed code", async () => {
    const app = await start({ users: [{ email: "sam@example.com", password: "Old-pass1!", confirmed: true }] });
    const { page } = app;
    await byTest(page, "welcome-signin").click();
    await byTest(page, "auth-email").fill("sam@example.com");
    await byTest(page, "auth-forgot").click();
    await onScreen(page, "forgot_password");
    await byTest(page, "auth-submit").click();
    await onScreen(page, "reset_password");
    await byTest(page, "account-notice").getByText("We sent a code to s***@e***.").waitFor();
    const code = await page.evaluate(() => window.__fake.sentCodes.at(-1)?.code ?? "");
    await byTest(page, "auth-code").fill(code);
    await byTest(page, "auth-new-password").fill("New-pass2!");
    await byTest(page, "auth-submit").click();
    await onScreen(page, "sign_in");
    await byTest(page, "account-notice").getByText("Your password is changed. Sign in with the new one.").waitFor();
    await byTest(page, "auth-password").fill("New-pass2!");
    await byTest(page, "auth-submit").click();
    await expectSignedIn(page, "sam@example.com");
    expect(await lastArgs(app, "confirm_forgot_password")).toEqual({
      email: "sam@example.com",
      code,
      newPassword: "New-pass2!",
    });
    expect(app.errors).toEqual([]);
  });
});

describe("a keychain that answers late", () => {
  it("keeps the parent signed in and says why the account can't be used yet", async () => {
    const app = await start({
      users: [{ email: "sam@example.com", password: "Right-pass1", confirmed: true }],
      signedIn: "sam@example.com",
      keychainWaiting: true,
    });
    const { page } = app;
    await byTest(page, "account-menu").click();
    const note = byTest(page, "keychain-waiting");
    await note.waitFor();
    expect(await note.textContent()).toContain("keychain isn’t available yet");
    expect(await byTest(page, "account-email").textContent()).toBe("sam@example.com");
    expect(app.errors).toEqual([]);
  });
});

describe("signing out", () => {
  it("signs out everywhere after confirming, and says what the server could not be told", async () => {
    const problem = "The server couldn't be told, so your other devices stay signed in for up to an hour.";
    const app = await start({
      users: [{ email: "sam@example.com", password: "Right-pass1", confirmed: true }],
      signedIn: "sam@example.com",
      signOutProblems: [problem],
    });
    const { page } = app;
    await byTest(page, "account-menu").click();
    await byTest(page, "sign-out-everywhere").click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Sign out on every device?").waitFor();
    await shot(page, "sign-out-everywhere");

    // Changing one's mind does nothing.
    await byTest(page, "cancel-sign-out-everywhere").click();
    await dialog.waitFor({ state: "detached" });
    expect(await app.calls("sign_out")).toEqual([]);

    await byTest(page, "account-menu").click();
    await byTest(page, "sign-out-everywhere").click();
    await byTest(page, "confirm-sign-out-everywhere").click();
    await page.getByText("Signed out on this computer.").waitFor();
    await page.getByText(problem).waitFor();
    // Let the toast finish sliding in before the picture.
    await page.waitForTimeout(600);
    await shot(page, "signed-out-with-problem");
    expect(await lastArgs(app, "sign_out")).toEqual({ everywhere: true });
    await byTest(page, "account-menu").waitFor({ state: "detached" });
    expect(await byTest(page, "welcome-signin").isEnabled()).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it("signs out on this computer from the menu", async () => {
    const app = await start({
      users: [{ email: "sam@example.com", password: "Right-pass1", confirmed: true }],
      signedIn: "sam@example.com",
    });
    const { page } = app;
    await byTest(page, "welcome-account").waitFor();
    await byTest(page, "account-menu").click();
    await byTest(page, "sign-out").click();
    await page.getByText("Signed out.", { exact: true }).waitFor();
    expect(await lastArgs(app, "sign_out")).toEqual({ everywhere: false });
    await byTest(page, "welcome-signin").waitFor();
    expect(app.errors).toEqual([]);
  });
});
