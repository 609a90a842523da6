import { BookmarkPlus, Clapperboard, CircleAlert, RotateCcw, Square } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import type { RenderProgress, Stage } from "@/bindings";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { useStepGuard, type StepContext } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { api } from "@/lib/api";
import { assetUrl, videoUrl as videoFileUrl } from "@/lib/assets";
import { formatDuration } from "@/lib/format";
import { showError } from "@/lib/notify";

const STAGE_WORDS: Partial<Record<Stage, string>> = {
  images: "Drawing the pictures",
  voice: "Recording the narrator",
  video: "Putting the video together",
};

export function progressHeadline(progress: RenderProgress): string {
  const stage = STAGE_WORDS[progress.stage] ?? "Working";
  return progress.scene !== null && progress.scene_count > 0
    ? `${stage}: scene ${progress.scene} of ${progress.scene_count}`
    : stage;
}

export function PreviewStep({ ctx }: { ctx: StepContext }) {
  const { run, updateRun, goTo, registerGuard, setLocked, navigating } = ctx;
  const [rendering, setRendering] = useState(false);
  const [progress, setProgress] = useState<RenderProgress | null>(null);
  const [saving, setSaving] = useState(false);
  const cancelRequested = useRef(false);
  const [announcement, setAnnouncement] = useState("");
  const lastAnnounced = useRef("");

  const onProgress = (next: RenderProgress) => {
    setProgress(next);
    // Announce each new stage or scene once, not every percent.
    const headline = progressHeadline(next);
    if (headline !== lastAnnounced.current) {
      lastAnnounced.current = headline;
      setAnnouncement(headline);
    }
  };

  const render = async () => {
    cancelRequested.current = false;
    lastAnnounced.current = "";
    setProgress(null);
    setRendering(true);
    setLocked(true);
    try {
      const done = await api.renderVideo(run.id, onProgress);
      updateRun(done);
      setAnnouncement("The video is ready.");
      toast.success("Your storybook video is ready!");
    } catch (error) {
      if (cancelRequested.current) toast.info("Stopped making the video.");
      else showError(error, "The video could not be made.");
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

  const saveToLibrary = async () => {
    setSaving(true);
    try {
      await api.saveToLibrary(run.id);
      updateRun(await api.getRun(run.id));
      toast.success("Saved to your library.");
      await goTo("library");
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  useStepGuard(registerGuard, async () => {
    if (rendering) {
      toast.info("The video is still being made. Wait for it, or press Cancel.");
      return false;
    }
    return true;
  });

  const media = run.media;
  const videoUrl = videoFileUrl(media.video_path);
  const saved = run.library_entry_id !== null;

  return (
    <div className="flex flex-col gap-6">
      <p className="sr-only" aria-live="polite" data-testid="render-announcement">
        {announcement}
      </p>

      {rendering ? (
        <section
          aria-labelledby="render-heading"
          className="flex flex-col gap-3 rounded-xl border bg-card p-5"
          data-testid="render-progress"
        >
          <h3 id="render-heading" className="text-lg font-semibold" data-testid="render-stage">
            {progress ? progressHeadline(progress) : "Getting ready…"}
          </h3>
          <Progress
            value={progress?.percent ?? 0}
            aria-label="Video progress"
            data-testid="render-bar"
          />
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
            <span data-testid="render-message">{progress?.message ?? ""}</span>
            <span data-testid="render-percent" className="tabular-nums">
              {Math.round(progress?.percent ?? 0)}%
            </span>
          </div>
          <div>
            <Button variant="outline" onClick={() => void cancel()} data-testid="cancel-render">
              <Square aria-hidden="true" />
              Cancel
            </Button>
          </div>
        </section>
      ) : null}

      {!rendering && videoUrl ? (
        <section aria-labelledby="video-heading" className="flex flex-col gap-3">
          <h3 id="video-heading" className="text-lg font-semibold">
            {run.script?.title || "Your storybook"}
            {media.duration_sec !== null ? (
              <span className="ml-2 text-sm font-normal text-muted-foreground" data-testid="video-duration">
                {formatDuration(media.duration_sec)}
              </span>
            ) : null}
          </h3>
          <video
            key={`${media.video_path}-${run.updated_at}`}
            controls
            preload="metadata"
            src={`${videoUrl}?v=${encodeURIComponent(run.updated_at)}`}
            poster={assetUrl(media.thumbnail_path)}
            className="max-h-[70vh] w-full rounded-xl border bg-black object-contain"
            data-testid="video"
          >
            <track kind="captions" />
          </video>
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

      {!rendering ? (
        <div className="flex flex-wrap items-center gap-3">
          {videoUrl ? (
            <>
              {saved ? (
                <p className="text-sm text-muted-foreground" data-testid="saved-note">
                  This storybook is in your library.
                </p>
              ) : (
                <Button
                  size="lg"
                  onClick={() => void saveToLibrary()}
                  disabled={saving || navigating}
                  data-testid="save-to-library"
                >
                  <BookmarkPlus aria-hidden="true" />
                  Save to library
                </Button>
              )}
              <Button variant="outline" onClick={() => void render()} data-testid="make-video">
                <RotateCcw aria-hidden="true" />
                Make it again
              </Button>
            </>
          ) : (
            <Button size="lg" onClick={() => void render()} data-testid="make-video">
              <Clapperboard aria-hidden="true" />
              Make the video
            </Button>
          )}
        </div>
      ) : null}

      <StepFooter
        onBack={() => void goTo("script")}
        backDisabled={rendering || navigating}
        onNext={saved ? () => void goTo("library") : undefined}
        nextLabel="Library"
        nextDisabled={rendering || navigating}
      />
    </div>
  );
}
