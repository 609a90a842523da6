import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import type { SaveStatus as Status } from "@/lib/autosave";
import { cn } from "@/lib/utils";

const WORDS: Record<Status, string> = {
  idle: "",
  pending: "Saving…",
  saving: "Saving…",
  saved: "Saved",
  error: "Not saved - retrying",
};

/**
 * The autosave state, shown right next to what the parent is editing. It is not a live region
 * itself (it moves with the edit); `SaveAnnouncer` says the same to screen readers.
 */
export function SaveStatus({ status, className }: { status: Status; className?: string }) {
  if (status === "idle") return null;
  return (
    <p
      data-testid="save-status"
      data-status={status}
      className={cn("flex items-center gap-1.5 text-sm text-muted-foreground", className)}
    >
      {status === "pending" || status === "saving" ? (
        <LoaderCircle className="size-4 motion-safe:animate-spin" aria-hidden="true" />
      ) : null}
      {status === "saved" ? <CircleCheck className="size-4 text-success" aria-hidden="true" /> : null}
      {status === "error" ? <CircleAlert className="size-4 text-destructive" aria-hidden="true" /> : null}
      <span className={status === "error" ? "font-semibold text-destructive" : undefined}>{WORDS[status]}</span>
    </p>
  );
}

/**
 * The autosave state announced politely to screen readers, always in the page. Only the outcome
 * is spoken ("Saved", or that it is retrying), not every pause in typing.
 */
export function SaveAnnouncer({ status }: { status: Status }) {
  return (
    <p role="status" aria-live="polite" className="sr-only" data-testid="save-announcer">
      {status === "saved" || status === "error" ? WORDS[status] : ""}
    </p>
  );
}
