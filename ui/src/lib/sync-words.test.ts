import { describe, expect, it } from "vitest";
import type { SyncStatus } from "@/bindings";
import { formatBytes, syncHeadline } from "./sync-words";

const idle: SyncStatus = { online: true, waiting: 0, failed: 0, paused: false, changes: 0, problem: null, transfer: null };

describe("the header's sync line", () => {
  it("says synced when nothing waits", () => {
    expect(syncHeadline(idle)).toBe("Synced");
  });

  it("says offline and how many changes wait", () => {
    expect(syncHeadline({ ...idle, online: false, waiting: 2 })).toBe("Offline · 2 changes wait");
    expect(syncHeadline({ ...idle, online: false, waiting: 1 })).toBe("Offline · 1 change waits");
  });

  it("shows the file being sent with its percent and rate", () => {
    const transfer = { what: "a storybook's video", bytes_sent: 5e6, total_bytes: 1e7, percent: 49.6, bytes_per_second: 2.5 * 1024 * 1024 };
    expect(syncHeadline({ ...idle, waiting: 1, transfer })).toBe("Syncing 50% · 2.5 MB/s");
  });

  it("says not synced when a change was set aside", () => {
    expect(syncHeadline({ ...idle, failed: 1 })).toBe("Not synced · 1 change waits");
  });
});

describe("sizes", () => {
  it("reads as KB, MB or GB", () => {
    expect(formatBytes(640 * 1024)).toBe("640 KB");
    expect(formatBytes(1.25 * 1024 * 1024)).toBe("1.3 MB");
    expect(formatBytes(3 * 1024 * 1024 * 1024)).toBe("3.0 GB");
  });
});
