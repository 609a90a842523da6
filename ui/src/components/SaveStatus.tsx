import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import type { SaveStatus as Status } from "@/lib/autosave";

const WORDS: Record<Status, string> = {
  idle: "",
  pending: "Saving…",
  saving: "Saving…",
  saved: "Saved",
  error: "Not saved - retrying",
};

/** The autosave state, announced politely to screen readers. */
export function SaveStatus({ status }: { status: Status }) {
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-status"
      data-status={status}
      className="flex min-h-6 items-center gap-1.5 text-sm text-muted-foreground"
    >
      {status === "pending" || status === "saving" ? (
        <LoaderCircle className="size-4 motion-safe:animate-spin" aria-hidden="true" />
      ) : null}
      {status === "saved" ? <CircleCheck className="size-4 text-success" aria-hidden="true" /> : null}
      {status === "error" ? (
        <CircleAlert className="size-4 text-destructive" aria-hidden="true" />
      ) : null}
      <span className={status === "error" ? "font-semibold text-destructive" : undefined}>
        {WORDS[status]}
      </span>
    </p>
  );
}
