import { ArrowDown, ArrowUp, Plus, Shuffle, Trash2 } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { Answered, Engine, StoryScript } from "@/bindings";
import { SaveAnnouncer, SaveStatus } from "@/components/SaveStatus";
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
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { EngineNote, StopWaiting } from "@/components/wizard/EngineNote";
import { useStepGuard, type StepContext } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { useAutosave } from "@/hooks/use-autosave";
import { api, isCancelled } from "@/lib/api";
import { askingWords, engineNote, STOPPED_WORDS } from "@/lib/engine-words";
import { newId } from "@/lib/ids";
import { showError } from "@/lib/notify";
import {
  addScene,
  canAddScene,
  charCount,
  insertScene,
  MAX_SCENE_TEXT_CHARS,
  MAX_SCENES,
  MAX_TITLE_CHARS,
  MOTION_CHOICES,
  moveScene,
  nearLimit,
  removeScene,
  renderProblem,
  setSceneMotion,
  setSceneText,
  setTitle,
} from "@/lib/script-edit";
import { stepIndex } from "@/lib/stages";
import { cn } from "@/lib/utils";

/** A new draft the parent asked for: another story, or this one from the other engine. */
interface DraftRequest {
  another: boolean;
  engine: Engine | null;
}

/** A stored draft opened again: who wrote it is known, whether the other can be asked is not. */
function storedAnswer(run: StepContext["run"]): Answered | null {
  if (run.script === null) return null;
  return { engine: run.story_engine ?? "on_device", fallback_reason: null, other_available: false };
}

type FocusTarget = { id: string; control: "text" | "up" | "down" } | { id: "add-scene" } | { id: "title" };

/** Where the last change was made, so its autosave state shows right there. */
type Changed = "story" | "title" | { sceneId: string };

/** How many characters are used, shown only close to the limit. */
function Counter({ id, count, max }: { id: string; count: number; max: number }) {
  if (!nearLimit(count, max)) return null;
  return (
    <span
      id={id}
      className={cn(
        "text-xs tabular-nums",
        count >= max ? "font-semibold text-warning" : "text-muted-foreground",
      )}
    >
      {count}/{max}
      <span className="sr-only"> characters</span>
    </span>
  );
}

export function ScriptStep({ ctx }: { ctx: StepContext }) {
  const { run, updateRun, goTo, registerGuard, navigating } = ctx;
  const [script, setScript] = useState<StoryScript | null>(run.script);
  const scriptRef = useRef<StoryScript | null>(run.script);
  const [drafting, setDrafting] = useState(run.script === null);
  const [edited, setEdited] = useState(false);
  const [confirming, setConfirming] = useState<DraftRequest | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [answered, setAnswered] = useState<Answered | null>(() => storedAnswer(run));
  const [asking, setAsking] = useState<Engine | null>(null);
  const runRef = useRef(run);
  const leaving = useRef(false);
  const container = useRef<HTMLDivElement>(null);
  // Where focus goes once the edit that moved it is on screen; used once, so later typing
  // elsewhere keeps its focus.
  const focusTarget = useRef<FocusTarget | null>(null);
  const setFocusTarget = (target: FocusTarget) => {
    focusTarget.current = target;
  };
  const [changed, setChanged] = useState<Changed>("story");

  useEffect(() => {
    runRef.current = run;
  }, [run]);

  const saveScript = useCallback((value: StoryScript) => api.saveScript(run.id, value), [run.id]);
  const { queue, status } = useAutosave<StoryScript>(saveScript);

  const show = useCallback(
    (next: StoryScript, writtenBy?: Engine) => {
      scriptRef.current = next;
      setScript(next);
      const current = runRef.current;
      updateRun({ ...current, script: next, story_engine: writtenBy ?? current.story_engine });
    },
    [updateRun],
  );

  const edit = useCallback(
    (next: StoryScript, where: Changed) => {
      show(next);
      setEdited(true);
      setChanged(where);
      queue.update(next);
    },
    [queue, show],
  );

  const draft = useCallback(
    (another: boolean, engine: Engine | null = null) => {
      let cancelled = false;
      leaving.current = false;
      api
        .draftStory(run.id, another, engine)
        .then((drafted) => {
          if (cancelled) return;
          show(drafted.script, drafted.answered.engine);
          setAnswered(drafted.answered);
          setEdited(false);
          setChanged("story");
          // Recorded through the same queue, so an older edit still in flight cannot win.
          queue.update(drafted.script);
        })
        .catch((error: unknown) => {
          if (cancelled || leaving.current) return;
          if (isCancelled(error)) toast.info(STOPPED_WORDS.story);
          else showError(error, "The story could not be written.");
        })
        .finally(() => {
          if (!cancelled) {
            setDrafting(false);
            setAsking(null);
          }
        });
      return () => {
        cancelled = true;
      };
    },
    [queue, run.id, show],
  );

  useEffect(() => {
    if (scriptRef.current === null) return draft(false);
  }, [draft]);

  const request = ({ another, engine }: DraftRequest) => {
    setDrafting(true);
    setAsking(engine);
    draft(another, engine);
  };

  // The parent's edits are never replaced without asking, whoever writes the new draft.
  const requestGuarded = (next: DraftRequest) => {
    if (!edited) return request(next);
    setConfirming(next);
    setConfirmOpen(true);
  };

  const stop = async () => {
    try {
      await api.cancelRequest(run.id);
    } catch (error) {
      showError(error);
    }
  };

  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    focusTarget.current = null;
    const key = "control" in target ? `${target.control}:${target.id}` : target.id;
    const find = (k: string) =>
      container.current?.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(k)}"]`) ?? null;
    let element = find(key);
    if (element instanceof HTMLButtonElement && element.disabled && "control" in target) {
      const other = target.control === "up" ? "down" : "up";
      element = find(`${other}:${target.id}`);
    }
    element?.focus();
  }, [script]);

  useStepGuard(registerGuard, async (target) => {
    if (drafting) {
      const back = target === null || stepIndex(target) < stepIndex("script");
      if (back) {
        // A story still being written is stopped, so it cannot land after the choices change.
        leaving.current = true;
        await api.cancelRequest(run.id).catch(() => false);
      }
      return back;
    }
    const saved = await queue.flush();
    if (!saved) {
      toast.error("Your last change is not saved yet. We keep trying; please wait a moment.");
      return false;
    }
    const forward = target !== null && stepIndex(target) > stepIndex("script");
    const problem = scriptRef.current ? renderProblem(scriptRef.current) : null;
    if (forward && problem) {
      toast.error(problem);
      return false;
    }
    return true;
  });

  if (script === null) {
    return (
      <div className="flex flex-col gap-6">
        {drafting ? (
          <div className="flex flex-wrap items-center gap-3">
            <Spinner label={asking ? askingWords("story", asking) : "Writing a story from the drawing…"} />
            <StopWaiting onStop={stop} />
          </div>
        ) : (
          <div className="flex flex-col items-start gap-3">
            <p>No story yet.</p>
            <Button onClick={() => request({ another: false, engine: null })} data-testid="draft-story">
              Write a story
            </Button>
          </div>
        )}
        <StepFooter onBack={() => void goTo("customize")} backDisabled={navigating} />
      </div>
    );
  }

  const problem = renderProblem(script);
  const titleCount = charCount(script.title);
  const askOther = answered && confirming?.engine ? engineNote("story", answered).askOther : null;
  const confirmLabel = askOther?.label ?? "Write another";

  return (
    <div className="flex flex-col gap-6" ref={container}>
      <SaveAnnouncer status={status} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        {changed === "story" ? <SaveStatus status={status} /> : <span />}
        <Button
          variant="outline"
          onClick={() => requestGuarded({ another: true, engine: null })}
          disabled={drafting}
          data-testid="write-another"
        >
          <Shuffle aria-hidden="true" />
          Write another
        </Button>
      </div>

      {drafting ? (
        <div className="flex flex-wrap items-center gap-3">
          <Spinner label={asking ? askingWords("story", asking) : "Writing another story…"} />
          <StopWaiting onStop={stop} />
        </div>
      ) : answered ? (
        <EngineNote
          task="story"
          answered={answered}
          onAskOther={(engine) => requestGuarded({ another: false, engine })}
        />
      ) : null}

      <div className={cn("flex flex-col gap-6", drafting && "pointer-events-none opacity-50")} aria-busy={drafting}>
        <div className="flex flex-col gap-2">
          <div className="flex min-h-6 flex-wrap items-end justify-between gap-x-3">
            <Label htmlFor="story-title" className="text-base">
              Title
            </Label>
            <div className="flex items-center gap-3">
              {changed === "title" ? <SaveStatus status={status} /> : null}
              <Counter id="story-title-count" count={titleCount} max={MAX_TITLE_CHARS} />
            </div>
          </div>
          <Input
            id="story-title"
            data-focus-key="title"
            value={script.title}
            onChange={(event) => edit(setTitle(script, event.target.value), "title")}
            aria-describedby={nearLimit(titleCount, MAX_TITLE_CHARS) ? "story-title-count" : undefined}
            className="text-lg font-semibold"
            data-testid="script-title"
            disabled={drafting}
          />
        </div>

        <ol className="flex flex-col gap-4" aria-label="Scenes">
          {script.scenes.map((scene, index) => {
            const number = index + 1;
            const count = charCount(scene.text);
            const here = typeof changed === "object" && changed.sceneId === scene.id;
            return (
              <li key={scene.id} className="rounded-xl border bg-card p-4" data-testid="scene">
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <Label htmlFor={`scene-${scene.id}`} className="text-base">
                    Scene {number}
                  </Label>
                  <div className="ml-auto flex gap-1">
                    <Tooltip content="Move this scene up">
                      <Button
                        variant="ghost"
                        size="icon"
                        data-focus-key={`up:${scene.id}`}
                        aria-label={`Move scene ${number} up`}
                        disabled={index === 0 || drafting}
                        onClick={() => {
                          edit(moveScene(script, scene.id, -1), { sceneId: scene.id });
                          setFocusTarget({ id: scene.id, control: "up" });
                        }}
                        data-testid={`move-up-${number}`}
                      >
                        <ArrowUp aria-hidden="true" />
                      </Button>
                    </Tooltip>
                    <Tooltip content="Move this scene down">
                      <Button
                        variant="ghost"
                        size="icon"
                        data-focus-key={`down:${scene.id}`}
                        aria-label={`Move scene ${number} down`}
                        disabled={index === script.scenes.length - 1 || drafting}
                        onClick={() => {
                          edit(moveScene(script, scene.id, 1), { sceneId: scene.id });
                          setFocusTarget({ id: scene.id, control: "down" });
                        }}
                        data-testid={`move-down-${number}`}
                      >
                        <ArrowDown aria-hidden="true" />
                      </Button>
                    </Tooltip>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="h-9"
                      aria-label={`Remove scene ${number}`}
                      disabled={drafting}
                      onClick={() => {
                        const { script: next, removed } = removeScene(script, scene.id);
                        if (!removed) return;
                        const neighbour = next.scenes[Math.max(0, removed.index - 1)];
                        edit(next, neighbour ? { sceneId: neighbour.id } : "story");
                        setFocusTarget(neighbour ? { id: neighbour.id, control: "text" } : { id: "add-scene" });
                        toast(`Scene ${removed.index + 1} removed`, {
                          action: {
                            label: "Undo",
                            onClick: () => {
                              const current = scriptRef.current;
                              if (current) edit(insertScene(current, removed.scene, removed.index), { sceneId: removed.scene.id });
                            },
                          },
                        });
                      }}
                      data-testid={`remove-scene-${number}`}
                    >
                      <Trash2 aria-hidden="true" />
                      Remove
                    </Button>
                  </div>
                </div>
                <Textarea
                  id={`scene-${scene.id}`}
                  data-focus-key={`text:${scene.id}`}
                  value={scene.text}
                  rows={4}
                  onChange={(event) => edit(setSceneText(script, scene.id, event.target.value), { sceneId: scene.id })}
                  aria-describedby={nearLimit(count, MAX_SCENE_TEXT_CHARS) ? `scene-count-${scene.id}` : undefined}
                  data-testid={`scene-text-${number}`}
                  disabled={drafting}
                />
                {here || nearLimit(count, MAX_SCENE_TEXT_CHARS) ? (
                  <div className="mt-2 flex min-h-5 flex-wrap items-center justify-between gap-x-3">
                    {here ? <SaveStatus status={status} /> : <span />}
                    <Counter id={`scene-count-${scene.id}`} count={count} max={MAX_SCENE_TEXT_CHARS} />
                  </div>
                ) : null}
                <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
                  <label htmlFor={`scene-motion-${scene.id}`} className="text-muted-foreground">
                    What the drawing does
                  </label>
                  <select
                    id={`scene-motion-${scene.id}`}
                    className="h-9 rounded-md border border-input bg-background px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    value={scene.motion ?? ""}
                    onChange={(event) => {
                      const chosen = MOTION_CHOICES.find((choice) => (choice.value ?? "") === event.target.value);
                      edit(setSceneMotion(script, scene.id, chosen?.value ?? null), { sceneId: scene.id });
                    }}
                    disabled={drafting}
                    data-testid={`scene-motion-${number}`}
                  >
                    {MOTION_CHOICES.map((choice) => (
                      <option key={choice.value ?? "story"} value={choice.value ?? ""}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                </div>
              </li>
            );
          })}
        </ol>

        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            data-focus-key="add-scene"
            disabled={!canAddScene(script) || drafting}
            onClick={() => {
              const id = newId();
              edit(addScene(script, id), { sceneId: id });
              setFocusTarget({ id, control: "text" });
            }}
            data-testid="add-scene"
          >
            <Plus aria-hidden="true" />
            Add a scene
          </Button>
          {!canAddScene(script) ? (
            <p className="text-sm text-muted-foreground">
              A story can have at most {MAX_SCENES} scenes.
            </p>
          ) : null}
        </div>
      </div>

      <StepFooter
        onBack={() => void goTo("customize")}
        onNext={() => void goTo("preview")}
        nextDisabled={navigating || drafting || problem !== null}
        backDisabled={navigating}
        hint={problem ?? undefined}
      />

      <AlertDialog open={confirmOpen} onOpenChange={setConfirmOpen}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Write a different story?</AlertDialogTitle>
            <AlertDialogDescription>
              Your changes to this story will be replaced by a new one.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep my story</AlertDialogCancel>
            <AlertDialogAction
              onClick={() => {
                if (confirming) request(confirming);
              }}
              data-testid="confirm-write-another"
            >
              {confirmLabel}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
