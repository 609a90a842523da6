import { useEffect, useRef } from "react";

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/**
 * Ctrl+V (Cmd+V on macOS) anywhere outside a text field calls `onPaste`; the Rust side reads the
 * clipboard, so the webview never needs clipboard permissions.
 */
export function usePasteShortcut(onPaste: () => void, enabled: boolean): void {
  const onPasteRef = useRef(onPaste);

  useEffect(() => {
    onPasteRef.current = onPaste;
  }, [onPaste]);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "v" || !(event.ctrlKey || event.metaKey)) return;
      if (event.altKey || event.shiftKey || isEditable(event.target)) return;
      event.preventDefault();
      onPasteRef.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
