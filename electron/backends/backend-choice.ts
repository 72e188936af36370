/**
 * The backends a technician can ask for by name (`--backend`, the app's setting). Kept apart from
 * select-backend.ts, which loads every backend, so that naming the choices costs nothing: the
 * CLI lists them in its options before it knows whether any backend is needed at all.
 */
export type BackendChoice = 'auto' | 'simulator' | 'mbn' | 'mbim';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'simulator', 'mbn', 'mbim'];
