/**
 * electron-builder.yml against electron-builder's own configuration schema (the one it validates
 * with), plus what the issue asks of packaging: the targets, the addon outside the asar, and the
 * preview left out.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// The YAML reader electron-builder itself uses (a dependency of its app-builder-lib).
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml') as {
  load: (text: string) => unknown;
};

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  win: { target: Target[] };
  linux: { target: string[] };
  mac: { target: string[] };
  electronFuses: Record<string, boolean>;
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's configuration schema", () => {
    const schema = JSON.parse(
      readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds NSIS and portable for x64, AppImage and deb, and dmg', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('unpacks the addon from the asar and leaves the preview out', () => {
    expect(config.asarUnpack).toContain('native/build/Release/*.node');
    // The helper threads' scripts, which helper-script.ts takes from app.asar.unpacked.
    expect(config.asarUnpack).toContain('dist/electron/*-worker.cjs');
    expect(config.files).toContain('native/build/Release/*.node');
    expect(config.files).toContain('!dist/preview/**');
    expect(config.files.some((f) => f.startsWith('dist/preview'))).toBe(false);
  });

  it('turns off the fuses an attacker could use to run the binary as Node', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });
});
