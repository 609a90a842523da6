import { LibraryView } from "@/screens/LibraryView";

export function LibraryScreen({ onMakeNew }: { onMakeNew: () => void }) {
  return (
    <div className="flex flex-col gap-6" data-testid="screen-library">
      <h1 className="text-3xl font-extrabold">Your library</h1>
      <LibraryView onMakeNew={onMakeNew} />
    </div>
  );
}
