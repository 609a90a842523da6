import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutosaveQueue, type SaveStatus } from "@/lib/autosave";

interface Deferred {
  value: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A save function whose calls stay pending until the test settles them. */
function controlledSave() {
  const calls: Deferred[] = [];
  const save = vi.fn(
    (value: string) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ value, resolve, reject });
      }),
  );
  return { save, calls };
}

function makeQueue(save: (value: string) => Promise<unknown>) {
  const statuses: SaveStatus[] = [];
  const queue = new AutosaveQueue<string>({
    save,
    debounceMs: 350,
    retryDelaysMs: [1000, 2000],
    onStatus: (status) => statuses.push(status),
  });
  return { queue, statuses };
}

/** Lets resolved promises run their callbacks. */
async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("AutosaveQueue", () => {
  it("waits for a pause in typing, then saves only the latest text once", async () => {
    const { save, calls } = controlledSave();
    const { queue } = makeQueue(save);

    queue.update("O");
    await vi.advanceTimersByTimeAsync(100);
    queue.update("On");
    await vi.advanceTimersByTimeAsync(100);
    queue.update("Once");
    await vi.advanceTimersByTimeAsync(349);
    expect(save).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(calls[0]?.value).toBe("Once");
  });

  it("saves within 500 ms of the last edit when the store answers quickly", async () => {
    const save = vi.fn(() => Promise.resolve());
    const { queue } = makeQueue(save);
    queue.update("Once upon a time");
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledWith("Once upon a time");
    expect(queue.status).toBe("saved");
    expect(queue.hasUnsaved).toBe(false);
  });

  it("reports pending, saving, then saved", async () => {
    const { save, calls } = controlledSave();
    const { queue, statuses } = makeQueue(save);
    queue.update("a");
    expect(statuses).toEqual(["pending"]);
    await vi.advanceTimersByTimeAsync(350);
    expect(statuses).toEqual(["pending", "saving"]);
    calls[0]?.resolve();
    await settle();
    expect(statuses).toEqual(["pending", "saving", "saved"]);
  });

  it("keeps one save in flight; edits made meanwhile go next, latest only", async () => {
    const { save, calls } = controlledSave();
    const { queue } = makeQueue(save);

    queue.update("first");
    await vi.advanceTimersByTimeAsync(350);
    expect(save).toHaveBeenCalledTimes(1);

    queue.update("second");
    await vi.advanceTimersByTimeAsync(350);
    queue.update("third");
    await vi.advanceTimersByTimeAsync(350);
    // Still waiting on the first save: nothing else was sent.
    expect(save).toHaveBeenCalledTimes(1);
    expect(queue.status).toBe("saving");

    calls[0]?.resolve();
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]?.value).toBe("third");
    // The older save finishing does not count as saving the newer text.
    expect(queue.hasUnsaved).toBe(true);

    calls[1]?.resolve();
    await settle();
    expect(queue.hasUnsaved).toBe(false);
    expect(queue.status).toBe("saved");
  });

  it("waits for the pause of an edit made during a save before sending it", async () => {
    const { save, calls } = controlledSave();
    const { queue } = makeQueue(save);
    queue.update("one");
    await vi.advanceTimersByTimeAsync(350);
    queue.update("two");
    calls[0]?.resolve();
    await settle();
    expect(save).toHaveBeenCalledTimes(1);
    expect(queue.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(350);
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]?.value).toBe("two");
  });

  it("keeps a failed edit and retries it with back-off until it is stored", async () => {
    const { save, calls } = controlledSave();
    const { queue, statuses } = makeQueue(save);
    queue.update("keep me");
    await vi.advanceTimersByTimeAsync(350);
    calls[0]?.reject(new Error("disk busy"));
    await settle();
    expect(queue.status).toBe("error");
    expect(queue.hasUnsaved).toBe(true);

    await vi.advanceTimersByTimeAsync(999);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]?.value).toBe("keep me");

    calls[1]?.reject(new Error("still busy"));
    await settle();
    await vi.advanceTimersByTimeAsync(1999);
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(3);

    calls[2]?.resolve();
    await settle();
    expect(queue.status).toBe("saved");
    expect(statuses).toEqual(["pending", "saving", "error", "saving", "error", "saving", "saved"]);
  });

  it("sends the newest text, not the failed older one, when the parent kept typing", async () => {
    const { save, calls } = controlledSave();
    const { queue } = makeQueue(save);
    queue.update("old");
    await vi.advanceTimersByTimeAsync(350);
    queue.update("new");
    calls[0]?.reject(new Error("offline"));
    await settle();
    expect(queue.status).toBe("error");
    await vi.advanceTimersByTimeAsync(350);
    expect(calls[1]?.value).toBe("new");
    calls[1]?.resolve();
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    expect(queue.status).toBe("saved");
  });

  it("flush sends a pending edit at once and resolves true when stored", async () => {
    const { save, calls } = controlledSave();
    const { queue } = makeQueue(save);
    queue.update("leaving now");
    const flushed = queue.flush();
    expect(save).toHaveBeenCalledWith("leaving now");
    calls[0]?.resolve();
    await expect(flushed).resolves.toBe(true);
    // The debounce timer was cancelled: no second save later.
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("flush waits for the save in flight and then the newer edit", async () => {
    const { save, calls } = controlledSave();
    const { queue } = makeQueue(save);
    queue.update("a");
    await vi.advanceTimersByTimeAsync(350);
    queue.update("ab");
    let result: boolean | undefined;
    void queue.flush().then((saved) => {
      result = saved;
    });
    calls[0]?.resolve();
    await settle();
    expect(calls[1]?.value).toBe("ab");
    expect(result).toBeUndefined();
    calls[1]?.resolve();
    await settle();
    expect(result).toBe(true);
  });

  it("flush resolves false when the save fails, and the edit is still retried", async () => {
    const { save, calls } = controlledSave();
    const { queue } = makeQueue(save);
    queue.update("x");
    const flushed = queue.flush();
    calls[0]?.reject(new Error("no"));
    await expect(flushed).resolves.toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    calls[1]?.resolve();
    await settle();
    expect(queue.hasUnsaved).toBe(false);
  });

  it("flush with nothing to save resolves true without saving", async () => {
    const save = vi.fn(() => Promise.resolve());
    const { queue } = makeQueue(save);
    await expect(queue.flush()).resolves.toBe(true);
    expect(save).not.toHaveBeenCalled();
  });

  it("treats a save function that throws synchronously as a failed save", async () => {
    const save = vi.fn((): Promise<void> => {
      throw new Error("boom");
    });
    const { queue } = makeQueue(save);
    queue.update("y");
    await expect(queue.flush()).resolves.toBe(false);
    expect(queue.status).toBe("error");
  });

  it("sends nothing after dispose, and picks up again after resume", async () => {
    const save = vi.fn(() => Promise.resolve());
    const { queue } = makeQueue(save);
    queue.update("z");
    queue.dispose();
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    queue.resume();
    await settle();
    expect(save).toHaveBeenCalledWith("z");
  });

  it("uses the newest save function for later saves", async () => {
    const first = vi.fn(() => Promise.resolve());
    const second = vi.fn(() => Promise.resolve());
    const { queue } = makeQueue(first);
    queue.setSave(second);
    queue.update("v");
    await vi.advanceTimersByTimeAsync(350);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith("v");
  });
});
