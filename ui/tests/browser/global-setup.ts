/**
 * Builds the real app (production mode, as Tauri ships it) and, separately, the fake IPC script;
 * makes a small real MP4 for the video player and short WAV samples for the voices with ffmpeg;
 * starts the static server.
 */
import { execFile } from "node:child_process";
import { access, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { startServer } from "./server";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const uiDir = resolve(here, "../..");
const out = join(uiDir, "test-results", ".build");
// Real children's drawings, kept in the repository.
const fixtures = resolve(uiDir, "../src-tauri/fixtures/drawings");

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    fakeScript: string;
    screenshotsDir: string;
  }
}

async function requireFile(path: string, hint: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new Error(`${path} is missing: ${hint}`);
  }
}

export default async function setup(project: TestProject) {
  await requireFile(join(fixtures, "boy-purple.png"), "the drawing fixtures belong in src-tauri/fixtures/drawings of the repository.");

  const appDir = join(out, "app");
  const fakeDir = join(out, "fake");
  const mediaDir = join(out, "media");
  await mkdir(mediaDir, { recursive: true });

  // Vitest sets NODE_ENV=test, which would bundle React's development build; the app under test
  // must be the production bundle Tauri ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: join(uiDir, "vite.config.ts"),
      root: uiDir,
      mode: "production",
      logLevel: "warn",
      build: { outDir: appDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  await build({
    configFile: false,
    root: uiDir,
    logLevel: "warn",
    publicDir: false,
    build: {
      outDir: fakeDir,
      emptyOutDir: true,
      minify: false,
      chunkSizeWarningLimit: 2000,
      lib: {
        entry: join(here, "fake-tauri.ts"),
        formats: ["iife"],
        name: "NoComelonFakeTauri",
        fileName: () => "fake-tauri.js",
      },
    },
  });

  const video = join(mediaDir, "story.mp4");
  try {
    await run("ffmpeg", [
      "-y", "-hide_banner", "-loglevel", "error",
      "-loop", "1", "-i", join(fixtures, "boy-purple.png"),
      "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
      "-t", "2", "-vf", "scale=320:-2,format=yuv420p",
      "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest",
      "-movflags", "+faststart", video,
    ]);
  } catch (error) {
    throw new Error(`ffmpeg could not make the test video (apt install ffmpeg): ${String(error)}`);
  }

  // A sample per voice, a tone of its own pitch, long enough to be heard playing.
  const voices = { gentle: 330, cheerful: 523, grandparent: 196 };
  const samples: Record<string, string> = {};
  for (const [voice, frequency] of Object.entries(voices)) {
    const sample = join(mediaDir, `voice-${voice}.wav`);
    await run("ffmpeg", [
      "-y", "-hide_banner", "-loglevel", "error",
      "-f", "lavfi", "-i", `sine=frequency=${frequency}:duration=1.5`,
      "-ac", "1", "-ar", "22050", sample,
    ]);
    samples[`voice-${voice}.wav`] = sample;
  }

  const drawing = (name: string) => join(fixtures, name);
  const server = await startServer(appDir, {
    "boy-purple.png": drawing("boy-purple.png"),
    "boy-purple.mask.png": drawing("boy-purple.mask.png"),
    "girl-pencil.png": drawing("girl-pencil.png"),
    "girl-pencil.mask.png": drawing("girl-pencil.mask.png"),
    "pig.png": drawing("pig.png"),
    "pig.mask.png": drawing("pig.mask.png"),
    "story.mp4": video,
    "story-thumb.png": drawing("boy-purple.png"),
    ...samples,
  });

  const screenshotsDir = join(uiDir, "test-results");
  await mkdir(screenshotsDir, { recursive: true });
  project.provide("baseUrl", server.url);
  project.provide("fakeScript", join(fakeDir, "fake-tauri.js"));
  project.provide("screenshotsDir", screenshotsDir);

  return async () => {
    await server.close();
  };
}
