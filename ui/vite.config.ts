import { fileURLToPath, URL } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The Tauri CLI runs `npm run dev` / `npm run build` in this folder and loads
// http://localhost:1420 in development and ui/dist in release builds.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  preview: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK/WKWebView (Safari 16+) and WebView2 (Chromium) both handle ES2022.
    target: ["es2022", "chrome110", "safari16"],
    sourcemap: false,
  },
});
