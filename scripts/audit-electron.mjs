#!/usr/bin/env node
// npm run audit:electron: Electronegativity over the Electron code, failing on any finding that is
// not justified in scripts/electronegativity-allow.json (Electronegativity itself always exits 0).
//
// It scans the BUILT main and preload bundles plus the renderer's HTML: Electronegativity 1.10
// bundles a TypeScript 4.2 parser that cannot read modern syntax (`satisfies`), and the bundles are
// exactly what ships. The renderer's JS holds no Electron API and is left out.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findingsFromSarif, unjustified, unusedEntries, validateAllowList } from './audit-electron-lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');

if (!existsSync(join(out, 'main', 'index.js')) || !existsSync(join(out, 'preload', 'index.js'))) {
  console.log('audit:electron: building first (npx electron-vite build)');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
}

const scanDir = mkdtempSync(join(tmpdir(), 'cg-electronegativity-'));
try {
  cpSync(join(out, 'main'), join(scanDir, 'main'), { recursive: true });
  cpSync(join(out, 'preload'), join(scanDir, 'preload'), { recursive: true });
  cpSync(join(root, 'src', 'renderer', 'index.html'), join(scanDir, 'index.html'));
  cpSync(join(root, 'package.json'), join(scanDir, 'package.json'));
  const scanned = readdirSync(scanDir, { recursive: true }).filter((f) => /\.(js|html)$/.test(String(f)));
  if (scanned.length < 3) throw new Error(`nothing to scan (found ${scanned.length} files): a scan that checks nothing must not pass`);

  const sarifPath = join(scanDir, 'result.sarif');
  execFileSync('npx', ['electronegativity', '-i', scanDir, '-o', sarifPath, '-r', '-v', 'false'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(sarifPath)) throw new Error('Electronegativity wrote no results');
  const findings = findingsFromSarif(JSON.parse(readFileSync(sarifPath, 'utf8')));
  const allowList = validateAllowList(JSON.parse(readFileSync(join(root, 'scripts', 'electronegativity-allow.json'), 'utf8')));

  const bad = unjustified(findings, allowList);
  console.log(`audit:electron: scanned ${scanned.length} files; ${findings.length} findings, ${findings.length - bad.length} justified in the allow list.`);
  for (const f of findings) {
    const entry = allowList.find((a) => a.check === f.check && a.file === f.file);
    console.log(`  ${entry ? 'justified' : 'FINDING  '} ${f.check} ${f.file}:${f.line} ${f.message}${entry ? ` (${entry.reason})` : ''}`);
  }
  for (const e of unusedEntries(findings, allowList)) console.log(`  note: allow-list entry ${e.check} ${e.file} matches no finding any more; remove it.`);
  if (bad.length > 0) {
    console.error(`audit:electron: ${bad.length} unjustified finding(s). Fix them, or justify each in scripts/electronegativity-allow.json.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`audit:electron: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}
