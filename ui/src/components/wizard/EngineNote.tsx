/**
 * The Recognize and Script steps' word on who answered (this computer or the family's story
 * service), the button that asks the other, and the Stop for a request still waiting. Both steps
 * share it so the parent sees the same note, in the same place, for words and for stories.
 */
import { CircleStop, Cloud, CloudOff, Laptop } from "lucide-react";
import { useEffect, useState } from "react";
import type { Answered, Engine } from "@/bindings";
import { Button } from "@/components/ui/button";
import { engineNote, type EngineTask } from "@/lib/engine-words";
import { cn } from "@/lib/utils";

export function EngineNote({
  task,
  answered,
  onAskOther,
  disabled = false,
  className,
}: {
  task: EngineTask;
  answered: Answered;
  onAskOther: (engine: Engine) => void;
  disabled?: boolean;
  className?: string;
}) {
  const words = engineNote(task, answered);
  const Icon = words.fellBack ? CloudOff : answered.engine === "service" ? Cloud : Laptop;
  return (
    <div
      className={cn("flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-muted-foreground", className)}
      data-testid="engine-note"
      data-engine={answered.engine}
      data-fell-back={words.fellBack}
    >
      <p className="flex min-w-0 flex-1 basis-64 items-start gap-2">
        <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <span>
          <span data-testid="engine-headline">{words.headline}</span>
          {words.reason ? (
            <>
              {" "}
              <span data-testid="engine-reason">{words.reason}</span>
            </>
          ) : null}
        </span>
      </p>
      {words.askOther ? (
        <Button
          variant="outline"
          size="sm"
          onClick={() => {
            if (words.askOther) onAskOther(words.askOther.engine);
          }}
          disabled={disabled}
          data-testid="ask-other"
          data-engine={words.askOther.engine}
        >
          {words.askOther.engine === "service" ? <Cloud aria-hidden="true" /> : <Laptop aria-hidden="true" />}
          {words.askOther.label}
        </Button>
      ) : null}
    </div>
  );
}

/**
 * "Stop" for a request that may wait a long time on the service. It appears after a moment, so
 * a quick answer from this computer does not flash a button the parent could not reach.
 */
export function StopWaiting({ onStop, delayMs = 1000 }: { onStop: () => Promise<void>; delayMs?: number }) {
  const [shown, setShown] = useState(delayMs <= 0);
  const [stopping, setStopping] = useState(false);

  useEffect(() => {
    if (delayMs <= 0) return;
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [delayMs]);

  if (!shown) return null;
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={stopping}
      onClick={() => {
        setStopping(true);
        void onStop().finally(() => setStopping(false));
      }}
      data-testid="stop-request"
    >
      <CircleStop aria-hidden="true" />
      Stop
    </Button>
  );
}
