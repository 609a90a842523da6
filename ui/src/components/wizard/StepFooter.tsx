import { ArrowLeft, ArrowRight } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A step's main actions (Back, Next and what the step is for). The bar stays at the bottom of
 * the window while the step's content scrolls above it, so the way on is always in sight.
 */
export function StepFooter({
  onBack,
  onNext,
  nextLabel = "Next",
  nextDisabled = false,
  backDisabled = false,
  hint,
  status,
  children,
}: {
  onBack?: () => void;
  onNext?: () => void;
  nextLabel?: string;
  nextDisabled?: boolean;
  backDisabled?: boolean;
  /** Why Next is not available yet, read out with the button. */
  hint?: string;
  /** Shown next to Back: how things stand (e.g. "Saved in your library"). */
  status?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div
      // The bar's background and top line reach the window's edges (a wide shadow, clipped to
      // the bar's height) without widening the page.
      className="sticky bottom-0 z-20 -mx-4 mt-2 -mb-6 flex flex-wrap items-center gap-3 bg-background px-4 py-3 shadow-[0_0_0_100vmax_var(--background)] [clip-path:inset(0_-100vmax)] before:absolute before:inset-x-[-100vmax] before:top-0 before:h-px before:bg-border sm:-mx-6 sm:px-6"
      data-testid="step-actions"
    >
      {onBack ? (
        <Button variant="outline" onClick={onBack} disabled={backDisabled} data-testid="back">
          <ArrowLeft aria-hidden="true" />
          Back
        </Button>
      ) : null}
      {status}
      <div className="flex flex-1 flex-wrap items-center justify-end gap-3">
        {hint ? (
          <p id="next-hint" className="text-sm text-muted-foreground" data-testid="next-hint">
            {hint}
          </p>
        ) : null}
        {children}
        {onNext ? (
          <Button
            onClick={onNext}
            disabled={nextDisabled}
            aria-describedby={hint ? "next-hint" : undefined}
            data-testid="next"
          >
            {nextLabel}
            <ArrowRight aria-hidden="true" />
          </Button>
        ) : null}
      </div>
    </div>
  );
}
