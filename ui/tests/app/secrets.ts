/**
 * Where a signed-in app keeps its secrets, seen from outside: the desktop keychain (through
 * secret-tool, as a parent could look in "Passwords and Keys") and every file the app may write,
 * searched for tokens and passwords that must never be there.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** The keychain service the app files its entries under (the cloud crate's KEYCHAIN_SERVICE). */
export const KEYCHAIN_SERVICE = "NoComelon";

export interface KeychainItem {
  label: string;
  secret: string;
}

export interface KeychainSearch {
  items: KeychainItem[];
  /** The items' attributes as "name = value" (secret-tool prints them apart from the items). */
  attributes: string[];
}

function secretTool(env: NodeJS.ProcessEnv, args: string[]) {
  const result = spawnSync("secret-tool", args, { env, encoding: "utf8" });
  if (result.error) throw new Error(`secret-tool could not run (${result.error.message}); install it with: apt install libsecret-tools`);
  return result;
}

/** Every keychain item filed under attribute service=`service`, as secret-tool finds them. */
export function keychainSearch(env: NodeJS.ProcessEnv, service = KEYCHAIN_SERVICE): KeychainSearch {
  const result = secretTool(env, ["search", "--all", "--unlock", "service", service]);
  // Items go to stdout; their attributes to stderr. An empty search is no error (some versions
  // exit 1 for it, silently).
  const attributes = result.stderr
    .split("\n")
    .filter((line) => line.startsWith("attribute."))
    .map((line) => line.slice("attribute.".length));
  const unexplained = result.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("attribute."));
  if (result.status !== 0 && (result.stdout.trim() !== "" || unexplained.length > 0)) {
    throw new Error(`secret-tool search failed (${result.status}): ${unexplained.join(" ")}`);
  }
  const items: KeychainItem[] = [];
  for (const line of result.stdout.split("\n")) {
    if (line.startsWith("[")) {
      items.push({ label: "", secret: "" });
      continue;
    }
    const item = items.at(-1);
    const match = /^(label|secret) = (.*)$/.exec(line);
    if (!item || !match) continue;
    if (match[1] === "label") item.label = match[2] ?? "";
    else item.secret = match[2] ?? "";
  }
  return { items, attributes };
}

/** The secret of the keychain item with exactly these attributes, or null when there is none. */
export function keychainLookup(env: NodeJS.ProcessEnv, attributes: Record<string, string>): string | null {
  const result = secretTool(env, ["lookup", ...Object.entries(attributes).flat()]);
  if (result.status !== 0) {
    if (result.stderr.trim() === "") return null;
    throw new Error(`secret-tool lookup failed (${result.status}): ${result.stderr.trim()}`);
  }
  // A newline is added only when the output is a terminal; drop one if a version adds it anyway.
  return result.stdout.replace(/\n$/, "");
}

/** `dir` itself when it is a file, else the files under it (not following links), except those under `excluded`. */
function filesUnder(dir: string, excluded: string[]): string[] {
  if (excluded.includes(dir)) return [];
  try {
    if (statSync(dir).isFile()) return [dir];
  } catch {
    return [];
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path, excluded));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

const LARGEST_FILE = 256 * 1024 * 1024;

/**
 * Searches the app's folders for strings that must never be written there, now and, once
 * started, every quarter of a second for the whole test, so even a file that lives for a moment
 * (a temporary file before a rename) is caught. Findings name the file and what was found, never
 * the secret itself.
 */
export class DiskWatch {
  private readonly needles = new Map<string, Buffer>();
  private readonly found = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dirs: string[],
    private readonly excluded: string[],
  ) {}

  /** Adds a string to look for; `what` names it in findings (e.g. "the refresh token"). */
  watchFor(what: string, secret: string): void {
    if (secret !== "") this.needles.set(what, Buffer.from(secret, "utf8"));
  }

  /** Scans every file once; returns what it found this time. */
  scan(): string[] {
    const now: string[] = [];
    for (const dir of this.dirs) {
      for (const file of filesUnder(dir, this.excluded)) {
        let bytes: Buffer;
        try {
          if (statSync(file).size > LARGEST_FILE) continue;
          bytes = readFileSync(file);
        } catch {
          continue; // Gone since it was listed.
        }
        for (const [what, needle] of this.needles) {
          if (bytes.includes(needle)) {
            const finding = `${relative(dir, file) || file} (in ${dir}) contains ${what}`;
            now.push(finding);
            this.found.add(finding);
          }
        }
      }
    }
    return now;
  }

  start(intervalMs = 250): void {
    this.timer ??= setInterval(() => this.scan(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The files that contain `text` right now (to check the scan reads what the app writes). */
  filesContaining(text: string): string[] {
    const needle = Buffer.from(text, "utf8");
    const files: string[] = [];
    for (const dir of this.dirs) {
      for (const file of filesUnder(dir, this.excluded)) {
        try {
          if (readFileSync(file).includes(needle)) files.push(file);
        } catch {
          // Gone since it was listed.
        }
      }
    }
    return files;
  }

  /** Everything found since the watch began. */
  findings(): string[] {
    return [...this.found];
  }
}
