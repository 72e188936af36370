/**
 * The backend errors the engine lets through, for the layer above it: electron/ipc talks to the
 * engine and may not import electron/backends itself (see the README's layout table).
 */
export { isBackendError, type BackendErrorCode } from '../backends/contract.js';
