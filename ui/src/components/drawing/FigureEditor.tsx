import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type { FigureBox } from "@/bindings";
import {
  displayRectToImageBox,
  fullBox,
  imageBoxToDisplay,
  moveRect,
  resizeRect,
  type Handle,
  type Rect,
  type Size,
} from "@/lib/crop";
import { cn } from "@/lib/utils";

const MIN_BOX_PX = 24;
const KEY_STEP_PX = 8;
const KEY_COMMIT_DELAY_MS = 400;
const HANDLES: readonly Handle[] = ["nw", "ne", "sw", "se"];

interface Drag {
  pointerId: number;
  handle: Handle | "move";
  startX: number;
  startY: number;
  startRect: Rect;
}

/**
 * The drawing with the recognized figure tinted over it (the mask is a white-on-black PNG turned
 * into a coloured overlay and outline by an SVG filter, so no pixels are read in JavaScript), and
 * a box the parent can drag or resize to point at the figure.
 */
export function FigureEditor({
  drawingUrl,
  drawingAlt,
  maskUrl,
  image,
  box,
  onCommit,
  disabled,
}: {
  drawingUrl: string | undefined;
  drawingAlt: string;
  maskUrl: string | undefined;
  image: Size;
  box: FigureBox | null;
  onCommit: (box: FigureBox) => Promise<void>;
  disabled: boolean;
}) {
  const filterId = `figure-outline-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const frameRef = useRef<HTMLDivElement>(null);
  const [display, setDisplay] = useState<Size>({ width: 0, height: 0 });
  const [draft, setDraftState] = useState<Rect | null>(null);
  const draftRef = useRef<Rect | null>(null);
  const setDraft = useCallback((next: Rect | null) => {
    draftRef.current = next;
    setDraftState(next);
  }, []);
  const drag = useRef<Drag | null>(null);
  const keyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const measure = () => setDisplay({ width: frame.clientWidth, height: frame.clientHeight });
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  useEffect(() => () => clearTimeout(keyTimer.current), []);

  const committed = imageBoxToDisplay(box ?? fullBox(image), image, display);
  const rect = draft ?? committed;

  const commit = useCallback(
    (next: Rect) => {
      if (display.width <= 0 || display.height <= 0) return;
      const imageBox = displayRectToImageBox(next, display, image);
      void onCommit(imageBox).finally(() => {
        if (draftRef.current === next) setDraft(null);
      });
    },
    [display, image, onCommit, setDraft],
  );

  const startDrag = (event: PointerEvent<HTMLElement>) => {
    if (disabled || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = (event.currentTarget.dataset.handle ?? "move") as Handle | "move";
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = {
      pointerId: event.pointerId,
      handle,
      startX: event.clientX,
      startY: event.clientY,
      startRect: rect,
    };
  };

  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const dx = event.clientX - current.startX;
    const dy = event.clientY - current.startY;
    setDraft(
      current.handle === "move"
        ? moveRect(current.startRect, dx, dy, display)
        : resizeRect(current.startRect, current.handle, dx, dy, display, MIN_BOX_PX),
    );
  };

  const onPointerUp = (event: PointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = null;
    if (draftRef.current) commit(draftRef.current);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const deltas: Record<string, [number, number]> = {
      ArrowLeft: [-KEY_STEP_PX, 0],
      ArrowRight: [KEY_STEP_PX, 0],
      ArrowUp: [0, -KEY_STEP_PX],
      ArrowDown: [0, KEY_STEP_PX],
    };
    const delta = deltas[event.key];
    if (!delta || disabled) return;
    event.preventDefault();
    const [dx, dy] = delta;
    const next = event.shiftKey
      ? resizeRect(rect, "se", dx, dy, display, MIN_BOX_PX)
      : moveRect(rect, dx, dy, display);
    setDraft(next);
    clearTimeout(keyTimer.current);
    keyTimer.current = setTimeout(() => commit(next), KEY_COMMIT_DELAY_MS);
  };

  const aspect = image.height > 0 ? image.width / image.height : 1;

  return (
    <div
      ref={frameRef}
      className="relative mx-auto overflow-hidden rounded-xl border bg-muted select-none"
      // As tall as the window allows under the steps and above their action bar.
      style={{ aspectRatio: `${aspect}`, width: `min(100%, calc(max(16rem, 100dvh - 23rem) * ${aspect}))` }}
      data-testid="figure-editor"
    >
      <svg aria-hidden="true" width="0" height="0" className="absolute">
        <filter id={filterId} colorInterpolationFilters="sRGB">
          <feColorMatrix type="luminanceToAlpha" result="figure" />
          <feFlood style={{ floodColor: "var(--overlay)", floodOpacity: 0.35 }} result="tint" />
          <feComposite in="tint" in2="figure" operator="in" result="fill" />
          <feMorphology in="figure" operator="dilate" radius="3" result="grown" />
          <feComposite in="grown" in2="figure" operator="out" result="ring" />
          <feFlood style={{ floodColor: "var(--overlay)", floodOpacity: 1 }} result="ink" />
          <feComposite in="ink" in2="ring" operator="in" result="outline" />
          <feMerge>
            <feMergeNode in="fill" />
            <feMergeNode in="outline" />
          </feMerge>
        </filter>
      </svg>
      {drawingUrl ? (
        <img
          src={drawingUrl}
          alt={drawingAlt}
          className="absolute inset-0 size-full object-fill"
          draggable={false}
          data-testid="drawing-image"
        />
      ) : null}
      {maskUrl ? (
        <img
          src={maskUrl}
          alt=""
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 size-full object-fill"
          style={{ filter: `url(#${filterId})` }}
          draggable={false}
          data-testid="figure-mask"
        />
      ) : null}
      {display.width > 0 ? (
        <button
          type="button"
          data-testid="crop-box"
          aria-label="Figure box. Arrow keys move it; Shift and arrow keys change its size."
          title="Drag the box around the figure; drag a corner to change its size."
          aria-disabled={disabled}
          onPointerDown={startDrag}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
          className={cn(
            "absolute cursor-move touch-none rounded-sm border-2 border-dashed border-primary bg-primary/5 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
            disabled && "cursor-default opacity-60",
          )}
          style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }}
        >
          {HANDLES.map((handle) => (
            <span
              key={handle}
              aria-hidden="true"
              data-handle={handle}
              onPointerDown={startDrag}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp}
              className={cn(
                "absolute size-4 rounded-full border-2 border-primary bg-background",
                handle === "nw" && "top-0 left-0 cursor-nwse-resize",
                handle === "ne" && "top-0 right-0 cursor-nesw-resize",
                handle === "sw" && "bottom-0 left-0 cursor-nesw-resize",
                handle === "se" && "right-0 bottom-0 cursor-nwse-resize",
              )}
            />
          ))}
        </button>
      ) : null}
    </div>
  );
}
