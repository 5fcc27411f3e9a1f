import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json';

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@renderer': resolve(__dirname, 'src/renderer/src'),
};

export default defineConfig({
  // Main and preload bundle their dependencies (zod): the installers ship out/ and no node_modules.
  main: {
    resolve: { alias },
    build: { outDir: 'out/main', externalizeDeps: false },
  },
  preload: {
    resolve: { alias },
    build: { outDir: 'out/preload', externalizeDeps: false },
  },
  renderer: {
    root: 'src/renderer',
    resolve: { alias },
    plugins: [react()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    // Relative asset URLs so the same build serves from app:// (Electron) and http://127.0.0.1 (web mode).
    base: './',
    build: {
      outDir: 'out/renderer',
      sourcemap: process.env.CG_SOURCEMAP === '1',
      minify: true,
      // Loaded from the local disk (app:// or 127.0.0.1), never over a network: one big chunk costs nothing.
      chunkSizeWarningLimit: 8000,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
        },
      },
    },
  },
});
