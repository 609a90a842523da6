/**
 * A small W3C WebDriver client over fetch, enough to drive the real app through tauri-driver:
 * sessions, finding elements by test id, clicking, typing, reading, running a script and taking
 * screenshots. No browser download, no WebDriver library.
 */
import { writeFile } from "node:fs/promises";

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = "WebDriverError";
  }
}

async function request<T>(url: string, method: "GET" | "POST" | "DELETE", body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "Content-Type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: { value?: unknown } = {};
  try {
    parsed = text ? (JSON.parse(text) as { value?: unknown }) : {};
  } catch {
    throw new WebDriverError("invalid response", `${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  }
  const value = parsed.value as { error?: string; message?: string } | undefined;
  if (!response.ok || (value && typeof value === "object" && typeof value.error === "string")) {
    throw new WebDriverError(value?.error ?? String(response.status), `${method} ${url}: ${value?.message ?? text.slice(0, 300)}`);
  }
  return parsed.value as T;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `probe` until it returns a value other than undefined/false, or fails with `what`. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await probe();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

export class Element {
  constructor(
    private readonly session: Session,
    readonly id: string,
  ) {}

  private path(suffix: string): string {
    return `element/${this.id}/${suffix}`;
  }

  /**
   * Clicks the element once it is in sight. A parent scrolls what they are about to press clear
   * of the action bar that stays at the window's bottom; WebDriver's own scrolling stops as soon
   * as part of the element shows, which can leave its middle under that bar.
   */
  async click(): Promise<void> {
    await this.session.execute("arguments[0].scrollIntoView({ block: 'nearest' });", [{ [ELEMENT_KEY]: this.id }]);
    await this.session.post(this.path("click"), {});
  }

  clear(): Promise<void> {
    return this.session.post(this.path("clear"), {});
  }

  type(text: string): Promise<void> {
    return this.session.post(this.path("value"), { text });
  }

  text(): Promise<string> {
    return this.session.get(this.path("text"));
  }

  attribute(name: string): Promise<string | null> {
    return this.session.get(this.path(`attribute/${encodeURIComponent(name)}`));
  }

  property<T = unknown>(name: string): Promise<T> {
    return this.session.get(this.path(`property/${encodeURIComponent(name)}`));
  }

  enabled(): Promise<boolean> {
    return this.session.get(this.path("enabled"));
  }

  displayed(): Promise<boolean> {
    return this.session.get(this.path("displayed"));
  }

  /** Moves the mouse over the middle of the element, as a parent's hand would. */
  async hover(): Promise<void> {
    await this.session.post("actions", {
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [{ type: "pointerMove", origin: { [ELEMENT_KEY]: this.id }, x: 0, y: 0, duration: 200 }],
        },
      ],
    });
  }
}

export class Session {
  private constructor(
    readonly base: string,
    readonly id: string,
  ) {}

  /** Starts the app through tauri-driver; it is running once this resolves. */
  static async start(driverUrl: string, application: string, args: string[] = []): Promise<Session> {
    const created = await request<{ sessionId: string }>(`${driverUrl}/session`, "POST", {
      capabilities: {
        alwaysMatch: {
          browserName: "wry",
          "tauri:options": { application, args },
          // A window whose page cannot load fails in 30 s rather than the default 5 minutes.
          timeouts: { pageLoad: 30_000, script: 30_000, implicit: 0 },
        },
      },
    });
    return new Session(driverUrl, created.sessionId);
  }

  get<T>(suffix: string): Promise<T> {
    return request<T>(`${this.base}/session/${this.id}/${suffix}`, "GET");
  }

  post<T>(suffix: string, body: unknown): Promise<T> {
    return request<T>(`${this.base}/session/${this.id}/${suffix}`, "POST", body);
  }

  /** Ends the session (closes the app). A session whose app is already gone is fine. */
  async end(): Promise<void> {
    try {
      await request(`${this.base}/session/${this.id}`, "DELETE");
    } catch {
      // The app was killed or had already exited.
    }
  }

  url(): Promise<string> {
    return this.get("url");
  }

  async find(css: string): Promise<Element | null> {
    try {
      const found = await this.post<Record<string, string>>("element", { using: "css selector", value: css });
      const id = found[ELEMENT_KEY];
      return id ? new Element(this, id) : null;
    } catch (error) {
      if (error instanceof WebDriverError && error.error === "no such element") return null;
      throw error;
    }
  }

  async findAll(css: string): Promise<Element[]> {
    const found = await this.post<Record<string, string>[]>("elements", { using: "css selector", value: css });
    return found.map((entry) => new Element(this, entry[ELEMENT_KEY] ?? ""));
  }

  byTest(id: string): Promise<Element | null> {
    return this.find(`[data-testid="${id}"]`);
  }

  /** Waits for the element with this test id to be shown. */
  async waitFor(css: string, timeoutMs = 20_000): Promise<Element> {
    return waitUntil(
      css,
      async () => {
        const element = await this.find(css);
        return element && (await element.displayed()) ? element : undefined;
      },
      timeoutMs,
    );
  }

  waitForTest(id: string, timeoutMs = 20_000): Promise<Element> {
    return this.waitFor(`[data-testid="${id}"]`, timeoutMs);
  }

  /** Runs `script` (a function body; `arguments` holds `args`) in the page. */
  execute<T>(script: string, args: unknown[] = []): Promise<T> {
    return this.post<T>("execute/sync", { script, args });
  }

  /** Runs `script` in the page and waits for it to call its last argument (the callback). */
  executeAsync<T>(script: string, args: unknown[] = []): Promise<T> {
    return this.post<T>("execute/async", { script, args });
  }

  /** All text currently on the page, for matching messages and toasts. */
  pageText(): Promise<string> {
    return this.execute<string>("return document.body.innerText;");
  }

  async waitForText(text: string, timeoutMs = 20_000): Promise<void> {
    await waitUntil(`the text "${text}"`, async () => (await this.pageText()).includes(text), timeoutMs);
  }

  async screenshot(path: string): Promise<void> {
    const png = await this.get<string>("screenshot");
    await writeFile(path, Buffer.from(png, "base64"));
  }

  /** Presses a key chord, e.g. keys(["\uE009", "v"]) for Ctrl+V. */
  async keys(chord: string[]): Promise<void> {
    const down = chord.map((value) => ({ type: "keyDown", value }));
    const up = [...chord].reverse().map((value) => ({ type: "keyUp", value }));
    await this.post("actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
    await request(`${this.base}/session/${this.id}/actions`, "DELETE");
  }
}

export const KEY = { control: "\uE009", end: "\uE010" } as const;
