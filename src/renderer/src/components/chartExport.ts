/**
 * A chart on screen as a standalone file. Mantine charts draw SVG whose colours are CSS variables
 * and classes; a file opened elsewhere has neither, so every drawn element gets its computed
 * paint as attributes before the SVG is serialised. PNG is that SVG drawn on a canvas at 2x.
 */
const PAINT = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

export function chartSvg(container: HTMLElement, title: string): { svg: string; width: number; height: number } {
  const source = container.querySelector('svg.recharts-surface') ?? container.querySelector('svg');
  if (!source) throw new Error('There is no chart to export yet.');
  const { width, height } = source.getBoundingClientRect();
  const clone = source.cloneNode(true) as SVGSVGElement;
  const originals = [source, ...source.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const copy = copies[i] as Element;
    const style = getComputedStyle(el);
    for (const prop of PAINT) {
      const value = style.getPropertyValue(prop);
      if (value && value !== 'normal' && value !== 'auto') copy.setAttribute(prop, value);
    }
    copy.removeAttribute('class');
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  clone.removeAttribute('style');
  const label = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  label.textContent = title;
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.prepend(label, background);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`, width, height };
}

export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Uint8Array<ArrayBuffer>> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the chart to an image.');
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The chart could not be turned into a PNG.');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
