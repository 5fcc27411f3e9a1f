import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script with no declaration file; the shapes are asserted below.
import { PNG_SIZES, renderPng } from '../../../scripts/make-icons.mjs';

const resources = fileURLToPath(new URL('../../../resources', import.meta.url));
const read = (name: string) => readFileSync(join(resources, name));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('app icons (resources/, made by npm run icons from resources/icon.svg)', () => {
  it('has a PNG of each size for Linux and the window icon', () => {
    expect(PNG_SIZES).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
    for (const size of PNG_SIZES as number[]) expect(pngSize(read(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(pngSize(read('icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico with the sizes Explorer and the installer use, up to 256 px', () => {
    const ico = read('icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256).sort((a, b) => a - b);
    for (const needed of [16, 32, 48, 256]) expect(sizes).toContain(needed);
  });

  it('has a macOS .icns whose declared length is its real length', () => {
    const icns = read('icon.icns');
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('is up to date with the SVG source (edit icon.svg, then run npm run icons)', () => {
    const svg = read('icon.svg').toString('utf8');
    for (const size of [32, 256]) expect(Buffer.from(renderPng(svg, size)).equals(read(`icons/${size}x${size}.png`)), `${size} px`).toBe(true);
  });
});
