import { describe, expect, it } from "vitest";
import {
  clampRect,
  displayRectToImageBox,
  fullBox,
  imageBoxToDisplay,
  moveRect,
  resizeRect,
} from "@/lib/crop";

const image = { width: 2048, height: 1536 };
const display = { width: 512, height: 384 }; // a quarter of the size

describe("crop box mapping", () => {
  it("scales an image-pixel box to the displayed size", () => {
    expect(imageBoxToDisplay({ x: 400, y: 200, width: 800, height: 1000 }, image, display)).toEqual({
      x: 100,
      y: 50,
      width: 200,
      height: 250,
    });
  });

  it("maps a displayed box back to whole image pixels", () => {
    expect(displayRectToImageBox({ x: 100, y: 50, width: 200, height: 250 }, display, image)).toEqual({
      x: 400,
      y: 200,
      width: 800,
      height: 1000,
    });
  });

  it("round-trips within a pixel at an awkward scale", () => {
    const odd = { width: 333.7, height: 250.3 };
    const box = { x: 123, y: 456, width: 789, height: 654 };
    const back = displayRectToImageBox(imageBoxToDisplay(box, image, odd), odd, image);
    expect(Math.abs(back.x - box.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(back.y - box.y)).toBeLessThanOrEqual(1);
    expect(Math.abs(back.width - box.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(back.height - box.height)).toBeLessThanOrEqual(1);
  });

  it("keeps the box inside the image and at least one pixel", () => {
    expect(displayRectToImageBox({ x: -20, y: -10, width: 700, height: 500 }, display, image)).toEqual(
      { x: 0, y: 0, width: 2048, height: 1536 },
    );
    const tiny = displayRectToImageBox({ x: 511.9, y: 383.9, width: 0, height: 0 }, display, image);
    expect(tiny.width).toBeGreaterThanOrEqual(1);
    expect(tiny.height).toBeGreaterThanOrEqual(1);
    expect(tiny.x + tiny.width).toBeLessThanOrEqual(image.width);
    expect(tiny.y + tiny.height).toBeLessThanOrEqual(image.height);
  });

  it("the whole page is the full image", () => {
    expect(fullBox(image)).toEqual({ x: 0, y: 0, width: 2048, height: 1536 });
  });
});

describe("dragging the box", () => {
  const rect = { x: 100, y: 100, width: 100, height: 80 };

  it("moves and stops at the edges", () => {
    expect(moveRect(rect, 20, -30, display)).toEqual({ x: 120, y: 70, width: 100, height: 80 });
    expect(moveRect(rect, 1000, 1000, display)).toEqual({ x: 412, y: 304, width: 100, height: 80 });
    expect(moveRect(rect, -1000, -1000, display)).toEqual({ x: 0, y: 0, width: 100, height: 80 });
  });

  it("resizes from a corner, keeping the opposite corner still", () => {
    expect(resizeRect(rect, "se", 50, 20, display, 24)).toEqual({ x: 100, y: 100, width: 150, height: 100 });
    expect(resizeRect(rect, "nw", -50, -20, display, 24)).toEqual({ x: 50, y: 80, width: 150, height: 100 });
    expect(resizeRect(rect, "ne", 10, 10, display, 24)).toEqual({ x: 100, y: 110, width: 110, height: 70 });
    expect(resizeRect(rect, "sw", 10, 10, display, 24)).toEqual({ x: 110, y: 100, width: 90, height: 90 });
  });

  it("never shrinks below the minimum or grows past the picture", () => {
    expect(resizeRect(rect, "se", -500, -500, display, 24)).toEqual({ x: 100, y: 100, width: 24, height: 24 });
    expect(resizeRect(rect, "nw", 500, 500, display, 24)).toEqual({ x: 176, y: 156, width: 24, height: 24 });
    expect(resizeRect(rect, "se", 5000, 5000, display, 24)).toEqual({ x: 100, y: 100, width: 412, height: 284 });
  });

  it("clamps a box that does not fit", () => {
    expect(clampRect({ x: 500, y: -5, width: 10, height: 1000 }, display, 24)).toEqual({
      x: 488,
      y: 0,
      width: 24,
      height: 384,
    });
  });
});
