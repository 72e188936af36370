/**
 * The code of a helper thread (a worker_threads Worker), found the same way by every part that
 * uses one. In a CommonJS bundle (CLI, Electron main) the helper is bundled beside it as
 * `<name>.cjs` (scripts/build). Run from source (tsx, the tests), it is built once per process
 * into one plain script with esbuild (a development dependency, there whenever the source runs):
 * registering tsx in each helper instead cost each one its own compiler thread, a second of
 * start-up and about 100 MB.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

interface Esbuild {
  build(options: object): Promise<{ outputFiles: { text: string }[] }>;
}

/** A helper's code: a file to load, or (from source) the code itself. */
export type HelperScript = { file: string } | { code: string };

const scripts = new Map<string, Promise<HelperScript>>();

/**
 * The helper `name`. `sourceFile` gives the absolute path of its .ts (from the caller's
 * `import.meta.url`, which a CommonJS bundle does not have: so it is asked only when there is no
 * bundled helper). Building it takes a moment: callers start it early.
 */
export function helperScript(name: string, sourceFile: () => string): Promise<HelperScript> {
  let script = scripts.get(name);
  if (!script) {
    script = (async () => {
      const bundled =
        typeof __dirname === 'string' ? bundledHelper(__dirname, name, existsSync) : undefined;
      if (bundled) return { file: bundled };
      const source = sourceFile();
      const esbuild = createRequire(source)('esbuild') as Esbuild;
      const built = await esbuild.build({
        entryPoints: [source],
        bundle: true,
        write: false,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        logLevel: 'silent',
      });
      return { code: built.outputFiles[0]?.text ?? '' };
    })();
    scripts.set(name, script);
  }
  return script;
}

/**
 * Where the bundled helper `name` beside a bundle in `dir` is, if there: in a packaged app the
 * bundle is inside app.asar, and the helper's copy unpacked beside the archive
 * (electron-builder.yml's asarUnpack) is taken first, since a worker thread reading its script
 * from inside the archive depends on Electron's archive support reaching worker threads.
 */
export function bundledHelper(
  dir: string,
  name: string,
  exists: (path: string) => boolean,
): string | undefined {
  const bundled = join(dir, `${name}.cjs`);
  const unpacked = bundled.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
  if (unpacked !== bundled && exists(unpacked)) return unpacked;
  return exists(bundled) ? bundled : undefined;
}

export function startHelper(helper: HelperScript, resourceLimits: ResourceLimits): Worker {
  return 'file' in helper
    ? new Worker(helper.file, { resourceLimits })
    : new Worker(helper.code, { eval: true, resourceLimits });
}
