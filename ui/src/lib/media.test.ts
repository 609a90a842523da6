import { describe, expect, it, vi } from "vitest";
import { releaseMedia } from "@/lib/media";

describe("releaseMedia", () => {
  it("stops the element and leaves it with no source to play", () => {
    const steps: string[] = [];
    const video = document.createElement("video");
    video.src = "http://127.0.0.1:4000/token/story.mp4";
    vi.spyOn(video, "pause").mockImplementation(() => steps.push(`pause with ${video.getAttribute("src") ?? "no source"}`));
    vi.spyOn(video, "load").mockImplementation(() => steps.push(`load with ${video.getAttribute("src") ?? "no source"}`));

    releaseMedia(video);

    // Paused while it still had its source, then reloaded empty: the player is ended, not restarted.
    expect(steps).toEqual(["pause with http://127.0.0.1:4000/token/story.mp4", "load with no source"]);
    expect(video.hasAttribute("src")).toBe(false);
  });
});
