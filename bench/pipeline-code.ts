/**
 * What bench/pipeline.ts runs, in one module it bundles the way the app ships (see shippedCode
 * there).
 */
export { scenarioSchema } from '../electron/backends/simulator/scenario-schema.js';
export { SimulatorBackend } from '../electron/backends/simulator/simulator-backend.js';
export { ManualClock } from '../electron/core/clock.js';
export { listJournalFiles } from '../electron/core/journal-files.js';
export { DiagnosticsEngine } from '../electron/engine/diagnostics-engine.js';
