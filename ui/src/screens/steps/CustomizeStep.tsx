import {
  Armchair,
  BookOpen,
  Compass,
  Droplets,
  Feather,
  HeartHandshake,
  Laugh,
  Moon,
  PencilLine,
  Shield,
  Sun,
} from "lucide-react";
import { useState } from "react";
import type { Customization, Style, Theme, VoiceType } from "@/bindings";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioCards, type RadioCardOption } from "@/components/ui/radio-cards";
import { Slider } from "@/components/ui/slider";
import { useStepGuard, type StepContext } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { api } from "@/lib/api";
import { showError } from "@/lib/notify";
import { stepIndex } from "@/lib/stages";

export const MIN_AGE = 2;
export const MAX_AGE = 10;

export const DEFAULT_CUSTOMIZATION: Customization = {
  theme: "adventure",
  style: "storybook",
  voice_type: "gentle",
  child_age: 5,
  personal_context: { child_name: "", pet: "", place: "" },
};

const ICON = "size-5 text-primary";

const THEMES: readonly RadioCardOption<Theme>[] = [
  { value: "adventure", label: "Adventure", description: "A journey somewhere new", icon: <Compass className={ICON} aria-hidden="true" /> },
  { value: "friendship", label: "Friendship", description: "Making and keeping friends", icon: <HeartHandshake className={ICON} aria-hidden="true" /> },
  { value: "bedtime", label: "Bedtime", description: "Calm and sleepy", icon: <Moon className={ICON} aria-hidden="true" /> },
  { value: "silly", label: "Silly", description: "Giggles and surprises", icon: <Laugh className={ICON} aria-hidden="true" /> },
  { value: "brave", label: "Brave", description: "Facing a fear", icon: <Shield className={ICON} aria-hidden="true" /> },
];

const STYLES: readonly RadioCardOption<Style>[] = [
  { value: "storybook", label: "Storybook", description: "Clean outlines, flat colour", icon: <BookOpen className={ICON} aria-hidden="true" /> },
  { value: "watercolor", label: "Watercolor", description: "Soft edges on textured paper", icon: <Droplets className={ICON} aria-hidden="true" /> },
  { value: "crayon", label: "Crayon", description: "Waxy strokes on rough paper", icon: <PencilLine className={ICON} aria-hidden="true" /> },
];

const VOICES: readonly RadioCardOption<VoiceType>[] = [
  { value: "gentle", label: "Gentle", description: "A soft, warm voice", icon: <Feather className={ICON} aria-hidden="true" /> },
  { value: "cheerful", label: "Cheerful", description: "A bright, lively voice", icon: <Sun className={ICON} aria-hidden="true" /> },
  { value: "grandparent", label: "Grandparent", description: "A slow, deep storyteller", icon: <Armchair className={ICON} aria-hidden="true" /> },
];

export function CustomizeStep({ ctx }: { ctx: StepContext }) {
  const { run, updateRun, goTo, registerGuard, navigating } = ctx;
  const [choice, setChoice] = useState<Customization>(() => ({
    ...DEFAULT_CUSTOMIZATION,
    ...run.customization,
    personal_context: { ...DEFAULT_CUSTOMIZATION.personal_context, ...run.customization?.personal_context },
  }));

  useStepGuard(registerGuard, async (target) => {
    const forward = target !== null && stepIndex(target) > stepIndex("customize");
    const trimmed: Customization = {
      ...choice,
      child_age: Math.min(MAX_AGE, Math.max(MIN_AGE, Math.round(choice.child_age))),
      personal_context: {
        child_name: choice.personal_context.child_name.trim(),
        pet: choice.personal_context.pet.trim(),
        place: choice.personal_context.place.trim(),
      },
    };
    try {
      updateRun(await api.saveCustomization(run.id, trimmed));
      return true;
    } catch (error) {
      showError(error);
      return !forward;
    }
  });

  const setContext = (field: keyof Customization["personal_context"], value: string) =>
    setChoice({ ...choice, personal_context: { ...choice.personal_context, [field]: value } });

  return (
    <div className="flex flex-col gap-8">
      <RadioCards
        label="What kind of story?"
        name="theme"
        value={choice.theme}
        onChange={(theme) => setChoice({ ...choice, theme })}
        options={THEMES}
        className="lg:grid-cols-5"
      />
      <RadioCards
        label="How should the pictures look?"
        name="style"
        value={choice.style}
        onChange={(style) => setChoice({ ...choice, style })}
        options={STYLES}
      />
      <RadioCards
        label="Who reads the story?"
        name="voice"
        value={choice.voice_type}
        onChange={(voice_type) => setChoice({ ...choice, voice_type })}
        options={VOICES}
      />

      <div className="flex max-w-md flex-col gap-2">
        <h3 id="age-label" className="text-base font-semibold">
          How old is your child?{" "}
          <span className="text-primary" data-testid="age-value">
            {choice.child_age} {choice.child_age === 1 ? "year" : "years"}
          </span>
        </h3>
        <Slider
          min={MIN_AGE}
          max={MAX_AGE}
          step={1}
          value={[choice.child_age]}
          onValueChange={([age]) => {
            if (age !== undefined) setChoice({ ...choice, child_age: age });
          }}
          thumbLabel="Child's age in years"
          thumbTestId="age-slider"
          aria-labelledby="age-label"
        />
        <div aria-hidden="true" className="flex justify-between text-xs text-muted-foreground">
          <span>{MIN_AGE}</span>
          <span>{MAX_AGE}</span>
        </div>
      </div>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-base font-semibold">Make it theirs (optional)</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="flex flex-col gap-2">
            <Label htmlFor="child-name">Child&apos;s name</Label>
            <Input
              id="child-name"
              value={choice.personal_context.child_name}
              onChange={(event) => setContext("child_name", event.target.value)}
              maxLength={60}
              autoComplete="off"
              data-testid="child-name"
            />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="pet">A pet</Label>
            <Input
              id="pet"
              value={choice.personal_context.pet}
              onChange={(event) => setContext("pet", event.target.value)}
              maxLength={60}
              autoComplete="off"
              placeholder="Biscuit the dog"
              data-testid="pet"
            />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="place">A favourite place</Label>
            <Input
              id="place"
              value={choice.personal_context.place}
              onChange={(event) => setContext("place", event.target.value)}
              maxLength={60}
              autoComplete="off"
              placeholder="Grandma's garden"
              data-testid="place"
            />
          </div>
        </div>
      </fieldset>

      <StepFooter
        onBack={() => void goTo("recognize")}
        onNext={() => void goTo("script")}
        nextDisabled={navigating}
        backDisabled={navigating}
      />
    </div>
  );
}
