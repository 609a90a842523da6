import { LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled form row. */
export function Field({ id, label, children, hint }: { id: string; label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint}
    </div>
  );
}

export function EmailInput({
  id,
  value,
  onChange,
  disabled,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  return (
    <Input
      id={id}
      name="email"
      type="email"
      inputMode="email"
      autoComplete="email"
      autoCapitalize="off"
      spellCheck={false}
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      disabled={disabled}
      data-testid="auth-email"
    />
  );
}

/** A one-time code from an email, a text message or an authenticator app. */
export function CodeInput({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  return (
    <Input
      id={id}
      name="code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-describedby={describedBy}
      className="max-w-48 font-mono text-lg tracking-[0.3em]"
      data-testid="auth-code"
    />
  );
}

/** Codes are often pasted with spaces ("123 456"); the service wants the digits only. */
export function cleanCode(code: string): string {
  return code.replace(/\s+/g, "");
}

export function SubmitButton({ busy, disabled, children }: { busy: boolean; disabled?: boolean; children: ReactNode }) {
  return (
    <Button type="submit" size="lg" disabled={busy || disabled} aria-busy={busy} data-testid="auth-submit">
      {busy ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : null}
      {children}
    </Button>
  );
}
