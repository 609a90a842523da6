/**
 * What the Recognize and Script steps say about who answered: this computer or the family's
 * story service. The sentences live here, apart from the components, so they read the same in
 * both steps and can be checked without a window.
 */
import type { Answered, Engine } from "@/bindings";

/** The two requests that can go to either engine. */
export type EngineTask = "recognize" | "story";

export interface EngineNoteWords {
  /** The service was asked and could not help, so this computer answered. */
  fellBack: boolean;
  /** One calm sentence: who answered. */
  headline: string;
  /** The service's own words for what went wrong, when this computer answered instead. */
  reason: string | null;
  /** The button that asks the other engine, when it can be asked now. */
  askOther: { engine: Engine; label: string } | null;
}

export function otherEngine(engine: Engine): Engine {
  return engine === "service" ? "on_device" : "service";
}

const ANSWERED_BY: Record<EngineTask, Record<Engine, string>> = {
  recognize: {
    on_device: "Suggested on this computer.",
    service: "Suggested by your family's story service.",
  },
  story: {
    on_device: "Written on this computer.",
    service: "Written by your family's story service.",
  },
};

const FELL_BACK: Record<EngineTask, string> = {
  recognize: "Your family's story service couldn't help this time, so this computer suggested these words.",
  story: "Your family's story service couldn't help this time, so this computer wrote the story.",
};

function askLabel(task: EngineTask, engine: Engine, fellBack: boolean): string {
  if (engine === "service") return fellBack ? "Try the story service again" : "Ask the story service instead";
  return task === "recognize" ? "Suggest on this computer instead" : "Write it on this computer instead";
}

/** The note for an answer; the other engine is offered only when the answer said it can be asked. */
export function engineNote(task: EngineTask, answered: Answered): EngineNoteWords {
  const fellBack = answered.engine === "on_device" && answered.fallback_reason !== null;
  const reason = fellBack ? answered.fallback_reason?.trim() || null : null;
  const other = otherEngine(answered.engine);
  return {
    fellBack,
    headline: fellBack ? FELL_BACK[task] : ANSWERED_BY[task][answered.engine],
    reason,
    askOther: answered.other_available ? { engine: other, label: askLabel(task, other, fellBack) } : null,
  };
}

/** What the spinner says while an engine is asked again. */
export function askingWords(task: EngineTask, engine: Engine): string {
  if (engine === "service") return "Asking your family's story service…";
  return task === "recognize" ? "Looking at the drawing on this computer…" : "Writing the story on this computer…";
}

/** What the parent is told after pressing Stop. */
export const STOPPED_WORDS: Record<EngineTask, string> = {
  recognize: "Stopped looking at the drawing.",
  story: "Stopped writing the story.",
};
