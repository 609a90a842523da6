import { useEffect, useRef, useState } from "react";
import { AutosaveQueue, type SaveStatus } from "@/lib/autosave";

/** One autosave queue for the lifetime of a component; pending edits are flushed on unmount. */
export function useAutosave<T>(
  save: (value: T) => Promise<unknown>,
): { queue: AutosaveQueue<T>; status: SaveStatus } {
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [queue] = useState(
    () => new AutosaveQueue<T>({ save, onStatus: (next) => setStatus(next) }),
  );

  useEffect(() => queue.setSave(save), [queue, save]);

  // Under React's StrictMode effects run twice; only the last unmount may stop the queue.
  const mounts = useRef(0);
  useEffect(() => {
    mounts.current += 1;
    const mount = mounts.current;
    queue.resume();
    return () => {
      void queue.flush().finally(() => {
        if (mounts.current === mount) queue.dispose();
      });
    };
  }, [queue]);

  return { queue, status };
}
