import { defineConfig } from "vitest/config";

// Drives the real desktop app (the Rust binary with the built UI inside) in a window on a
// virtual display, through tauri-driver and WebKitWebDriver; see tests/app.
export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/app/**/*.test.ts"],
    // Rendering a video on the computer can take minutes; the first run may also build tauri-driver.
    testTimeout: 20 * 60_000,
    hookTimeout: 20 * 60_000,
    fileParallelism: false,
  },
});
