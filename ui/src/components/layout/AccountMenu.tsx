import { ChevronDown, LogOut, MonitorX, UserRound, UserX } from "lucide-react";
import { useState } from "react";
import { DeleteAccountDialog } from "@/components/layout/DeleteAccountDialog";
import type { Account } from "@/bindings";
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
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/** The signed-in account in the header: who it is, and signing out here or everywhere. */
export function AccountMenu({
  account,
  onSignOut,
  onAccountDeleted,
}: {
  account: Account;
  onSignOut: (everywhere: boolean) => void;
  onAccountDeleted: () => void;
}) {
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" data-testid="account-menu" aria-label={`Account: ${account.email}`}>
            <UserRound aria-hidden="true" />
            <span className="hidden max-w-72 truncate sm:inline" data-testid="account-email">
              {account.email}
            </span>
            <ChevronDown aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>
            <span className="block text-xs text-muted-foreground">Signed in as</span>
            <span className="block truncate font-semibold">{account.email}</span>
            {account.waiting_for_keychain ? (
              <span className="mt-1 block max-w-72 text-xs font-normal text-muted-foreground" data-testid="keychain-waiting">
                Your computer&rsquo;s keychain isn&rsquo;t available yet. You&rsquo;re still signed in; the app will try
                again when it needs your account.
              </span>
            ) : null}
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => onSignOut(false)} data-testid="sign-out">
            <LogOut aria-hidden="true" />
            Sign out
          </DropdownMenuItem>
          <DropdownMenuItem
            onSelect={() => setConfirmEverywhere(true)}
            data-testid="sign-out-everywhere"
            destructive
          >
            <MonitorX aria-hidden="true" />
            Sign out everywhere…
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setDeleting(true)} data-testid="delete-account" destructive>
            <UserX aria-hidden="true" />
            Delete my account…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>

      <AlertDialog open={confirmEverywhere} onOpenChange={setConfirmEverywhere}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Sign out on every device?</AlertDialogTitle>
            <AlertDialogDescription>
              {account.email} will be signed out here and on every other computer and phone that uses
              this account.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel data-testid="cancel-sign-out-everywhere">Stay signed in</AlertDialogCancel>
            <AlertDialogAction
              destructive
              onClick={() => onSignOut(true)}
              data-testid="confirm-sign-out-everywhere"
            >
              Sign out everywhere
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <DeleteAccountDialog
        email={account.email}
        open={deleting}
        onOpenChange={setDeleting}
        onDeleted={onAccountDeleted}
      />
    </>
  );
}
