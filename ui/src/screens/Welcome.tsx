import { ArrowRight, BookPlus, Cloud, CloudCheck, Library, Trash2 } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import type { Account, CloudStatus, RunSummary } from "@/bindings";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { Tooltip } from "@/components/ui/tooltip";
import { api } from "@/lib/api";
import { assetUrl } from "@/lib/assets";
import { formatDate } from "@/lib/format";
import { showError } from "@/lib/notify";
import { stageDescription } from "@/lib/stages";

export function Welcome({
  cloud,
  account,
  onSignIn,
  onStart,
  onOpenRun,
  onOpenLibrary,
}: {
  cloud: CloudStatus | null;
  account: Account | null;
  onSignIn: () => void;
  onStart: () => void;
  onOpenRun: (runId: string) => void;
  onOpenLibrary: () => void;
}) {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [removing, setRemoving] = useState<RunSummary | null>(null);

  const load = useCallback(() => {
    api
      .listRuns()
      .then(setRuns)
      .catch((error: unknown) => {
        setRuns([]);
        showError(error);
      });
  }, []);

  useEffect(load, [load]);

  const remove = async (run: RunSummary) => {
    try {
      await api.deleteRun(run.id);
      setRuns((current) => current?.filter((r) => r.id !== run.id) ?? null);
    } catch (error) {
      showError(error);
    }
  };

  const canSignIn = cloud?.available === true;

  return (
    <div className="flex flex-col gap-8" data-testid="screen-welcome">
      <section className="flex flex-col items-center gap-3 py-6 text-center">
        <h1 className="text-4xl font-extrabold tracking-tight">NoComelon</h1>
        <p className="max-w-xl text-lg text-muted-foreground">
          Turn your child&apos;s drawing into a narrated storybook video, made right here on your
          computer.
        </p>
        <div className="mt-4 flex flex-col items-center gap-3 sm:flex-row sm:items-start">
          <Button size="lg" onClick={onStart} data-testid="welcome-local">
            <BookPlus aria-hidden="true" />
            Make a storybook
          </Button>
          {account ? (
            <p
              className="flex h-12 items-center gap-2 rounded-lg border bg-card px-4 text-sm"
              data-testid="welcome-account"
            >
              <CloudCheck className="size-5 text-success" aria-hidden="true" />
              <span>
                Signed in as <span className="font-semibold">{account.email}</span>
              </span>
            </p>
          ) : (
            <div className="flex flex-col items-center gap-1">
              <Button
                size="lg"
                variant="outline"
                onClick={onSignIn}
                disabled={!canSignIn}
                aria-describedby={canSignIn ? "signin-about" : "signin-reason"}
                data-testid="welcome-signin"
              >
                <Cloud aria-hidden="true" />
                Sign in
              </Button>
              {canSignIn ? (
                <p id="signin-about" className="max-w-56 text-xs text-muted-foreground">
                  Keep your storybooks in your family account too.
                </p>
              ) : (
                <p id="signin-reason" className="max-w-56 text-xs text-muted-foreground" data-testid="signin-reason">
                  {cloud?.reason ?? ""}
                </p>
              )}
            </div>
          )}
        </div>
      </section>

      <section aria-labelledby="continue-heading" className="flex flex-col gap-3">
        <div className="flex items-center justify-between gap-2">
          <h2 id="continue-heading" className="text-xl font-bold">
            Continue where you left off
          </h2>
          <Button variant="ghost" onClick={onOpenLibrary} data-testid="welcome-library">
            <Library aria-hidden="true" />
            Your storybooks
          </Button>
        </div>
        {runs === null ? (
          <Spinner label="Looking for stories in progress…" />
        ) : runs.length === 0 ? (
          <p className="text-muted-foreground" data-testid="no-runs">
            Nothing in progress. Start with a drawing!
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {runs.map((run) => (
              <li key={run.id}>
                <Card className="flex h-full flex-col overflow-hidden" data-testid="resume-run">
                  <img
                    src={assetUrl(run.thumbnail_path)}
                    alt=""
                    className="h-36 w-full bg-muted object-contain"
                  />
                  <CardHeader className="pb-2">
                    <CardTitle className="text-base">{run.title || "Untitled story"}</CardTitle>
                    <CardDescription>
                      {stageDescription(run.stage)}
                      {run.updated_at ? ` · ${formatDate(run.updated_at)}` : ""}
                    </CardDescription>
                  </CardHeader>
                  <CardContent className="mt-auto flex gap-2">
                    <Button
                      className="flex-1"
                      onClick={() => onOpenRun(run.id)}
                      aria-label={`Continue ${run.title || "untitled story"}`}
                      data-testid="resume-open"
                    >
                      Continue
                      <ArrowRight aria-hidden="true" />
                    </Button>
                    <Tooltip content="Remove this story in progress">
                      <Button
                        variant="outline"
                        size="icon"
                        onClick={() => setRemoving(run)}
                        aria-label={`Remove ${run.title || "untitled story"}`}
                        data-testid="resume-remove"
                      >
                        <Trash2 aria-hidden="true" />
                      </Button>
                    </Tooltip>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <AlertDialog open={removing !== null} onOpenChange={(open) => !open && setRemoving(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove this story in progress?</AlertDialogTitle>
            <AlertDialogDescription>
              The drawing and the story written so far will be removed from this computer. Videos
              already in your library stay.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep it</AlertDialogCancel>
            <AlertDialogAction
              destructive
              data-testid="resume-remove-confirm"
              onClick={() => {
                if (removing) void remove(removing);
              }}
            >
              Remove
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
