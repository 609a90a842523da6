/**
 * The account password rules, as a checklist the parent sees before choosing a password. The
 * rules come from the Rust side (the user pool's policy); this only checks a typed password
 * against them so the list can tick off live. The Rust side still has the final word.
 */
import type { PasswordPolicy } from "@/bindings";

export type PolicyRuleKey = "length" | "uppercase" | "lowercase" | "number" | "symbol" | "edges";

export interface PolicyCheck {
  key: PolicyRuleKey;
  label: string;
  met: boolean;
}

/** The characters the account service counts as symbols (a space inside the password counts too). */
export const PASSWORD_SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

function hasSymbol(password: string): boolean {
  const inner = password.trim();
  for (const char of inner) {
    if (PASSWORD_SYMBOLS.includes(char)) return true;
  }
  return false;
}

/** The rules of `policy`, in the order they are listed, each with whether `password` meets it. */
export function policyChecks(policy: PasswordPolicy, password: string): PolicyCheck[] {
  const checks: PolicyCheck[] = [];
  if (policy.min_length > 0) {
    checks.push({
      key: "length",
      label: `At least ${policy.min_length} characters`,
      met: [...password].length >= policy.min_length,
    });
  }
  if (policy.require_uppercase) {
    checks.push({ key: "uppercase", label: "An uppercase letter (A-Z)", met: /[A-Z]/.test(password) });
  }
  if (policy.require_lowercase) {
    checks.push({ key: "lowercase", label: "A lowercase letter (a-z)", met: /[a-z]/.test(password) });
  }
  if (policy.require_numbers) {
    checks.push({ key: "number", label: "A number (0-9)", met: /[0-9]/.test(password) });
  }
  if (policy.require_symbols) {
    checks.push({ key: "symbol", label: "A symbol, such as ! ? # or @", met: hasSymbol(password) });
  }
  // Only listed once it is broken: a space at either end is never accepted.
  if (password !== password.trim()) {
    checks.push({ key: "edges", label: "No space at the start or the end", met: false });
  }
  return checks;
}

/** Whether `password` meets every rule of `policy`. */
export function meetsPolicy(policy: PasswordPolicy, password: string): boolean {
  return password !== "" && policyChecks(policy, password).every((check) => check.met);
}

/** The rules in one sentence, for screen readers and hints. */
export function policySentence(policy: PasswordPolicy): string {
  const parts: string[] = [];
  if (policy.require_uppercase) parts.push("an uppercase letter");
  if (policy.require_lowercase) parts.push("a lowercase letter");
  if (policy.require_numbers) parts.push("a number");
  if (policy.require_symbols) parts.push("a symbol");
  const length = policy.min_length > 0 ? `at least ${policy.min_length} characters` : "";
  let withParts = "";
  if (parts.length === 1) withParts = parts[0] ?? "";
  else if (parts.length > 1) withParts = `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
  if (length && withParts) return `Use ${length}, with ${withParts}.`;
  if (length) return `Use ${length}.`;
  if (withParts) return `Use ${withParts}.`;
  return "Any password will do.";
}
