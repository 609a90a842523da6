/**
 * Everything the real app needs to run in a window on a machine without a screen: a virtual X
 * display (Xvfb), a private session bus, tauri-driver in front of WebKitWebDriver, a fresh data
 * folder, the X clipboard for pasting drawings and, when asked, an unlocked keychain (GNOME
 * Keyring) and cloud settings. Every process started here is stopped by its own id in `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants, createWriteStream, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sleep, waitUntil } from "./webdriver";

export const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const REPO_DIR = resolve(UI_DIR, "..");
export const RESULTS_DIR = join(UI_DIR, "test-results");
export const FIXTURES_DIR = resolve(REPO_DIR, "src-tauri/fixtures/drawings");
export const APP_BINARY = resolve(process.env.APP_BINARY ?? join(REPO_DIR, "target/debug/nocomelon-desktop"));
const TOOLS_DIR = join(REPO_DIR, "target/tools");
const TAURI_DRIVER = process.env.TAURI_DRIVER ?? join(TOOLS_DIR, "bin/tauri-driver");
const WEBKIT_DRIVER = process.env.WEBKIT_WEBDRIVER ?? "/usr/bin/WebKitWebDriver";

const BUILD_HINT =
  "Build it with the UI inside: (cd ui && npm run build) && cargo build --features custom-protocol --bin nocomelon-desktop (from the repository root), or point APP_BINARY at a built app.";

function requireExecutable(path: string, install: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing. ${install}`);
  }
}

function requireCommand(name: string, install: string): string {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === "") throw new Error(`${name} was not found. ${install}`);
  return path;
}

export interface EnvironmentOptions {
  /** The cloud settings file the app is given (NOCOMELON_CONFIG); without one it has no cloud. */
  cloudConfig?: string;
  /** An unlocked GNOME Keyring (the Secret Service) on the private bus, in a throw-away folder. */
  keyring?: boolean;
  /** The test pastes the fixture drawings and probes videos (fixtures, xclip, ffprobe); default true. */
  drawings?: boolean;
  /** Names the driver's and the app's log, ui/test-results/<name>-driver.log; default "app". */
  name?: string;
  /** A data folder that already holds a family's work (default: a new, empty one). */
  dataDir?: string;
}

/** Fails with what to install or build when something the test needs is missing. */
export function checkPrerequisites(options: EnvironmentOptions = {}): void {
  requireExecutable(APP_BINARY, `The app is not built. ${BUILD_HINT}`);
  requireCommand("Xvfb", "Install it with: apt install xvfb");
  requireExecutable(WEBKIT_DRIVER, "Install it with: apt install webkit2gtk-driver");
  requireCommand("dbus-daemon", "Install it with: apt install dbus");
  if (options.keyring) {
    requireCommand("gnome-keyring-daemon", "Install it with: apt install gnome-keyring");
    requireCommand("secret-tool", "Install it with: apt install libsecret-tools");
    requireCommand("dbus-send", "Install it with: apt install dbus-bin");
  }
  if (options.drawings ?? true) {
    requireCommand("xclip", "Install it with: apt install xclip");
    requireCommand("ffprobe", "Install it with: apt install ffmpeg");
    try {
      accessSync(join(FIXTURES_DIR, "boy-purple.png"), constants.R_OK);
    } catch {
      throw new Error(`${FIXTURES_DIR} is missing: the drawing fixtures belong in src-tauri/fixtures/drawings of the repository.`);
    }
  }
}

/** tauri-driver from crates.io, built once into target/tools (a few minutes the first time). */
export function ensureTauriDriver(): string {
  try {
    accessSync(TAURI_DRIVER, constants.X_OK);
    return TAURI_DRIVER;
  } catch {
    // Not installed yet: build it below.
  }
  requireCommand("cargo", "Install Rust (https://rustup.rs) to build tauri-driver.");
  console.log(`Installing tauri-driver 2.1.0 into ${TOOLS_DIR} (takes a few minutes the first time)…`);
  const result = spawnSync(
    "cargo",
    ["install", "tauri-driver", "--locked", "--version", "2.1.0", "--root", TOOLS_DIR],
    { stdio: "inherit" },
  );
  if (result.status !== 0) throw new Error("cargo install tauri-driver failed; see the output above.");
  requireExecutable(TAURI_DRIVER, "cargo install did not produce it.");
  return TAURI_DRIVER;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export function readLine(stream: NodeJS.ReadableStream, what: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((done, fail) => {
    let buffer = "";
    const timer = setTimeout(() => fail(new Error(`${what} did not start in time.`)), timeoutMs);
    const onData = (chunk: Buffer | string) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        clearTimeout(timer);
        stream.off("data", onData);
        done(buffer.slice(0, newline).trim());
      }
    };
    stream.on("data", onData);
  });
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses; the fields after its last ")" are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return null;
  }
}

function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== null) parents.set(pid, parent);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const [pid, parent] of parents) {
      if (parent === current) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function executableOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, "");
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited; only its parent has not collected it yet.
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

export interface AppEnvironment {
  display: string;
  driverUrl: string;
  dataDir: string;
  /** The desktop's Videos folder (XDG_VIDEOS_DIR), where the app saves copies of videos. */
  videosDir: string;
  /** Every folder the app may write to: its data folder and its XDG config, cache and data homes. */
  appDirs: string[];
  /** Where the throw-away keyring keeps its files (only with `keyring`). */
  keyringDir: string;
  /** The environment the app runs in (display, session bus, folders): for tools such as secret-tool. */
  processEnv: NodeJS.ProcessEnv;
  binary: string;
  logPath: string;
  /** Ids of the running app processes started through this environment's tauri-driver. */
  appPids: () => number[];
  /** Stops the app processes still running (SIGTERM, then SIGKILL after 5 s). */
  stopApps: () => Promise<void>;
  /** Kills the app processes at once (SIGKILL), as a crash or a power cut would, and waits until they are gone. */
  killApps: () => Promise<void>;
  /** Puts a PNG on the clipboard of the virtual display, as "Copy image" in a browser would. */
  copyImage: (path: string) => Promise<void>;
  /** Puts text (e.g. a file:// URI, as a file manager's "Copy" does) on the clipboard. */
  copyText: (text: string) => Promise<void>;
  stop: () => Promise<void>;
}

function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
    }, 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    child.kill("SIGTERM");
  });
}

async function waitForBusName(env: NodeJS.ProcessEnv, name: string, owner: ChildProcess, what: string): Promise<void> {
  await waitUntil(
    `${what} on the session bus`,
    async () => {
      if (owner.exitCode !== null) throw new Error(`${what} exited (${owner.exitCode}).`);
      const answer = spawnSync(
        "dbus-send",
        ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", `string:${name}`],
        { env, encoding: "utf8" },
      );
      return answer.status === 0 && answer.stdout.includes("boolean true");
    },
    15_000,
  );
}

export async function startEnvironment(options: EnvironmentOptions = {}): Promise<AppEnvironment> {
  checkPrerequisites(options);
  const driver = ensureTauriDriver();
  await mkdir(RESULTS_DIR, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), "nocomelon-app-test-"));
  const dataDir = options.dataDir ?? join(scratch, "data");
  await mkdir(dataDir, { recursive: true });
  const dataHome = join(scratch, "share");
  const videosDir = join(scratch, "Videos");
  const appDirs = [dataDir, join(scratch, "config"), join(scratch, "cache"), dataHome, videosDir];
  const keyringDir = join(dataHome, "keyrings");
  const logPath = join(RESULTS_DIR, `${options.name ?? "app"}-driver.log`);
  const log = createWriteStream(logPath);

  const started: ChildProcess[] = [];
  let clipboard: ChildProcess | null = null;
  let driverPid: number | undefined;
  const binary = realpathSync(APP_BINARY);
  const appPids = () =>
    driverPid === undefined ? [] : descendantsOf(driverPid).filter((pid) => executableOf(pid) === binary);
  // Ending a WebDriver session does not always end the app: whatever is left is stopped here.
  const stopApps = async () => {
    const pids = appPids();
    for (const pid of pids) signal(pid, "SIGTERM");
    const deadline = Date.now() + 5000;
    while (pids.some(alive) && Date.now() < deadline) await sleep(100);
    for (const pid of pids.filter(alive)) signal(pid, "SIGKILL");
  };
  const killApps = async () => {
    for (const pid of appPids()) signal(pid, "SIGKILL");
    await waitUntil("the app to be gone", async () => appPids().filter(alive).length === 0, 10_000);
  };
  const stopAll = async () => {
    await stopApps();
    await stopChild(clipboard);
    for (const child of [...started].reverse()) await stopChild(child);
    log.end();
    await rm(scratch, { recursive: true, force: true });
  };

  try {
    // Xvfb picks a free display itself and writes its number to fd 3.
    const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    started.push(xvfb);
    xvfb.stderr?.pipe(log, { end: false });
    const displayFd = xvfb.stdio[3];
    if (!displayFd || !("on" in displayFd)) throw new Error("Xvfb gave no display number.");
    const display = `:${await readLine(displayFd as NodeJS.ReadableStream, "Xvfb")}`;

    // A session bus of our own, so the app's single-instance check cannot reach another copy.
    const bus = spawn("dbus-daemon", ["--session", "--nofork", "--nopidfile", "--print-address=1"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.push(bus);
    bus.stderr?.pipe(log, { end: false });
    const busAddress = await readLine(bus.stdout as NodeJS.ReadableStream, "dbus-daemon");

    const port = await freePort();
    const nativePort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DISPLAY: display,
      DBUS_SESSION_BUS_ADDRESS: busAddress,
      NOCOMELON_DATA_DIR: dataDir,
      NOCOMELON_LOG: process.env.NOCOMELON_LOG ?? "info",
      XDG_CONFIG_HOME: join(scratch, "config"),
      XDG_CACHE_HOME: join(scratch, "cache"),
      XDG_DATA_HOME: dataHome,
      XDG_RUNTIME_DIR: join(scratch, "runtime"),
      // No accessibility bus under Xvfb. (WEBKIT_DISABLE_DMABUF_RENDERER must stay unset here:
      // with it, WebKitWebDriver's screenshots never return.)
      NO_AT_BRIDGE: "1",
      // No sound card or sound server here: without a sink that accepts audio, WebKit's media
      // player fails every video that has a soundtrack. A desktop always has one.
      GST_PLUGIN_FEATURE_RANK: "fakeaudiosink:MAX",
      GTK_A11Y: "none",
      GDK_BACKEND: "x11",
    };
    delete env.WEBKIT_DISABLE_DMABUF_RENDERER;
    delete env.WAYLAND_DISPLAY;
    // Cloud settings only when the test gives some: never the ones of whoever runs the test.
    delete env.NOCOMELON_CONFIG;
    if (options.cloudConfig !== undefined) env.NOCOMELON_CONFIG = options.cloudConfig;
    await mkdir(join(scratch, "runtime"), { recursive: true, mode: 0o700 });
    await mkdir(dataHome, { recursive: true });
    // The desktop's user folders, as xdg-user-dirs writes them.
    await mkdir(join(scratch, "config"), { recursive: true });
    await writeFile(join(scratch, "config", "user-dirs.dirs"), `XDG_VIDEOS_DIR="${videosDir}"\n`);

    if (options.keyring) {
      // The desktop's keychain: it creates a "login" keyring in the throw-away folder, unlocked
      // with this password, and serves it as org.freedesktop.secrets on our private bus.
      const keyring = spawn("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], {
        env,
        stdio: ["pipe", "pipe", "pipe"],
      });
      started.push(keyring);
      keyring.stdout?.pipe(log, { end: false });
      keyring.stderr?.pipe(log, { end: false });
      keyring.stdin?.end("nocomelon-test");
      await waitForBusName(env, "org.freedesktop.secrets", keyring, "gnome-keyring-daemon");
    }
    const tauriDriver = spawn(
      driver,
      ["--port", String(port), "--native-port", String(nativePort), "--native-driver", WEBKIT_DRIVER],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    started.push(tauriDriver);
    driverPid = tauriDriver.pid;
    tauriDriver.stdout?.pipe(log, { end: false });
    tauriDriver.stderr?.pipe(log, { end: false });
    const driverUrl = `http://127.0.0.1:${port}`;
    await waitUntil(
      "tauri-driver to listen",
      async () => {
        if (tauriDriver.exitCode !== null) throw new Error(`tauri-driver exited (${tauriDriver.exitCode}); see ${logPath}`);
        const response = await fetch(`${driverUrl}/status`).catch(() => null);
        return response !== null;
      },
      15_000,
    );

    const setClipboard = async (args: string[], input?: string) => {
      await stopChild(clipboard);
      // -quiet keeps xclip in the foreground, serving the clipboard until it is stopped.
      const child = spawn("xclip", ["-quiet", "-selection", "clipboard", ...args], {
        env: { ...process.env, DISPLAY: display },
        stdio: [input === undefined ? "ignore" : "pipe", "ignore", "pipe"],
      });
      child.stderr?.pipe(log, { end: false });
      if (input !== undefined) child.stdin?.end(input);
      clipboard = child;
      await sleep(300);
      if (child.exitCode !== null) throw new Error(`xclip could not take the clipboard; see ${logPath}`);
    };

    return {
      display,
      driverUrl,
      dataDir,
      videosDir,
      appDirs,
      keyringDir,
      processEnv: env,
      binary,
      logPath,
      appPids,
      stopApps,
      killApps,
      copyImage: (path) => setClipboard(["-t", "image/png", "-i", path]),
      copyText: (text) => setClipboard(["-t", "UTF8_STRING"], text),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
