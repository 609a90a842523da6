/**
 * The storybook player. Its controls sit in a bar below the picture, never over it: the
 * captions are burned into the bottom of the video, and a child reads along with them.
 */
import { Maximize, Minimize, Pause, Play, Volume2, VolumeX } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { durationWords, formatDuration } from "@/lib/format";
import { releaseMedia } from "@/lib/media";
import { cn } from "@/lib/utils";

export function VideoPlayer({
  src,
  poster,
  title,
  autoPlay = false,
  testId,
  className,
  videoClassName,
}: {
  src: string;
  poster?: string;
  /** What is playing, for the controls' names ("Play The Sleepy Superhero"). */
  title: string;
  autoPlay?: boolean;
  /** The video element's test id. */
  testId: string;
  className?: string;
  /** Limits the picture's size outside full screen (e.g. a maximum height). */
  videoClassName?: string;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const [muted, setMuted] = useState(false);
  const [fullScreen, setFullScreen] = useState(false);

  // The source is given here rather than as an attribute so that it is also taken away here:
  // when the player closes (or plays another video) WebKit frees the decoder and its pipeline at
  // once instead of whenever the element is collected.
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.src = src;
    return () => releaseMedia(element);
  }, [src]);

  useEffect(() => {
    const changed = () => setFullScreen(document.fullscreenElement === frame.current && frame.current !== null);
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, []);

  const togglePlay = useCallback(() => {
    const element = video.current;
    if (!element) return;
    if (element.paused || element.ended) {
      element.play().catch((error: unknown) => console.warn("The video could not start:", error));
    } else {
      element.pause();
    }
  }, []);

  const toggleMute = () => {
    const element = video.current;
    if (!element) return;
    element.muted = !element.muted;
    setMuted(element.muted);
  };

  const toggleFullScreen = () => {
    const element = frame.current;
    if (!element) return;
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => {});
    } else {
      element.requestFullscreen().catch((error: unknown) => console.warn("Full screen is not available:", error));
    }
  };

  const seek = (seconds: number) => {
    const element = video.current;
    if (!element || !Number.isFinite(seconds)) return;
    element.currentTime = seconds;
    setTime(seconds);
  };

  const knownDuration = duration !== null && Number.isFinite(duration) && duration > 0 ? duration : null;

  return (
    <div
      ref={frame}
      className={cn("flex flex-col overflow-hidden rounded-xl border bg-black", fullScreen && "h-full rounded-none border-0", className)}
      data-testid={`${testId}-player`}
    >
      <video
        ref={video}
        poster={poster}
        preload="metadata"
        playsInline
        autoPlay={autoPlay}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
        onLoadedMetadata={(event) => setDuration(event.currentTarget.duration)}
        onDurationChange={(event) => setDuration(event.currentTarget.duration)}
        onVolumeChange={(event) => setMuted(event.currentTarget.muted)}
        onClick={togglePlay}
        className={cn(
          "block w-full bg-black object-contain",
          fullScreen ? "min-h-0 flex-1" : cn("aspect-video", videoClassName),
        )}
        data-testid={testId}
      >
        <track kind="captions" />
      </video>
      <div
        className="flex flex-wrap items-center gap-x-3 gap-y-2 border-t bg-card px-3 py-2 text-card-foreground"
        data-testid="video-controls"
      >
        <Button
          size="sm"
          onClick={togglePlay}
          aria-label={`${playing ? "Pause" : "Play"} ${title}`}
          data-testid="video-play"
          data-playing={playing}
        >
          {playing ? <Pause aria-hidden="true" /> : <Play aria-hidden="true" />}
          {playing ? "Pause" : "Play"}
        </Button>
        <input
          type="range"
          min={0}
          max={knownDuration ?? 0}
          step={0.1}
          value={Math.min(time, knownDuration ?? 0)}
          onChange={(event) => seek(Number(event.target.value))}
          disabled={knownDuration === null}
          aria-label="Where in the video"
          aria-valuetext={`${durationWords(time)} of ${durationWords(knownDuration)}`}
          className="h-2 min-w-24 flex-1 cursor-pointer accent-primary disabled:cursor-default"
          data-testid="video-seek"
        />
        <span className="text-sm tabular-nums text-muted-foreground" data-testid="video-time">
          {formatDuration(time)} / {formatDuration(knownDuration)}
        </span>
        <Button variant="ghost" size="sm" onClick={toggleMute} aria-pressed={muted} data-testid="video-mute">
          {muted ? <VolumeX aria-hidden="true" /> : <Volume2 aria-hidden="true" />}
          Mute
        </Button>
        <Button variant="ghost" size="sm" onClick={toggleFullScreen} data-testid="video-full-screen">
          {fullScreen ? <Minimize aria-hidden="true" /> : <Maximize aria-hidden="true" />}
          {fullScreen ? "Leave full screen" : "Full screen"}
        </Button>
      </div>
    </div>
  );
}
