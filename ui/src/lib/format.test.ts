import { describe, expect, it } from "vitest";
import { durationWords, formatDate, formatDuration, pictureSizeNote } from "@/lib/format";

describe("formatDuration", () => {
  it.each<[number, string]>([
    [0, "00:00"],
    [5, "00:05"],
    [65, "01:05"],
    [59.6, "01:00"],
    [600, "10:00"],
    [3725, "1:02:05"],
  ])("%s seconds reads %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("shows a placeholder for a missing or broken duration", () => {
    expect(formatDuration(null)).toBe("--:--");
    expect(formatDuration(Number.NaN)).toBe("--:--");
    expect(formatDuration(-3)).toBe("--:--");
  });

  it("has words for screen readers", () => {
    expect(durationWords(65)).toBe("1 minute 5 seconds");
    expect(durationWords(120)).toBe("2 minutes");
    expect(durationWords(1)).toBe("1 second");
  });
});

describe("formatDate", () => {
  it("shows the calendar date in the given locale and time zone", () => {
    expect(formatDate("2026-03-14T09:30:00Z", { locale: "en-GB", timeZone: "UTC" })).toBe(
      "14 Mar 2026",
    );
    expect(formatDate("2026-03-14T09:30:00Z", { locale: "en-US", timeZone: "UTC" })).toBe(
      "Mar 14, 2026",
    );
  });

  it("uses the local day, not the UTC one", () => {
    expect(formatDate("2026-03-14T23:30:00Z", { locale: "en-GB", timeZone: "Asia/Tokyo" })).toBe(
      "15 Mar 2026",
    );
  });

  it("is empty for a timestamp it cannot read", () => {
    expect(formatDate("yesterday-ish")).toBe("");
  });
});

describe("pictureSizeNote", () => {
  it("warns in words, without pixel counts, about a small picture", () => {
    const note = pictureSizeNote(600, 450);
    expect(note).toBe("Small picture: it may look a little blurry in the video.");
    expect(note).not.toMatch(/\d/);
    expect(pictureSizeNote(508, 999)).not.toBeNull();
  });

  it("says nothing about a picture big enough", () => {
    expect(pictureSizeNote(1000, 750)).toBeNull();
    expect(pictureSizeNote(3024, 4032)).toBeNull();
  });
});
