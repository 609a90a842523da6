import { defineConfig } from "vitest/config";

// Drives the app installed from its package (src-tauri/scripts/package-test.sh sets it up); see
// tests/package.
export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/package/**/*.test.ts"],
    testTimeout: 5 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
  },
});
