// @ts-check
/**
 * The layers as an allow-list, the way VS Code's `code-layering` rule does it: each layer names
 * what it MAY import, and every other import fails lint with "Bad layering". A new folder under
 * electron/, shared/ or renderer/ belongs to no layer until it is added here (and to the README's
 * layout table, which says the same thing in prose), so a boundary is never open by omission.
 *
 * What an import may name:
 *   'shared/', 'electron/core/', …   our code under that folder (or that one file, without a
 *                                    .ts/.js extension: 'electron/ipc/channels', 'package.json')
 *   { types: 'electron/ipc/contract' }   that module, by `import type` / `export type` only
 *   'node'      Node builtins (`node:fs`, `fs`, …)
 *   'npm'       npm packages, except electron and the UI libraries
 *   'electron'  the electron package
 *   'ui'        react, react-dom, zustand
 * Tests, benchmarks, scripts and config files sit outside the layers and are not checked.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** @typedef {string | { types: string }} Allowance */
/** @typedef {{ layer: string, why: string, may: Allowance[] }} Layer */

const MAIN_SIDE = ['node', 'npm'];

/**
 * Most specific first: a file belongs to the first layer whose path it starts with.
 * @type {Layer[]}
 */
export const LAYERS = [
  {
    layer: 'shared/',
    why: 'pure code both runtimes import: no packages, no Node, no electron, no DOM',
    may: ['shared/'],
  },
  {
    layer: 'electron/core/',
    why: 'the domain',
    may: ['shared/', 'electron/core/', ...MAIN_SIDE],
  },
  {
    layer: 'electron/backends/',
    why: 'the backend contract and its implementations',
    may: ['shared/', 'electron/core/', 'electron/backends/', ...MAIN_SIDE],
  },
  {
    layer: 'electron/engine/',
    why: 'wires a backend to the tracker and journal',
    // package.json: the app's name and version, recorded in every journal.
    may: [
      'shared/',
      'electron/core/',
      'electron/backends/',
      'electron/engine/',
      'package.json',
      ...MAIN_SIDE,
    ],
  },
  {
    // The sandboxed preload bundles this module, so it stays free of imports.
    layer: 'electron/ipc/channels.ts',
    why: 'the channel names, bundled into the sandboxed preload',
    may: [],
  },
  {
    layer: 'electron/ipc/',
    why: 'the IPC contract and main-side handlers',
    may: ['shared/', 'electron/core/', 'electron/engine/', 'electron/ipc/', ...MAIN_SIDE],
  },
  {
    layer: 'electron/cli/',
    why: 'the command line',
    may: [
      'shared/',
      'electron/core/',
      'electron/backends/',
      'electron/engine/',
      'electron/cli/',
      ...MAIN_SIDE,
    ],
  },
  {
    layer: 'electron/preview/',
    why: 'the browser preview server',
    may: [
      'shared/',
      'electron/core/',
      'electron/backends/',
      'electron/engine/',
      'electron/ipc/',
      'electron/preview/',
      ...MAIN_SIDE,
    ],
  },
  {
    layer: 'electron/main.ts',
    why: 'Electron glue for the main process',
    may: [
      'shared/',
      'electron/core/',
      'electron/backends/',
      'electron/engine/',
      'electron/ipc/',
      'electron',
      ...MAIN_SIDE,
    ],
  },
  {
    layer: 'electron/preload.ts',
    why: 'the sandboxed preload: only electron and the bundled channel names',
    may: ['electron', 'electron/ipc/channels', { types: 'electron/ipc/contract' }],
  },
  {
    layer: 'renderer/',
    why: 'the UI: reaches main only through the preload API',
    may: ['shared/', 'renderer/', 'ui', { types: 'electron/ipc/contract' }],
  },
];

/** Folders whose every file must belong to a layer. */
const LAYERED_ROOTS = ['electron/', 'shared/', 'renderer/'];

const ROOT = path.resolve(import.meta.dirname, '..');
const UI = new Set(['react', 'react-dom', 'zustand']);
const BUILTINS = new Set(builtinModules);

/** @param {string} file absolute path */
const repoPath = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** @param {string} rel @param {string} layerPath */
const within = (rel, layerPath) =>
  layerPath.endsWith('/') ? rel.startsWith(layerPath) : rel === layerPath;

/** @param {string} rel */
const layerOf = (rel) => LAYERS.find((l) => within(rel, l.layer));

/** Module id of a repo path: no extension, no trailing /index. @param {string} rel */
const moduleId = (rel) => rel.replace(/\.(?:[cm]?[jt]s|tsx|jsx)$/u, '').replace(/\/index$/u, '');

/**
 * What an import names, as one of the allowance words or a repo path.
 * @param {string} source @param {string} fromFile absolute
 * @returns {{ kind: 'package', word: string } | { kind: 'path', rel: string }}
 */
const classify = (source, fromFile) => {
  if (source.startsWith('.') || source.startsWith('/')) {
    return { kind: 'path', rel: repoPath(path.resolve(path.dirname(fromFile), source)) };
  }
  const parts = source.split('/');
  const name = source.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? source);
  if (source.startsWith('node:') || BUILTINS.has(name)) return { kind: 'package', word: 'node' };
  if (name === 'electron') return { kind: 'package', word: 'electron' };
  if (UI.has(name)) return { kind: 'package', word: 'ui' };
  return { kind: 'package', word: 'npm' };
};

/** @param {Allowance} a @param {ReturnType<typeof classify>} target @param {boolean} typeOnly */
const allows = (a, target, typeOnly) => {
  if (typeof a === 'object') {
    return typeOnly && target.kind === 'path' && moduleId(target.rel) === a.types;
  }
  if (target.kind === 'package') return a === target.word;
  if (a.endsWith('/')) return target.rel.startsWith(a);
  return moduleId(target.rel) === a;
};

/** @param {Allowance} a */
const describe = (a) => (typeof a === 'object' ? `types from ${a.types}` : a);

/** @param {ReturnType<typeof classify>} t */
const targetName = (t) => {
  if (t.kind === 'path') return t.rel;
  return {
    node: 'Node builtins',
    electron: 'electron',
    ui: 'UI libraries',
    npm: 'npm packages',
  }[t.word];
};

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow-list in eslint/layers.js names.' },
    schema: [],
    messages: {
      bad: 'Bad layering: {{layer}} may not import {{target}} ({{what}}). It may import: {{may}}.',
      typesOnly:
        'Bad layering: {{layer}} may import only types from {{target}}; use `import type`.',
      noLayer:
        'Bad layering: {{file}} belongs to no layer. Add it to eslint/layers.js and the README layout table.',
    },
  },
  create(context) {
    const rel = repoPath(context.filename);
    const layer = layerOf(rel);
    if (!layer) {
      if (!LAYERED_ROOTS.some((r) => rel.startsWith(r))) return {};
      return {
        Program(node) {
          context.report({ node, messageId: 'noLayer', data: { file: rel } });
        },
      };
    }
    /** @param {import('eslint').Rule.Node} node @param {unknown} source @param {boolean} typeOnly */
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string') return;
      const target = classify(source, context.filename);
      if (layer.may.some((a) => allows(a, target, typeOnly))) return;
      const data = {
        layer: layer.layer,
        target: targetName(target),
        what: source,
        may: layer.may.map(describe).join(', ') || 'nothing',
      };
      const typesWouldDo =
        !typeOnly && layer.may.some((a) => allows(a, target, true) && typeof a === 'object');
      context.report({ node, messageId: typesWouldDo ? 'typesOnly' : 'bad', data });
    };
    return {
      ImportDeclaration(node) {
        // With verbatimModuleSyntax, `import { type X }` still loads the module at run time:
        // only `import type` is erased.
        check(node, node.source.value, /** @type {any} */ (node).importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) {
          check(node, node.source.value, /** @type {any} */ (node).exportKind === 'type');
        }
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, /** @type {any} */ (node).exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
      CallExpression(node) {
        const [arg] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          if (arg?.type === 'Literal') check(node, arg.value, false);
        }
      },
      /** `import x = require('y')` @param {any} node */
      TSImportEqualsDeclaration(node) {
        const ref = node.moduleReference;
        if (ref.type === 'TSExternalModuleReference') {
          check(node, ref.expression.value, node.importKind === 'type');
        }
      },
      /** `typeof import('y')` is types only. @param {any} node */
      TSImportType(node) {
        const arg = node.source ?? node.argument; // `argument` before typescript-eslint 8.x
        const lit = arg?.type === 'TSLiteralType' ? arg.literal : arg;
        if (lit?.type === 'Literal') check(node, lit.value, true);
      },
    };
  },
};

export default { meta: { name: 'layers' }, rules: { 'allowed-imports': allowedImports } };
