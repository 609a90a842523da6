import { useCallback, useEffect, useRef, useState } from "react";
import { Toaster } from "sonner";
import type { AppInfo } from "@/bindings";
import { AppHeader } from "@/components/layout/AppHeader";
import { Spinner } from "@/components/ui/spinner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { useTheme } from "@/hooks/use-theme";
import { api } from "@/lib/api";
import { showError } from "@/lib/notify";
import { LibraryScreen } from "@/screens/LibraryScreen";
import { Welcome } from "@/screens/Welcome";
import { Wizard } from "@/screens/Wizard";

export type View =
  | { kind: "loading" }
  | { kind: "welcome" }
  | { kind: "wizard"; runId: string | null; key: number }
  | { kind: "library" };

/** Asked before the app leaves the wizard; resolves false to stay (e.g. an edit is not saved). */
export type LeaveGuard = () => Promise<boolean>;

export function App() {
  const { theme, toggle } = useTheme();
  const [view, setView] = useState<View>({ kind: "loading" });
  const [info, setInfo] = useState<AppInfo | null>(null);
  const leaveGuard = useRef<LeaveGuard | null>(null);
  const wizardKey = useRef(0);

  useEffect(() => {
    let cancelled = false;
    api
      .appInfo()
      .then((appInfo) => {
        if (cancelled) return;
        setInfo(appInfo);
        setView(
          appInfo.resume_run_id
            ? { kind: "wizard", runId: appInfo.resume_run_id, key: ++wizardKey.current }
            : { kind: "welcome" },
        );
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

  const navigate = useCallback(async (next: View) => {
    const guard = leaveGuard.current;
    if (guard && !(await guard())) return;
    leaveGuard.current = null;
    setView(next);
  }, []);

  const openRun = useCallback(
    (runId: string | null) => void navigate({ kind: "wizard", runId, key: ++wizardKey.current }),
    [navigate],
  );
  const openLibrary = useCallback(() => void navigate({ kind: "library" }), [navigate]);
  const goHome = useCallback(() => void navigate({ kind: "welcome" }), [navigate]);
  const setLeaveGuard = useCallback((guard: LeaveGuard | null) => {
    leaveGuard.current = guard;
  }, []);

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
        />
        <main id="main" className="mx-auto flex w-full max-w-5xl flex-1 flex-col px-4 py-6 sm:px-6">
          {view.kind === "loading" ? (
            <div className="flex flex-1 items-center justify-center">
              <Spinner label="Opening NoComelon…" />
            </div>
          ) : null}
          {view.kind === "welcome" ? (
            <Welcome info={info} onStart={() => openRun(null)} onOpenRun={openRun} onOpenLibrary={openLibrary} />
          ) : null}
          {view.kind === "wizard" ? (
            <Wizard
              key={view.key}
              initialRunId={view.runId}
              onStartNew={() => openRun(null)}
              setLeaveGuard={setLeaveGuard}
            />
          ) : null}
          {view.kind === "library" ? <LibraryScreen onMakeNew={() => openRun(null)} /> : null}
        </main>
      </div>
      <Toaster theme={theme} richColors closeButton position="bottom-center" />
    </TooltipProvider>
  );
}
