/**
 * One small form per sign-in screen. Each keeps what is typed only until it is submitted:
 * password and code fields are emptied the moment the form hands them to the Rust side.
 */
import { ExternalLink, KeyRound, MessageSquareText, Smartphone } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { MfaKind, PasswordPolicy } from "@/bindings";
import { PasswordChecklist } from "@/components/account/PasswordChecklist";
import { PasswordInput } from "@/components/account/PasswordInput";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { attributeField, groupSecret, MFA_WORDS, otpauthLink, svgDataUrl } from "@/lib/account-format";
import { meetsPolicy } from "@/lib/password-policy";
import { cleanCode, CodeInput, EmailInput, Field, SubmitButton } from "@/screens/account/fields";

function onSubmit(handler: () => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    handler();
  };
}

function LinkButton({ onClick, children, testId }: { onClick: () => void; children: string; testId: string }) {
  return (
    <Button variant="link" className="h-auto px-0 py-1" onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

export function SignInForm({
  initialEmail,
  busy,
  onSignIn,
  onForgot,
  onSignUp,
}: {
  initialEmail: string;
  busy: boolean;
  onSignIn: (email: string, password: string) => void;
  onForgot: (email: string) => void;
  onSignUp: (email: string) => void;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const submit = () => {
    const typed = password;
    setPassword("");
    onSignIn(email.trim(), typed);
  };
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit(submit)} noValidate>
      <Field id="signin-email" label="Email">
        <EmailInput id="signin-email" value={email} onChange={setEmail} />
      </Field>
      <Field id="signin-password" label="Password">
        <PasswordInput
          id="signin-password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          data-testid="auth-password"
        />
      </Field>
      <SubmitButton busy={busy} disabled={email.trim() === "" || password === ""}>
        Sign in
      </SubmitButton>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <LinkButton onClick={() => onForgot(email.trim())} testId="auth-forgot">
          Forgot your password?
        </LinkButton>
        <LinkButton onClick={() => onSignUp(email.trim())} testId="auth-signup">
          New here? Create an account
        </LinkButton>
      </div>
    </form>
  );
}

export function SignUpForm({
  initialEmail,
  policy,
  busy,
  onSignUp,
  onSignIn,
}: {
  initialEmail: string;
  policy: PasswordPolicy;
  busy: boolean;
  onSignUp: (email: string, password: string) => void;
  onSignIn: (email: string) => void;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const submit = () => {
    const typed = password;
    setPassword("");
    onSignUp(email.trim(), typed);
  };
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit(submit)} noValidate>
      <Field id="signup-email" label="Email">
        <EmailInput id="signup-email" value={email} onChange={setEmail} />
      </Field>
      <Field id="signup-password" label="Choose a password">
        <PasswordInput
          id="signup-password"
          name="new-password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby="signup-policy"
          data-testid="auth-new-password"
        />
      </Field>
      <PasswordChecklist id="signup-policy" policy={policy} password={password} />
      <SubmitButton busy={busy} disabled={email.trim() === "" || !meetsPolicy(policy, password)}>
        Create the account
      </SubmitButton>
      <div className="text-sm">
        <LinkButton onClick={() => onSignIn(email.trim())} testId="auth-signin">
          Already have an account? Sign in
        </LinkButton>
      </div>
    </form>
  );
}

export function ConfirmSignUpForm({
  busy,
  onConfirm,
  onResend,
}: {
  busy: boolean;
  onConfirm: (code: string) => void;
  onResend: () => void;
}) {
  const [code, setCode] = useState("");
  const submit = () => {
    const typed = cleanCode(code);
    setCode("");
    onConfirm(typed);
  };
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit(submit)} noValidate>
      <Field id="confirm-code" label="Code from the email">
        <CodeInput id="confirm-code" value={code} onChange={setCode} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton busy={busy} disabled={cleanCode(code) === ""}>
          Confirm the account
        </SubmitButton>
        <Button variant="outline" onClick={onResend} disabled={busy} data-testid="auth-resend">
          Send a new code
        </Button>
      </div>
    </form>
  );
}

export function ForgotPasswordForm({
  initialEmail,
  busy,
  onSend,
}: {
  initialEmail: string;
  busy: boolean;
  onSend: (email: string) => void;
}) {
  const [email, setEmail] = useState(initialEmail);
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit(() => onSend(email.trim()))} noValidate>
      <Field id="forgot-email" label="Email">
        <EmailInput id="forgot-email" value={email} onChange={setEmail} />
      </Field>
      <SubmitButton busy={busy} disabled={email.trim() === ""}>
        Send me a code
      </SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({
  policy,
  busy,
  onReset,
  onResend,
}: {
  policy: PasswordPolicy;
  busy: boolean;
  onReset: (code: string, password: string) => void;
  onResend: () => void;
}) {
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const submit = () => {
    const typedCode = cleanCode(code);
    const typedPassword = password;
    setCode("");
    setPassword("");
    onReset(typedCode, typedPassword);
  };
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit(submit)} noValidate>
      <Field id="reset-code" label="Code from the email">
        <CodeInput id="reset-code" value={code} onChange={setCode} />
      </Field>
      <Field id="reset-password" label="New password">
        <PasswordInput
          id="reset-password"
          name="new-password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby="reset-policy"
          data-testid="auth-new-password"
        />
      </Field>
      <PasswordChecklist id="reset-policy" policy={policy} password={password} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton busy={busy} disabled={cleanCode(code) === "" || !meetsPolicy(policy, password)}>
          Change the password
        </SubmitButton>
        <Button variant="outline" onClick={onResend} disabled={busy} data-testid="auth-resend">
          Send a new code
        </Button>
      </div>
    </form>
  );
}

export function NewPasswordForm({
  policy,
  requiredAttributes,
  busy,
  onSave,
}: {
  policy: PasswordPolicy;
  requiredAttributes: string[];
  busy: boolean;
  onSave: (password: string, attributes: Record<string, string>) => void;
}) {
  const [password, setPassword] = useState("");
  const [attributes, setAttributes] = useState<Record<string, string>>({});
  const fields = requiredAttributes.map(attributeField);
  const missing = fields.some((field) => (attributes[field.key] ?? "").trim() === "");
  const submit = () => {
    const typed = password;
    setPassword("");
    const values = Object.fromEntries(fields.map((field) => [field.key, (attributes[field.key] ?? "").trim()]));
    onSave(typed, values);
  };
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit(submit)} noValidate>
      <Field id="new-password" label="New password">
        <PasswordInput
          id="new-password"
          name="new-password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby="new-password-policy"
          data-testid="auth-new-password"
        />
      </Field>
      <PasswordChecklist id="new-password-policy" policy={policy} password={password} />
      {fields.map((field) => (
        <Field key={field.key} id={`attribute-${field.key}`} label={field.label}>
          <Input
            id={`attribute-${field.key}`}
            type={field.type}
            autoComplete={field.autoComplete}
            required
            value={attributes[field.key] ?? ""}
            onChange={(event) => {
              const value = event.target.value;
              setAttributes((current) => ({ ...current, [field.key]: value }));
            }}
            data-testid={`auth-attribute-${field.key}`}
          />
        </Field>
      ))}
      <SubmitButton busy={busy} disabled={!meetsPolicy(policy, password) || missing}>
        Save and sign in
      </SubmitButton>
    </form>
  );
}

export function MfaCodeForm({
  kind,
  destination,
  busy,
  onSubmitCode,
}: {
  kind: MfaKind;
  destination: string | null;
  busy: boolean;
  onSubmitCode: (code: string) => void;
}) {
  const [code, setCode] = useState("");
  const submit = () => {
    const typed = cleanCode(code);
    setCode("");
    onSubmitCode(typed);
  };
  const explanation =
    kind === "totp"
      ? "Open your authenticator app and type the 6-digit code it shows for NoComelon."
      : destination
        ? `We texted a code to ${destination}. Type it here.`
        : "We texted a code to your phone. Type it here.";
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit(submit)} noValidate>
      <p id="mfa-explanation" className="text-muted-foreground">
        {explanation}
      </p>
      <Field id="mfa-code" label={kind === "totp" ? "Code from the app" : "Code from the text message"}>
        <CodeInput id="mfa-code" value={code} onChange={setCode} describedBy="mfa-explanation" />
      </Field>
      <SubmitButton busy={busy} disabled={cleanCode(code) === ""}>
        Sign in
      </SubmitButton>
    </form>
  );
}

const MFA_ICONS: Record<MfaKind, typeof Smartphone> = { totp: Smartphone, sms: MessageSquareText };

export function SelectMfaForm({
  options,
  busy,
  onSelect,
}: {
  options: MfaKind[];
  busy: boolean;
  onSelect: (kind: MfaKind) => void;
}) {
  return (
    <div className="flex flex-col gap-3">
      <p className="text-muted-foreground">How would you like to get your sign-in code?</p>
      <ul className="flex flex-col gap-3">
        {options.map((kind) => {
          const Icon = MFA_ICONS[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                onClick={() => onSelect(kind)}
                disabled={busy}
                data-testid={`auth-mfa-${kind}`}
                className="flex w-full cursor-pointer items-start gap-3 rounded-xl border-2 bg-card p-4 text-left hover:border-primary/60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-50"
              >
                <Icon className="mt-0.5 size-5 text-primary" aria-hidden="true" />
                <span className="flex flex-col gap-0.5">
                  <span className="font-semibold">{MFA_WORDS[kind].title}</span>
                  <span className="text-sm text-muted-foreground">{MFA_WORDS[kind].description}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function TotpSetupForm({
  otpauthUri,
  qrSvg,
  secret,
  busy,
  onVerify,
}: {
  otpauthUri: string;
  qrSvg: string;
  secret: string;
  busy: boolean;
  onVerify: (code: string) => void;
}) {
  const [code, setCode] = useState("");
  const qr = svgDataUrl(qrSvg);
  const link = otpauthLink(otpauthUri);
  const submit = () => {
    const typed = cleanCode(code);
    setCode("");
    onVerify(typed);
  };
  return (
    <form className="flex flex-col gap-5" onSubmit={onSubmit(submit)} noValidate>
      <ol className="flex flex-col gap-5">
        <li className="flex flex-col gap-2">
          <p className="font-semibold">1. Add NoComelon to your authenticator app</p>
          <div className="flex flex-col items-start gap-4 sm:flex-row">
            {qr ? (
              <img
                src={qr}
                alt="QR code: scan it with your authenticator app"
                width={176}
                height={176}
                className="size-44 rounded-lg border bg-white p-2"
                data-testid="totp-qr"
              />
            ) : null}
            <div className="flex flex-col gap-2 text-sm">
              <p className="text-muted-foreground">
                {qr ? "Scan the code with the app, or type this key into it:" : "Type this key into the app:"}
              </p>
              <p
                className="rounded-md bg-muted px-3 py-2 font-mono text-base tracking-wide select-all"
                data-testid="totp-secret"
              >
                {groupSecret(secret)}
              </p>
              {link ? (
                <a
                  href={link}
                  className="inline-flex items-center gap-1.5 font-semibold text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                  data-testid="totp-open-app"
                >
                  <KeyRound className="size-4" aria-hidden="true" />
                  Open in the authenticator app on this computer
                  <ExternalLink className="size-3.5" aria-hidden="true" />
                </a>
              ) : null}
            </div>
          </div>
        </li>
        <li className="flex flex-col gap-2">
          <Field id="totp-code" label="2. Type the 6-digit code the app shows">
            <CodeInput id="totp-code" value={code} onChange={setCode} />
          </Field>
        </li>
      </ol>
      <SubmitButton busy={busy} disabled={cleanCode(code) === ""}>
        Finish and sign in
      </SubmitButton>
    </form>
  );
}
