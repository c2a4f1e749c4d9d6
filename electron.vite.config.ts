import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * One build, three outputs: the main process (ESM, dependencies left in node_modules), a
 * single-file CommonJS preload (a sandboxed preload cannot load other modules, so everything it
 * uses is bundled in) and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: false,
      rollupOptions: { input: { main: path.join(root, 'electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      sourcemap: false,
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: path.join(root, 'electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: path.join(root, 'out/renderer'),
      sourcemap: false,
      rollupOptions: { input: { index: path.join(root, 'renderer/index.html') } },
    },
  },
});
