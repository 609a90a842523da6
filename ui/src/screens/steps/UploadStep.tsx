import { CircleAlert, CircleCheck, ClipboardPaste, ImagePlus, TriangleAlert, Upload } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { IngestOutcome, Run } from "@/bindings";
import type { StepGuard } from "@/components/wizard/step-context";
import { useStepGuard } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useNativeFileDrop } from "@/hooks/use-drag-drop";
import { usePasteShortcut } from "@/hooks/use-paste-shortcut";
import { api } from "@/lib/api";
import { assetUrl } from "@/lib/assets";
import { pictureSizeNote } from "@/lib/format";
import { showError } from "@/lib/notify";
import type { Step } from "@/lib/stages";
import { cn } from "@/lib/utils";

export function UploadStep({
  run,
  openedFiles,
  onChooseRun,
  goTo,
  registerGuard,
  navigating,
}: {
  run: Run | null;
  openedFiles: string[];
  onChooseRun: (runId: string) => Promise<void>;
  goTo: (step: Step) => Promise<void>;
  registerGuard: (guard: StepGuard | null) => void;
  navigating: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<IngestOutcome[]>([]);

  const ingest = useCallback(
    async (pending: () => Promise<IngestOutcome[]>) => {
      setBusy(true);
      try {
        const results = await pending();
        // Nothing picked (the picker was closed): keep showing what was added before.
        if (results.length === 0) return;
        setOutcomes(results);
        for (const outcome of results) {
          if (outcome.error) toast.error(`${outcome.source}: ${outcome.error.message}`);
        }
        const added = results.filter((outcome) => outcome.run !== null);
        const first = added[0]?.run;
        if (first) {
          await onChooseRun(first.id);
          if (added.length > 1) {
            toast.success(`${added.length} drawings added. Pick the one to continue with.`);
          } else if (added[0]?.duplicate) {
            toast.info("You added this drawing before; continuing with it.");
          }
        }
      } catch (error) {
        showError(error);
      } finally {
        setBusy(false);
      }
    },
    [onChooseRun],
  );

  const ingestPaths = useCallback(
    (paths: string[]) => void ingest(() => api.ingestPaths(paths)),
    [ingest],
  );
  const paste = useCallback(() => void ingest(() => api.ingestClipboard()), [ingest]);

  const hovering = useNativeFileDrop(ingestPaths);

  // Drawings opened with the app from the desktop are added as if dropped, once.
  const openedTaken = useRef(false);
  useEffect(() => {
    if (openedTaken.current || openedFiles.length === 0) return;
    openedTaken.current = true;
    ingestPaths(openedFiles);
  }, [openedFiles, ingestPaths]);
  usePasteShortcut(paste, !busy);

  const choose = useCallback(() => void ingest(() => api.pickDrawings()), [ingest]);

  useStepGuard(registerGuard, async () => !busy);

  const runs = outcomes.filter((outcome) => outcome.run !== null);
  const sizeNote = run ? pictureSizeNote(run.drawing.width, run.drawing.height) : null;

  const dropzone = (
    <div
      data-testid="dropzone"
      data-hovering={hovering ? "true" : "false"}
      className={cn(
        "flex flex-col items-center justify-center gap-4 rounded-2xl border-4 border-dashed text-center transition-colors",
        run ? "p-5" : "min-h-64 p-8",
        hovering ? "border-primary bg-secondary" : "border-border bg-card",
      )}
    >
      {busy ? (
        <Spinner label="Adding the drawing…" />
      ) : (
        <>
          {run ? null : <Upload className="size-12 text-primary" aria-hidden="true" />}
          <p className={cn("font-semibold", run ? "text-base" : "text-lg")} aria-live="polite">
            {hovering
              ? "Drop to add the drawing"
              : run
                ? "Another drawing? Drag it here"
                : "Drag a photo or scan of the drawing here"}
          </p>
          <p className="text-sm text-muted-foreground">
            PNG, JPEG, WebP, GIF, BMP or TIFF. You can also paste a picture with Ctrl+V.
          </p>
          <div className="flex flex-wrap justify-center gap-3">
            <Button size={run ? "default" : "lg"} variant={run ? "outline" : "default"} onClick={choose} data-testid="choose-files">
              <ImagePlus aria-hidden="true" />
              Choose pictures
            </Button>
            <Button size={run ? "default" : "lg"} variant="outline" onClick={paste} data-testid="paste">
              <ClipboardPaste aria-hidden="true" />
              Paste
            </Button>
          </div>
        </>
      )}
    </div>
  );

  const added =
    outcomes.length > 0 ? (
      <section aria-labelledby="ingest-results-heading" className="flex flex-col gap-2">
        <h3 id="ingest-results-heading" className="text-base font-semibold">
          What was added
        </h3>
        <ul className="flex flex-col gap-2" data-testid="ingest-results">
          {outcomes.map((outcome, index) => (
            <li
              key={`${outcome.source}-${index}`}
              data-testid="ingest-result"
              data-outcome={outcome.error ? "refused" : "added"}
              className="flex items-center gap-3 rounded-lg border bg-card p-2"
            >
              {outcome.run ? (
                <>
                  <img
                    src={assetUrl(outcome.run.thumbnail_path)}
                    alt=""
                    className="size-12 rounded bg-muted object-contain"
                  />
                  {runs.length > 1 ? (
                    <label className="flex flex-1 cursor-pointer items-center gap-2">
                      <input
                        type="radio"
                        name="continue-with"
                        className="size-4 accent-primary"
                        checked={run?.id === outcome.run.id}
                        onChange={() => {
                          if (outcome.run) void onChooseRun(outcome.run.id);
                        }}
                        data-testid="run-choice"
                      />
                      <span className="font-medium">{outcome.source}</span>
                      <span className="text-sm text-muted-foreground">
                        {outcome.duplicate ? "added before" : "added"}
                      </span>
                    </label>
                  ) : (
                    <p className="flex flex-1 items-center gap-2">
                      <CircleCheck className="size-5 text-success" aria-hidden="true" />
                      <span className="font-medium">{outcome.source}</span>
                      <span className="text-sm text-muted-foreground">
                        {outcome.duplicate ? "added before" : "added"}
                      </span>
                    </p>
                  )}
                </>
              ) : (
                <p className="flex flex-1 items-center gap-2">
                  <CircleAlert className="size-5 text-destructive" aria-hidden="true" />
                  <span className="font-medium">{outcome.source}</span>
                  <span className="text-sm">{outcome.error?.message ?? "Not added."}</span>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    ) : null;

  return (
    <div className="flex flex-col gap-6">
      {run ? (
        // With a drawing added, the drawing comes first and adding another takes less room.
        <div className="grid items-start gap-6 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <figure className="flex flex-col items-center gap-2" data-testid="drawing-preview">
            <img
              src={assetUrl(run.drawing.thumbnail_path)}
              alt={`The drawing ${run.drawing.original_name}`}
              className="max-h-[max(12rem,calc(100dvh-22rem))] rounded-lg border bg-muted object-contain"
            />
            <figcaption className="flex flex-col items-center gap-1 text-sm text-muted-foreground">
              <span data-testid="drawing-name">{run.drawing.original_name}</span>
              {sizeNote ? (
                <span className="flex items-center gap-1.5 text-warning" data-testid="drawing-size-note">
                  <TriangleAlert className="size-4" aria-hidden="true" />
                  {sizeNote}
                </span>
              ) : null}
            </figcaption>
          </figure>
          <div className="flex flex-col gap-4">
            {added}
            {dropzone}
          </div>
        </div>
      ) : (
        <>
          {dropzone}
          {added}
        </>
      )}

      <StepFooter
        onNext={() => void goTo("recognize")}
        nextDisabled={!run || busy || navigating}
        hint={run ? undefined : "Add a drawing to continue."}
      />
    </div>
  );
}
