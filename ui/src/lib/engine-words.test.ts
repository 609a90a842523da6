import { describe, expect, it } from "vitest";
import type { Answered } from "@/bindings";
import { askingWords, engineNote, otherEngine } from "./engine-words";

const onDevice: Answered = { engine: "on_device", fallback_reason: null, other_available: false };
const service: Answered = { engine: "service", fallback_reason: null, other_available: true };
const fellBack: Answered = {
  engine: "on_device",
  fallback_reason: "The story service did not answer in time.",
  other_available: true,
};

describe("who suggested the words", () => {
  it("says this computer, and offers nothing when there is no service", () => {
    expect(engineNote("recognize", onDevice)).toEqual({
      fellBack: false,
      headline: "Suggested on this computer.",
      reason: null,
      askOther: null,
    });
  });

  it("names the family's service and offers this computer instead", () => {
    expect(engineNote("recognize", service)).toEqual({
      fellBack: false,
      headline: "Suggested by your family's story service.",
      reason: null,
      askOther: { engine: "on_device", label: "Suggest on this computer instead" },
    });
  });

  it("offers the service when this computer answered by choice and a service is there", () => {
    const note = engineNote("recognize", { ...onDevice, other_available: true });
    expect(note.fellBack).toBe(false);
    expect(note.headline).toBe("Suggested on this computer.");
    expect(note.askOther).toEqual({ engine: "service", label: "Ask the story service instead" });
  });

  it("says plainly that the service could not help, with its reason, and offers to try it again", () => {
    expect(engineNote("recognize", fellBack)).toEqual({
      fellBack: true,
      headline: "Your family's story service couldn't help this time, so this computer suggested these words.",
      reason: "The story service did not answer in time.",
      askOther: { engine: "service", label: "Try the story service again" },
    });
  });
});

describe("who wrote the story", () => {
  it("says this computer or the family's service", () => {
    expect(engineNote("story", onDevice).headline).toBe("Written on this computer.");
    expect(engineNote("story", service).headline).toBe("Written by your family's story service.");
    expect(engineNote("story", service).askOther).toEqual({
      engine: "on_device",
      label: "Write it on this computer instead",
    });
  });

  it("says this computer wrote it when the service failed, keeping the service's reason", () => {
    const note = engineNote("story", { ...fellBack, fallback_reason: "The story service is having trouble (it answered 503)." });
    expect(note.headline).toBe("Your family's story service couldn't help this time, so this computer wrote the story.");
    expect(note.reason).toBe("The story service is having trouble (it answered 503).");
  });

  it("still says the service could not help when its reason is empty, without an empty reason", () => {
    const note = engineNote("story", { ...fellBack, fallback_reason: "  " });
    expect(note.fellBack).toBe(true);
    expect(note.headline).toContain("couldn't help");
    expect(note.reason).toBeNull();
  });

  it("does not offer the other when the answer said it cannot be asked", () => {
    expect(engineNote("story", { ...fellBack, other_available: false }).askOther).toBeNull();
  });
});

describe("asking again", () => {
  it("switches to the other engine", () => {
    expect(otherEngine("service")).toBe("on_device");
    expect(otherEngine("on_device")).toBe("service");
  });

  it("says who is being asked while the parent waits", () => {
    expect(askingWords("recognize", "service")).toBe("Asking your family's story service…");
    expect(askingWords("story", "service")).toBe("Asking your family's story service…");
    expect(askingWords("recognize", "on_device")).toBe("Looking at the drawing on this computer…");
    expect(askingWords("story", "on_device")).toBe("Writing the story on this computer…");
  });
});
