import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // A feature's index.ts is both its declaration (read by the registry at start) and its door for other features
    // (the door lint). No file under features/ acts on import, so the bundler may drop what a door re-exports and
    // the start does not use: the kits other features import stay in the pages' chunks, not the first download.
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !/\/web\/src\/features\//.test(id) } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/metrics': 'http://127.0.0.1:3000' },
  },
});
