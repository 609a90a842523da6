/**
 * Media files live in the app's folder. Pictures reach the webview through the asset protocol;
 * videos through the app's loopback media server, because the system video player cannot read
 * the asset protocol on Linux.
 */
import { convertFileSrc } from "@tauri-apps/api/core";

let mediaOrigin: string | null = null;

/** Set once from appInfo().media_origin at start-up. */
export function setMediaOrigin(origin: string | null): void {
  mediaOrigin = origin;
}

export function assetUrl(path: string | null | undefined): string | undefined {
  if (!path) return undefined;
  return convertFileSrc(path);
}

export function videoUrl(path: string | null | undefined): string | undefined {
  if (!path) return undefined;
  if (!mediaOrigin) return convertFileSrc(path);
  return `${mediaOrigin}/${encodeURIComponent(path)}`;
}
