import { BookHeart, Library, Moon, Sun } from "lucide-react";
import type { Account } from "@/bindings";
import { AccountMenu } from "@/components/layout/AccountMenu";
import { HelpMenu } from "@/components/layout/HelpMenu";
import { SyncIndicator } from "@/components/sync/SyncIndicator";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import type { ResolvedTheme } from "@/lib/theme";

export function AppHeader({
  theme,
  onToggleTheme,
  onHome,
  onLibrary,
  libraryActive,
  account,
  onSignOut,
  onAccountDeleted,
  version,
}: {
  theme: ResolvedTheme;
  onToggleTheme: () => void;
  onHome: () => void;
  onLibrary: () => void;
  libraryActive: boolean;
  account: Account | null;
  onSignOut: (everywhere: boolean) => void;
  onAccountDeleted: () => void;
  version: string | null;
}) {
  const nextTheme = theme === "dark" ? "light" : "dark";
  return (
    <header className="border-b bg-card/60">
      <div className="mx-auto flex w-full max-w-5xl items-center gap-2 px-4 py-3 sm:px-6">
        <button
          type="button"
          onClick={onHome}
          data-testid="home"
          className="flex items-center gap-2 rounded-md text-lg font-bold text-primary focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring cursor-pointer"
        >
          <BookHeart className="size-6" aria-hidden="true" />
          <span>NoComelon</span>
          <span className="sr-only">(home)</span>
        </button>
        <nav aria-label="App" className="ml-auto flex items-center gap-1">
          <Button
            variant="ghost"
            onClick={onLibrary}
            data-testid="open-library"
            aria-current={libraryActive ? "page" : undefined}
          >
            <Library aria-hidden="true" />
            Your storybooks
          </Button>
          <Tooltip content={`Use the ${nextTheme} theme`}>
            <Button
              variant="ghost"
              size="icon"
              onClick={onToggleTheme}
              data-testid="theme-toggle"
              aria-label={`Use the ${nextTheme} theme`}
            >
              {theme === "dark" ? <Sun aria-hidden="true" /> : <Moon aria-hidden="true" />}
            </Button>
          </Tooltip>
          {account ? <SyncIndicator /> : null}
          <HelpMenu version={version} />
          {account ? (
            <AccountMenu account={account} onSignOut={onSignOut} onAccountDeleted={onAccountDeleted} />
          ) : null}
        </nav>
      </div>
    </header>
  );
}
