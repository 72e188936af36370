// Types for eslint/layers.js, so the lint test (TypeScript) can load the plugin it checks.
import type { ESLint } from 'eslint';

export type Allowance = string | { types: string };
export interface Layer {
  layer: string;
  why: string;
  may: Allowance[];
}
export declare const LAYERS: Layer[];
declare const plugin: ESLint.Plugin;
export default plugin;
