/**
 * Charts as files and on the clipboard. The picture itself is drawn as a standalone SVG (fonts
 * named, no CSS); a PNG is that SVG drawn on a canvas at twice its size, sharp on a projector.
 */

import { commonT } from './notify';

async function pngBlob(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(commonT()('chart.noCanvas'));
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(commonT()('chart.noPng'));
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await (await pngBlob(svg, width, height, scale)).arrayBuffer());
}

const base64 = (bytes: Uint8Array) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Put a chart on the clipboard as a picture, with its words as text for places that take no
 * pictures. The async clipboard is tried first; where it is refused (the desktop app grants
 * pages no permissions), a copy command carries the picture as HTML (an embedded PNG, which
 * Word, PowerPoint and mail clients paste as an image) and the words as text.
 */
export async function copyChartToClipboard(picture: { svg: string; width: number; height: number }, words: string, alt: string): Promise<'image' | 'html'> {
  // Handed to the clipboard as a promise, so the write starts inside the click that asked for it.
  const png = pngBlob(picture.svg, picture.width, picture.height, 2);
  try {
    if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') throw new Error('no async clipboard');
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png, 'text/plain': new Blob([words], { type: 'text/plain' }) })]);
    return 'image';
  } catch {
    const src = `data:image/png;base64,${base64(new Uint8Array(await (await png).arrayBuffer()))}`;
    const html = `<img src="${src}" width="${picture.width}" height="${picture.height}" alt="${escapeHtml(alt)}">`;
    const onCopy = (e: ClipboardEvent) => {
      e.clipboardData?.setData('text/html', html);
      e.clipboardData?.setData('text/plain', words);
      e.preventDefault();
    };
    document.addEventListener('copy', onCopy);
    try {
      // The copy command reaches the clipboard only from a click; refused, it answers false.
      if (!document.execCommand('copy')) throw new Error(commonT()('chart.clipboardRefused'));
    } finally {
      document.removeEventListener('copy', onCopy);
    }
    return 'html';
  }
}
