import { BookmarkPlus, Check, CircleAlert, CircleCheck, Clapperboard, RotateCcw, Square, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import type { RenderProgress } from "@/bindings";
import { VideoPlayer } from "@/components/media/VideoPlayer";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { useStepGuard, type StepContext } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { api } from "@/lib/api";
import { assetUrl, videoUrl as videoFileUrl } from "@/lib/assets";
import { formatDuration } from "@/lib/format";
import { showError } from "@/lib/notify";
import {
  advance,
  phaseIndex,
  progressHeadline,
  RENDER_PHASE_LABELS,
  RENDER_PHASES,
  type ShownProgress,
} from "@/lib/render-progress";
import { cn } from "@/lib/utils";

/** The four phases as a list: done, now, or still to come. */
function PhaseList({ shown }: { shown: ShownProgress | null }) {
  const now = shown ? phaseIndex(shown.phase) : -1;
  return (
    <ol className="grid gap-2 text-sm sm:grid-cols-4" data-testid="render-phases">
      {RENDER_PHASES.map((phase, index) => {
        const state = index < now ? "done" : index === now ? "current" : "todo";
        return (
          <li
            key={phase}
            data-phase={phase}
            data-state={state}
            aria-current={state === "current" ? "step" : undefined}
            className={cn(
              "flex items-center gap-2 rounded-lg border px-3 py-2",
              state === "current" && "border-primary bg-secondary font-semibold",
              state === "todo" && "text-muted-foreground",
            )}
          >
            <span
              aria-hidden="true"
              className={cn(
                "flex size-6 shrink-0 items-center justify-center rounded-full border-2 text-xs",
                state === "done" && "border-primary bg-primary text-primary-foreground",
                state === "current" && "border-primary text-primary",
              )}
            >
              {state === "done" ? <Check className="size-3.5" /> : index + 1}
            </span>
            <span>{RENDER_PHASE_LABELS[phase]}</span>
            {state === "done" ? <span className="sr-only">(done)</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function PreviewStep({ ctx }: { ctx: StepContext }) {
  const { run, updateRun, goTo, registerGuard, setLocked, navigating } = ctx;
  const [rendering, setRendering] = useState(false);
  const [shown, setShown] = useState<ShownProgress | null>(null);
  const shownRef = useRef<ShownProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const cancelRequested = useRef(false);
  const [announcement, setAnnouncement] = useState("");
  const lastAnnounced = useRef("");

  const onProgress = (next: RenderProgress) => {
    const previous = shownRef.current;
    const updated = advance(previous, next);
    if (updated === previous) return;
    shownRef.current = updated;
    setShown(updated);
    // Announce each new phase or scene once, not every percent.
    const headline = progressHeadline(updated);
    if (headline !== lastAnnounced.current) {
      lastAnnounced.current = headline;
      setAnnouncement(headline);
    }
  };

  const render = async () => {
    cancelRequested.current = false;
    lastAnnounced.current = "";
    shownRef.current = null;
    setShown(null);
    setRendering(true);
    setLocked(true);
    try {
      const done = await api.renderVideo(run.id, onProgress);
      updateRun(done);
      const kept = done.library_entry_id !== null;
      setAnnouncement(kept ? "The storybook is ready and saved in your library." : "The storybook is ready.");
      toast.success(kept ? "Your storybook is ready and saved in your library!" : "Your storybook is ready!");
    } catch (error) {
      if (cancelRequested.current) toast.info("Stopped making the storybook.");
      else showError(error, "The storybook could not be made.");
      try {
        updateRun(await api.getRun(run.id));
      } catch {
        // The earlier copy of the run stays on screen.
      }
    } finally {
      setRendering(false);
      setLocked(false);
    }
  };

  const cancel = async () => {
    cancelRequested.current = true;
    try {
      await api.cancelRender(run.id);
    } catch (error) {
      cancelRequested.current = false;
      showError(error);
    }
  };

  /** Puts a storybook taken out of the library back in. */
  const saveToLibrary = async () => {
    setBusy(true);
    try {
      await api.saveToLibrary(run.id);
      updateRun(await api.getRun(run.id));
      toast.success("Saved in your library.");
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const removeFromLibrary = async (entryId: string) => {
    setBusy(true);
    try {
      await api.libraryDelete(entryId);
      const current = await api.getRun(run.id);
      // The store forgets the entry with the run; a copy that still names it is out of date.
      updateRun(current.library_entry_id === entryId ? { ...current, library_entry_id: null } : current);
      toast.success("Removed from your library.");
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  useStepGuard(registerGuard, async () => {
    if (rendering) {
      toast.info("The storybook is still being made. Wait for it, or press Cancel.");
      return false;
    }
    return true;
  });

  const media = run.media;
  const videoUrl = videoFileUrl(media.video_path);
  const entryId = run.library_entry_id;
  const saved = entryId !== null;
  const title = run.script?.title || "Your storybook";

  const libraryStatus = !rendering && videoUrl ? (
    saved ? (
      <p className="flex items-center gap-2 text-sm font-semibold text-success" data-testid="saved-in-library">
        <CircleCheck className="size-5" aria-hidden="true" />
        Saved in your library
      </p>
    ) : (
      <p className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="not-in-library">
        Not in your library
      </p>
    )
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      <p className="sr-only" aria-live="polite" data-testid="render-announcement">
        {announcement}
      </p>

      {rendering ? (
        <section
          aria-labelledby="render-heading"
          className="flex flex-col gap-4 rounded-xl border bg-card p-5"
          data-testid="render-progress"
        >
          <h3 id="render-heading" className="text-lg font-semibold" data-testid="render-stage" data-phase={shown?.phase ?? ""}>
            {shown ? progressHeadline(shown) : "Getting ready…"}
          </h3>
          <PhaseList shown={shown} />
          <Progress value={shown?.percent ?? 0} aria-label="Storybook progress" data-testid="render-bar" />
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
            <span data-testid="render-message">{shown?.message ?? ""}</span>
            <span data-testid="render-percent" className="tabular-nums">
              {Math.round(shown?.percent ?? 0)}%
            </span>
          </div>
        </section>
      ) : null}

      {!rendering && videoUrl ? (
        <section aria-labelledby="video-heading" className="flex flex-col gap-3">
          <h3 id="video-heading" className="text-lg font-semibold">
            {title}
            {media.duration_sec !== null ? (
              <span className="ml-2 text-sm font-normal text-muted-foreground" data-testid="video-duration">
                {formatDuration(media.duration_sec)}
              </span>
            ) : null}
          </h3>
          <VideoPlayer
            key={`${media.video_path}-${run.updated_at}`}
            src={`${videoUrl}?v=${encodeURIComponent(run.updated_at)}`}
            poster={assetUrl(media.thumbnail_path)}
            title={title}
            testId="video"
            videoClassName="max-h-[max(14rem,calc(100dvh-26rem))]"
          />
          {media.warnings.length > 0 ? (
            <div
              className="flex flex-col gap-1 rounded-lg border border-warning/50 bg-warning/10 p-3"
              data-testid="render-warnings"
            >
              <p className="flex items-center gap-2 font-semibold">
                <CircleAlert className="size-4 text-warning" aria-hidden="true" />
                Good to know
              </p>
              <ul className="list-disc pl-6 text-sm">
                {media.warnings.map((warning, index) => (
                  <li key={index}>{warning}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {!rendering && !videoUrl ? (
        <p className="text-muted-foreground" data-testid="make-hint">
          The app draws the pictures, records the narrator and puts the video together. It takes a few minutes;
          you can watch it here and find it in your library afterwards.
        </p>
      ) : null}

      <StepFooter
        onBack={() => void goTo("script")}
        backDisabled={rendering || navigating}
        onNext={saved && !rendering ? () => void goTo("library") : undefined}
        nextLabel="Your storybooks"
        nextDisabled={navigating || busy}
        status={libraryStatus}
      >
        {rendering ? (
          <Button variant="outline" onClick={() => void cancel()} data-testid="cancel-render">
            <Square aria-hidden="true" />
            Cancel
          </Button>
        ) : videoUrl ? (
          <>
            {saved && entryId ? (
              <Button
                variant="outline"
                className="text-destructive"
                onClick={() => setConfirmRemove(true)}
                disabled={busy || navigating}
                data-testid="remove-from-library"
              >
                <Trash2 aria-hidden="true" />
                Remove from library
              </Button>
            ) : (
              <Button
                variant="outline"
                onClick={() => void saveToLibrary()}
                disabled={busy || navigating}
                data-testid="save-to-library"
              >
                <BookmarkPlus aria-hidden="true" />
                Save in my library
              </Button>
            )}
            <Button variant="outline" onClick={() => void render()} disabled={busy || navigating} data-testid="make-video">
              <RotateCcw aria-hidden="true" />
              Make it again
            </Button>
          </>
        ) : (
          <Button onClick={() => void render()} disabled={navigating} data-testid="make-video">
            <Clapperboard aria-hidden="true" />
            Make a storybook
          </Button>
        )}
      </StepFooter>

      <AlertDialog open={confirmRemove} onOpenChange={setConfirmRemove}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove &ldquo;{title}&rdquo; from your library?</AlertDialogTitle>
            <AlertDialogDescription>
              The storybook is taken out of your library. The video stays here, so you can save it again or make it
              again. Copies you exported stay where they are.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel data-testid="cancel-remove">Keep it</AlertDialogCancel>
            <AlertDialogAction
              destructive
              onClick={() => {
                if (entryId) void removeFromLibrary(entryId);
              }}
              data-testid="confirm-remove"
            >
              Remove
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
