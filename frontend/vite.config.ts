import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";
import { VitePWA } from "vite-plugin-pwa";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  base: "/",
  plugins: [
    preact(),
    VitePWA({
      // A new version waits until the kiosk is idle on its welcome screen (src/kiosk/update.ts).
      registerType: "prompt",
      injectRegister: null,
      manifest: {
        id: "/kiosk/",
        name: "マドグチ / Madoguchi",
        short_name: "マドグチ",
        description: "まちの窓口 — ビデオで市役所の職員と話せます / Meet city hall staff over video",
        lang: "ja",
        start_url: "/kiosk/",
        scope: "/",
        display: "fullscreen",
        display_override: ["fullscreen", "standalone"],
        orientation: "any",
        background_color: "#ffffff",
        theme_color: "#0b3d91",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{html,js,css,svg,png,webmanifest}"],
        navigateFallback: "/kiosk/index.html",
        navigateFallbackAllowlist: [/^\/kiosk(\/|$)/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === "GET" && url.pathname === "/api/catalogue",
            handler: "NetworkFirst",
            options: {
              cacheName: "catalogue",
              networkTimeoutSeconds: 5,
              expiration: { maxEntries: 4 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: {
        kiosk: here("kiosk/index.html"),
        staff: here("staff/index.html"),
        admin: here("admin/index.html"),
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: process.env.MADOGUCHI_API ?? "http://localhost:8000", changeOrigin: false },
      "/health": { target: process.env.MADOGUCHI_API ?? "http://localhost:8000" },
    },
  },
});
