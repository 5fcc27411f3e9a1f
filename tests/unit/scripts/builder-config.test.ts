import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * electron-builder.yml, read by electron-builder's own loader and checked with its own validator
 * against its own JSON schema (app-builder-lib's scheme.json), as `npm run dist` would; then the
 * settings the installers depend on.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  /** The loader normalises `files` into file sets. */
  files: Array<{ filter: string[] }>;
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  win: { icon: string; target: Array<{ target: string }> };
  nsis: Record<string, unknown>;
  mac: Record<string, unknown> & { target: Array<{ target: string }> };
  linux: { icon: string; target: Array<{ target: string }> };
};
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Config>;
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const debugLogger = { isEnabled: false, add: () => undefined };
const load = () => getConfig(root, join(root, 'electron-builder.yml'), null);

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(await load(), debugLogger)).resolves.toBeUndefined();
  });

  it('the validator does refuse a wrong option (so the check above can fail)', async () => {
    const config = await load();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perUser: true } }, debugLogger)).rejects.toThrow(/perUser/);
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } }, debugLogger)).rejects.toThrow(
      /runAsNodes/,
    );
  });

  it('sets the fuses the security checklist asks for', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('Windows: an NSIS installer per user, without administrator rights, that keeps the data on uninstall', async () => {
    const config = await load();
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
  });

  it('macOS: a dmg with the hardened runtime and notarization (credentials from the environment only)', async () => {
    const config = await load();
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    const entitlements = readFileSync(join(root, String(config.mac.entitlements)), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).not.toMatch(/PASSWORD\s*:|APPLE_API_KEY\s*:|CSC_LINK\s*:/);
  });

  it('Linux: AppImage and deb', async () => {
    expect((await load()).linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('points only at files that exist, and ships the built app without node_modules', async () => {
    const config = await load();
    for (const path of [config.win.icon, String(config.mac.icon), config.linux.icon, ...config.extraResources.map((r) => r.from)])
      expect(existsSync(join(root, path)), path).toBe(true);
    const files = config.files.flatMap((set) => set.filter);
    expect(files).toContain('out/**/*');
    expect(files).toContain('!**/node_modules/**/*');
  });
});
