import { CircleX, CloudCheck, CloudOff, CloudUpload, Pause, Play, RefreshCw } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SyncStatus } from "@/bindings";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { api } from "@/lib/api";
import { showError } from "@/lib/notify";
import { formatBytes, syncHeadline } from "@/lib/sync-words";

/** How often the header asks where syncing stands (a local read; no network call). */
const POLL_MS = 2000;

/** Fired on `window` when syncing finished and the library may have changed. */
export const SYNCED_EVENT = "nocomelon:synced";

/**
 * Where the family's cloud stands, for a signed-in parent: synced, offline with how many changes
 * wait, or the file being sent; what went wrong and what happens next; and "Sync now".
 */
export function SyncIndicator() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const lastChanges = useRef<number | null>(null);

  const show = useCallback((next: SyncStatus | null) => {
    // Changes went out or came in: the library on screen shows the new state.
    if (next && lastChanges.current !== null && next.changes !== lastChanges.current) {
      window.dispatchEvent(new Event(SYNCED_EVENT));
    }
    lastChanges.current = next?.changes ?? null;
    setStatus(next);
  }, []);

  const refresh = useCallback(() => {
    api
      .syncStatus()
      .then(show)
      // The next poll tries again; a failed local read is not worth a message.
      .catch(() => undefined);
  }, [show]);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  if (!status) return null;
  const act = async (action: () => Promise<SyncStatus>, synced = false) => {
    setBusy(true);
    try {
      show(await action());
      if (synced) window.dispatchEvent(new Event(SYNCED_EVENT));
    } catch (error) {
      showError(error);
      refresh();
    } finally {
      setBusy(false);
    }
  };
  const Icon = !status.online ? CloudOff : status.waiting + status.failed > 0 ? CloudUpload : CloudCheck;
  const headline = syncHeadline(status);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" data-testid="sync-status" aria-label={`Family cloud: ${headline}`}>
          <Icon aria-hidden="true" />
          <span className="hidden text-sm md:inline" data-testid="sync-headline">
            {headline}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-w-80">
        <DropdownMenuLabel>
          <span className="block font-semibold">{headline}</span>
          {status.transfer ? (
            <span className="mt-1 block text-xs font-normal text-muted-foreground" data-testid="sync-transfer">
              Sending {status.transfer.what}: {formatBytes(status.transfer.bytes_sent)} of{" "}
              {formatBytes(status.transfer.total_bytes)}
            </span>
          ) : null}
          {status.problem ? (
            <span className="mt-1 block text-xs font-normal text-muted-foreground" data-testid="sync-problem">
              {status.problem}
            </span>
          ) : status.waiting + status.failed === 0 ? (
            <span className="mt-1 block text-xs font-normal text-muted-foreground">
              Your storybooks are in your family&rsquo;s cloud.
            </span>
          ) : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void act(api.syncNow, true)} disabled={busy} data-testid="sync-now">
          <RefreshCw aria-hidden="true" />
          Sync now
        </DropdownMenuItem>
        {status.paused ? (
          <DropdownMenuItem onSelect={() => void act(api.resumeSync)} disabled={busy} data-testid="sync-resume">
            <Play aria-hidden="true" />
            Resume syncing
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={() => void act(api.pauseSync)} disabled={busy} data-testid="sync-pause">
            <Pause aria-hidden="true" />
            Pause syncing
          </DropdownMenuItem>
        )}
        {status.transfer ? (
          <DropdownMenuItem onSelect={() => void act(api.cancelUpload)} disabled={busy} data-testid="sync-cancel-upload">
            <CircleX aria-hidden="true" />
            Cancel this upload
          </DropdownMenuItem>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
