/**
 * The crop box is drawn over the drawing at its on-screen size, but the Rust side wants it in
 * the normalized image's pixels. These functions convert between the two and keep the box inside
 * the picture.
 */
import type { FigureBox } from "@/bindings";

export interface Size {
  width: number;
  height: number;
}

/** A box in on-screen (CSS) pixels, relative to the displayed image's top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Handle = "nw" | "ne" | "sw" | "se";

function scale(from: Size, to: Size): { sx: number; sy: number } {
  return {
    sx: from.width > 0 ? to.width / from.width : 0,
    sy: from.height > 0 ? to.height / from.height : 0,
  };
}

export function imageBoxToDisplay(box: FigureBox, image: Size, display: Size): Rect {
  const { sx, sy } = scale(image, display);
  return { x: box.x * sx, y: box.y * sy, width: box.width * sx, height: box.height * sy };
}

/** Converts an on-screen rect to whole image pixels, clamped inside the image, at least 1x1. */
export function displayRectToImageBox(rect: Rect, display: Size, image: Size): FigureBox {
  const { sx, sy } = scale(display, image);
  const maxW = Math.max(1, Math.round(image.width));
  const maxH = Math.max(1, Math.round(image.height));
  let x = Math.round(rect.x * sx);
  let y = Math.round(rect.y * sy);
  let right = Math.round((rect.x + rect.width) * sx);
  let bottom = Math.round((rect.y + rect.height) * sy);
  x = Math.min(Math.max(x, 0), maxW - 1);
  y = Math.min(Math.max(y, 0), maxH - 1);
  right = Math.min(Math.max(right, x + 1), maxW);
  bottom = Math.min(Math.max(bottom, y + 1), maxH);
  return { x, y, width: right - x, height: bottom - y };
}

/** The whole picture as a box. */
export function fullBox(image: Size): FigureBox {
  return { x: 0, y: 0, width: Math.round(image.width), height: Math.round(image.height) };
}

/** Keeps a rect inside `bounds` and at least `minSize` on each side. */
export function clampRect(rect: Rect, bounds: Size, minSize: number): Rect {
  const width = Math.min(Math.max(rect.width, minSize), bounds.width);
  const height = Math.min(Math.max(rect.height, minSize), bounds.height);
  const x = Math.min(Math.max(rect.x, 0), bounds.width - width);
  const y = Math.min(Math.max(rect.y, 0), bounds.height - height);
  return { x, y, width, height };
}

/** Moves the whole rect, stopping at the edges. */
export function moveRect(rect: Rect, dx: number, dy: number, bounds: Size): Rect {
  return {
    ...rect,
    x: Math.min(Math.max(rect.x + dx, 0), Math.max(0, bounds.width - rect.width)),
    y: Math.min(Math.max(rect.y + dy, 0), Math.max(0, bounds.height - rect.height)),
  };
}

/** Drags one corner, keeping the opposite corner fixed, inside `bounds`, at least `minSize`. */
export function resizeRect(
  rect: Rect,
  handle: Handle,
  dx: number,
  dy: number,
  bounds: Size,
  minSize: number,
): Rect {
  let left = rect.x;
  let top = rect.y;
  let right = rect.x + rect.width;
  let bottom = rect.y + rect.height;
  if (handle === "nw" || handle === "sw") left = Math.min(Math.max(left + dx, 0), right - minSize);
  if (handle === "ne" || handle === "se")
    right = Math.max(Math.min(right + dx, bounds.width), left + minSize);
  if (handle === "nw" || handle === "ne") top = Math.min(Math.max(top + dy, 0), bottom - minSize);
  if (handle === "sw" || handle === "se")
    bottom = Math.max(Math.min(bottom + dy, bounds.height), top + minSize);
  return { x: left, y: top, width: right - left, height: bottom - top };
}
