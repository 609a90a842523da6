/**
 * Letting go of what a <video> or <audio> element has loaded. WebKit keeps a video's decoder and
 * its GStreamer pipeline, with the frames it decoded, for as long as the element holds a source;
 * an element merely dropped from the page keeps them until the garbage collector reaches it,
 * which in a quiet window can take a long while.
 */
export function releaseMedia(element: HTMLMediaElement): void {
  element.pause();
  element.removeAttribute("src");
  // load() with no source left empties the element: its player is ended and its memory freed.
  element.load();
}
