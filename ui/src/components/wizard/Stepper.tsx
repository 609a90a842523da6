import { Check } from "lucide-react";
import { STEP_LABELS, STEPS, stepIndex, type Step } from "@/lib/stages";
import { cn } from "@/lib/utils";

export function Stepper({
  current,
  canOpen,
  onSelect,
  disabled,
}: {
  current: Step;
  canOpen: (step: Step) => boolean;
  onSelect: (step: Step) => void;
  disabled: boolean;
}) {
  const currentIndex = stepIndex(current);
  return (
    <nav aria-label="Storybook steps">
      <ol className="flex flex-wrap items-center gap-1">
        {STEPS.map((step, index) => {
          const isCurrent = step === current;
          const done = index < currentIndex;
          const openable = isCurrent || canOpen(step);
          return (
            <li key={step} className="flex items-center gap-1">
              {index > 0 ? (
                <span aria-hidden="true" className="hidden h-px w-3 bg-border lg:block" />
              ) : null}
              <button
                type="button"
                data-testid={`stepper-${step}`}
                aria-current={isCurrent ? "step" : undefined}
                disabled={disabled || !openable || isCurrent}
                onClick={() => onSelect(step)}
                className={cn(
                  "flex items-center gap-1.5 rounded-full px-1.5 py-1 text-sm font-semibold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:cursor-default enabled:cursor-pointer enabled:hover:bg-muted",
                  isCurrent ? "text-primary" : openable ? "text-foreground" : "text-muted-foreground",
                )}
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    "flex size-6 items-center justify-center rounded-full border-2 text-xs",
                    isCurrent && "border-primary bg-primary text-primary-foreground",
                    !isCurrent && done && "border-primary text-primary",
                    !isCurrent && !done && "border-border",
                  )}
                >
                  {done ? <Check className="size-4" /> : index + 1}
                </span>
                <span>{STEP_LABELS[step]}</span>
                {done ? <span className="sr-only">(done)</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
