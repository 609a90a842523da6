import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/utils";

export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2">
      <LoaderCircle aria-hidden="true" className={cn("size-5 motion-safe:animate-spin", className)} />
      {label ? <span>{label}</span> : <span className="sr-only">Working…</span>}
    </span>
  );
}
