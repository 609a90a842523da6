import { useCallback, useEffect, useRef, useState } from "react";
import type { LeaveGuard } from "@/App";
import type { Run } from "@/bindings";
import type { StepContext, StepGuard } from "@/components/wizard/step-context";
import { Stepper } from "@/components/wizard/Stepper";
import { Spinner } from "@/components/ui/spinner";
import { api, toApiError } from "@/lib/api";
import { showError } from "@/lib/notify";
import { canOpenStep, STEP_LABELS, stageForStep, stepForStage, type Step } from "@/lib/stages";
import { CustomizeStep } from "@/screens/steps/CustomizeStep";
import { LibraryStep } from "@/screens/steps/LibraryStep";
import { PreviewStep } from "@/screens/steps/PreviewStep";
import { RecognizeStep } from "@/screens/steps/RecognizeStep";
import { ScriptStep } from "@/screens/steps/ScriptStep";
import { UploadStep } from "@/screens/steps/UploadStep";

/**
 * The six-step wizard for one run. The run itself lives in the Rust store: it is loaded with
 * getRun, every move between steps is recorded with goToStage, and each step saves through its
 * own command. This component only keeps the copy the screen shows.
 */
export function Wizard({
  initialRunId,
  initialStep,
  openedFiles,
  onStartNew,
  onPlace,
  onRunMissing,
  setLeaveGuard,
}: {
  initialRunId: string | null;
  /** The step to open the run at (where the parent left it), when it can be opened. */
  initialStep?: Step;
  /** Drawings opened with the app from the desktop, added on the Upload step at once. */
  openedFiles: string[];
  onStartNew: () => void;
  /** Hears where the parent is now: the run (none before a drawing is added) and its step. */
  onPlace: (runId: string | null, step: Step) => void;
  /** The run to open is no longer on this computer. */
  onRunMissing: () => void;
  setLeaveGuard: (guard: LeaveGuard | null) => void;
}) {
  const [run, setRun] = useState<Run | null>(null);
  const runRef = useRef<Run | null>(null);
  const [step, setStep] = useState<Step>("upload");
  const [loading, setLoading] = useState(initialRunId !== null);
  const [navigating, setNavigating] = useState(false);
  const [locked, setLocked] = useState(false);
  const guardRef = useRef<StepGuard | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const updateRun = useCallback((next: Run) => {
    runRef.current = next;
    setRun(next);
  }, []);

  useEffect(() => {
    if (initialRunId === null) return;
    let cancelled = false;
    api
      .getRun(initialRunId)
      .then((loaded) => {
        if (cancelled) return;
        updateRun(loaded);
        setStep(initialStep && canOpenStep(loaded, initialStep) ? initialStep : stepForStage(loaded.stage));
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // A story removed since it was left open is not an error to show the parent.
        if (toApiError(error).code !== "run_not_found") showError(error);
        onRunMissing();
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [initialRunId, initialStep, onRunMissing, updateRun]);

  const runId = run?.id ?? null;
  useEffect(() => {
    if (!loading) onPlace(runId, step);
  }, [loading, onPlace, runId, step]);

  const registerGuard = useCallback((guard: StepGuard | null) => {
    guardRef.current = guard;
  }, []);

  useEffect(() => {
    setLeaveGuard(async () => {
      const guard = guardRef.current;
      return guard ? guard(null) : !locked;
    });
    return () => setLeaveGuard(null);
  }, [setLeaveGuard, locked]);

  const navigatingRef = useRef(false);
  const goTo = useCallback(
    async (target: Step) => {
      if (navigatingRef.current) return;
      navigatingRef.current = true;
      setNavigating(true);
      try {
        const guard = guardRef.current;
        if (guard && !(await guard(target))) return;
        let current = runRef.current;
        if (current) {
          const stage = stageForStep(target, current.stage);
          if (stage) {
            current = await api.goToStage(current.id, stage);
            updateRun(current);
          }
        }
        moved.current = true;
        setStep(target);
      } catch (error) {
        showError(error);
      } finally {
        navigatingRef.current = false;
        setNavigating(false);
      }
    },
    [updateRun],
  );

  useEffect(() => {
    // Move focus to the new step's heading so keyboard and screen-reader users follow along.
    if (moved.current) headingRef.current?.focus();
  }, [step]);

  const chooseRun = useCallback(
    async (runId: string) => {
      try {
        updateRun(await api.getRun(runId));
      } catch (error) {
        showError(error);
      }
    },
    [updateRun],
  );

  if (loading) {
    return (
      <div className="flex flex-1 items-center justify-center">
        <Spinner label="Opening your story…" />
      </div>
    );
  }

  const heading = (
    <h2
      ref={headingRef}
      tabIndex={-1}
      className="text-2xl font-bold focus-visible:outline-none"
      data-testid="step-heading"
    >
      {STEP_HEADINGS[step]}
    </h2>
  );

  const shared: Omit<StepContext, "run"> = { updateRun, goTo, registerGuard, setLocked, navigating };

  return (
    <div className="flex flex-col gap-6" data-testid="wizard">
      <h1 className="sr-only">Make a storybook</h1>
      <Stepper
        current={step}
        canOpen={(target) => canOpenStep(run, target)}
        onSelect={(target) => void goTo(target)}
        disabled={navigating || locked}
      />
      <section
        aria-label={`Step: ${STEP_LABELS[step]}`}
        data-testid={`step-${step}`}
        className="flex flex-col gap-4"
      >
        {heading}
        {step === "upload" ? (
          <UploadStep
            run={run}
            openedFiles={openedFiles}
            onChooseRun={chooseRun}
            goTo={goTo}
            registerGuard={registerGuard}
            navigating={navigating}
          />
        ) : null}
        {step === "recognize" && run ? <RecognizeStep ctx={{ ...shared, run }} /> : null}
        {step === "customize" && run ? <CustomizeStep ctx={{ ...shared, run }} /> : null}
        {step === "script" && run ? <ScriptStep ctx={{ ...shared, run }} /> : null}
        {step === "preview" && run ? <PreviewStep ctx={{ ...shared, run }} /> : null}
        {step === "library" ? (
          <LibraryStep ctx={run ? { ...shared, run } : null} onMakeNew={onStartNew} />
        ) : null}
      </section>
    </div>
  );
}

const STEP_HEADINGS: Record<Step, string> = {
  upload: "Add your child's drawing",
  recognize: "What is in the drawing?",
  customize: "Choose the story",
  script: "Edit the story",
  preview: "Make and watch the storybook",
  library: "Your storybooks",
};
