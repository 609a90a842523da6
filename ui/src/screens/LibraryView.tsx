import { Check, FolderDown, Pencil, Play, Trash2, X } from "lucide-react";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import type { LibraryEntry, Style } from "@/bindings";
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
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { VideoPlayer } from "@/components/media/VideoPlayer";
import { Spinner } from "@/components/ui/spinner";
import { Tooltip } from "@/components/ui/tooltip";
import { api } from "@/lib/api";
import { assetUrl, videoUrl } from "@/lib/assets";
import { durationWords, formatDate, formatDuration } from "@/lib/format";
import { showError } from "@/lib/notify";
import { MAX_TITLE_CHARS } from "@/lib/script-edit";
import { SYNCED_EVENT } from "@/components/sync/SyncIndicator";
import { SYNC_STATE_WORDS } from "@/lib/sync-words";
import { cn } from "@/lib/utils";

const STYLE_WORDS: Record<Style, string> = {
  storybook: "Storybook",
  watercolor: "Watercolor",
  crayon: "Crayon",
};

function RenameForm({
  entry,
  onDone,
}: {
  entry: LibraryEntry;
  onDone: (renamed: LibraryEntry | null) => void;
}) {
  const [title, setTitle] = useState(entry.title);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === "" || trimmed === entry.title) {
      onDone(null);
      return;
    }
    setBusy(true);
    try {
      onDone(await api.libraryRename(entry.id, trimmed));
    } catch (error) {
      showError(error);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="flex items-center gap-1">
      <Input
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onDone(null);
          }
        }}
        maxLength={MAX_TITLE_CHARS}
        aria-label="New title"
        // Focus moves here right after the parent asked to rename.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        disabled={busy}
        className="h-9"
        data-testid="library-rename-input"
      />
      <Tooltip content="Save the title">
        <Button type="submit" size="icon" aria-label="Save the title" disabled={busy} data-testid="library-rename-save">
          <Check aria-hidden="true" />
        </Button>
      </Tooltip>
      <Tooltip content="Keep the old title">
        <Button
          type="button"
          size="icon"
          variant="ghost"
          aria-label="Keep the old title"
          onClick={() => onDone(null)}
          disabled={busy}
          data-testid="library-rename-cancel"
        >
          <X aria-hidden="true" />
        </Button>
      </Tooltip>
    </form>
  );
}

/** The storybooks kept on this computer: play, rename, export, delete. */
export function LibraryView({ highlightId }: { highlightId?: string | null }) {
  const [entries, setEntries] = useState<LibraryEntry[] | null>(null);
  const [playing, setPlaying] = useState<LibraryEntry | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<LibraryEntry | null>(null);

  const load = useCallback(() => {
    let cancelled = false;
    api
      .libraryList()
      .then((list) => {
        if (!cancelled) setEntries(list);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setEntries([]);
        showError(error);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => load(), [load]);

  // Storybooks synced from (or to) other computers show their new state at once.
  useEffect(() => {
    const reload = () => void load();
    window.addEventListener(SYNCED_EVENT, reload);
    return () => window.removeEventListener(SYNCED_EVENT, reload);
  }, [load]);

  const replace = (entry: LibraryEntry) =>
    setEntries((current) => current?.map((e) => (e.id === entry.id ? entry : e)) ?? null);

  const remove = async (entry: LibraryEntry) => {
    try {
      await api.libraryDelete(entry.id);
      setEntries((current) => current?.filter((e) => e.id !== entry.id) ?? null);
      toast.success(`"${entry.title}" was deleted.`);
    } catch (error) {
      showError(error);
    }
  };

  /** A copy goes to the Videos folder at once; the parent can pick another folder from the toast. */
  const exportEntry = async (entry: LibraryEntry, chooseFolder = false) => {
    try {
      const path = await api.libraryExport(entry.id, chooseFolder);
      if (path === null) return;
      toast.success(chooseFolder ? "A copy of the video was saved" : "A copy was saved in your Videos folder", {
        description: path,
        action: chooseFolder
          ? undefined
          : { label: "Choose another folder", onClick: () => void exportEntry(entry, true) },
      });
    } catch (error) {
      showError(error);
    }
  };

  if (entries === null) return <Spinner label="Opening the library…" />;

  if (entries.length === 0) {
    return (
      <div
        className="flex flex-col items-center gap-4 rounded-2xl border-2 border-dashed p-10 text-center"
        data-testid="library-empty"
      >
        <p className="text-lg font-semibold">No storybooks yet</p>
        <p className="text-muted-foreground">Every storybook you make is kept here, ready to watch again.</p>
      </div>
    );
  }

  return (
    <>
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="library-grid">
        {entries.map((entry) => (
          <li key={entry.id}>
            <Card
              className={cn(
                "flex h-full flex-col overflow-hidden",
                entry.id === highlightId && "ring-2 ring-primary",
              )}
              data-testid="library-card"
              data-entry-id={entry.id}
            >
              <Tooltip content="Watch this storybook">
                <button
                  type="button"
                  onClick={() => setPlaying(entry)}
                  className="group relative block aspect-video w-full overflow-hidden bg-muted focus-visible:outline-2 focus-visible:outline-offset-[-4px] focus-visible:outline-ring cursor-pointer"
                  aria-label={`Play ${entry.title}`}
                  data-testid="library-play"
                >
                  <img src={assetUrl(entry.thumbnail_path)} alt="" className="size-full object-cover" />
                  <span
                    aria-hidden="true"
                    className="absolute inset-0 flex items-center justify-center bg-black/0 transition-colors group-hover:bg-black/30"
                  >
                    <Play className="size-12 text-white opacity-80 drop-shadow" />
                  </span>
                </button>
              </Tooltip>
              <div className="flex flex-1 flex-col gap-2 p-4">
                {renaming === entry.id ? (
                  <RenameForm
                    entry={entry}
                    onDone={(renamed) => {
                      if (renamed) {
                        replace(renamed);
                        toast.success("Title saved.");
                      }
                      setRenaming(null);
                    }}
                  />
                ) : (
                  <h3 className="text-base leading-snug font-semibold" data-testid="library-title">
                    {entry.title}
                  </h3>
                )}
                <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                  <span aria-label={durationWords(entry.duration_sec)} data-testid="library-duration">
                    {formatDuration(entry.duration_sec)}
                  </span>
                  <Badge variant="secondary">{STYLE_WORDS[entry.style]}</Badge>
                  <span data-testid="library-date">{formatDate(entry.created_at)}</span>
                  <Badge variant="outline" data-testid="library-sync" data-sync={entry.sync}>
                    {SYNC_STATE_WORDS[entry.sync]}
                  </Badge>
                </p>
                <div className="mt-auto flex flex-wrap gap-1 pt-2">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Rename ${entry.title}`}
                    onClick={() => setRenaming(entry.id)}
                    data-testid="library-rename"
                  >
                    <Pencil aria-hidden="true" />
                    Rename
                  </Button>
                  <Tooltip content="Save a copy of the video in your Videos folder">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Save a copy of ${entry.title}`}
                      onClick={() => void exportEntry(entry)}
                      data-testid="library-export"
                    >
                      <FolderDown aria-hidden="true" />
                      Save a copy
                    </Button>
                  </Tooltip>
                  <Button
                    variant="ghost"
                    size="sm"
                    className="ml-auto text-destructive"
                    aria-label={`Delete ${entry.title}`}
                    onClick={() => setDeleting(entry)}
                    data-testid="library-delete"
                  >
                    <Trash2 aria-hidden="true" />
                    Delete
                  </Button>
                </div>
              </div>
            </Card>
          </li>
        ))}
      </ul>

      <Dialog open={playing !== null} onOpenChange={(isOpen) => !isOpen && setPlaying(null)}>
        <DialogContent className="max-w-3xl" data-testid="player-dialog">
          <DialogHeader>
            <DialogTitle>{playing?.title}</DialogTitle>
            <DialogDescription>
              {playing ? `${formatDuration(playing.duration_sec)} · ${STYLE_WORDS[playing.style]}` : ""}
            </DialogDescription>
          </DialogHeader>
          {playing ? (
            <VideoPlayer
              autoPlay
              src={videoUrl(playing.video_path) ?? ""}
              poster={assetUrl(playing.thumbnail_path)}
              title={playing.title}
              testId="library-video"
              videoClassName="max-h-[calc(100dvh-16rem)]"
            />
          ) : null}
        </DialogContent>
      </Dialog>

      <AlertDialog open={deleting !== null} onOpenChange={(isOpen) => !isOpen && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete &ldquo;{deleting?.title}&rdquo;?</AlertDialogTitle>
            <AlertDialogDescription>
              The video is removed from this computer. Copies you exported stay where they are.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel data-testid="cancel-delete">Keep it</AlertDialogCancel>
            <AlertDialogAction
              destructive
              onClick={() => {
                if (deleting) void remove(deleting);
              }}
              data-testid="confirm-delete"
            >
              Delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
