/** How durations and dates read in the library. */

/** `mm:ss`, or `h:mm:ss` from an hour up; rounds to the nearest second. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return "--:--";
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const ss = String(secs).padStart(2, "0");
  const mm = String(minutes).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Duration as words for screen readers: "1 minute 5 seconds". */
export function durationWords(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return "unknown length";
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  const secs = total % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? "minute" : "minutes"}`);
  if (secs > 0 || minutes === 0) parts.push(`${secs} ${secs === 1 ? "second" : "seconds"}`);
  return parts.join(" ");
}

export interface DateFormatOptions {
  locale?: string;
  timeZone?: string;
}

/** A calendar date such as "14 Mar 2026" (in the parent's locale); empty for a bad timestamp. */
export function formatDate(iso: string, options: DateFormatOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: "medium",
    timeZone: options.timeZone,
  }).format(date);
}

/** Below this many pixels on its long side, a drawing fills the video only by being enlarged. */
export const SMALL_PICTURE_LONG_SIDE = 1000;

/**
 * A word about the picture's size for the parent, instead of pixel counts: null for a picture
 * big enough, a gentle warning for a small one.
 */
export function pictureSizeNote(width: number, height: number): string | null {
  return Math.max(width, height) < SMALL_PICTURE_LONG_SIDE
    ? "Small picture: it may look a little blurry in the video."
    : null;
}
