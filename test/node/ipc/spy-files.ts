/** A file chooser stand-in that counts every call: refused requests must never reach the disk. */
import { vi } from 'vitest';
import type { HostFiles } from '../../../electron/ipc/host-files.js';

export function spyFiles(folder = '/nonexistent-mbn-test') {
  const files = {
    chooseExportPath: vi.fn((name: string) => Promise.resolve(`${folder}/${name}`)),
    chooseLogToOpen: vi.fn(() => Promise.resolve(null)),
    choices: vi.fn(() => Promise.resolve({ picker: 'list' as const, folder, files: [] })),
  };
  const calls = () =>
    files.chooseExportPath.mock.calls.length +
    files.chooseLogToOpen.mock.calls.length +
    files.choices.mock.calls.length;
  return { files: files satisfies HostFiles, calls };
}
