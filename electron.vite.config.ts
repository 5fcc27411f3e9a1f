import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json';

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@renderer': resolve(__dirname, 'src/renderer/src'),
};

export default defineConfig({
  main: {
    resolve: { alias },
    build: { outDir: 'out/main' },
  },
  preload: {
    resolve: { alias },
    build: { outDir: 'out/preload' },
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
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
        },
      },
    },
  },
});
