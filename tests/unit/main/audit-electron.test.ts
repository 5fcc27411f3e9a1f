import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { findingsFromSarif, unjustified, unusedEntries, validateAllowList } from '../../../scripts/audit-electron-lib.mjs';

const sarif = {
  runs: [
    {
      results: [
        {
          ruleId: 'CSP_GLOBAL_CHECK',
          level: 'warning',
          message: { text: 'CSP' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'index.html' }, region: { startLine: 10 } } }],
        },
        {
          ruleId: 'NODE_INTEGRATION_JS_CHECK',
          level: 'error',
          message: { text: 'nodeIntegration' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'main\\index.js' }, region: { startLine: 3 } } }],
        },
      ],
    },
  ],
};

const allow = [{ check: 'CSP_GLOBAL_CHECK', file: 'index.html', reason: 'Mantine needs inline styles; scripts stay self only.' }];

describe('audit:electron filtering', () => {
  it('reads findings from SARIF and fails on every one not justified for that check and file', () => {
    const findings = findingsFromSarif(sarif);
    expect(findings).toEqual([
      { check: 'CSP_GLOBAL_CHECK', file: 'index.html', line: 10, level: 'warning', message: 'CSP' },
      { check: 'NODE_INTEGRATION_JS_CHECK', file: 'main/index.js', line: 3, level: 'error', message: 'nodeIntegration' },
    ]);
    expect(unjustified(findings, allow).map((f: { check: string }) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    // The same check in another file is not covered by the entry.
    expect(unjustified([{ ...findings[0], file: 'other.html' }], allow)).toHaveLength(1);
    expect(unusedEntries([], allow)).toEqual(allow);
  });

  it('refuses an allow list without reasons, and output without runs', () => {
    expect(() => validateAllowList([{ check: 'X', file: 'a.js', reason: '' }])).toThrow(/reason/);
    expect(() => validateAllowList([{ check: 'X', file: 'a.js', reason: 'ok' }])).toThrow(/real reason/);
    expect(() => validateAllowList({})).toThrow(/array/);
    expect(() => findingsFromSarif({})).toThrow(/no SARIF runs/);
  });
});
