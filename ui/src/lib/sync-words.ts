import type { SyncState, SyncStatus } from "@/bindings";

/** How a storybook's place between this computer and the family's cloud reads in the library. */
export const SYNC_STATE_WORDS: Record<SyncState, string> = {
  on_this_computer: "On this computer",
  waiting_to_sync: "Waiting to sync",
  synced: "Synced",
  sync_failed: "Not synced",
};

/** "1.2 MB", "640 KB": sizes a parent can read. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(0, Math.round(bytes / 1024))} KB`;
}

/** The short line the header shows about syncing. */
export function syncHeadline(status: SyncStatus): string {
  const waiting = status.waiting + status.failed;
  const changes = `${waiting} ${waiting === 1 ? "change waits" : "changes wait"}`;
  if (!status.online) return waiting > 0 ? `Offline · ${changes}` : "Offline";
  if (status.transfer) {
    const { percent, bytes_per_second: rate } = status.transfer;
    return `Syncing ${Math.round(percent)}% · ${formatBytes(rate)}/s`;
  }
  if (status.paused) return waiting > 0 ? `Paused · ${changes}` : "Paused";
  if (status.failed > 0) return `Not synced · ${changes}`;
  if (waiting > 0) return `Syncing · ${changes}`;
  return "Synced";
}
