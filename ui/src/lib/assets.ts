/** Media files live in the app's folder; the webview reaches them through the asset protocol. */
import { convertFileSrc } from "@tauri-apps/api/core";

export function assetUrl(path: string | null | undefined): string | undefined {
  if (!path) return undefined;
  return convertFileSrc(path);
}
