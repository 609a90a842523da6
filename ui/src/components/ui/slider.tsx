import { Slider as SliderPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export function Slider({
  className,
  thumbLabel,
  thumbTestId,
  ...props
}: ComponentProps<typeof SliderPrimitive.Root> & { thumbLabel: string; thumbTestId?: string }) {
  return (
    <SliderPrimitive.Root
      className={cn("relative flex w-full touch-none items-center select-none py-2", className)}
      {...props}
    >
      <SliderPrimitive.Track className="relative h-2 w-full grow overflow-hidden rounded-full bg-muted">
        <SliderPrimitive.Range className="absolute h-full bg-primary" />
      </SliderPrimitive.Track>
      <SliderPrimitive.Thumb
        aria-label={thumbLabel}
        data-testid={thumbTestId}
        className="block size-6 rounded-full border-2 border-primary bg-background shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      />
    </SliderPrimitive.Root>
  );
}
