import { BookPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { LibraryView } from "@/screens/LibraryView";

export function LibraryScreen({ onMakeNew }: { onMakeNew: () => void }) {
  return (
    <div className="flex flex-col gap-6" data-testid="screen-library">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-extrabold">Your storybooks</h1>
        <Button size="lg" onClick={onMakeNew} data-testid="make-storybook">
          <BookPlus aria-hidden="true" />
          Make a storybook
        </Button>
      </div>
      <LibraryView />
    </div>
  );
}
