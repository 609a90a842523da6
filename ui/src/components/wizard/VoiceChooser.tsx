/**
 * The narrators this computer offers, each named and described as it really sounds, with a
 * "Listen" button that plays a short sample before the parent chooses.
 */
import { Armchair, Check, Feather, LoaderCircle, Square, Sun, Volume2 } from "lucide-react";
import { RadioGroup as RadioGroupPrimitive } from "radix-ui";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { VoiceOffer, VoiceType } from "@/bindings";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { api, toApiError } from "@/lib/api";
import { releaseMedia } from "@/lib/media";

const ICON = "size-5 text-primary";

const VOICE_ICONS: Record<VoiceType, ReactNode> = {
  gentle: <Feather className={ICON} aria-hidden="true" />,
  cheerful: <Sun className={ICON} aria-hidden="true" />,
  grandparent: <Armchair className={ICON} aria-hidden="true" />,
};

/** The voices by name only, for when this computer cannot say more about them. */
export const PLAIN_VOICES: readonly VoiceOffer[] = [
  { voice: "gentle", label: "Gentle", engine: "", description: "" },
  { voice: "cheerful", label: "Cheerful", engine: "", description: "" },
  { voice: "grandparent", label: "Grandparent", engine: "", description: "" },
];

type Sample =
  | { voice: VoiceType; state: "making" | "playing" }
  | { voice: VoiceType; state: "failed"; message: string };

export const SAMPLE_NOT_PLAYED = "This computer could not play the sample. Check that its sound is on, then try again.";

export function VoiceChooser({
  value,
  onChange,
  aside,
}: {
  value: VoiceType;
  onChange: (voice: VoiceType) => void;
  /** Shown beside the question (the autosave state, when the voice was just changed). */
  aside?: ReactNode;
}) {
  const [offers, setOffers] = useState<readonly VoiceOffer[] | null>(null);
  const [sample, setSample] = useState<Sample | null>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const request = useRef(0);
  const madeSamples = useRef(new Map<VoiceType, string>());

  useEffect(() => {
    let cancelled = false;
    api
      .voiceOffers()
      .then((list) => {
        if (!cancelled) setOffers(list.length > 0 ? list : PLAIN_VOICES);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const failure = toApiError(error);
        console.warn(`The voices could not be described: ${failure.detail ?? failure.message}`);
        setOffers(PLAIN_VOICES);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // A sample still playing stops when the step is left, and the player lets go of it.
  useEffect(() => {
    const element = audio.current;
    return () => {
      if (element) releaseMedia(element);
    };
  }, []);

  const stop = () => {
    request.current += 1;
    if (audio.current) releaseMedia(audio.current);
    setSample(null);
  };

  const listen = async (voice: VoiceType) => {
    const element = audio.current;
    if (!element) return;
    if (sample?.voice === voice && sample.state !== "failed") {
      stop();
      return;
    }
    const mine = ++request.current;
    element.pause();
    setSample({ voice, state: "making" });
    let url = madeSamples.current.get(voice);
    if (url === undefined) {
      try {
        url = await api.previewVoice(voice);
      } catch (error) {
        if (mine === request.current) {
          setSample({ voice, state: "failed", message: `The sample could not be made. ${toApiError(error).message}` });
        }
        return;
      }
      madeSamples.current.set(voice, url);
    }
    if (mine !== request.current) return;
    try {
      element.src = url;
      await element.play();
      if (mine === request.current) setSample({ voice, state: "playing" });
    } catch (error) {
      if (mine !== request.current) return;
      console.warn("The voice sample could not be played:", error);
      releaseMedia(element);
      madeSamples.current.delete(voice);
      setSample({ voice, state: "failed", message: SAMPLE_NOT_PLAYED });
    }
  };

  // A sample that has played is let go of: the hidden player holds nothing between samples.
  const ended = () => {
    if (audio.current) releaseMedia(audio.current);
    setSample((current) => (current?.state === "playing" ? null : current));
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id="voice-label" className="text-base font-semibold">
          Who reads the story?
        </h3>
        {aside}
      </div>
      {/* One player for every sample, outside the cards so it outlives a re-render. */}
      <audio ref={audio} onEnded={ended} preload="auto" className="hidden" data-testid="voice-sample">
        <track kind="captions" />
      </audio>
      {offers === null ? (
        <Spinner label="Finding the voices on this computer…" />
      ) : (
        <RadioGroupPrimitive.Root
          aria-labelledby="voice-label"
          value={value}
          onValueChange={(next) => onChange(next as VoiceType)}
          className="grid gap-3 sm:grid-cols-3"
          name="voice"
        >
          {offers.map((offer) => {
            const mine = sample?.voice === offer.voice ? sample : null;
            const descriptionId = `voice-${offer.voice}-description`;
            return (
              <div
                key={offer.voice}
                className="flex flex-col rounded-xl border-2 border-border bg-card transition-colors hover:border-primary/60 has-[[data-state=checked]]:border-primary has-[[data-state=checked]]:bg-secondary"
                data-testid={`voice-card-${offer.voice}`}
              >
                <RadioGroupPrimitive.Item
                  value={offer.voice}
                  aria-describedby={offer.description ? descriptionId : undefined}
                  data-testid={`voice-${offer.voice}`}
                  className="relative flex flex-1 cursor-pointer flex-col items-start gap-1 rounded-t-[10px] p-4 pb-2 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                >
                  <span className="flex items-center gap-2 pr-6 font-semibold">
                    {VOICE_ICONS[offer.voice]}
                    {offer.label}
                  </span>
                  {offer.description ? (
                    <span id={descriptionId} className="text-sm text-muted-foreground" data-testid={`voice-description-${offer.voice}`}>
                      {offer.description}
                    </span>
                  ) : null}
                  <RadioGroupPrimitive.Indicator className="absolute top-3 right-3 text-primary">
                    <Check className="size-5" aria-hidden="true" />
                  </RadioGroupPrimitive.Indicator>
                </RadioGroupPrimitive.Item>
                <div className="flex flex-col items-start gap-2 px-4 pb-3">
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => void listen(offer.voice)}
                    disabled={mine?.state === "making"}
                    aria-label={mine?.state === "playing" ? `Stop the ${offer.label} sample` : `Listen to ${offer.label}`}
                    data-testid={`listen-${offer.voice}`}
                    data-state={mine?.state ?? "idle"}
                  >
                    {mine?.state === "making" ? (
                      <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" />
                    ) : mine?.state === "playing" ? (
                      <Square aria-hidden="true" />
                    ) : (
                      <Volume2 aria-hidden="true" />
                    )}
                    {mine?.state === "making" ? "Making a sample…" : mine?.state === "playing" ? "Stop" : "Listen"}
                  </Button>
                  {mine?.state === "failed" ? (
                    <p role="alert" className="text-sm text-destructive" data-testid={`listen-error-${offer.voice}`}>
                      {mine.message}
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })}
        </RadioGroupPrimitive.Root>
      )}
    </div>
  );
}
