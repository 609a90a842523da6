import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vitest/config";

// `make memory`: the app's memory in a real window next to a blank Tauri 2 window (see
// memory.measure.ts). A measurement of minutes, kept out of `npm run test:app`.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    environment: "node",
    include: ["tests/app/memory.measure.ts"],
    // Two storybooks are made on the computer: each can take minutes.
    testTimeout: 30 * 60_000,
    hookTimeout: 20 * 60_000,
    fileParallelism: false,
  },
});
