/**
 * EnumerateDeviceServices answering a VT_RECORD SAFEARRAY (FADF_RECORD with an IRecordInfo), as
 * the IDL's SAFEARRAY(MBN_DEVICE_SERVICE) implies (the "record-array" switch). The addon reads
 * it (and says so in its counters), frees and nulls each BSTR, so the array's RecordClear finds
 * none left to free twice; calls that look services up work the same.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { Recorder, assert, check, equal, finish, openNative, waitFor } from './harness.js';
import { LONG_HANG, NORMAL, SHORT_HANG, U } from './unfriendly-ids.js';

await check('services listed from a record array; calls find their service in it', async () => {
  const backend = await openNative();
  const rec = new Recorder(backend);
  const services = await backend.listServices(U);
  equal(
    services.map((s) => s.serviceId).join(' '),
    [LONG_HANG, SHORT_HANG, NORMAL].join(' '),
    'IDs',
  );
  assert(
    services.every((s) => s.dataReadSupported && s.dataWriteSupported),
    'flags',
  );
  const opened = await backend.openDataSession(U, NORMAL.toUpperCase());
  equal(opened.hresult, 0, 'open by an upper-case ID, matched against the records');
  assert(await waitFor(() => rec.completions(opened.requestId).length === 1, 3000), 'completion');
  await backend.close();
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  const read = loaded.addon.counters().recordArraysRead;
  assert(read > 0, 'the addon read record arrays');
  return `${read} record arrays read`;
});

finish();
