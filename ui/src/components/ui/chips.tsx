import { cn } from "@/lib/utils";

/** Suggestions the parent can pick with one click; the chosen one shows as pressed. */
export function Chips({
  label,
  suggestions,
  selected,
  onPick,
  testIdPrefix,
}: {
  label: string;
  suggestions: readonly string[];
  selected: string;
  onPick: (value: string) => void;
  testIdPrefix: string;
}) {
  if (suggestions.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {suggestions.map((suggestion, index) => {
        const pressed = suggestion.trim().toLowerCase() === selected.trim().toLowerCase();
        return (
          <li key={`${suggestion}-${index}`}>
            <button
              type="button"
              aria-pressed={pressed}
              data-testid={`${testIdPrefix}-${index}`}
              onClick={() => onPick(suggestion)}
              className={cn(
                "rounded-full border px-3 py-1 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring cursor-pointer",
                pressed
                  ? "border-primary bg-primary text-primary-foreground"
                  : "border-border bg-card hover:border-primary/60",
              )}
            >
              {suggestion}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
