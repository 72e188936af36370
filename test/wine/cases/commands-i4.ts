/**
 * The command list's element type is undocumented (reference §3.7: "a ULONG array is likely").
 * The addon reads VT_UI4 (the commands case) and VT_I4; here the fake sends VT_I4, and a command
 * ID above 0x7FFFFFFF must still come out unsigned.
 */
import { check, equal, finish, openNative, waitFor, assert, Recorder } from './harness.js';

const E1 = '{E1E1E1E1-0000-4000-8000-0000000000E1}';
const CMD = '{C1C1C1C1-0000-4000-8000-0000000000C1}';

await check('QuerySupportedCommands as a VT_I4 array: the same IDs, unsigned', async () => {
  const backend = await openNative();
  const rec = new Recorder(backend);
  const result = await backend.querySupportedCommands(E1, CMD);
  assert(await waitFor(() => rec.completions(result.requestId).length > 0, 3000), 'completion');
  const done = rec.completions(result.requestId)[0]?.event;
  assert(done?.type === 'completion', 'a completion');
  equal(JSON.stringify(done.commandIds), '[1,2,3,4,5,6,4294967295]', 'commandIds');
  await backend.close();
  return undefined;
});

finish();
