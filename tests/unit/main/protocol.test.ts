import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveAppPath } from '../../../src/main/protocol';

const root = join('/opt', 'common-ground', 'renderer');

describe('resolveAppPath', () => {
  it('serves files under the renderer root, index.html for routes', () => {
    expect(resolveAppPath(root, 'app://common-ground/index.html')).toEqual({ path: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://common-ground/assets/index-abc.js')).toEqual({ path: join(root, 'assets', 'index-abc.js') });
    expect(resolveAppPath(root, 'app://common-ground/')).toEqual({ path: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://common-ground/meetings/123')).toEqual({ path: join(root, 'index.html') });
  });

  it('refuses anything that could leave the root or another host', () => {
    for (const url of [
      'app://common-ground/../../etc/passwd',
      'app://common-ground/%2e%2e/%2e%2e/etc/passwd',
      'app://common-ground/assets/..%2f..%2fsecret.js',
      'app://common-ground/assets%5c..%5c..%5csecret.js',
      'app://common-ground/index.html%00.js',
      'app://common-ground/%E0%A4%A',
    ]) {
      const resolved = resolveAppPath(root, url);
      // Either refused, or (literal ".." is collapsed by the URL parser) still inside the root.
      if ('path' in resolved) expect(resolved.path.startsWith(root + '/'), url).toBe(true);
      else expect(resolved.status, url).toBe(400);
    }
    expect(resolveAppPath(root, 'app://other/index.html')).toEqual({ status: 404 });
    expect(resolveAppPath(root, 'https://common-ground/index.html')).toEqual({ status: 404 });
  });

  it('names MIME types so module scripts load', () => {
    expect(mimeTypeOf('/x/index.html')).toMatch(/text\/html/);
    expect(mimeTypeOf('/x/a.js')).toMatch(/javascript/);
    expect(mimeTypeOf('/x/a.css')).toMatch(/text\/css/);
    expect(mimeTypeOf('/x/a.bin')).toBe('application/octet-stream');
  });
});
