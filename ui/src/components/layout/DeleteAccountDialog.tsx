import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api } from "@/lib/api";
import { showError } from "@/lib/notify";

/**
 * "Delete my account": says what goes, asks the parent to type the account's email, and lets
 * them keep the drafts on this computer. The app is back to on-this-computer use afterwards.
 */
export function DeleteAccountDialog({
  email,
  open,
  onOpenChange,
  onDeleted,
}: {
  email: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [keepDrafts, setKeepDrafts] = useState(true);
  const [busy, setBusy] = useState(false);
  const matches = typed.trim().toLowerCase() === email.trim().toLowerCase();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    try {
      const report = await api.deleteAccount(typed.trim(), keepDrafts);
      toast.success("Your account is deleted", {
        description: `${report.library_items_deleted} storybooks and ${report.objects_deleted} files were removed from the cloud. ${
          keepDrafts ? "Your drafts are still on this computer." : ""
        }`,
      });
      onOpenChange(false);
      onDeleted();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <DialogContent data-testid="delete-account-dialog">
        <DialogHeader>
          <DialogTitle>Delete your account?</DialogTitle>
          <DialogDescription>
            This deletes {email} and everything it keeps in your family&rsquo;s cloud: drawings, storybooks and stories
            in progress, for every computer signed in to it. It cannot be undone.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            <Label htmlFor="delete-account-email">Type your email to confirm</Label>
            <Input
              id="delete-account-email"
              type="email"
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              disabled={busy}
              data-testid="delete-account-email"
            />
          </div>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1 size-4"
              checked={keepDrafts}
              onChange={(event) => setKeepDrafts(event.target.checked)}
              disabled={busy}
              data-testid="delete-account-keep-drafts"
            />
            <span>Keep my drafts (stories not yet in the library) on this computer</span>
          </label>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)} disabled={busy}>
              Keep my account
            </Button>
            <Button type="submit" variant="destructive" disabled={!matches || busy} data-testid="confirm-delete-account">
              {busy ? "Deleting…" : "Delete my account"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
