import { CircleHelp, FolderOpen } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { api } from "@/lib/api";
import { showError } from "@/lib/notify";

/** Help: the app's version, and the folder of logs and crash reports to send to whoever helps. */
export function HelpMenu({ version }: { version: string | null }) {
  const openLogs = async () => {
    try {
      const folder = await api.openLogsFolder();
      toast.success("The logs folder is open", {
        description: `Send the files in ${folder} to whoever helps you. They hold no passwords.`,
      });
    } catch (error) {
      showError(error);
    }
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" data-testid="help-menu">
          <CircleHelp aria-hidden="true" />
          Help
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          <span className="block font-semibold">NoComelon</span>
          {version ? <span className="block text-xs text-muted-foreground">Version {version}</span> : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void openLogs()} data-testid="open-logs">
          <FolderOpen aria-hidden="true" />
          Open the logs folder
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
