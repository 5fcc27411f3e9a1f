#!/usr/bin/env node
// `npm run icons`: every icon the installers and the app need, from the one source
// resources/icon.svg (edit that, then run this and commit the results):
//   resources/icons/<n>x<n>.png   Linux (AppImage, deb) and the window icon, 16 to 1024 px
//   resources/icon.png            1024 px, electron-builder's fallback
//   resources/icon.ico            Windows (NSIS installer, exe), 16 to 256 px inside
//   resources/icon.icns           macOS (app bundle, dmg)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** The SVG rendered as a PNG of size x size pixels. */
export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

export function makeIcons(resourcesDir) {
  const svg = readFileSync(join(resourcesDir, 'icon.svg'), 'utf8');
  mkdirSync(join(resourcesDir, 'icons'), { recursive: true });
  const written = [];
  const write = (name, data) => {
    if (!data) throw new Error(`could not make ${name}`);
    writeFileSync(join(resourcesDir, name), data);
    written.push(name);
  };
  let largest;
  for (const size of PNG_SIZES) {
    largest = renderPng(svg, size);
    write(join('icons', `${size}x${size}.png`), largest);
  }
  write('icon.png', largest);
  // Both formats are made from the 1024 px rendering, downscaled with bicubic filtering.
  write('icon.ico', png2icons.createICO(largest, png2icons.BICUBIC, 0, false, true));
  write('icon.icns', png2icons.createICNS(largest, png2icons.BICUBIC, 0));
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const resourcesDir = fileURLToPath(new URL('../resources', import.meta.url));
  for (const name of makeIcons(resourcesDir)) console.log(`resources/${name}`);
}
