import { ArrowLeft, CircleAlert, CircleCheck, Info, Laptop } from "lucide-react";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { Account, MfaKind, PasswordPolicy } from "@/bindings";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { api, toApiError } from "@/lib/api";
import {
  authReducer,
  initialAuthState,
  screenEmail,
  type AuthEvent,
  type AuthScreen,
  type AuthScreenName,
  type Notice,
  type NoticeAction,
} from "@/lib/auth-flow";
import { cn } from "@/lib/utils";
import {
  ConfirmSignUpForm,
  ForgotPasswordForm,
  MfaCodeForm,
  NewPasswordForm,
  ResetPasswordForm,
  SelectMfaForm,
  SignInForm,
  SignUpForm,
  TotpSetupForm,
} from "@/screens/account/forms";

const HEADINGS: Record<AuthScreenName, string> = {
  sign_in: "Sign in to your family account",
  sign_up: "Create a family account",
  confirm_sign_up: "Confirm your email",
  forgot_password: "Reset your password",
  reset_password: "Choose a new password",
  new_password: "Choose a new password",
  mfa_code: "Enter your sign-in code",
  select_mfa: "Choose how to get sign-in codes",
  mfa_setup: "Set up your authenticator app",
  signed_in: "You're signed in",
};

function intro(screen: AuthScreen): string | null {
  switch (screen.name) {
    case "sign_in":
      return "Your storybooks are kept safe in your family account and on this computer.";
    case "sign_up":
      return "One account for the family. We'll email you a code to confirm it.";
    case "confirm_sign_up":
      return `Type the code from the email we sent to ${screen.email}.`;
    case "forgot_password":
      return "We'll email you a code so you can choose a new password.";
    case "reset_password":
      return `Type the code we emailed to ${screen.email} and choose a new password.`;
    case "new_password":
      return "Your account needs a new password before you continue.";
    case "mfa_setup":
      return "Your account asks for a code from an app each time you sign in. This takes a minute, once.";
    default:
      return null;
  }
}

const ACTION_WORDS: Record<NoticeAction, string> = {
  use_locally: "Make a storybook without an account",
  resend_code: "Send a new code",
  sign_in: "Sign in instead",
  forgot_password: "Reset the password",
};

function NoticeBox({ notice, onAction, busy }: { notice: Notice; onAction: (action: NoticeAction) => void; busy: boolean }) {
  const Icon = notice.tone === "error" ? CircleAlert : notice.tone === "success" ? CircleCheck : Info;
  return (
    <div
      role={notice.tone === "error" ? "alert" : "status"}
      data-testid="account-notice"
      data-tone={notice.tone}
      className={cn(
        "flex gap-3 rounded-lg border p-3 text-sm",
        notice.tone === "error" && "border-destructive/40 bg-destructive/10",
        notice.tone === "success" && "border-success/40 bg-success/10",
        notice.tone === "info" && "bg-muted/60",
      )}
    >
      <Icon
        className={cn(
          "mt-0.5 size-5 shrink-0",
          notice.tone === "error" && "text-destructive",
          notice.tone === "success" && "text-success",
          notice.tone === "info" && "text-primary",
        )}
        aria-hidden="true"
      />
      <div className="flex flex-col gap-2">
        <p className="font-semibold" data-testid="account-notice-message">
          {notice.message}
        </p>
        {notice.hint ? <p data-testid="account-notice-hint">{notice.hint}</p> : null}
        {notice.actions.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            {notice.actions.map((action) => (
              <Button
                key={action}
                size="sm"
                variant="outline"
                onClick={() => onAction(action)}
                disabled={busy && action !== "use_locally"}
                data-testid={`account-action-${action}`}
              >
                {action === "use_locally" ? <Laptop aria-hidden="true" /> : null}
                {ACTION_WORDS[action]}
              </Button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Signing in, signing up, confirming and resetting, one screen at a time. Every command's answer
 * goes through `authReducer`; this component only calls the commands and shows the screens.
 */
export function AccountFlow({
  start,
  policy,
  onSignedIn,
  onUseLocally,
  onCancel,
}: {
  start: "sign_in" | "sign_up";
  policy: PasswordPolicy;
  onSignedIn: (account: Account) => void;
  onUseLocally: () => void;
  onCancel: () => void;
}) {
  const [state, dispatch] = useReducer(authReducer, start, (first) => initialAuthState(first));
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  const container = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reported = useRef<Account | null>(null);
  const { screen, notice } = state;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (work: () => Promise<AuthEvent>) => {
    setBusy(true);
    try {
      const event = await work();
      if (mounted.current) dispatch(event);
    } catch (error) {
      const failure = toApiError(error);
      if (failure.detail) console.error(failure.detail);
      if (mounted.current) dispatch({ type: "failed", error: { code: failure.code, message: failure.message } });
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);

  useEffect(() => {
    if (screen.name === "signed_in" && reported.current !== screen.account) {
      reported.current = screen.account;
      onSignedIn(screen.account);
    }
  }, [screen, onSignedIn]);

  // A new screen or a new note (e.g. a wrong password, just emptied): focus the first empty
  // field, or the heading, so keyboards follow along.
  useEffect(() => {
    const empty = [...(container.current?.querySelectorAll<HTMLInputElement>("form input") ?? [])].find(
      (input) => !input.disabled && input.value === "",
    );
    if (empty) empty.focus();
    else headingRef.current?.focus();
  }, [screen.name, notice]);

  const email = screenEmail(screen);

  const resend = () => {
    if (screen.name === "reset_password") {
      void run(async () => ({ type: "code_resent", delivery: await api.forgotPassword(email) }));
    } else {
      void run(async () => ({ type: "code_resent", delivery: await api.resendSignUpCode(email) }));
    }
  };

  const onAction = (action: NoticeAction) => {
    switch (action) {
      case "use_locally":
        onUseLocally();
        return;
      case "resend_code":
        resend();
        return;
      case "sign_in":
        dispatch({ type: "go", to: "sign_in" });
        return;
      case "forgot_password":
        dispatch({ type: "go", to: "forgot_password" });
        return;
    }
  };

  const step = (pending: () => Promise<Awaited<ReturnType<typeof api.signIn>>>, stepEmail?: string) =>
    void run(async () => ({ type: "step", step: await pending(), email: stepEmail }));

  const text = intro(screen);
  const startScreen = screen.name === "sign_in" || screen.name === "sign_up";

  return (
    <div className="flex flex-1 items-start justify-center py-4" ref={container}>
      <Card className="w-full max-w-lg" data-testid="account-flow" data-screen={screen.name}>
        <CardHeader>
          <h1
            ref={headingRef}
            tabIndex={-1}
            className="text-2xl font-bold focus-visible:outline-none"
            data-testid="account-heading"
          >
            {HEADINGS[screen.name]}
          </h1>
          {text ? <p className="text-muted-foreground">{text}</p> : null}
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          {notice ? <NoticeBox notice={notice} onAction={onAction} busy={busy} /> : null}

          {screen.name === "sign_in" ? (
            <SignInForm
              key="sign_in"
              initialEmail={screen.email}
              busy={busy}
              onSignIn={(typedEmail, password) => step(() => api.signIn(typedEmail, password), typedEmail)}
              onForgot={(typedEmail) => dispatch({ type: "go", to: "forgot_password", email: typedEmail })}
              onSignUp={(typedEmail) => dispatch({ type: "go", to: "sign_up", email: typedEmail })}
            />
          ) : null}
          {screen.name === "sign_up" ? (
            <SignUpForm
              key="sign_up"
              initialEmail={screen.email}
              policy={policy}
              busy={busy}
              onSignUp={(typedEmail, password) =>
                void run(async () => ({
                  type: "signed_up",
                  email: typedEmail,
                  delivery: await api.signUp(typedEmail, password),
                }))
              }
              onSignIn={(typedEmail) => dispatch({ type: "go", to: "sign_in", email: typedEmail })}
            />
          ) : null}
          {screen.name === "confirm_sign_up" ? (
            <ConfirmSignUpForm
              key="confirm_sign_up"
              busy={busy}
              onConfirm={(code) =>
                void run(async () => {
                  await api.confirmSignUp(email, code);
                  return { type: "sign_up_confirmed" };
                })
              }
              onResend={resend}
            />
          ) : null}
          {screen.name === "forgot_password" ? (
            <ForgotPasswordForm
              key="forgot_password"
              initialEmail={screen.email}
              busy={busy}
              onSend={(typedEmail) =>
                void run(async () => ({
                  type: "reset_code_sent",
                  email: typedEmail,
                  delivery: await api.forgotPassword(typedEmail),
                }))
              }
            />
          ) : null}
          {screen.name === "reset_password" ? (
            <ResetPasswordForm
              key="reset_password"
              policy={policy}
              busy={busy}
              onReset={(code, password) =>
                void run(async () => {
                  await api.confirmForgotPassword(email, code, password);
                  return { type: "password_reset" };
                })
              }
              onResend={resend}
            />
          ) : null}
          {screen.name === "new_password" ? (
            <NewPasswordForm
              key="new_password"
              policy={policy}
              requiredAttributes={screen.requiredAttributes}
              busy={busy}
              onSave={(password, attributes) => step(() => api.completeNewPassword(password, attributes))}
            />
          ) : null}
          {screen.name === "mfa_code" ? (
            <MfaCodeForm
              key="mfa_code"
              kind={screen.kind}
              destination={screen.destination}
              busy={busy}
              onSubmitCode={(code) => step(() => api.submitMfaCode(code))}
            />
          ) : null}
          {screen.name === "select_mfa" ? (
            <SelectMfaForm
              key="select_mfa"
              options={screen.options}
              busy={busy}
              onSelect={(kind: MfaKind) => step(() => api.selectMfaType(kind))}
            />
          ) : null}
          {screen.name === "mfa_setup" ? (
            <TotpSetupForm
              key="mfa_setup"
              otpauthUri={screen.otpauthUri}
              qrSvg={screen.qrSvg}
              secret={screen.secret}
              busy={busy}
              onVerify={(code) => step(() => api.verifyTotpSetup(code))}
            />
          ) : null}

          {screen.name !== "signed_in" ? (
            <div className="border-t pt-3">
              {startScreen ? (
                <Button variant="ghost" onClick={onCancel} data-testid="account-back">
                  <ArrowLeft aria-hidden="true" />
                  Back
                </Button>
              ) : (
                <Button
                  variant="ghost"
                  onClick={() => dispatch({ type: "go", to: "sign_in" })}
                  disabled={busy}
                  data-testid="account-back"
                >
                  <ArrowLeft aria-hidden="true" />
                  Back to sign in
                </Button>
              )}
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
