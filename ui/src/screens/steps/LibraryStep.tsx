import { BookPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { StepContext } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { LibraryView } from "@/screens/LibraryView";

export function LibraryStep({ ctx, onMakeNew }: { ctx: StepContext | null; onMakeNew: () => void }) {
  return (
    <div className="flex flex-col gap-6">
      <LibraryView highlightId={ctx?.run.library_entry_id ?? null} />
      <StepFooter
        onBack={ctx ? () => void ctx.goTo("preview") : undefined}
        backDisabled={ctx?.navigating ?? false}
      >
        <Button onClick={onMakeNew} data-testid="make-storybook">
          <BookPlus aria-hidden="true" />
          Make a storybook
        </Button>
      </StepFooter>
    </div>
  );
}
