import { BookOpen, Compass, Droplets, HeartHandshake, Laugh, Moon, PencilLine, Shield } from "lucide-react";
import { useCallback, useRef, useState, type ReactNode } from "react";
import { toast } from "sonner";
import type { Customization, Style, Theme } from "@/bindings";
import { SaveAnnouncer, SaveStatus } from "@/components/SaveStatus";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioCards, type RadioCardOption } from "@/components/ui/radio-cards";
import { Slider } from "@/components/ui/slider";
import { useStepGuard, type StepContext } from "@/components/wizard/step-context";
import { StepFooter } from "@/components/wizard/StepFooter";
import { VoiceChooser } from "@/components/wizard/VoiceChooser";
import { useAutosave } from "@/hooks/use-autosave";
import { api } from "@/lib/api";

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

/** The part of the form the parent changed last: its autosave state is shown beside it. */
type Field = "theme" | "style" | "voice" | "age" | keyof Customization["personal_context"];

/** What is stored: the age within bounds, the names without stray spaces. */
export function tidyCustomization(choice: Customization): Customization {
  return {
    ...choice,
    child_age: Math.min(MAX_AGE, Math.max(MIN_AGE, Math.round(choice.child_age))),
    personal_context: {
      child_name: choice.personal_context.child_name.trim(),
      pet: choice.personal_context.pet.trim(),
      place: choice.personal_context.place.trim(),
    },
  };
}

export function CustomizeStep({ ctx }: { ctx: StepContext }) {
  const { run, updateRun, goTo, registerGuard, navigating } = ctx;
  const [choice, setChoice] = useState<Customization>(() => ({
    ...DEFAULT_CUSTOMIZATION,
    ...run.customization,
    personal_context: { ...DEFAULT_CUSTOMIZATION.personal_context, ...run.customization?.personal_context },
  }));
  const choiceRef = useRef(choice);
  const [changed, setChanged] = useState<Field | null>(null);
  const storedOnce = useRef(run.customization !== null);

  const save = useCallback(
    async (value: Customization) => {
      updateRun(await api.saveCustomization(run.id, value));
      storedOnce.current = true;
    },
    [run.id, updateRun],
  );
  const { queue, status } = useAutosave<Customization>(save);

  const change = (next: Customization, field: Field) => {
    choiceRef.current = next;
    setChoice(next);
    setChanged(field);
    queue.update(tidyCustomization(next));
  };

  useStepGuard(registerGuard, async () => {
    // The choices shown are stored even if the parent changed nothing (the defaults count).
    if (!storedOnce.current && !queue.hasUnsaved) queue.update(tidyCustomization(choiceRef.current));
    if (await queue.flush()) return true;
    toast.error("Your choices are not saved yet. We keep trying; please wait a moment.");
    return false;
  });

  const setContext = (field: keyof Customization["personal_context"], value: string) =>
    change({ ...choice, personal_context: { ...choice.personal_context, [field]: value } }, field);

  const statusFor = (field: Field) => (changed === field ? <SaveStatus status={status} /> : null);

  return (
    <div className="flex flex-col gap-8">
      <SaveAnnouncer status={status} />
      <RadioCards
        label="What kind of story?"
        name="theme"
        value={choice.theme}
        onChange={(theme) => change({ ...choice, theme }, "theme")}
        options={THEMES}
        className="lg:grid-cols-5"
        aside={statusFor("theme")}
      />
      <RadioCards
        label="How should the pictures look?"
        name="style"
        value={choice.style}
        onChange={(style) => change({ ...choice, style }, "style")}
        options={STYLES}
        aside={statusFor("style")}
      />
      <VoiceChooser
        value={choice.voice_type}
        onChange={(voice_type) => change({ ...choice, voice_type }, "voice")}
        aside={statusFor("voice")}
      />

      <div className="flex max-w-md flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h3 id="age-label" className="text-base font-semibold">
            How old is your child?{" "}
            <span className="text-primary" data-testid="age-value">
              {choice.child_age} {choice.child_age === 1 ? "year" : "years"}
            </span>
          </h3>
          {statusFor("age")}
        </div>
        <Slider
          min={MIN_AGE}
          max={MAX_AGE}
          step={1}
          value={[choice.child_age]}
          onValueChange={([age]) => {
            if (age !== undefined) change({ ...choice, child_age: age }, "age");
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
          <PersonalField
            id="child-name"
            label="Child's name"
            value={choice.personal_context.child_name}
            onChange={(value) => setContext("child_name", value)}
            status={statusFor("child_name")}
          />
          <PersonalField
            id="pet"
            label="A pet"
            placeholder="Biscuit the dog"
            value={choice.personal_context.pet}
            onChange={(value) => setContext("pet", value)}
            status={statusFor("pet")}
          />
          <PersonalField
            id="place"
            label="A favourite place"
            placeholder="Grandma's garden"
            value={choice.personal_context.place}
            onChange={(value) => setContext("place", value)}
            status={statusFor("place")}
          />
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

function PersonalField({
  id,
  label,
  value,
  onChange,
  placeholder,
  status,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  status: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-2">
      <div className="flex min-h-6 flex-wrap items-center justify-between gap-x-3">
        <Label htmlFor={id}>{label}</Label>
        {status}
      </div>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        maxLength={60}
        autoComplete="off"
        placeholder={placeholder}
        data-testid={id}
      />
    </div>
  );
}
