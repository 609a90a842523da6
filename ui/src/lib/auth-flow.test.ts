import { describe, expect, it } from "vitest";
import type { Account, AppError, SignInStep } from "@/bindings";
import {
  afterError,
  authReducer,
  initialAuthState,
  OFFLINE_HINT,
  screenForStep,
  type AuthEvent,
  type AuthState,
} from "@/lib/auth-flow";

const account: Account = { email: "sam@example.com", sub: "sub-1", identity_id: null, waiting_for_keychain: false };
const email = "sam@example.com";

function walk(start: AuthState, ...events: AuthEvent[]): AuthState {
  return events.reduce(authReducer, start);
}

const signIn = (step: SignInStep): AuthEvent => ({ type: "step", step, email });
const failure = (code: string, message: string): AuthEvent => ({ type: "failed", error: { code, message } });

describe("each sign-in step opens its screen", () => {
  const cases: [SignInStep, AuthState["screen"]][] = [
    [{ step: "signed_in", account }, { name: "signed_in", account }],
    [
      { step: "new_password_required", required_attributes: ["name"] },
      { name: "new_password", email, requiredAttributes: ["name"] },
    ],
    [{ step: "software_token_mfa" }, { name: "mfa_code", email, kind: "totp", destination: null }],
    [{ step: "sms_mfa", destination: "+*******1234" }, { name: "mfa_code", email, kind: "sms", destination: "+*******1234" }],
    [{ step: "select_mfa_type", options: ["sms", "totp"] }, { name: "select_mfa", email, options: ["sms", "totp"] }],
    [
      { step: "mfa_setup", otpauth_uri: "otpauth://totp/x", qr_svg: "<svg/>", secret: "ABC" },
      { name: "mfa_setup", email, otpauthUri: "otpauth://totp/x", qrSvg: "<svg/>", secret: "ABC" },
    ],
    [{ step: "confirm_sign_up", destination: "s***@e***" }, { name: "confirm_sign_up", email, destination: "s***@e***" }],
    [{ step: "reset_password", destination: null }, { name: "reset_password", email, destination: null }],
  ];
  it.each(cases)("%o", (step, screen) => {
    expect(screenForStep(step, email)).toEqual(screen);
    expect(walk(initialAuthState("sign_in"), signIn(step)).screen).toEqual(screen);
  });
});

describe("whole journeys", () => {
  it("sign in -> new password with a name -> signed in", () => {
    const end = walk(
      initialAuthState("sign_in"),
      signIn({ step: "new_password_required", required_attributes: ["name"] }),
      { type: "step", step: { step: "signed_in", account } },
    );
    expect(end).toEqual({ screen: { name: "signed_in", account }, notice: null });
  });

  it("sign in -> choose an app -> set it up -> a wrong code -> the right code -> signed in", () => {
    const setup = walk(
      initialAuthState("sign_in"),
      signIn({ step: "select_mfa_type", options: ["sms", "totp"] }),
      { type: "step", step: { step: "mfa_setup", otpauth_uri: "otpauth://totp/a", qr_svg: "<svg/>", secret: "S" } },
    );
    expect(setup.screen.name).toBe("mfa_setup");
    const wrong = authReducer(setup, failure("code_mismatch", "That code isn't right. Try the newest one."));
    // A wrong code keeps the QR code on screen.
    expect(wrong.screen).toEqual(setup.screen);
    expect(wrong.notice).toMatchObject({ tone: "error", message: "That code isn't right. Try the newest one." });
    const done = authReducer(wrong, { type: "step", step: { step: "signed_in", account } });
    expect(done).toEqual({ screen: { name: "signed_in", account }, notice: null });
  });

  it("sign up -> confirm (with a resent code) -> back to sign in with the email filled in", () => {
    const start = initialAuthState("sign_up");
    const confirm = authReducer(start, { type: "signed_up", email: "new@example.com", delivery: { destination: "n***@e***" } });
    expect(confirm).toEqual({
      screen: { name: "confirm_sign_up", email: "new@example.com", destination: "n***@e***" },
      notice: { tone: "info", message: "We sent a code to n***@e***.", hint: null, actions: [] },
    });
    const resent = authReducer(confirm, { type: "code_resent", delivery: { destination: null } });
    expect(resent.screen).toEqual({ name: "confirm_sign_up", email: "new@example.com", destination: null });
    expect(resent.notice?.message).toBe("We sent a new code to your email.");
    const back = authReducer(resent, { type: "sign_up_confirmed" });
    expect(back.screen).toEqual({ name: "sign_in", email: "new@example.com" });
    expect(back.notice).toMatchObject({ tone: "success", message: "Your account is confirmed. Sign in with your password." });
  });

  it("forgot password -> code + new password -> sign in with the email filled in", () => {
    const forgot = walk(initialAuthState("sign_in", email), { type: "go", to: "forgot_password" });
    expect(forgot.screen).toEqual({ name: "forgot_password", email });
    const reset = authReducer(forgot, { type: "reset_code_sent", email, delivery: { destination: "s***@e***" } });
    expect(reset.screen).toEqual({ name: "reset_password", email, destination: "s***@e***" });
    const expired = authReducer(reset, failure("code_expired", "That code has expired."));
    expect(expired.notice).toMatchObject({ actions: ["resend_code"], hint: "Ask for a new code and use the newest one." });
    const done = authReducer(expired, { type: "password_reset" });
    expect(done.screen).toEqual({ name: "sign_in", email });
    expect(done.notice?.message).toBe("Your password is changed. Sign in with the new one.");
  });

  it("an unconfirmed account found at sign-in goes to the confirm screen, with a note", () => {
    const state = walk(initialAuthState("sign_in"), signIn({ step: "confirm_sign_up", destination: "s***@e***" }));
    expect(state.screen).toEqual({ name: "confirm_sign_up", email, destination: "s***@e***" });
    expect(state.notice?.message).toBe("Your account is not confirmed yet. We sent a code to s***@e***.");
  });

  it("links between the forms keep the email typed so far", () => {
    const state = walk(
      initialAuthState("sign_in"),
      { type: "go", to: "sign_up", email: "typed@example.com" },
      { type: "go", to: "sign_in" },
    );
    expect(state.screen).toEqual({ name: "sign_in", email: "typed@example.com" });
  });
});

describe("errors", () => {
  const onMfa: AuthState = {
    screen: { name: "mfa_code", email, kind: "totp", destination: null },
    notice: null,
  };

  it("a sign-in that took too long goes back to the sign-in form with the message", () => {
    const error: AppError = { code: "session_expired", message: "That took too long. Please sign in again." };
    expect(afterError(onMfa, error)).toEqual({
      screen: { name: "sign_in", email },
      notice: { tone: "error", message: "That took too long. Please sign in again.", hint: null, actions: [] },
    });
    const setup: AuthState = {
      screen: { name: "mfa_setup", email, otpauthUri: "otpauth://totp/a", qrSvg: "<svg/>", secret: "S" },
      notice: null,
    };
    expect(afterError(setup, error).screen).toEqual({ name: "sign_in", email });
  });

  it("no network: stay, say so, and offer to use the app on this computer", () => {
    const state = afterError(initialAuthState("sign_in", email), {
      code: "network",
      message: "NoComelon couldn't reach your family account.",
    });
    expect(state.screen).toEqual({ name: "sign_in", email });
    expect(state.notice).toEqual({
      tone: "error",
      message: "NoComelon couldn't reach your family account.",
      hint: OFFLINE_HINT,
      actions: ["use_locally"],
    });
  });

  it("a wrong password stays on the form and offers a reset", () => {
    const state = afterError(initialAuthState("sign_in", email), {
      code: "wrong_password",
      message: "The email or password isn't right.",
    });
    expect(state.screen.name).toBe("sign_in");
    expect(state.notice).toMatchObject({ message: "The email or password isn't right.", actions: ["forgot_password"] });
  });

  it("an unconfirmed-account error at sign-in opens the confirm screen", () => {
    const state = afterError(initialAuthState("sign_in", email), {
      code: "user_not_confirmed",
      message: "Please confirm your email first.",
    });
    expect(state.screen).toEqual({ name: "confirm_sign_up", email, destination: null });
    expect(state.notice).toMatchObject({ tone: "info", actions: ["resend_code"] });
  });

  it("an email already signed up offers signing in or a reset", () => {
    const state = afterError(initialAuthState("sign_up", email), {
      code: "user_exists",
      message: "There's already an account with this email.",
    });
    expect(state.screen.name).toBe("sign_up");
    expect(state.notice?.actions).toEqual(["sign_in", "forgot_password"]);
  });

  it("any other error keeps the screen and shows the message as it came", () => {
    const state = afterError(onMfa, { code: "too_many_attempts", message: "Too many tries. Wait a few minutes." });
    expect(state).toEqual({
      screen: onMfa.screen,
      notice: { tone: "error", message: "Too many tries. Wait a few minutes.", hint: null, actions: [] },
    });
  });

  it("a new step clears the last error", () => {
    const failed = afterError(onMfa, { code: "code_mismatch", message: "Wrong code." });
    expect(authReducer(failed, { type: "step", step: { step: "signed_in", account } }).notice).toBeNull();
  });
});

describe("what the flow keeps", () => {
  it("never holds a password or a code, only the email", () => {
    const secret = "Sup3r-secret!";
    const state = walk(
      initialAuthState("sign_up"),
      { type: "signed_up", email, delivery: { destination: null } },
      failure("code_mismatch", "Wrong code."),
      { type: "sign_up_confirmed" },
      signIn({ step: "new_password_required", required_attributes: [] }),
    );
    const serialized = JSON.stringify(state);
    expect(serialized).not.toContain(secret);
    expect(Object.keys(state.screen).sort()).toEqual(["email", "name", "requiredAttributes"]);
  });
});
