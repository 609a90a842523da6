/** A small static server for the built app plus the media files the fake backend points at. */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".mp4": "video/mp4",
  ".wav": "audio/wav",
  ".json": "application/json",
};

// The CSP the desktop app ships with, minus the Tauri-only schemes; the tests run under it.
export const CSP =
  "default-src 'self'; img-src 'self' data: blob:; media-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'";

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export async function startServer(appDir: string, media: Record<string, string>): Promise<StaticServer> {
  const root = resolve(appDir);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      let file: string | undefined;
      if (url.pathname.startsWith("/__media/")) {
        file = media[decodeURIComponent(url.pathname.slice("/__media/".length))];
      } else {
        const candidate = normalize(join(root, decodeURIComponent(url.pathname)));
        if (candidate.startsWith(root + sep) || candidate === root) file = candidate;
      }
      let size = -1;
      if (file) {
        try {
          const info = await stat(file);
          if (info.isFile()) size = info.size;
        } catch {
          size = -1;
        }
      }
      if (size < 0) {
        if (url.pathname.startsWith("/__media/") || extname(url.pathname) !== "") {
          response.writeHead(404).end();
          return;
        }
        file = join(root, "index.html");
        size = (await stat(file)).size;
      }
      const path = file as string;
      const headers: Record<string, string | number> = {
        "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
        "Accept-Ranges": "bytes",
        "Cache-Control": "no-store",
      };
      if (path.endsWith(".html")) headers["Content-Security-Policy"] = CSP;
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
      if (range) {
        const start = range[1] ? Number(range[1]) : 0;
        const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
        response.writeHead(206, {
          ...headers,
          "Content-Range": `bytes ${start}-${end}/${size}`,
          "Content-Length": end - start + 1,
        });
        createReadStream(path, { start, end }).pipe(response);
        return;
      }
      response.writeHead(200, { ...headers, "Content-Length": size });
      createReadStream(path).pipe(response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The test server has no port.");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
