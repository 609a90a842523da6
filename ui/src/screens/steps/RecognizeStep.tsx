import { Maximize, RefreshCw } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { Answered, DrawingAnalysis, Engine, FigureBox, Recognition } from "@/bindings";
import { FigureEditor } from "@/components/drawing/FigureEditor";
import { Chips } from "@/components/ui/chips";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { EngineNote, StopWaiting } from "@/components/wizard/EngineNote";
import { useStepGuard, type StepContext } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { api, isCancelled } from "@/lib/api";
import { assetUrl } from "@/lib/assets";
import { askingWords, STOPPED_WORDS } from "@/lib/engine-words";
import { showError } from "@/lib/notify";
import { stepIndex } from "@/lib/stages";

interface Answers {
  subject: string;
  setting: string;
  mood: string;
}

const EMPTY_ANALYSIS: DrawingAnalysis = {
  subject: "",
  setting: "",
  mood: "",
  subject_suggestions: [],
  setting_suggestions: [],
  mood_suggestions: [],
  colors: [],
  figure_box: null,
  whole_page: false,
  source: "on_device",
};

/** The parent's earlier answers win over fresh suggestions; empty fields take the first suggestion. */
export function initialAnswers(saved: DrawingAnalysis | null, fresh: DrawingAnalysis): Answers {
  const pick = (savedValue: string | undefined, freshValue: string, suggestions: string[]) =>
    savedValue?.trim() || freshValue.trim() || suggestions[0] || "";
  return {
    subject: saved?.subject.trim() || fresh.subject.trim(),
    setting: pick(saved?.setting, fresh.setting, fresh.setting_suggestions),
    mood: pick(saved?.mood, fresh.mood, fresh.mood_suggestions),
  };
}

/**
 * After the parent asked the other engine: a field still holding what the previous answer
 * proposed (or empty) takes the new words; what the parent typed or picked stays theirs, and so
 * does a field the new answer leaves empty.
 */
export function answersAfterAsking(current: Answers, previous: DrawingAnalysis, fresh: DrawingAnalysis): Answers {
  const proposed = previous.source === "parent" ? null : initialAnswers(null, previous);
  const next = initialAnswers(null, fresh);
  const pick = (field: keyof Answers) => {
    const value = current[field].trim();
    const untouched = value === "" || value === proposed?.[field].trim();
    return untouched && next[field] !== "" ? next[field] : current[field];
  };
  return { subject: pick("subject"), setting: pick("setting"), mood: pick("mood") };
}

export function RecognizeStep({ ctx }: { ctx: StepContext }) {
  const { run, updateRun, goTo, registerGuard, navigating } = ctx;
  const [recognition, setRecognition] = useState<Recognition | null>(null);
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [loading, setLoading] = useState(true);
  const [asking, setAsking] = useState<Engine | null>(null);
  const [failed, setFailed] = useState(false);
  const [answers, setAnswers] = useState<Answers>(() => ({
    subject: run.analysis?.subject ?? "",
    setting: run.analysis?.setting ?? "",
    mood: run.analysis?.mood ?? "",
  }));
  const [cropBusy, setCropBusy] = useState(false);
  const [maskVersion, setMaskVersion] = useState(0);
  const cropRequest = useRef(0);
  const savedAnalysis = useRef(run.analysis);
  const mounted = useRef(false);
  const leaving = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const analyze = useCallback(() => {
    let cancelled = false;
    api
      .analyzeDrawing(run.id)
      .then((result) => {
        if (cancelled) return;
        setRecognition(result);
        setAnswered(result.answered);
        setAnswers(initialAnswers(savedAnalysis.current, result.analysis));
        setMaskVersion((v) => v + 1);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setFailed(true);
        if (isCancelled(error)) {
          if (!leaving.current) toast.info(STOPPED_WORDS.recognize);
        } else showError(error, "The drawing could not be looked at.");
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [run.id]);

  useEffect(() => analyze(), [analyze]);

  const analyzeAgain = () => {
    leaving.current = false;
    setLoading(true);
    setFailed(false);
    analyze();
  };

  const base = recognition?.analysis ?? run.analysis ?? EMPTY_ANALYSIS;
  const waiting = loading || asking !== null;

  const askOther = (engine: Engine) => {
    const previous = base;
    leaving.current = false;
    setAsking(engine);
    api
      .recognizeWith(run.id, engine)
      .then((result) => {
        if (!mounted.current) return;
        setRecognition(result);
        setAnswered(result.answered);
        setAnswers((current) => answersAfterAsking(current, previous, result.analysis));
        setMaskVersion((v) => v + 1);
      })
      .catch((error: unknown) => {
        if (!mounted.current) return;
        if (isCancelled(error)) {
          if (!leaving.current) toast.info(STOPPED_WORDS.recognize);
        } else showError(error, "No new words could be found.");
      })
      .finally(() => {
        if (mounted.current) setAsking(null);
      });
  };

  const stop = async () => {
    try {
      await api.cancelRequest(run.id);
    } catch (error) {
      showError(error);
    }
  };

  const applyCrop = useCallback(
    async (crop: FigureBox | null) => {
      const request = ++cropRequest.current;
      setCropBusy(true);
      try {
        const result = await api.setFigureCrop(run.id, crop);
        if (request !== cropRequest.current) return;
        setRecognition(result);
        setMaskVersion((v) => v + 1);
      } catch (error) {
        showError(error);
      } finally {
        if (request === cropRequest.current) setCropBusy(false);
      }
    },
    [run.id],
  );

  const analysisToSave = (): DrawingAnalysis => {
    const changed =
      answers.subject.trim() !== base.subject.trim() ||
      answers.setting.trim() !== base.setting.trim() ||
      answers.mood.trim() !== base.mood.trim();
    return {
      ...base,
      subject: answers.subject.trim(),
      setting: answers.setting.trim(),
      mood: answers.mood.trim(),
      source: changed ? "parent" : base.source,
    };
  };

  const subjectMissing = answers.subject.trim() === "";

  // Leaving stops an answer still on its way, so it cannot land over what the parent saves.
  const stopBeforeLeaving = async () => {
    if (!waiting) return;
    leaving.current = true;
    await api.cancelRequest(run.id).catch(() => false);
  };

  useStepGuard(registerGuard, async (target) => {
    const forward = target !== null && stepIndex(target) > stepIndex("recognize");
    if (subjectMissing) {
      if (forward) {
        toast.error("Tell us what your child drew first.");
        return false;
      }
      await stopBeforeLeaving();
      return true;
    }
    await stopBeforeLeaving();
    try {
      const saved = await api.saveAnalysis(run.id, analysisToSave());
      savedAnalysis.current = saved.analysis;
      updateRun(saved);
      return true;
    } catch (error) {
      showError(error);
      return !forward;
    }
  });

  const maskUrl = recognition ? assetUrl(recognition.mask_path) : undefined;

  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-3">
          <FigureEditor
            drawingUrl={assetUrl(run.drawing.normalized_path)}
            drawingAlt={`The drawing ${run.drawing.original_name}`}
            maskUrl={maskUrl ? `${maskUrl}?v=${maskVersion}` : undefined}
            image={{ width: run.drawing.width, height: run.drawing.height }}
            box={recognition?.analysis.whole_page ? null : (recognition?.analysis.figure_box ?? null)}
            onCommit={(box) => applyCrop(box)}
            disabled={waiting || cropBusy}
          />
          <div className="flex flex-wrap items-center gap-3" aria-live="polite">
            {loading ? (
              <>
                <Spinner label="Looking at the drawing…" />
                <StopWaiting onStop={stop} />
              </>
            ) : null}
            {cropBusy ? <Spinner label="Updating the outline…" /> : null}
            {!loading && recognition ? (
              <p className="text-sm text-muted-foreground" data-testid="recognition-status">
                {recognition.analysis.whole_page
                  ? "Using the whole page."
                  : recognition.found
                    ? "The tinted part is what we found. Drag the box if it missed something."
                    : "We could not find the figure by ourselves. Drag the box around it, or use the whole page."}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="outline"
              onClick={() => void applyCrop(null)}
              disabled={waiting || cropBusy}
              data-testid="whole-page"
            >
              <Maximize aria-hidden="true" />
              Use the whole page
            </Button>
            {failed ? (
              <Button variant="outline" onClick={analyzeAgain} data-testid="analyze-again">
                <RefreshCw aria-hidden="true" />
                Try again
              </Button>
            ) : null}
          </div>
        </div>

        <div className="flex flex-col gap-6">
          {asking ? (
            <div className="flex min-h-8 flex-wrap items-center gap-3" aria-live="polite">
              <Spinner label={askingWords("recognize", asking)} />
              <StopWaiting onStop={stop} />
            </div>
          ) : answered && !loading ? (
            <EngineNote task="recognize" answered={answered} onAskOther={askOther} disabled={cropBusy} />
          ) : null}
          <div className="flex flex-col gap-2">
            <Label htmlFor="subject" className="text-base">
              What did your child draw?
            </Label>
            <Input
              id="subject"
              value={answers.subject}
              onChange={(event) => setAnswers({ ...answers, subject: event.target.value })}
              placeholder="a purple dragon, our cat, a garlic monster…"
              maxLength={200}
              aria-required="true"
              data-testid="subject-input"
            />
            <Chips
              label="Suggestions for what it is"
              suggestions={base.subject_suggestions}
              selected={answers.subject}
              onPick={(subject) => setAnswers({ ...answers, subject })}
              testIdPrefix="subject-chip"
            />
          </div>

          <div className="flex flex-col gap-2">
            <Label htmlFor="setting">Where does the story happen?</Label>
            <Input
              id="setting"
              value={answers.setting}
              onChange={(event) => setAnswers({ ...answers, setting: event.target.value })}
              maxLength={200}
              data-testid="setting-input"
            />
            <Chips
              label="Suggestions for the place"
              suggestions={base.setting_suggestions}
              selected={answers.setting}
              onPick={(setting) => setAnswers({ ...answers, setting })}
              testIdPrefix="setting-chip"
            />
          </div>

          <div className="flex flex-col gap-2">
            <Label htmlFor="mood">How does it feel?</Label>
            <Input
              id="mood"
              value={answers.mood}
              onChange={(event) => setAnswers({ ...answers, mood: event.target.value })}
              maxLength={200}
              data-testid="mood-input"
            />
            <Chips
              label="Suggestions for the mood"
              suggestions={base.mood_suggestions}
              selected={answers.mood}
              onPick={(mood) => setAnswers({ ...answers, mood })}
              testIdPrefix="mood-chip"
            />
          </div>

          {base.colors.length > 0 ? (
            <div className="flex flex-col gap-2">
              <h3 className="text-sm font-semibold">Colours in the drawing</h3>
              <ul className="flex flex-wrap gap-3" data-testid="palette">
                {base.colors.map((color) => (
                  <li key={color.hex} className="flex items-center gap-2 text-sm">
                    <span
                      aria-hidden="true"
                      className="size-6 rounded-full border"
                      style={{ backgroundColor: color.hex }}
                    />
                    <span>
                      {color.name}
                      <span className="text-muted-foreground"> {Math.round(color.share * 100)}%</span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>

      <StepFooter
        onBack={() => void goTo("upload")}
        onNext={() => void goTo("customize")}
        nextDisabled={subjectMissing || waiting || navigating}
        backDisabled={navigating}
        hint={subjectMissing ? "Tell us what your child drew to continue." : undefined}
      />
    </div>
  );
}
