/**
 * `npm run preview`: the renderer in a browser against the same handlers as the Electron main
 * process. Prints the URL (with its token) and runs until interrupted, then closes the backend.
 */
import { launchOptionsFromEnv } from '../ipc/launch-options.js';
import { startPreview } from './preview.js';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : undefined;
const preview = await startPreview({
  ...launchOptionsFromEnv(),
  ...(port !== undefined && Number.isInteger(port) ? { port } : {}),
});
const backend = preview.host.backendInfo();
console.log(`Backend: ${backend.label} — ${preview.reason}`);
console.log(`Journal: ${backend.journalDir}`);
console.log(`Exports and saved logs (no file dialogs in the preview): ${preview.filesDir}`);
console.log(`Preview (loopback only; the token in the URL is the key): ${preview.url}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void preview.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
