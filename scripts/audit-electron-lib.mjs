// Pure parts of the Electronegativity wrapper, unit-tested in tests/unit/main/audit-electron.test.ts.

/** Findings from Electronegativity's SARIF output: { check, file, line, level, message }. */
export function findingsFromSarif(sarif) {
  const runs = Array.isArray(sarif?.runs) ? sarif.runs : null;
  if (!runs) throw new Error('Electronegativity produced no SARIF runs');
  return runs.flatMap((run) =>
    (run.results ?? []).map((r) => {
      const location = r.locations?.[0]?.physicalLocation;
      return {
        check: r.ruleId,
        file: (location?.artifactLocation?.uri ?? '').replace(/\\/g, '/'),
        line: location?.region?.startLine ?? 0,
        level: r.level ?? 'warning',
        message: r.message?.text ?? '',
      };
    }),
  );
}

/** Every allow-list entry must name a check and a file and say why it is acceptable. */
export function validateAllowList(entries) {
  if (!Array.isArray(entries)) throw new Error('the allow list must be an array');
  for (const [i, e] of entries.entries()) {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof e?.[key] !== 'string' || e[key].trim().length === 0) throw new Error(`allow-list entry ${i} needs a non-empty "${key}"`);
    }
    if (e.reason.trim().length < 20) throw new Error(`allow-list entry ${i} (${e.check}) needs a real reason, not "${e.reason}"`);
  }
  return entries;
}

/** Findings not justified by an entry with the same check and file. */
export function unjustified(findings, allowList) {
  return findings.filter((f) => !allowList.some((a) => a.check === f.check && a.file === f.file));
}

/** Allow-list entries that no longer match a finding: stale justifications to remove. */
export function unusedEntries(findings, allowList) {
  return allowList.filter((a) => !findings.some((f) => a.check === f.check && a.file === f.file));
}
