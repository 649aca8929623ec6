import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    // Monaco's core is one ~4 MB chunk, loaded lazily after the canvas; bench/bundle-size.ts
    // watches what loads before it.
    chunkSizeWarningLimit: 6000,
  },
  // Monaco's editor worker and monaco-yaml's worker are bundled from node_modules (`?worker`
  // imports in src/ui/editor/monaco/createYamlEditor.ts) as ES module workers: nothing from a CDN.
  worker: {
    format: 'es',
  },
  optimizeDeps: {
    include: ['monaco-yaml/yaml.worker.js'],
  },
});
