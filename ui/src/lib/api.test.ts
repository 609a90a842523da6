import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { Channel } from "@tauri-apps/api/core";
import { toast } from "sonner";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RenderProgress } from "@/bindings";

vi.mock("@/bindings", () => ({
  commands: {
    getRun: vi.fn(),
    libraryRename: vi.fn(),
    renderVideo: vi.fn(),
    listRuns: vi.fn(),
    draftStory: vi.fn(),
    recognizeWith: vi.fn(),
    cancelRequest: vi.fn(),
  },
}));

vi.mock("sonner", () => ({ toast: { error: vi.fn() } }));

const { commands } = await import("@/bindings");
const { api, ApiError, isCancelled, toApiError, unwrap, UNEXPECTED_MESSAGE } = await import("@/lib/api");
const { showError } = await import("@/lib/notify");

beforeEach(() => {
  vi.mocked(toast.error).mockClear();
});

afterEach(() => {
  clearMocks();
});

describe("unwrapping command results", () => {
  it("returns the data of a successful command", async () => {
    vi.mocked(commands.listRuns).mockResolvedValue({ status: "ok", data: [] });
    await expect(api.listRuns()).resolves.toEqual([]);
  });

  it("throws the Rust error with its plain message and code", async () => {
    vi.mocked(commands.libraryRename).mockResolvedValue({
      status: "error",
      error: { code: "title_too_long", message: "The title is too long (at most 120 characters)." },
    });
    const failure = api.libraryRename("e1", "x".repeat(200));
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      code: "title_too_long",
      message: "The title is too long (at most 120 characters).",
    });
  });

  it("turns a bare IPC string into a plain sentence and keeps the detail aside", async () => {
    vi.mocked(commands.getRun).mockResolvedValue({
      status: "error",
      error: "invalid args `runId` for command `get_run`" as never,
    });
    const error = await api.getRun("r").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as InstanceType<typeof ApiError>).message).toBe(UNEXPECTED_MESSAGE);
    expect((error as InstanceType<typeof ApiError>).detail).toContain("invalid args");
  });

  it("turns an exception thrown by the bindings into an ApiError", async () => {
    vi.mocked(commands.getRun).mockRejectedValue(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
    await expect(api.getRun("r")).rejects.toMatchObject({ code: "unexpected", message: UNEXPECTED_MESSAGE });
  });

  it("never passes an empty or malformed error object through as a message", () => {
    expect(toApiError({ code: "x", message: "" }).message).toBe(UNEXPECTED_MESSAGE);
    expect(toApiError({ message: 42 }).message).toBe(UNEXPECTED_MESSAGE);
    expect(toApiError({ code: "x", message: "Plain words." }).message).toBe("Plain words.");
    expect(unwrap({ status: "ok", data: 7 })).toBe(7);
  });
});

describe("choosing who answers", () => {
  const answered = { engine: "service" as const, fallback_reason: null, other_available: true };
  const script = { title: "A Tale", scenes: [{ id: "s1", text: "Once." }] };

  it("drafts with no engine chosen unless the parent asked for one", async () => {
    vi.mocked(commands.draftStory).mockResolvedValue({ status: "ok", data: { script, answered } });
    await expect(api.draftStory("run-1", true)).resolves.toEqual({ script, answered });
    expect(commands.draftStory).toHaveBeenLastCalledWith("run-1", true, null);
    await api.draftStory("run-1", false, "on_device");
    expect(commands.draftStory).toHaveBeenLastCalledWith("run-1", false, "on_device");
  });

  it("asks the chosen engine for new words", async () => {
    vi.mocked(commands.recognizeWith).mockResolvedValue({
      status: "error",
      error: { code: "cancelled", message: "Stopped." },
    });
    const error = await api.recognizeWith("run-1", "service").catch((e: unknown) => e);
    expect(commands.recognizeWith).toHaveBeenCalledWith("run-1", "service");
    expect(isCancelled(error)).toBe(true);
  });

  it("tells a stopped request apart from a failed one", async () => {
    vi.mocked(commands.cancelRequest).mockResolvedValue({ status: "ok", data: false });
    await expect(api.cancelRequest("run-1")).resolves.toBe(false);
    expect(isCancelled({ code: "cancelled", message: "Stopped." })).toBe(true);
    expect(isCancelled({ code: "engine_failed", message: "The engine failed." })).toBe(false);
    expect(isCancelled(new Error("cancelled"))).toBe(false);
  });
});

describe("showing errors", () => {
  it("toasts only the plain message, never the raw error", () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    showError({ code: "unsupported_format", message: "This file is not a picture we can read." });
    expect(toast.error).toHaveBeenCalledWith("This file is not a picture we can read.");
    showError({ weird: { nested: true } });
    expect(toast.error).toHaveBeenLastCalledWith(UNEXPECTED_MESSAGE);
    // The raw data goes to the console for whoever debugs, not to the parent.
    expect(consoleError).toHaveBeenCalledWith('{"weird":{"nested":true}}');
  });
});

describe("render progress", () => {
  it("hands the command a channel whose messages reach onProgress in order", async () => {
    mockIPC(() => null);
    let channel: Channel<RenderProgress> | undefined;
    vi.mocked(commands.renderVideo).mockImplementation((_runId, onProgress) => {
      channel = onProgress;
      return new Promise(() => {});
    });
    const seen: RenderProgress[] = [];
    void api.renderVideo("run-1", (progress) => seen.push(progress));
    expect(commands.renderVideo).toHaveBeenCalledWith("run-1", expect.any(Channel));
    const first: RenderProgress = { stage: "images", scene: 1, scene_count: 3, percent: 10, message: "Drawing scene 1" };
    const second: RenderProgress = { stage: "voice", scene: 2, scene_count: 3, percent: 50, message: "Reading scene 2" };
    const id = channel?.id ?? -1;
    const internals = (
      window as unknown as {
        __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void };
      }
    ).__TAURI_INTERNALS__;
    // Delivered out of order, as IPC may; the channel restores the order.
    internals.runCallback(id, { index: 1, message: second });
    internals.runCallback(id, { index: 0, message: first });
    expect(seen).toEqual([first, second]);
  });
});
