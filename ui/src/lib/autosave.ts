/**
 * Saves the latest version of something the parent is editing, without a Save button.
 *
 * - Debounced: a save starts `debounceMs` after the last edit.
 * - Single flight: never more than one save in progress; edits made meanwhile wait for it.
 * - Latest wins: only the newest value is ever sent next; older unsent values are dropped.
 * - Retry: a failed save keeps the edit and tries again after a delay.
 * - Flush: sends whatever is pending now and reports whether everything reached the store.
 *
 * Independent of React so its timing can be tested with fake timers.
 */

export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "error";

export interface AutosaveOptions<T> {
  save: (value: T) => Promise<unknown>;
  debounceMs?: number;
  /** Delays before successive retries; the last one repeats. */
  retryDelaysMs?: readonly number[];
  onStatus?: (status: SaveStatus, error: unknown) => void;
}

export const DEFAULT_DEBOUNCE_MS = 350;
export const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000] as const;

type Timer = ReturnType<typeof setTimeout>;

export class AutosaveQueue<T> {
  #save: (value: T) => Promise<unknown>;
  readonly #debounceMs: number;
  readonly #retryDelaysMs: readonly number[];
  readonly #onStatus: ((status: SaveStatus, error: unknown) => void) | undefined;

  #latest: T | undefined;
  #version = 0;
  #savedVersion = 0;
  #inFlight = false;
  #failures = 0;
  #lastError: unknown = undefined;
  #debounceTimer: Timer | undefined;
  #retryTimer: Timer | undefined;
  #flushWaiters: Array<(saved: boolean) => void> = [];
  #status: SaveStatus = "idle";
  #disposed = false;

  constructor(options: AutosaveOptions<T>) {
    this.#save = options.save;
    this.#debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.#retryDelaysMs =
      options.retryDelaysMs && options.retryDelaysMs.length > 0
        ? options.retryDelaysMs
        : DEFAULT_RETRY_DELAYS_MS;
    this.#onStatus = options.onStatus;
  }

  get status(): SaveStatus {
    return this.#status;
  }

  /** True while an edit has not yet reached the store. */
  get hasUnsaved(): boolean {
    return this.#savedVersion < this.#version;
  }

  /** Replaces the function that stores a value (used for saves started from now on). */
  setSave(save: (value: T) => Promise<unknown>): void {
    this.#save = save;
  }

  /** Records an edit; it will be saved once the parent pauses. */
  update(value: T): void {
    if (this.#disposed) return;
    this.#latest = value;
    this.#version += 1;
    this.#clearDebounce();
    this.#debounceTimer = setTimeout(() => {
      this.#debounceTimer = undefined;
      this.#kick();
    }, this.#debounceMs);
    if (!this.#inFlight) this.#setStatus("pending");
  }

  /**
   * Saves anything pending right away. Resolves `true` once every edit is stored, `false` if a
   * save failed meanwhile (the edit is kept and retried in the background).
   */
  flush(): Promise<boolean> {
    if (this.#disposed) return Promise.resolve(!this.hasUnsaved);
    this.#clearDebounce();
    if (!this.hasUnsaved && !this.#inFlight) return Promise.resolve(true);
    const done = new Promise<boolean>((resolve) => this.#flushWaiters.push(resolve));
    this.#kick();
    return done;
  }

  /** Allows saving again after `dispose` (a component that unmounts and mounts again). */
  resume(): void {
    this.#disposed = false;
    if (this.hasUnsaved && !this.#inFlight && this.#debounceTimer === undefined) this.#kick();
  }

  /** Stops timers; nothing more is sent until `resume`. */
  dispose(): void {
    this.#disposed = true;
    this.#clearDebounce();
    this.#clearRetry();
    this.#resolveFlush(!this.hasUnsaved);
  }

  #kick(): void {
    if (this.#disposed || this.#inFlight) return;
    if (!this.hasUnsaved) {
      this.#resolveFlush(true);
      return;
    }
    this.#clearRetry();
    const version = this.#version;
    const value = this.#latest as T;
    this.#inFlight = true;
    this.#setStatus("saving");
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(this.#save(value));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      () => this.#settled(version, undefined, false),
      (error: unknown) => this.#settled(version, error, true),
    );
  }

  #settled(version: number, error: unknown, failed: boolean): void {
    this.#inFlight = false;
    if (failed) {
      this.#failures += 1;
      this.#lastError = error;
    } else {
      this.#failures = 0;
      this.#lastError = undefined;
      this.#savedVersion = Math.max(this.#savedVersion, version);
    }
    if (this.#disposed) {
      this.#resolveFlush(!this.hasUnsaved);
      return;
    }
    if (!this.hasUnsaved) {
      this.#setStatus("saved");
      this.#resolveFlush(true);
      return;
    }
    if (failed) {
      this.#setStatus("error");
      this.#resolveFlush(false);
      if (this.#debounceTimer === undefined) this.#scheduleRetry();
      return;
    }
    // A newer edit arrived while saving: send it now unless its pause is still running.
    if (this.#debounceTimer === undefined) this.#kick();
    else this.#setStatus("pending");
  }

  #scheduleRetry(): void {
    this.#clearRetry();
    const index = Math.min(this.#failures - 1, this.#retryDelaysMs.length - 1);
    const delay = this.#retryDelaysMs[Math.max(0, index)] ?? 1000;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#kick();
    }, delay);
  }

  #resolveFlush(saved: boolean): void {
    const waiters = this.#flushWaiters;
    this.#flushWaiters = [];
    for (const resolve of waiters) resolve(saved);
  }

  #clearDebounce(): void {
    if (this.#debounceTimer !== undefined) clearTimeout(this.#debounceTimer);
    this.#debounceTimer = undefined;
  }

  #clearRetry(): void {
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #setStatus(status: SaveStatus): void {
    // An error stays visible while a newer edit waits for its pause, until a save succeeds.
    if (status === "pending" && this.#status === "error") return;
    if (status === this.#status && status !== "error") return;
    this.#status = status;
    this.#onStatus?.(status, this.#lastError);
  }
}
