import { listen } from "@tauri-apps/api/event";
import { X } from "lucide-react";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { toast, Toaster } from "sonner";
import type { Account, AccountStatus, AppInfo, CloudStatus } from "@/bindings";
import { AppHeader } from "@/components/layout/AppHeader";
import { Spinner } from "@/components/ui/spinner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { useTheme } from "@/hooks/use-theme";
import { api, toApiError } from "@/lib/api";
import { signOutSummary } from "@/lib/account-format";
import { showError } from "@/lib/notify";
import { Welcome } from "@/screens/Welcome";
import { setMediaOrigin } from "@/lib/assets";
import { readPlace, rememberPlace } from "@/lib/last-place";
import type { Step } from "@/lib/stages";

// The screens past the first are loaded when first opened: until then their code is neither
// parsed nor kept in the window's memory.
const AccountFlow = lazy(() => import("@/screens/account/AccountFlow").then((screen) => ({ default: screen.AccountFlow })));
const LibraryScreen = lazy(() => import("@/screens/LibraryScreen").then((screen) => ({ default: screen.LibraryScreen })));
const Wizard = lazy(() => import("@/screens/Wizard").then((screen) => ({ default: screen.Wizard })));

/** What the shell emits when a second launch hands over files (see src-tauri/src/opened_files.rs). */
const FILES_OPENED_EVENT = "files-opened";

export type View =
  | { kind: "loading" }
  | { kind: "welcome" }
  | { kind: "wizard"; runId: string | null; key: number; step?: Step; openedFiles?: string[] }
  | { kind: "library" }
  | { kind: "account"; start: "sign_in" | "sign_up"; key: number };

/**
 * Where the app opens: a drawing opened with it from the desktop first, then the place the
 * parent left (home, the library, or a story's step), then the story the store remembers.
 */
function startView(openedFiles: string[], resumeRunId: string | null, key: () => number): View {
  if (openedFiles.length > 0) return { kind: "wizard", runId: null, key: key(), openedFiles };
  const place = readPlace();
  if (place?.kind === "home") return { kind: "welcome" };
  if (place?.kind === "library") return { kind: "library" };
  if (place?.kind === "story") return { kind: "wizard", runId: place.runId, step: place.step, key: key() };
  return resumeRunId ? { kind: "wizard", runId: resumeRunId, key: key() } : { kind: "welcome" };
}

/** Asked before the app leaves the wizard; resolves false to stay (e.g. an edit is not saved). */
export type LeaveGuard = () => Promise<boolean>;

/**
 * Whether "Sign in" can be offered: only with the account status (it carries the password rules
 * the forms need). Without it, appInfo's reason is shown, or a plain one.
 */
function signInAvailability(status: AccountStatus | null, info: AppInfo | null): CloudStatus | null {
  if (status) return status.cloud;
  if (!info) return null;
  return info.cloud.available
    ? { available: false, reason: "Signing in is not available right now. Everything works on this computer." }
    : info.cloud;
}

function Opening() {
  return (
    <div className="flex flex-1 items-center justify-center">
      <Spinner label="Opening NoComelon…" />
    </div>
  );
}

export function App() {
  const { theme, toggle } = useTheme();
  const [view, setView] = useState<View>({ kind: "loading" });
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const leaveGuard = useRef<LeaveGuard | null>(null);
  const wizardKey = useRef(0);

  const loadStatus = useCallback(
    () =>
      api
        .accountStatus()
        .then((next) => {
          setStatus(next);
        })
        .catch((error: unknown) => {
          // Without an answer the app works as before: local use, "Sign in" explained by appInfo.
          const failure = toApiError(error);
          console.warn(`The account status is not available: ${failure.detail ?? failure.message}`);
        }),
    [],
  );

  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.appInfo(), api.takeOpenedFiles().catch(() => [])])
      .then(([appInfo, openedFiles]) => {
        if (cancelled) return;
        setMediaOrigin(appInfo.media_origin);
        setInfo(appInfo);
        setView(startView(openedFiles, appInfo.resume_run_id, () => ++wizardKey.current));
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        showError(error);
        setView({ kind: "welcome" });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // The next start opens here again (a story's step is told by the wizard itself).
  useEffect(() => {
    if (view.kind === "welcome" || view.kind === "account") rememberPlace({ kind: "home" });
    else if (view.kind === "library") rememberPlace({ kind: "library" });
  }, [view.kind]);
  const rememberStory = useCallback((runId: string | null, step: Step) => {
    rememberPlace({ kind: "story", runId, step });
  }, []);
  const runMissing = useCallback(() => {
    leaveGuard.current = null;
    setView({ kind: "welcome" });
  }, []);

  const navigate = useCallback(async (next: View) => {
    const guard = leaveGuard.current;
    if (guard && !(await guard())) return;
    leaveGuard.current = null;
    setView(next);
  }, []);

  // A second launch ("Open with" while the app runs) hands its files to this window.
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    listen(FILES_OPENED_EVENT, () => {
      void api
        .takeOpenedFiles()
        .then((openedFiles) => {
          if (openedFiles.length > 0) void navigate({ kind: "wizard", runId: null, key: ++wizardKey.current, openedFiles });
        })
        .catch(showError);
    })
      .then((unlisten) => {
        if (cancelled) unlisten();
        else stop = unlisten;
      })
      .catch((error: unknown) => console.error("Could not listen for opened files:", error));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [navigate]);

  const openRun = useCallback(
    (runId: string | null) => void navigate({ kind: "wizard", runId, key: ++wizardKey.current }),
    [navigate],
  );
  const openLibrary = useCallback(() => void navigate({ kind: "library" }), [navigate]);
  const goHome = useCallback(() => void navigate({ kind: "welcome" }), [navigate]);
  const setLeaveGuard = useCallback((guard: LeaveGuard | null) => {
    leaveGuard.current = guard;
  }, []);
  const openAccount = useCallback(
    (start: "sign_in" | "sign_up") => void navigate({ kind: "account", start, key: ++wizardKey.current }),
    [navigate],
  );

  const signedIn = useCallback((account: Account) => {
    setStatus((current) => (current ? { ...current, account } : current));
    setView({ kind: "welcome" });
    toast.success(`Signed in as ${account.email}.`);
  }, []);

  const signOut = useCallback(
    async (everywhere: boolean) => {
      // An edit still being saved is kept: the parent stays where they are until it is stored.
      const guard = leaveGuard.current;
      if (guard && !(await guard())) return;
      try {
        const summary = signOutSummary(await api.signOut(everywhere), everywhere);
        if (summary.tone === "success") toast.success(summary.title);
        else toast.warning(summary.title, { description: summary.description ?? undefined, duration: 10_000 });
      } catch (error) {
        const failure = toApiError(error);
        if (failure.code !== "not_signed_in") {
          showError(failure, "Could not sign out.");
          return;
        }
      }
      setStatus((current) => (current ? { ...current, account: null } : current));
      leaveGuard.current = null;
      setView({ kind: "welcome" });
      void loadStatus();
    },
    [loadStatus],
  );

  const account = status?.account ?? null;

  return (
    <TooltipProvider delayDuration={300}>
      <div className="flex min-h-full flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <AppHeader
          theme={theme}
          onToggleTheme={toggle}
          onHome={goHome}
          onLibrary={openLibrary}
          libraryActive={view.kind === "library"}
          account={account}
          onSignOut={(everywhere) => void signOut(everywhere)}
          onAccountDeleted={() => void loadStatus()}
          version={info?.version ?? null}
        />
        <main id="main" className="mx-auto flex w-full max-w-5xl flex-1 flex-col px-4 py-6 sm:px-6">
          <Suspense fallback={<Opening />}>
            {view.kind === "loading" ? <Opening /> : null}
            {view.kind === "welcome" ? (
              <Welcome
                cloud={signInAvailability(status, info)}
                account={account}
                onSignIn={() => openAccount("sign_in")}
                onStart={() => openRun(null)}
                onOpenRun={openRun}
                onOpenLibrary={openLibrary}
              />
            ) : null}
            {view.kind === "wizard" ? (
              <Wizard
                key={view.key}
                initialRunId={view.runId}
                initialStep={view.step}
                openedFiles={view.openedFiles ?? []}
                onStartNew={() => openRun(null)}
                onPlace={rememberStory}
                onRunMissing={runMissing}
                setLeaveGuard={setLeaveGuard}
              />
            ) : null}
            {view.kind === "library" ? <LibraryScreen onMakeNew={() => openRun(null)} /> : null}
            {view.kind === "account" && status ? (
              <AccountFlow
                key={view.key}
                start={view.start}
                policy={status.password_policy}
                onSignedIn={signedIn}
                onUseLocally={() => openRun(null)}
                onCancel={goHome}
              />
            ) : null}
          </Suspense>
        </main>
      </div>
      {/*
        At the top, under the header: at the bottom a message would cover the steps' action bar
        or the captions of a video playing.
      */}
      <Toaster
        theme={theme}
        richColors
        closeButton
        position="top-center"
        offset={{ top: 72 }}
        toastOptions={{ closeButtonAriaLabel: "Close this message" }}
        icons={{
          close: (
            <span title="Close this message" className="flex size-full items-center justify-center">
              <X className="size-3" aria-hidden="true" />
            </span>
          ),
        }}
      />
    </TooltipProvider>
  );
}
