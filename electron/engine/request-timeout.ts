/**
 * No completion within this many ms makes a request overdue, unless the technician says otherwise.
 * Apart from the engine so that the CLI can show it as an option's default without loading the
 * engine (and every backend with it) before a command has run.
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
