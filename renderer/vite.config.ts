import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Resolved from this file, not the working directory, so the build works from anywhere.
const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Every asset stays a file under /assets: inlined data: URLs would need the CSP to allow
    // data:, and the engine serves exactly /assets/* besides index.html.
    assetsInlineLimit: 0,
  },
});
