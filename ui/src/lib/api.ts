/**
 * The one place the webview talks to the Rust shell. Every command's `Result` is unwrapped here:
 * success returns the data, failure throws an `ApiError` whose `message` is already plain words
 * for a parent. `bindings.ts` is generated from Rust; when it changes, only this file follows.
 */
import { Channel } from "@tauri-apps/api/core";
import {
  commands,
  type AppError,
  type Customization,
  type DrawingAnalysis,
  type Engine,
  type FigureBox,
  type MfaKind,
  type RenderProgress,
  type Result,
  type Stage,
  type StoryScript,
  type VoiceType,
} from "@/bindings";

/** A command failure, shaped like the Rust side's `AppError`. */
export class ApiError extends Error implements AppError {
  readonly code: string;
  /** Technical detail for the console, never shown to the parent. */
  readonly detail: string | undefined;

  constructor(error: AppError, detail?: string) {
    super(error.message);
    this.name = "ApiError";
    this.code = error.code;
    this.detail = detail;
  }
}

export const UNEXPECTED_MESSAGE = "Something went wrong inside the app. Please try again.";

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string" &&
    (value as { message: string }).message.trim() !== ""
  );
}

/**
 * Turns anything a command can fail with into an `ApiError`. A well-formed `AppError` keeps its
 * message; anything else (an IPC string such as "invalid args", a JS exception) becomes a plain
 * sentence with the detail kept aside for the console.
 */
export function toApiError(value: unknown): ApiError {
  if (value instanceof ApiError) return value;
  if (isAppError(value)) return new ApiError({ code: value.code, message: value.message });
  let detail: string;
  if (typeof value === "string") detail = value;
  else if (value instanceof Error) detail = `${value.name}: ${value.message}`;
  else {
    try {
      detail = JSON.stringify(value);
    } catch {
      detail = String(value);
    }
  }
  return new ApiError({ code: "unexpected", message: UNEXPECTED_MESSAGE }, detail);
}

/** True for a request the parent stopped: that is their choice, not a failure to show. */
export function isCancelled(error: unknown): boolean {
  return toApiError(error).code === "cancelled";
}

/** Returns the data of an ok `Result`, throws an `ApiError` for an error one. */
export function unwrap<T>(result: Result<T, AppError>): T {
  if (result.status === "ok") return result.data;
  throw toApiError(result.error);
}

async function call<T>(pending: Promise<Result<T, AppError>>): Promise<T> {
  let result: Result<T, AppError>;
  try {
    result = await pending;
  } catch (error) {
    throw toApiError(error);
  }
  return unwrap(result);
}

export const api = {
  appInfo: () => call(commands.appInfo()),
  ingestPaths: (paths: string[]) => call(commands.ingestPaths(paths)),
  /** Drawings opened with the app from the desktop, waiting for the Upload step (each once). */
  takeOpenedFiles: () => call(commands.takeOpenedFiles()),
  /** Shows the folder of logs and crash reports; resolves with where it is. */
  openLogsFolder: () => call(commands.openLogsFolder()),
  /** Opens the picture picker (from Rust) and adds what the parent chose. */
  pickDrawings: () => call(commands.pickDrawings()),
  ingestClipboard: () => call(commands.ingestClipboard()),
  listRuns: () => call(commands.listRuns()),
  getRun: (runId: string) => call(commands.getRun(runId)),
  deleteRun: (runId: string) => call(commands.deleteRun(runId)),
  goToStage: (runId: string, stage: Stage) => call(commands.goToStage(runId, stage)),
  /** Words about the drawing and who suggested them (the family's service first, when there is one). */
  analyzeDrawing: (runId: string) => call(commands.analyzeDrawing(runId)),
  /** New words from the engine the parent chose; the outline and crop stay. */
  recognizeWith: (runId: string, engine: Engine) => call(commands.recognizeWith(runId, engine)),
  /** Stops a recognition or story waiting on an answer; resolves with whether one was waiting. */
  cancelRequest: (runId: string) => call(commands.cancelRequest(runId)),
  setFigureCrop: (runId: string, crop: FigureBox | null) => call(commands.setFigureCrop(runId, crop)),
  saveAnalysis: (runId: string, analysis: DrawingAnalysis) =>
    call(commands.saveAnalysis(runId, analysis)),
  saveCustomization: (runId: string, customization: Customization) =>
    call(commands.saveCustomization(runId, customization)),
  /** The story and who wrote it; `engine` null asks the family's service first, when there is one. */
  draftStory: (runId: string, another: boolean, engine: Engine | null = null) =>
    call(commands.draftStory(runId, another, engine)),
  saveScript: (runId: string, script: StoryScript) => call(commands.saveScript(runId, script)),
  /**
   * Resolves with the finished run, already kept in the library; `onProgress` hears every step
   * on the way.
   */
  renderVideo: (runId: string, onProgress: (progress: RenderProgress) => void) => {
    const channel = new Channel<RenderProgress>(onProgress);
    return call(commands.renderVideo(runId, channel));
  },
  cancelRender: (runId: string) => call(commands.cancelRender(runId)),
  /** The narrators this computer offers, each named and described as it really sounds. */
  voiceOffers: () => call(commands.voiceOffers()),
  /** Makes a short sample of `voice`; resolves with a URL the window can play. */
  previewVoice: (voice: VoiceType) => call(commands.previewVoice(voice)),
  saveToLibrary: (runId: string) => call(commands.saveToLibrary(runId)),
  libraryList: () => call(commands.libraryList()),
  libraryRename: (id: string, title: string) => call(commands.libraryRename(id, title)),
  libraryDelete: (id: string) => call(commands.libraryDelete(id)),
  /** Copies the video to the Videos folder, or to a folder the parent picks; null if they closed the picker. */
  libraryExport: (id: string, chooseFolder: boolean) => call(commands.libraryExport(id, chooseFolder)),

  // Account. Passwords and codes go straight through; nothing here keeps them.
  accountStatus: () => call(commands.accountStatus()),
  signIn: (email: string, password: string) => call(commands.signIn(email, password)),
  completeNewPassword: (newPassword: string, attributes: Partial<Record<string, string>>) =>
    call(commands.completeNewPassword(newPassword, attributes)),
  submitMfaCode: (code: string) => call(commands.submitMfaCode(code)),
  selectMfaType: (kind: MfaKind) => call(commands.selectMfaType(kind)),
  verifyTotpSetup: (code: string) => call(commands.verifyTotpSetup(code)),
  signUp: (email: string, password: string) => call(commands.signUp(email, password)),
  confirmSignUp: (email: string, code: string) => call(commands.confirmSignUp(email, code)),
  resendSignUpCode: (email: string) => call(commands.resendSignUpCode(email)),
  forgotPassword: (email: string) => call(commands.forgotPassword(email)),
  confirmForgotPassword: (email: string, code: string, newPassword: string) =>
    call(commands.confirmForgotPassword(email, code, newPassword)),
  signOut: (everywhere: boolean) => call(commands.signOut(everywhere)),
  /** Where syncing with the family's cloud stands; null when nobody is signed in. */
  syncStatus: () => call(commands.syncStatus()),
  syncNow: () => call(commands.syncNow()),
  pauseSync: () => call(commands.pauseSync()),
  resumeSync: () => call(commands.resumeSync()),
  /** Cancels the file being sent; "Sync now" sends it again from the start. */
  cancelUpload: () => call(commands.cancelUpload()),
  /** Deletes the account after the parent typed its email again. */
  deleteAccount: (typedEmail: string, keepDrafts: boolean) => call(commands.deleteAccount(typedEmail, keepDrafts)),
};

export type Api = typeof api;
