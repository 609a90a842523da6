import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Account, PasswordPolicy } from "@/bindings";

vi.mock("@/bindings", () => ({
  commands: {
    signIn: vi.fn(),
    completeNewPassword: vi.fn(),
    verifyTotpSetup: vi.fn(),
  },
}));

const { commands } = await import("@/bindings");
const { AccountFlow } = await import("@/screens/account/AccountFlow");

const policy: PasswordPolicy = {
  min_length: 8,
  require_uppercase: true,
  require_lowercase: true,
  require_numbers: true,
  require_symbols: true,
};
const account: Account = { email: "sam@example.com", sub: "s-1", identity_id: null, waiting_for_keychain: false };

function renderFlow() {
  const onSignedIn = vi.fn();
  const onUseLocally = vi.fn();
  render(
    <AccountFlow start="sign_in" policy={policy} onSignedIn={onSignedIn} onUseLocally={onUseLocally} onCancel={() => {}} />,
  );
  return { onSignedIn, onUseLocally, user: userEvent.setup() };
}

afterEach(cleanup);

beforeEach(() => {
  vi.mocked(commands.signIn).mockReset();
  vi.mocked(commands.completeNewPassword).mockReset();
  vi.mocked(commands.verifyTotpSetup).mockReset();
});

describe("the sign-in form", () => {
  it("uses the autocomplete tokens password managers expect", () => {
    renderFlow();
    expect(screen.getByLabelText("Email").getAttribute("autocomplete")).toBe("email");
    expect(screen.getByLabelText("Password").getAttribute("autocomplete")).toBe("current-password");
  });

  it("empties the password as soon as it is sent, and shows a wrong password in words", async () => {
    let answer: (value: unknown) => void = () => {};
    vi.mocked(commands.signIn).mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    const { user } = renderFlow();
    await user.type(screen.getByLabelText("Email"), "sam@example.com");
    await user.type(screen.getByLabelText("Password"), "Wrong-pass1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(commands.signIn).toHaveBeenCalledWith("sam@example.com", "Wrong-pass1");
    // Cleared while the answer is still on its way.
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
    answer({ status: "error", error: { code: "wrong_password", message: "The email or password isn't right." } });
    expect((await screen.findByRole("alert")).textContent).toContain("The email or password isn't right.");
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("sam@example.com");
    expect(screen.getByRole("button", { name: "Reset the password" })).toBeTruthy();
  });

  it("offers local use when the account service cannot be reached", async () => {
    vi.mocked(commands.signIn).mockResolvedValue({
      status: "error",
      error: { code: "network", message: "NoComelon couldn't reach your family account." },
    });
    const { user, onUseLocally } = renderFlow();
    await user.type(screen.getByLabelText("Email"), "sam@example.com");
    await user.type(screen.getByLabelText("Password"), "Whatever1!");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByText("NoComelon couldn't reach your family account.");
    await user.click(screen.getByRole("button", { name: "Make a storybook without an account" }));
    expect(onUseLocally).toHaveBeenCalledTimes(1);
  });
});

describe("a new password with a required detail", () => {
  it("shows the rules first, ticks them live, and sends the password with the name", async () => {
    vi.mocked(commands.signIn).mockResolvedValue({
      status: "ok",
      data: { step: "new_password_required", required_attributes: ["name"] },
    });
    vi.mocked(commands.completeNewPassword).mockResolvedValue({ status: "ok", data: { step: "signed_in", account } });
    const { user, onSignedIn } = renderFlow();
    await user.type(screen.getByLabelText("Email"), "sam@example.com");
    await user.type(screen.getByLabelText("Password"), "Temp-pass1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const field = await screen.findByLabelText("New password");
    expect(field.getAttribute("autocomplete")).toBe("new-password");
    const rules = screen.getByTestId("policy-checklist").querySelectorAll("li");
    expect([...rules].map((rule) => rule.getAttribute("data-met"))).toEqual(["false", "false", "false", "false", "false"]);
    const save = screen.getByRole("button", { name: "Save and sign in" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    await user.type(field, "abc");
    expect(screen.getByTestId("policy-lowercase").getAttribute("data-met")).toBe("true");
    expect(screen.getByTestId("policy-length").getAttribute("data-met")).toBe("false");
    await user.type(field, "DEF1!x");
    expect([...rules].every((rule) => rule.getAttribute("data-met") === "true")).toBe(true);
    // The name is still missing.
    expect(save.disabled).toBe(true);
    await user.type(screen.getByLabelText("Your name"), "Sam Parent");
    expect(screen.getByLabelText("Your name").getAttribute("autocomplete")).toBe("name");
    await user.click(save);

    expect(commands.completeNewPassword).toHaveBeenCalledWith("abcDEF1!x", { name: "Sam Parent" });
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(account));
  });
});

describe("setting up an authenticator app", () => {
  it("shows the QR code as an image, the key in groups, and a link to the app", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';
    vi.mocked(commands.signIn).mockResolvedValue({
      status: "ok",
      data: {
        step: "mfa_setup",
        otpauth_uri: "otpauth://totp/NoComelon:sam?secret=JBSWY3DPEHPK3PXP&issuer=NoComelon",
        qr_svg: svg,
        secret: "JBSWY3DPEHPK3PXP",
      },
    });
    vi.mocked(commands.verifyTotpSetup).mockResolvedValue({ status: "ok", data: { step: "signed_in", account } });
    const { user, onSignedIn } = renderFlow();
    await user.type(screen.getByLabelText("Email"), "sam@example.com");
    await user.type(screen.getByLabelText("Password"), "Good-pass1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const qr = (await screen.findByTestId("totp-qr")) as HTMLImageElement;
    expect(qr.tagName).toBe("IMG");
    expect(qr.getAttribute("src")).toBe(`data:image/svg+xml;base64,${btoa(svg)}`);
    // The SVG is never put into the page as markup.
    expect(document.querySelector("svg rect")).toBeNull();
    expect(screen.getByTestId("totp-secret").textContent).toBe("JBSW Y3DP EHPK 3PXP");
    expect(screen.getByTestId("totp-open-app").getAttribute("href")).toMatch(/^otpauth:\/\/totp\//);

    const code = screen.getByLabelText("2. Type the 6-digit code the app shows");
    expect(code.getAttribute("autocomplete")).toBe("one-time-code");
    await user.type(code, "123 456");
    await user.click(screen.getByRole("button", { name: "Finish and sign in" }));
    expect(commands.verifyTotpSetup).toHaveBeenCalledWith("123456");
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(account));
  });
});
