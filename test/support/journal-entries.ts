/** What the journal's tests write: a run's start, and small read-data entries numbered by size. */
import type { JournalOptions } from '../../electron/core/journal.js';

export const testRunStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};

export const readData = (n: number) => ({
  kind: 'read-data' as const,
  interfaceId: '{I}',
  serviceId: 's',
  serviceName: 'S',
  byteLength: n,
  preview: '',
});
