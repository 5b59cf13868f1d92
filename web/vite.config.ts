import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

// Built into web/dist, which `peel serve` serves. `npm run dev` proxies the API to a local peel.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // No source maps: production serves the built code only, not the sources behind it.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:8080", ws: true },
      "/healthz": "http://127.0.0.1:8080",
    },
  },
});
