import { ArrowLeft, ArrowRight } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

export function StepFooter({
  onBack,
  onNext,
  nextLabel = "Next",
  nextDisabled = false,
  backDisabled = false,
  hint,
  children,
}: {
  onBack?: () => void;
  onNext?: () => void;
  nextLabel?: string;
  nextDisabled?: boolean;
  backDisabled?: boolean;
  /** Why Next is not available yet, read out with the button. */
  hint?: string;
  children?: ReactNode;
}) {
  return (
    <div className="mt-8 flex flex-col gap-3 border-t pt-4 sm:flex-row sm:items-center">
      {onBack ? (
        <Button variant="outline" onClick={onBack} disabled={backDisabled} data-testid="back">
          <ArrowLeft aria-hidden="true" />
          Back
        </Button>
      ) : null}
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
