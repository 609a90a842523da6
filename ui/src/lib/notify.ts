/** Shows failures to the parent: always the plain `message`, never raw data. */
import { toast } from "sonner";
import { toApiError } from "@/lib/api";

export function errorMessage(error: unknown): string {
  return toApiError(error).message;
}

export function showError(error: unknown, title?: string): void {
  const apiError = toApiError(error);
  if (apiError.detail) console.error(apiError.detail);
  if (title) toast.error(title, { description: apiError.message });
  else toast.error(apiError.message);
}
