import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useRef, useState } from "react";

/**
 * Files dragged from the desktop arrive as native Tauri events with their paths (the webview's
 * own HTML drag-and-drop never sees file paths). Returns whether files hover over the window.
 */
export function useNativeFileDrop(onDrop: (paths: string[]) => void): boolean {
  const [hovering, setHovering] = useState(false);
  const onDropRef = useRef(onDrop);

  useEffect(() => {
    onDropRef.current = onDrop;
  }, [onDrop]);

  useEffect(() => {
    let cancelled = false;
    let unlisten: (() => void) | undefined;
    let webview;
    try {
      webview = getCurrentWebview();
    } catch (error) {
      console.error("Native drag and drop is unavailable:", error);
      return;
    }
    webview
      .onDragDropEvent((event) => {
        const payload = event.payload;
        if (payload.type === "enter" || payload.type === "over") {
          setHovering(true);
        } else if (payload.type === "leave") {
          setHovering(false);
        } else {
          setHovering(false);
          if (payload.paths.length > 0) onDropRef.current(payload.paths);
        }
      })
      .then((stop) => {
        if (cancelled) void stop();
        else unlisten = () => void stop();
      })
      .catch((error: unknown) => console.error("Could not listen for dropped files:", error));
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  return hovering;
}
