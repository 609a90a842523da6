/**
 * Where the sign-in flow goes next. The Rust side answers each account command with a step (or
 * an error); this reducer turns that into the screen to show and the note above it, so the
 * routing is one pure function the tests can walk. Screens carry the email address only:
 * passwords and codes never enter this state.
 */
import type { Account, AppError, CodeDelivery, MfaKind, SignInStep } from "@/bindings";

export type AuthScreen =
  | { name: "sign_in"; email: string }
  | { name: "sign_up"; email: string }
  | { name: "confirm_sign_up"; email: string; destination: string | null }
  | { name: "forgot_password"; email: string }
  | { name: "reset_password"; email: string; destination: string | null }
  | { name: "new_password"; email: string; requiredAttributes: string[] }
  | { name: "mfa_code"; email: string; kind: MfaKind; destination: string | null }
  | { name: "select_mfa"; email: string; options: MfaKind[] }
  | { name: "mfa_setup"; email: string; otpauthUri: string; qrSvg: string; secret: string }
  | { name: "signed_in"; account: Account };

export type AuthScreenName = AuthScreen["name"];

/** Buttons a note can offer next to its message. */
export type NoticeAction = "use_locally" | "resend_code" | "sign_in" | "forgot_password";

export interface Notice {
  tone: "info" | "success" | "error";
  message: string;
  hint: string | null;
  actions: NoticeAction[];
}

export interface AuthState {
  screen: AuthScreen;
  notice: Notice | null;
}

export type AuthEvent =
  /** A link between the forms ("Create an account", "Forgot your password?", "Back to sign in"). */
  | { type: "go"; to: "sign_in" | "sign_up" | "forgot_password"; email?: string }
  /** A sign-in command answered with its next step. */
  | { type: "step"; step: SignInStep; email?: string }
  | { type: "signed_up"; email: string; delivery: CodeDelivery }
  | { type: "code_resent"; delivery: CodeDelivery }
  | { type: "sign_up_confirmed" }
  | { type: "reset_code_sent"; email: string; delivery: CodeDelivery }
  | { type: "password_reset" }
  | { type: "failed"; error: AppError };

export const OFFLINE_HINT =
  "Check that this computer is connected to the internet and try again, or use NoComelon on this computer without an account.";
export const EXPIRED_CODE_HINT = "Ask for a new code and use the newest one.";

export function initialAuthState(start: "sign_in" | "sign_up", email = ""): AuthState {
  return { screen: { name: start, email }, notice: null };
}

/** The email address the current screen is about ("" once signed in is never needed). */
export function screenEmail(screen: AuthScreen): string {
  return screen.name === "signed_in" ? screen.account.email : screen.email;
}

/** "We sent a code to p***@e***." when the service says where, otherwise a general sentence. */
export function codeSentSentence(destination: string | null, again = false): string {
  const what = again ? "a new code" : "a code";
  return destination ? `We sent ${what} to ${destination}.` : `We sent ${what} to your email.`;
}

/** The screen a sign-in step asks for. */
export function screenForStep(step: SignInStep, email: string): AuthScreen {
  switch (step.step) {
    case "signed_in":
      return { name: "signed_in", account: step.account };
    case "new_password_required":
      return { name: "new_password", email, requiredAttributes: step.required_attributes };
    case "software_token_mfa":
      return { name: "mfa_code", email, kind: "totp", destination: null };
    case "sms_mfa":
      return { name: "mfa_code", email, kind: "sms", destination: step.destination };
    case "select_mfa_type":
      return { name: "select_mfa", email, options: step.options };
    case "mfa_setup":
      return { name: "mfa_setup", email, otpauthUri: step.otpauth_uri, qrSvg: step.qr_svg, secret: step.secret };
    case "confirm_sign_up":
      return { name: "confirm_sign_up", email, destination: step.destination };
    case "reset_password":
      return { name: "reset_password", email, destination: step.destination };
  }
}

function noticeForStep(step: SignInStep): Notice | null {
  switch (step.step) {
    case "confirm_sign_up":
      return {
        tone: "info",
        message: `Your account is not confirmed yet. ${codeSentSentence(step.destination)}`,
        hint: null,
        actions: [],
      };
    case "reset_password":
      return {
        tone: "info",
        message: `Your password needs to be changed. ${codeSentSentence(step.destination)}`,
        hint: null,
        actions: [],
      };
    default:
      return null;
  }
}

function errorNotice(error: AppError, hint: string | null = null, actions: NoticeAction[] = []): Notice {
  return { tone: "error", message: error.message, hint, actions };
}

/** Where a failed command leaves the parent, and what the note says. */
export function afterError(state: AuthState, error: AppError): AuthState {
  const { screen } = state;
  const email = screenEmail(screen);
  const hasResend = screen.name === "confirm_sign_up" || screen.name === "reset_password";
  switch (error.code) {
    case "session_expired":
    case "not_signed_in":
      // The half-finished sign-in is gone on the service's side: start it again.
      return { screen: { name: "sign_in", email }, notice: errorNotice(error) };
    case "network":
    case "cloud_unavailable":
      return { screen, notice: errorNotice(error, OFFLINE_HINT, ["use_locally"]) };
    case "user_not_confirmed":
      if (screen.name === "sign_in") {
        return {
          screen: { name: "confirm_sign_up", email, destination: null },
          notice: { tone: "info", message: error.message, hint: "Enter the code from the email, or ask for a new one.", actions: ["resend_code"] },
        };
      }
      return { screen, notice: errorNotice(error) };
    case "code_expired":
      return { screen, notice: errorNotice(error, EXPIRED_CODE_HINT, hasResend ? ["resend_code"] : []) };
    case "wrong_password":
      return { screen, notice: errorNotice(error, null, screen.name === "sign_in" ? ["forgot_password"] : []) };
    case "user_exists":
      return { screen, notice: errorNotice(error, null, ["sign_in", "forgot_password"]) };
    default:
      return { screen, notice: errorNotice(error) };
  }
}

export function authReducer(state: AuthState, event: AuthEvent): AuthState {
  const email = screenEmail(state.screen);
  switch (event.type) {
    case "go":
      return { screen: { name: event.to, email: event.email ?? email }, notice: null };
    case "step": {
      const stepEmail = event.email ?? email;
      return { screen: screenForStep(event.step, stepEmail), notice: noticeForStep(event.step) };
    }
    case "signed_up":
      return {
        screen: { name: "confirm_sign_up", email: event.email, destination: event.delivery.destination },
        notice: { tone: "info", message: codeSentSentence(event.delivery.destination), hint: null, actions: [] },
      };
    case "code_resent": {
      const notice: Notice = {
        tone: "info",
        message: codeSentSentence(event.delivery.destination, true),
        hint: null,
        actions: [],
      };
      if (state.screen.name === "confirm_sign_up" || state.screen.name === "reset_password") {
        return { screen: { ...state.screen, destination: event.delivery.destination }, notice };
      }
      return { screen: state.screen, notice };
    }
    case "sign_up_confirmed":
      return {
        screen: { name: "sign_in", email },
        notice: { tone: "success", message: "Your account is confirmed. Sign in with your password.", hint: null, actions: [] },
      };
    case "reset_code_sent":
      return {
        screen: { name: "reset_password", email: event.email, destination: event.delivery.destination },
        notice: { tone: "info", message: codeSentSentence(event.delivery.destination), hint: null, actions: [] },
      };
    case "password_reset":
      return {
        screen: { name: "sign_in", email },
        notice: { tone: "success", message: "Your password is changed. Sign in with the new one.", hint: null, actions: [] },
      };
    case "failed":
      return afterError(state, event.error);
  }
}
