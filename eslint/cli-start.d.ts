// Types for eslint/cli-start.js, so the lint test (TypeScript) can load the block it checks.
import type { Linter } from 'eslint';

declare const config: Linter.Config;
export default config;
