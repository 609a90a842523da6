/**
 * Turning account data from the Rust side into what the sign-in screens show: the authenticator
 * QR code as an image URL (never as markup in the page), the secret in readable groups, and
 * labels for the profile details a user pool may ask for.
 */
import type { MfaKind, SignOutReport } from "@/bindings";

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * The QR code SVG as a `data:` URL for an `<img>`: an image cannot run scripts or reach the page,
 * whatever the SVG contains. Returns null when the text is not an SVG document.
 */
export function svgDataUrl(svg: string): string | null {
  const text = svg.trim();
  if (!/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(text)) return null;
  return `data:image/svg+xml;base64,${base64Utf8(text)}`;
}

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP", for typing into an authenticator app by hand. */
export function groupSecret(secret: string, size = 4): string {
  const clean = secret.replace(/\s+/g, "").toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += size) groups.push(clean.slice(i, i + size));
  return groups.join(" ");
}

/** The link for "open in authenticator", only for an `otpauth://totp/` address. */
export function otpauthLink(uri: string): string | null {
  return /^otpauth:\/\/totp\/[^\s]*$/i.test(uri.trim()) ? uri.trim() : null;
}

/** Profile details Cognito may require, in words, with the matching autocomplete token. */
const ATTRIBUTES: Record<string, { label: string; autoComplete: string; type?: string }> = {
  name: { label: "Your name", autoComplete: "name" },
  given_name: { label: "First name", autoComplete: "given-name" },
  family_name: { label: "Last name", autoComplete: "family-name" },
  middle_name: { label: "Middle name", autoComplete: "additional-name" },
  nickname: { label: "Nickname", autoComplete: "nickname" },
  preferred_username: { label: "User name", autoComplete: "username" },
  phone_number: { label: "Phone number (with country code, e.g. +44…)", autoComplete: "tel", type: "tel" },
  birthdate: { label: "Date of birth (YYYY-MM-DD)", autoComplete: "bday" },
  address: { label: "Address", autoComplete: "street-address" },
  gender: { label: "Gender", autoComplete: "sex" },
  locale: { label: "Language", autoComplete: "language" },
  website: { label: "Website", autoComplete: "url", type: "url" },
  zoneinfo: { label: "Time zone", autoComplete: "off" },
  picture: { label: "Picture address", autoComplete: "photo", type: "url" },
  profile: { label: "Profile page", autoComplete: "url", type: "url" },
};

export interface AttributeField {
  /** The name to send back, exactly as the Rust side gave it. */
  key: string;
  label: string;
  autoComplete: string;
  type: string;
}

export function attributeField(key: string): AttributeField {
  const bare = key.replace(/^userAttributes\./, "");
  const known = ATTRIBUTES[bare];
  if (known) return { key, label: known.label, autoComplete: known.autoComplete, type: known.type ?? "text" };
  const words = bare.replace(/^custom:/, "").replace(/[_-]+/g, " ").trim();
  const label = words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
  return { key, label, autoComplete: "off", type: "text" };
}

export const MFA_WORDS: Record<MfaKind, { title: string; description: string }> = {
  totp: {
    title: "An authenticator app",
    description: "A code from an app such as Google Authenticator or 1Password.",
  },
  sms: {
    title: "A text message",
    description: "A code sent to your phone each time you sign in.",
  },
};

export interface SignOutSummary {
  tone: "success" | "warning";
  title: string;
  description: string | null;
}

/** What the toast says after signing out; problems are the Rust side's plain sentences. */
export function signOutSummary(report: SignOutReport, everywhere: boolean): SignOutSummary {
  const problems = report.problems.map((problem) => problem.trim()).filter((problem) => problem !== "");
  if (report.complete && problems.length === 0) {
    return {
      tone: "success",
      title: everywhere ? "Signed out on all your devices." : "Signed out.",
      description: null,
    };
  }
  return {
    tone: "warning",
    title: "Signed out on this computer.",
    description: problems.length > 0 ? problems.join(" ") : null,
  };
}
