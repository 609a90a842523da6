/**
 * A stand-in for the Rust shell, injected into the page before the app loads (browser tests
 * only; it is bundled separately and never part of ui/dist). It answers every IPC command of the
 * contract from in-memory state, records each call with its time, and lets the test emit native
 * events such as file drops.
 */
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type {
  Account,
  AccountStatus,
  Answered,
  AppError,
  AppInfo,
  CodeDelivery,
  Customization,
  DraftedStory,
  DrawingAnalysis,
  Engine,
  FigureBox,
  IngestOutcome,
  LibraryEntry,
  Recognition,
  RenderProgress,
  Run,
  RunSummary,
  SignInStep,
  SignOutReport,
  Stage,
  StoryScript,
  SyncStatus,
  VoiceOffer,
  VoiceType,
} from "../../src/bindings";

export interface FakeConfig {
  /** Seeds a run at this stage (with everything earlier filled in) and resumes it on launch. */
  resumeAt?: Stage;
  /** Seeds a run at this stage without resuming it (it is listed on the welcome screen). */
  seedAt?: Stage;
  /** Seeds library entries. */
  library?: LibraryEntry[];
  /** Paths the file picker returns. */
  pickedFiles?: string[];
  /** Drawings the app was opened with from the desktop ("Open with"). */
  openedFiles?: string[];
  /** Milliseconds between render progress messages. */
  renderStepMs?: number;
  /**
   * Progress messages that arrive late, as from a slow worker: an earlier phase, scene or
   * percent after a later one (the window must never show the work going backwards).
   */
  renderLateMessages?: boolean;
  /** The narrators this computer offers and how their samples behave. */
  voices?: FakeVoices;
  /** The family-account service; without it "Sign in" is unavailable, as without cloud settings. */
  cloud?: FakeCloud;
  /** The family's vision and story service as the engine meets it; none by default. */
  service?: FakeService;
}

/**
 * How the family's vision and story service behaves. `answers`: it suggests the words and writes
 * the story; `fails`: it is asked and fails, and this computer answers with `reason`; `none`:
 * there is no service (nobody signed in, or the family's cloud runs none).
 */
export interface FakeService {
  mode: "answers" | "fails" | "none";
  /** What went wrong, in the words the core gives the window. */
  reason?: string;
  /** How long the service takes before it answers or fails; a waiting request can be stopped. */
  delayMs?: number;
}

export interface FakeVoices {
  /** The list of voices cannot be had (the window falls back to the voices' names). */
  listFails?: boolean;
  /** Making a sample fails with this message. */
  sampleFails?: string;
  /** How long making a sample takes. */
  sampleDelayMs?: number;
}

export interface FakeCloud {
  users: FakeUser[];
  /** The email of the account already signed in at launch. */
  signedIn?: string;
  /** What sign-out could not do (the server not told, ...); empty means it all went through. */
  signOutProblems?: string[];
  /** The signed-in account's keychain has not answered yet (the desktop's keyring starts late). */
  keychainWaiting?: boolean;
  /** The family's cloud cannot be reached: changes wait. */
  offline?: boolean;
}

/** A user of the fake account service. Codes: the emailed ones are in `codes`, app/SMS codes are 123456. */
export interface FakeUser {
  email: string;
  password: string;
  confirmed?: boolean;
  /** What signing in asks for before the account is signed in. */
  challenge?: "new_password" | "totp_setup" | "totp" | "sms" | "select_mfa";
  requiredAttributes?: string[];
}

export interface RecordedCall {
  cmd: string;
  args: unknown;
  at: number;
}

export interface FakeBackend {
  calls: RecordedCall[];
  runs: Map<string, Run>;
  library: Map<string, LibraryEntry>;
  failNextSaves: (count: number) => void;
  /** The next `count` saves of the story's choices (Customize) fail. */
  failNextCustomizationSaves: (count: number) => void;
  /** The next account command fails with this error (e.g. network, session_expired). */
  failNextAccountCall: (error: AppError) => void;
  /** The codes the fake account service emailed, newest last. */
  sentCodes: { email: string; purpose: "sign_up" | "reset"; code: string }[];
  emit: (event: string, payload: unknown) => Promise<void>;
  callsOf: (cmd: string) => RecordedCall[];
  /** A second launch with these files, as "Open with" on the desktop does while the app runs. */
  openWith: (paths: string[]) => Promise<void>;
  /** Takes the family's cloud away (true) or brings it back. */
  setOffline: (offline: boolean) => void;
  /** Changes how the family's vision and story service behaves from now on. */
  setService: (service: FakeService) => void;
}

interface TauriInternals {
  invoke: (cmd: string, args?: unknown) => Promise<unknown>;
  runCallback: (id: number, data: unknown) => void;
  convertFileSrc: (path: string, protocol?: string) => string;
}

declare global {
  interface Window {
    __FAKE_CONFIG__?: FakeConfig;
    /** Set by a script inside the fake QR code, if the page ever ran it. */
    __qrScriptRan?: boolean;
    __fake: FakeBackend;
    __TAURI_INTERNALS__: TauriInternals;
  }
}

const config: FakeConfig = window.__FAKE_CONFIG__ ?? {};
const MEDIA = "/home/parent/.local/share/nocomelon/media";

class CommandError {
  constructor(readonly error: AppError) {}
}

function fail(code: string, message: string): never {
  throw new CommandError({ code, message });
}

const sizes: Record<string, [number, number]> = {
  "boy-purple.png": [508, 602],
  "girl-pencil.png": [333, 392],
  "pig.png": [600, 450],
};

function now(): string {
  return new Date().toISOString();
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

let counter = 0;
function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

const runs = new Map<string, Run>();
const library = new Map<string, LibraryEntry>();
const byDrawing = new Map<string, string>();
const calls: RecordedCall[] = [];
const cancelled = new Set<string>();
let savesToFail = 0;
let customizationSavesToFail = 0;

function makeRun(fileName: string, drawingName = fileName): Run {
  const known = sizes[drawingName] ?? [600, 450];
  const id = nextId("run");
  const created = now();
  return {
    id,
    drawing: {
      id: `sha-${drawingName}`,
      original_name: fileName,
      format: "png",
      normalized_path: `${MEDIA}/${id}/${drawingName}`,
      thumbnail_path: `${MEDIA}/${id}/${drawingName}`,
      width: known[0],
      height: known[1],
      source_width: known[0],
      source_height: known[1],
      created_at: created,
    },
    stage: "upload",
    analysis: null,
    customization: null,
    script: null,
    media: { images: [], audio: [], video_path: null, thumbnail_path: null, duration_sec: null, warnings: [] },
    library_entry_id: null,
    created_at: created,
    updated_at: created,
  };
}

function summary(run: Run): RunSummary {
  return {
    id: run.id,
    title: run.script?.title ?? "",
    stage: run.stage,
    thumbnail_path: run.drawing.thumbnail_path,
    updated_at: run.updated_at,
  };
}

function getRun(runId: unknown): Run {
  const run = typeof runId === "string" ? runs.get(runId) : undefined;
  if (!run) fail("run_not_found", "That story could not be found on this computer.");
  return run;
}

function touch(run: Run, changes: Partial<Run>): Run {
  const next = { ...run, ...changes, updated_at: now() };
  runs.set(run.id, next);
  return next;
}

function analysisFor(run: Run, crop: FigureBox | null | undefined): DrawingAnalysis {
  const { width, height } = run.drawing;
  const box =
    crop === undefined
      ? { x: Math.round(width * 0.1), y: Math.round(height * 0.05), width: Math.round(width * 0.8), height: Math.round(height * 0.9) }
      : crop;
  return {
    subject: "",
    setting: "",
    mood: "",
    subject_suggestions: ["a little boy", "a superhero", "a purple friend"],
    setting_suggestions: ["a sunny park", "outer space"],
    mood_suggestions: ["happy", "curious"],
    colors: [
      { hex: "#7b3fbf", name: "purple", share: 0.62 },
      { hex: "#f2c94c", name: "yellow", share: 0.21 },
      { hex: "#222222", name: "black", share: 0.17 },
    ],
    figure_box: box,
    whole_page: crop === null,
    source: "on_device",
  };
}

/** The service's words differ from this computer's, so a test sees whose words arrived. */
function serviceWords(analysis: DrawingAnalysis): DrawingAnalysis {
  return {
    ...analysis,
    subject: "a brave knight",
    setting: "a castle on a hill",
    mood: "brave",
    subject_suggestions: ["a brave knight", "a purple wizard"],
    setting_suggestions: ["a castle on a hill", "a snowy forest"],
    mood_suggestions: ["brave", "cheerful"],
    source: "service",
  };
}

function onDeviceWords(run: Run, analysis: DrawingAnalysis): DrawingAnalysis {
  const { subject_suggestions, setting_suggestions, mood_suggestions } = analysisFor(run, undefined);
  return { ...analysis, subject: "", setting: "", mood: "", subject_suggestions, setting_suggestions, mood_suggestions, source: "on_device" };
}

function recognition(run: Run, crop: FigureBox | null | undefined, answered: Answered, analysis = analysisFor(run, crop)): Recognition {
  const name = basename(run.drawing.normalized_path).replace(/\.png$/, "");
  return { analysis, answered, mask_path: `${MEDIA}/${run.id}/${name}.mask.png`, found: true };
}

function serviceDraft(run: Run): StoryScript {
  const subject = run.analysis?.subject || "a drawing";
  return {
    title: `A Tale of ${subject}`,
    scenes: [
      { id: nextId("scene"), text: `Far away, beyond the hills, lived ${subject}.` },
      { id: nextId("scene"), text: "Every evening the stars came out to listen." },
    ],
  };
}

function draft(run: Run, another: boolean): StoryScript {
  const subject = run.analysis?.subject || "a drawing";
  const name = run.customization?.personal_context.child_name || "our friend";
  return another
    ? {
        title: `Another Day for ${subject}`,
        scenes: [
          { id: nextId("scene"), text: `One morning ${subject} woke up early.` },
          { id: nextId("scene"), text: `${name} came to play.` },
        ],
      }
    : {
        title: `The Story of ${subject}`,
        scenes: [
          { id: nextId("scene"), text: `Once upon a time there was ${subject}.` },
          { id: nextId("scene"), text: `Every day ${subject} looked for ${name}.` },
          { id: nextId("scene"), text: "And they all went home happy." },
        ],
      };
}

function checkDraft(script: StoryScript): void {
  if ([...script.title].length > 120) fail("title_too_long", "The title is too long (at most 120 characters).");
  if (script.scenes.length > 12) fail("too_many_scenes", "A story can have at most 12 scenes.");
  script.scenes.forEach((scene, index) => {
    if ([...scene.text].length > 600)
      fail("scene_too_long", `Scene ${index + 1} is too long (at most 600 characters).`);
  });
  const ids = new Set(script.scenes.map((scene) => scene.id));
  if (ids.size !== script.scenes.length) fail("duplicate_scene_id", "Two scenes share an id.");
}

function seedRun(stage: Stage): Run {
  let run = makeRun("boy-purple.png");
  runs.set(run.id, run);
  const analysis: DrawingAnalysis = { ...analysisFor(run, undefined), subject: "a purple boy", setting: "a sunny park", mood: "happy", source: "parent" };
  const customization: Customization = {
    theme: "adventure",
    style: "watercolor",
    voice_type: "gentle",
    child_age: 6,
    personal_context: { child_name: "Sam", pet: "", place: "" },
  };
  run = touch(run, { stage, analysis, customization });
  return touch(run, { script: draft(run, false) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- Who answers: the family's service or this computer ----------------------------------

let service: FakeService = config.service ?? { mode: "none" };
const FAILED = "The story service did not answer in time.";
/** Stops for the requests waiting on an answer, by run (one at a time per run, as in the core). */
const waiting = new Map<string, () => void>();

/** Waits `ms` for an answer unless the parent stops the request first. */
function waitForAnswer(runId: string, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(runId);
      resolve();
    }, ms);
    waiting.set(runId, () => {
      clearTimeout(timer);
      waiting.delete(runId);
      reject(new CommandError({ code: "cancelled", message: "Stopped." }));
    });
  });
}

/** Asks the service first (unless the parent chose this computer) and falls back, as the core does. */
async function ask(runId: string, prefer: Engine | null): Promise<Answered> {
  const available = service.mode !== "none";
  if (available && prefer !== "on_device") {
    await waitForAnswer(runId, service.delayMs ?? 300);
    if (service.mode === "answers") return { engine: "service", fallback_reason: null, other_available: true };
    await waitForAnswer(runId, 100);
    return { engine: "on_device", fallback_reason: service.reason ?? FAILED, other_available: true };
  }
  await waitForAnswer(runId, 200);
  return { engine: "on_device", fallback_reason: null, other_available: available };
}

/** Who answered words kept earlier (the reason for a fallback is not kept). */
function answeredBefore(analysis: DrawingAnalysis): Answered {
  return {
    engine: analysis.source === "service" ? "service" : "on_device",
    fallback_reason: null,
    other_available: service.mode !== "none",
  };
}

interface ChannelLike {
  id: number;
}

function send(channel: ChannelLike, index: number, message: RenderProgress): void {
  window.__TAURI_INTERNALS__.runCallback(channel.id, { index, message });
}

/** The render's messages, in the shape the core sends them (see the pipeline's phases). */
function renderMessages(count: number, late: boolean): RenderProgress[] {
  const messages: RenderProgress[] = [];
  const at = (stage: Stage, scene: number | null, percent: number, message: string) =>
    messages.push({ stage, scene, scene_count: count, percent, message });
  for (let scene = 1; scene <= count; scene += 1) at("images", scene, Math.round((scene / count) * 15), `Painting scene ${scene}`);
  for (let scene = 1; scene <= count; scene += 1) {
    at("voice", scene, 15 + Math.round((scene / count) * 20), `Reading scene ${scene} aloud`);
    if (late && scene === 2) at("images", count, 14, "Painting the last scene");
  }
  for (let scene = 1; scene <= count; scene += 1) {
    at("video", scene, 35 + Math.round((scene / count) * 55), `Putting scene ${scene} together`);
    if (late && scene === 2) {
      at("voice", count, 34, "Reading the last scene aloud");
      at("video", 1, 40, "Putting scene 1 together");
    }
  }
  at("video", null, 95, "Finishing the video");
  if (late) at("video", count, 88, "Putting the last scene together");
  at("video", null, 100, "Done");
  return messages;
}

/** Keeps a finished video in the library, as the core does when a render succeeds. */
function fileInLibrary(run: Run): Run {
  const existing = run.library_entry_id ? library.get(run.library_entry_id) : undefined;
  if (existing) return touch(run, { stage: "saved" });
  if (!run.media.video_path) fail("no_video", "Make the video before saving it.");
  const entry: LibraryEntry = {
    id: nextId("book"),
    run_id: run.id,
    title: run.script?.title ?? "Untitled",
    video_path: run.media.video_path,
    thumbnail_path: run.media.thumbnail_path ?? run.drawing.thumbnail_path,
    duration_sec: run.media.duration_sec ?? 0,
    style: run.customization?.style ?? "storybook",
    created_at: now(),
    updated_at: now(),
    sync: signedIn ? "waiting_to_sync" : "on_this_computer",
  };
  library.set(entry.id, entry);
  return touch(run, { library_entry_id: entry.id, stage: "saved" });
}

async function render(run: Run, channel: ChannelLike): Promise<Run> {
  cancelled.delete(run.id);
  const step = config.renderStepMs ?? 120;
  const count = run.script?.scenes.length ?? 0;
  let index = 0;
  for (const message of renderMessages(count, config.renderLateMessages ?? false)) {
    await sleep(step);
    if (cancelled.has(run.id)) {
      cancelled.delete(run.id);
      fail("cancelled", "Making the video was stopped.");
    }
    touch(getRun(run.id), { stage: message.stage });
    send(channel, index, message);
    index += 1;
  }
  const current = getRun(run.id);
  const made = touch(current, {
    stage: "video",
    media: {
      images: (current.script?.scenes ?? []).map((scene, i) => ({ scene_id: scene.id, path: `${MEDIA}/${run.id}/scene-${i + 1}.png`, placeholder: i === 1 })),
      audio: [],
      video_path: `${MEDIA}/${run.id}/story.mp4`,
      thumbnail_path: `${MEDIA}/${run.id}/story-thumb.png`,
      duration_sec: 12.4,
      warnings: count > 1 ? ["Scene 2 used a plain card because its picture could not be drawn."] : [],
    },
  });
  return fileInLibrary(made);
}

// ---- The narrators ---------------------------------------------------------------------------

const VOICE_OFFERS: VoiceOffer[] = [
  { voice: "gentle", label: "Gentle (robot voice)", engine: "espeak-ng", description: "espeak-ng: clear but robotic, read slowly and softly" },
  { voice: "cheerful", label: "Cheerful (robot voice)", engine: "espeak-ng", description: "espeak-ng: clear but robotic, a little higher and quicker" },
  { voice: "grandparent", label: "Grandparent (robot voice)", engine: "espeak-ng", description: "espeak-ng: clear but robotic, slow and deep" },
];

async function previewVoice(voice: VoiceType): Promise<string> {
  const voices = config.voices ?? {};
  if (!VOICE_OFFERS.some((offer) => offer.voice === voice)) fail("unknown_voice", "That voice is not on this computer.");
  await sleep(voices.sampleDelayMs ?? 300);
  if (voices.sampleFails) fail("voice_unavailable", voices.sampleFails);
  return `/__media/voice-${voice}.wav`;
}

function ingest(paths: string[]): IngestOutcome[] {
  return paths.map((path) => {
    const source = basename(path);
    if (!/\.(png|jpe?g|webp|gif|bmp|tiff?)$/i.test(source)) {
      return { source, run: null, duplicate: false, error: { code: "unsupported_format", message: "This file is not a picture we can read." } };
    }
    const existing = byDrawing.get(source);
    if (existing && runs.has(existing)) {
      return { source, run: summary(getRun(existing)), duplicate: true, error: null };
    }
    const run = makeRun(source, sizes[source] ? source : "pig.png");
    runs.set(run.id, run);
    byDrawing.set(source, run.id);
    return { source, run: summary(run), duplicate: false, error: null };
  });
}

type Args = Record<string, unknown>;

// ---- The family-account service -------------------------------------------------------------

const POLICY = { min_length: 8, require_uppercase: true, require_lowercase: true, require_numbers: true, require_symbols: true };
const APP_CODE = "123456";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP";
const UNAVAILABLE = "Signing in needs a family account set up on this computer.";

interface FakeUserState extends FakeUser {
  sub: string;
  attributes: Record<string, string>;
}

const users = new Map<string, FakeUserState>();
for (const user of config.cloud?.users ?? []) {
  users.set(user.email.toLowerCase(), { ...user, sub: nextId("sub"), attributes: {} });
}
let signedIn: Account | null = null;
let pending: { email: string; waitingFor: "new_password" | "totp_setup" | "app_code" | "sms_code" | "mfa_choice" } | null = null;
let nextAccountFailure: AppError | null = null;
const sentCodes: FakeBackend["sentCodes"] = [];

function accountOf(user: FakeUserState): Account {
  return { email: user.email, sub: user.sub, identity_id: `eu-west-1:${user.sub}`, waiting_for_keychain: false };
}
if (config.cloud?.signedIn) {
  const user = users.get(config.cloud.signedIn.toLowerCase());
  if (user) signedIn = { ...accountOf(user), waiting_for_keychain: config.cloud.keychainWaiting ?? false };
}

function masked(email: string): string {
  const [name = "", domain = ""] = email.split("@");
  return `${name.charAt(0)}***@${domain.charAt(0)}***`;
}

function sendCode(email: string, purpose: "sign_up" | "reset"): CodeDelivery {
  const code = String(654321 + sentCodes.length * 1111);
  sentCodes.push({ email, purpose, code });
  return { destination: masked(email) };
}

function latestCode(email: string, purpose: "sign_up" | "reset"): string | undefined {
  return sentCodes.filter((sent) => sent.email === email && sent.purpose === purpose).at(-1)?.code;
}

function meetsPolicy(password: string): boolean {
  return (
    [...password].length >= POLICY.min_length &&
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /[0-9]/.test(password) &&
    /[^A-Za-z0-9]/.test(password) &&
    password === password.trim()
  );
}

function checkPolicy(password: string): void {
  if (!meetsPolicy(password))
    fail("password_policy", "That password is too easy to guess. Follow the list under the password.");
}

/** A QR-looking picture; the script in it must never run, since the app shows it as an image. */
function qrSvg(): string {
  const finder = (x: number, y: number) =>
    [[0, 0], [14, 0], [0, 14]].some(([fx = 0, fy = 0]) => {
      const dx = x - fx;
      const dy = y - fy;
      if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return false;
      const ring = dx === 0 || dy === 0 || dx === 6 || dy === 6;
      const centre = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
      return ring || centre;
    });
  const nearFinder = (x: number, y: number) => (x < 8 && y < 8) || (x > 12 && y < 8) || (x < 8 && y > 12);
  const cells: string[] = [];
  for (let y = 0; y < 21; y += 1) {
    for (let x = 0; x < 21; x += 1) {
      const on = nearFinder(x, y) ? finder(x, y) : (x * 7 + y * 13 + x * y) % 3 === 0;
      if (on) cells.push(`<rect x="${x}" y="${y}" width="1" height="1"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 23 23" width="230" height="230" onload="window.__qrScriptRan=true"><script>window.__qrScriptRan = true;</script><rect x="-1" y="-1" width="23" height="23" fill="#fff"/><g fill="#000">${cells.join("")}</g></svg>`;
}

function afterPassword(user: FakeUserState): SignInStep {
  switch (user.challenge) {
    case "new_password":
      pending = { email: user.email, waitingFor: "new_password" };
      return { step: "new_password_required", required_attributes: user.requiredAttributes ?? [] };
    case "totp_setup":
      pending = { email: user.email, waitingFor: "totp_setup" };
      return setupStep(user);
    case "totp":
      pending = { email: user.email, waitingFor: "app_code" };
      return { step: "software_token_mfa" };
    case "sms":
      pending = { email: user.email, waitingFor: "sms_code" };
      return { step: "sms_mfa", destination: "+*******1234" };
    case "select_mfa":
      pending = { email: user.email, waitingFor: "mfa_choice" };
      return { step: "select_mfa_type", options: ["sms", "totp"] };
    default:
      return signInAs(user);
  }
}

function setupStep(user: FakeUserState): SignInStep {
  return {
    step: "mfa_setup",
    otpauth_uri: `otpauth://totp/NoComelon:${encodeURIComponent(user.email)}?secret=${SECRET}&issuer=NoComelon`,
    qr_svg: qrSvg(),
    secret: SECRET,
  };
}

function signInAs(user: FakeUserState): SignInStep {
  pending = null;
  signedIn = accountOf(user);
  return { step: "signed_in", account: signedIn };
}

function pendingUser(waitingFor: string[]): FakeUserState {
  const user = pending ? users.get(pending.email.toLowerCase()) : undefined;
  if (!pending || !user || !waitingFor.includes(pending.waitingFor))
    fail("session_expired", "Signing in took too long. Please start again.");
  return user;
}

function knownUser(email: unknown): FakeUserState {
  const user = users.get(String(email).toLowerCase());
  if (!user) fail("user_not_found", "There's no account with that email.");
  return user;
}

function checkAppCode(code: unknown): void {
  if (code !== APP_CODE) fail("code_mismatch", "That code isn't right. Type the newest code the app shows.");
}

const ACCOUNT_COMMANDS = new Set([
  "account_status", "sign_in", "complete_new_password", "submit_mfa_code", "select_mfa_type", "verify_totp_setup",
  "sign_up", "confirm_sign_up", "resend_sign_up_code", "forgot_password", "confirm_forgot_password", "sign_out",
  "sync_status", "sync_now", "delete_account", "pause_sync", "resume_sync", "cancel_upload",
]);

let offline = config.cloud?.offline ?? false;
let paused = false;
let changes = 0;
const OFFLINE_PROBLEM =
  "A storybook couldn't be sent to your family's cloud: The NoComelon cloud can't be reached right now. It will be sent again automatically.";

function syncStatus(): SyncStatus {
  const waiting = [...library.values()].filter((entry) => entry.sync === "waiting_to_sync").length;
  return { online: !offline, waiting, failed: 0, paused, changes, problem: offline ? OFFLINE_PROBLEM : null, transfer: null };
}

async function handleAccount(cmd: string, args: Args): Promise<unknown> {
  if (cmd === "account_status") {
    const status: AccountStatus = {
      cloud: config.cloud ? { available: true, reason: "" } : { available: false, reason: UNAVAILABLE },
      account: signedIn,
      password_policy: POLICY,
    };
    return status;
  }
  await sleep(120);
  if (!config.cloud) fail("cloud_unavailable", UNAVAILABLE);
  if (nextAccountFailure) {
    const failure = nextAccountFailure;
    nextAccountFailure = null;
    if (failure.code === "session_expired") pending = null;
    throw new CommandError(failure);
  }
  switch (cmd) {
    case "sign_in": {
      const user = users.get(String(args.email).toLowerCase());
      if (!user || user.password !== args.password) fail("wrong_password", "The email or password isn't right.");
      if (!user.confirmed) return { step: "confirm_sign_up", destination: sendCode(user.email, "sign_up").destination };
      return afterPassword(user);
    }
    case "complete_new_password": {
      const user = pendingUser(["new_password"]);
      const password = String(args.newPassword);
      checkPolicy(password);
      const attributes = (args.attributes ?? {}) as Record<string, string>;
      for (const name of user.requiredAttributes ?? []) {
        if (!attributes[name]?.trim()) fail("invalid_parameter", "Please fill in every detail the form asks for.");
      }
      user.password = password;
      user.attributes = { ...user.attributes, ...attributes };
      user.challenge = undefined;
      return signInAs(user);
    }
    case "verify_totp_setup": {
      const user = pendingUser(["totp_setup"]);
      checkAppCode(args.code);
      user.challenge = "totp";
      return signInAs(user);
    }
    case "submit_mfa_code": {
      const user = pendingUser(["app_code", "sms_code"]);
      checkAppCode(args.code);
      return signInAs(user);
    }
    case "select_mfa_type": {
      const user = pendingUser(["mfa_choice"]);
      if (args.kind === "totp") {
        pending = { email: user.email, waitingFor: "totp_setup" };
        return setupStep(user);
      }
      pending = { email: user.email, waitingFor: "sms_code" };
      return { step: "sms_mfa", destination: "+*******1234" };
    }
    case "sign_up": {
      const email = String(args.email).trim();
      if (users.has(email.toLowerCase())) fail("user_exists", "There's already an account with this email.");
      checkPolicy(String(args.password));
      users.set(email.toLowerCase(), { email, password: String(args.password), confirmed: false, sub: nextId("sub"), attributes: {} });
      return sendCode(email, "sign_up");
    }
    case "confirm_sign_up": {
      const user = knownUser(args.email);
      if (args.code !== latestCode(user.email, "sign_up"))
        fail("code_mismatch", "That code isn't right. Check the newest email from NoComelon.");
      user.confirmed = true;
      return null;
    }
    case "resend_sign_up_code":
      return sendCode(knownUser(args.email).email, "sign_up");
    case "forgot_password":
      return sendCode(knownUser(args.email).email, "reset");
    case "confirm_forgot_password": {
      const user = knownUser(args.email);
      if (args.code !== latestCode(user.email, "reset"))
        fail("code_mismatch", "That code isn't right. Check the newest email from NoComelon.");
      checkPolicy(String(args.newPassword));
      user.password = String(args.newPassword);
      return null;
    }
    case "sync_status":
      return signedIn ? syncStatus() : null;
    case "pause_sync":
    case "resume_sync":
    case "cancel_upload":
      if (!signedIn) fail("not_signed_in", "You're not signed in.");
      if (cmd !== "cancel_upload") paused = cmd === "pause_sync";
      return syncStatus();
    case "sync_now": {
      if (!signedIn) fail("not_signed_in", "You're not signed in.");
      if (!offline && !paused) {
        for (const entry of library.values()) {
          if (entry.sync === "waiting_to_sync") {
            library.set(entry.id, { ...entry, sync: "synced" });
            changes += 1;
          }
        }
      }
      return syncStatus();
    }
    case "delete_account": {
      if (!signedIn) fail("not_signed_in", "You're not signed in.");
      if (String(args.typedEmail).trim().toLowerCase() !== signedIn.email.toLowerCase())
        fail("confirmation_mismatch", "The email you typed isn't this account's, so nothing was deleted.");
      let removed = 0;
      for (const entry of [...library.values()]) {
        if (entry.sync !== "on_this_computer") {
          library.delete(entry.id);
          removed += 1;
        }
      }
      users.delete(signedIn.email.toLowerCase());
      signedIn = null;
      return {
        objects_deleted: removed * 3,
        library_items_deleted: removed,
        checkpoints_deleted: removed,
        local_storybooks_removed: removed,
        drafts_removed: 0,
      };
    }
    case "sign_out": {
      if (!signedIn) fail("not_signed_in", "You're not signed in.");
      signedIn = null;
      const problems = config.cloud.signOutProblems ?? [];
      const report: SignOutReport = { complete: problems.length === 0, problems };
      return report;
    }
    default:
      throw `Command ${cmd} not found`;
  }
}

async function handle(cmd: string, args: Args): Promise<unknown> {
  if (ACCOUNT_COMMANDS.has(cmd)) return handleAccount(cmd, args);
  switch (cmd) {
    case "app_info": {
      const info: AppInfo = {
        version: "0.1.0",
        data_dir: "/home/parent/.local/share/nocomelon",
        cloud: config.cloud ? { available: true, reason: "" } : { available: false, reason: UNAVAILABLE },
        resume_run_id: resumeId,
        media_origin: null,
      };
      return info;
    }
    case "ingest_paths":
      await sleep(150);
      return ingest(args.paths as string[]);
    case "take_opened_files": {
      const taken = openedFiles;
      openedFiles = [];
      return taken;
    }
    case "open_logs_folder":
      return "/home/parent/.local/share/app.nocomelon.desktop/logs";
    case "pick_drawings":
      await sleep(150);
      return ingest(config.pickedFiles ?? ["/home/parent/Pictures/pig.png"]);
    case "ingest_clipboard": {
      await sleep(100);
      const run = makeRun("Pasted picture", "girl-pencil.png");
      runs.set(run.id, run);
      return [{ source: "Pasted picture", run: summary(run), duplicate: false, error: null }];
    }
    case "list_runs":
      return [...runs.values()]
        .filter((run) => run.stage !== "saved")
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
        .map(summary);
    case "get_run":
      return getRun(args.runId);
    case "delete_run":
      getRun(args.runId);
      runs.delete(args.runId as string);
      return null;
    case "go_to_stage":
      return touch(getRun(args.runId), { stage: args.stage as Stage });
    case "analyze_drawing": {
      const run = getRun(args.runId);
      const crop = run.analysis?.whole_page ? null : (run.analysis?.figure_box ?? undefined);
      if (run.analysis) {
        await sleep(250);
        return recognition(run, crop, answeredBefore(run.analysis));
      }
      const answered = await ask(run.id, null);
      const found = analysisFor(run, crop);
      const analysis = answered.engine === "service" ? serviceWords(found) : found;
      touch(getRun(run.id), { analysis });
      return recognition(run, crop, answered, analysis);
    }
    case "recognize_with": {
      const run = getRun(args.runId);
      const engine = args.engine as Engine;
      const answered = await ask(run.id, engine);
      const current = getRun(run.id);
      const kept = current.analysis ?? analysisFor(current, undefined);
      const analysis = answered.engine === "service" ? serviceWords(kept) : onDeviceWords(current, kept);
      touch(current, { analysis });
      const crop = analysis.whole_page ? null : (analysis.figure_box ?? undefined);
      return recognition(current, crop, answered, analysis);
    }
    case "cancel_request": {
      const stop = waiting.get(getRun(args.runId).id);
      stop?.();
      return stop !== undefined;
    }
    case "set_figure_crop": {
      const run = getRun(args.runId);
      const crop = args.crop as FigureBox | null;
      if (crop && (crop.x + crop.width > run.drawing.width || crop.y + crop.height > run.drawing.height))
        fail("crop_outside", "The box must stay inside the drawing.");
      const analysis = { ...(run.analysis ?? analysisFor(run, crop)), figure_box: crop, whole_page: crop === null };
      touch(run, { analysis });
      return recognition(run, crop, answeredBefore(analysis), analysis);
    }
    case "save_analysis":
      return touch(getRun(args.runId), { analysis: args.analysis as DrawingAnalysis });
    case "save_customization": {
      const run = getRun(args.runId);
      if (customizationSavesToFail > 0) {
        customizationSavesToFail -= 1;
        fail("store_busy", "Your choices could not be saved just now.");
      }
      return touch(run, { customization: args.customization as Customization });
    }
    case "draft_story": {
      const run = getRun(args.runId);
      const answered = await ask(run.id, (args.engine as Engine | null | undefined) ?? null);
      const current = getRun(run.id);
      const script = answered.engine === "service" ? serviceDraft(current) : draft(current, args.another === true);
      touch(current, { script, story_engine: answered.engine });
      const drafted: DraftedStory = { script, answered };
      return drafted;
    }
    case "save_script": {
      const run = getRun(args.runId);
      if (savesToFail > 0) {
        savesToFail -= 1;
        fail("store_busy", "The story could not be saved just now.");
      }
      const script = args.script as StoryScript;
      checkDraft(script);
      return { updated_at: touch(run, { script }).updated_at };
    }
    case "render_video":
      return render(getRun(args.runId), args.onProgress as ChannelLike);
    case "cancel_render":
      cancelled.add(getRun(args.runId).id);
      return null;
    case "save_to_library": {
      const run = fileInLibrary(getRun(args.runId));
      const entry = run.library_entry_id ? library.get(run.library_entry_id) : undefined;
      if (!entry) fail("entry_not_found", "That storybook is no longer in the library.");
      return entry;
    }
    case "voice_offers":
      if (config.voices?.listFails) fail("voices_unavailable", "The voices on this computer could not be listed.");
      return VOICE_OFFERS;
    case "preview_voice":
      return previewVoice(args.voice as VoiceType);
    case "library_list":
      return [...library.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
    case "library_rename": {
      const entry = library.get(args.id as string);
      if (!entry) fail("entry_not_found", "That storybook is no longer in the library.");
      const title = String(args.title).trim();
      if (title === "") fail("title_missing", "A storybook needs a title.");
      const renamed = { ...entry, title, updated_at: now() };
      library.set(entry.id, renamed);
      return renamed;
    }
    case "library_delete": {
      const id = args.id as string;
      if (!library.delete(id)) fail("entry_not_found", "That storybook is no longer in the library.");
      // The store forgets the entry with its run, too.
      for (const run of runs.values()) if (run.library_entry_id === id) runs.set(run.id, { ...run, library_entry_id: null });
      return null;
    }
    case "library_export": {
      const entry = library.get(args.id as string);
      if (!entry) fail("entry_not_found", "That storybook is no longer in the library.");
      const folder = args.chooseFolder ? "/home/parent/Desktop" : "/home/parent/Videos/NoComelon";
      return `${folder}/${entry.title.replace(/[^a-z0-9]+/gi, "-")}.mp4`;
    }
    default:
      throw `Command ${cmd} not found`;
  }
}

let openedFiles: string[] = config.openedFiles ?? [];
const resumeId = config.resumeAt ? seedRun(config.resumeAt).id : null;
if (config.seedAt) seedRun(config.seedAt);
for (const entry of config.library ?? []) library.set(entry.id, entry);

mockWindows("main");
mockIPC(
  async (cmd, payload) => {
    calls.push({ cmd, args: JSON.parse(JSON.stringify(payload ?? {})), at: performance.now() });
    try {
      return await handle(cmd, (payload ?? {}) as Args);
    } catch (error) {
      // Commands reject with the AppError object, as Tauri does with a serialized error.
      if (error instanceof CommandError) throw error.error;
      throw error;
    }
  },
  { shouldMockEvents: true },
);

// Media paths are served by the test server under /__media/<file name>.
window.__TAURI_INTERNALS__.convertFileSrc = (path: string) => `/__media/${encodeURIComponent(basename(path))}`;

window.__fake = {
  calls,
  runs,
  library,
  failNextSaves: (count) => {
    savesToFail = count;
  },
  failNextCustomizationSaves: (count) => {
    customizationSavesToFail = count;
  },
  failNextAccountCall: (error) => {
    nextAccountFailure = error;
  },
  sentCodes,
  emit: async (event, payload) => {
    await window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event, payload });
  },
  callsOf: (cmd) => calls.filter((call) => call.cmd === cmd),
  setOffline: (value) => {
    offline = value;
  },
  setService: (value) => {
    service = value;
  },
  openWith: async (paths) => {
    openedFiles = [...openedFiles, ...paths];
    await window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: "files-opened", payload: null });
  },
};
