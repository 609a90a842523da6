import { useEffect, useRef } from "react";
import type { Run } from "@/bindings";
import type { Step } from "@/lib/stages";

/** Asked before the wizard leaves the current step (`null`: leaving the wizard); false stays. */
export type StepGuard = (target: Step | null) => Promise<boolean>;

export interface StepContext {
  run: Run;
  /** Replaces the wizard's copy of the run with what the Rust store returned. */
  updateRun: (run: Run) => void;
  goTo: (step: Step) => Promise<void>;
  registerGuard: (guard: StepGuard | null) => void;
  /** Locks the stepper and app navigation (e.g. while a video is being made). */
  setLocked: (locked: boolean) => void;
  navigating: boolean;
}

/** Registers `guard` for the life of the calling step, always calling its latest version. */
export function useStepGuard(register: StepContext["registerGuard"], guard: StepGuard): void {
  const latest = useRef(guard);
  useEffect(() => {
    latest.current = guard;
  });
  useEffect(() => {
    register((target) => latest.current(target));
    return () => register(null);
  }, [register]);
}
