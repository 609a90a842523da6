import { Check } from "lucide-react";
import { RadioGroup as RadioGroupPrimitive } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

export interface RadioCardOption<V extends string> {
  value: V;
  label: string;
  description?: string;
  icon?: ReactNode;
}

/** A labelled group of large selectable cards; arrow keys move between them. */
export function RadioCards<V extends string>({
  label,
  value,
  onChange,
  options,
  name,
  className,
  aside,
}: {
  label: string;
  value: V;
  onChange: (value: V) => void;
  options: readonly RadioCardOption<V>[];
  name: string;
  className?: string;
  /** Shown beside the question (e.g. the autosave state). */
  aside?: ReactNode;
}) {
  const labelId = `${name}-label`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={labelId} className="text-base font-semibold">
          {label}
        </h3>
        {aside}
      </div>
      <RadioGroupPrimitive.Root
        aria-labelledby={labelId}
        value={value}
        onValueChange={(next) => onChange(next as V)}
        className={cn("grid gap-3 sm:grid-cols-3", className)}
        name={name}
      >
        {options.map((option) => (
          <RadioGroupPrimitive.Item
            key={option.value}
            value={option.value}
            data-testid={`${name}-${option.value}`}
            aria-label={option.description ? `${option.label}: ${option.description}` : option.label}
            className="group relative flex flex-col items-start gap-1 rounded-xl border-2 border-border bg-card p-4 text-left transition-colors hover:border-primary/60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring data-[state=checked]:border-primary data-[state=checked]:bg-secondary cursor-pointer"
          >
            <span className="flex items-center gap-2 font-semibold">
              {option.icon}
              {option.label}
            </span>
            {option.description ? (
              <span className="text-sm text-muted-foreground">{option.description}</span>
            ) : null}
            <RadioGroupPrimitive.Indicator className="absolute top-3 right-3 text-primary">
              <Check className="size-5" aria-hidden="true" />
            </RadioGroupPrimitive.Indicator>
          </RadioGroupPrimitive.Item>
        ))}
      </RadioGroupPrimitive.Root>
    </div>
  );
}
