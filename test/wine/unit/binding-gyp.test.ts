/**
 * What native/binding.gyp gives an MSVC build, resolved by node-gyp's own gyp on this machine
 * (the `gypd` generator writes the final target after includes, conditions and dependency
 * settings, for OS=win): C++ exceptions on as node-addon-api's except.gypi sets them, the
 * hardening flags, every source file, the delay-load hook. No compiler runs here, so this is
 * not the MSVC build (which has never run in this workplace); it catches a flag or a source
 * lost from the file. Needs python3, which node-gyp needs anyway.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const GYP = join(ROOT, 'node_modules', 'node-gyp');
const python = spawnSync('python3', ['--version']).status === 0;

interface Target {
  target_name: string;
  sources?: string[];
  configurations: Record<
    string,
    {
      defines?: string[];
      msvs_settings?: Record<string, Record<string, unknown>>;
      msvs_configuration_attributes?: Record<string, string>;
    }
  >;
}

/** Runs gyp -f gypd over a copy of native/ for Windows; the parsed target. */
function resolveForWindows(dir: string): Target {
  const native = join(dir, 'native');
  cpSync(join(ROOT, 'native'), native, {
    recursive: true,
    filter: (p) => !p.includes(join('native', 'build')),
  });
  mkdirSync(join(dir, 'node', 'include', 'node'), { recursive: true });
  // gyp writes its XML and Python files in the locale's encoding; pin one it can write.
  const runner = [
    'import sys, locale',
    `sys.path.insert(0, ${JSON.stringify(join(GYP, 'gyp', 'pylib'))})`,
    "locale.getdefaultlocale = lambda *a: ('en_US', 'latin-1')",
    'import gyp, ast, glob, json',
    'code = gyp.script_main()',
    'if code: sys.exit(code)',
    // The .gypd is a Python literal: handed back as JSON.
    "print(json.dumps(ast.literal_eval(open(glob.glob('*.gypd')[0]).read())))",
  ].join('\n');
  const vars = {
    OS: 'win',
    target_arch: 'x64',
    host_arch: 'x64',
    node_root_dir: join(dir, 'node'),
    node_gyp_dir: GYP,
    node_lib_file: 'node.lib',
    module_root_dir: native,
    node_engine: 'v8',
    library: 'shared_library',
    visibility: 'default',
    napi_build_version: '8',
    standalone_static_library: '0',
  };
  const r = spawnSync(
    'python3',
    [
      '-c',
      runner,
      'binding.gyp',
      '-f',
      'gypd',
      '--depth=.',
      '-I',
      join(GYP, 'addon.gypi'),
      ...Object.entries(vars).map(([k, v]) => `-D${k}=${v}`),
    ],
    // The dependency on node-addon-api is found from native/ upward, as in the repository.
    {
      cwd: native,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    },
  );
  if (r.status !== 0) throw new Error(`gyp failed: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as { targets: Target[] };
  const target = parsed.targets.find((t) => t.target_name === 'mbn_diag');
  if (!target) throw new Error('no mbn_diag target');
  return target;
}

describe.skipIf(!python)('native/binding.gyp for MSVC (resolved by gyp, not compiled)', () => {
  let dir = '';
  let target: Target = { target_name: '', configurations: {} };
  let compiler: Record<string, unknown> = {};
  let linker: Record<string, unknown> = {};
  let config: Target['configurations'][string] | undefined;
  // In a hook, not at collection: a machine without python3 skips instead of failing.
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mbn-gyp-'));
    target = resolveForWindows(dir);
    config = Object.values(target.configurations)[0];
    compiler = config?.msvs_settings?.VCCLCompilerTool ?? {};
    linker = config?.msvs_settings?.VCLinkerTool ?? {};
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps C++ exceptions working as node-addon-api except.gypi does', () => {
    expect(config?.defines).toEqual(
      expect.arrayContaining(['NAPI_CPP_EXCEPTIONS', '_HAS_EXCEPTIONS=1', 'NAPI_VERSION=8']),
    );
    expect(String(compiler.ExceptionHandling)).toBe('1');
    expect(compiler.AdditionalOptions).toEqual(expect.arrayContaining(['/EHsc']));
  });

  it('turns every C++ exception out of a JS-called method into a JS error, not a crash', () => {
    // Without it only Napi::Error is caught at the boundary: a std::bad_alloc or the
    // std::system_error of a thread that could not start unwinds into V8 and ends the process.
    expect(config?.defines).toEqual(expect.arrayContaining(['NODE_ADDON_API_CPP_EXCEPTIONS_ALL']));
  });

  it('hardens the build: CFG, SDL checks, /W4, Spectre mitigation', () => {
    expect(compiler.AdditionalOptions).toEqual(
      expect.arrayContaining(['/guard:cf', '/sdl', '/W4', '/ZH:SHA_256']),
    );
    expect(linker.AdditionalOptions).toEqual(expect.arrayContaining(['/guard:cf']));
    expect(config?.msvs_configuration_attributes?.SpectreMitigation).toBe('Spectre');
  });

  it('compiles every source of native/src but the non-Windows stub, plus the delay-load hook', () => {
    const wanted = readdirSync(join(ROOT, 'native', 'src'))
      .filter((f) => f.endsWith('.cc') && f !== 'unsupported.cc')
      .map((f) => `src/${f}`);
    expect(target.sources).toEqual(expect.arrayContaining(wanted));
    expect(target.sources?.some((s) => s.endsWith('win_delay_load_hook.cc'))).toBe(true);
  });
});
