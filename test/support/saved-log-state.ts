/**
 * The window's state of a saved log open read-only (files-store `saved`), as the renderer tests
 * set it: a journal file whose every record is counted, with what a test says it differs in.
 */
import type { FilesState } from '../../renderer/src/store/files-store';
import { TimeZoneTally } from '../../shared/journal/time-zone';

type SavedLogState = NonNullable<FilesState['saved']>;

export function savedLogState(differs: Partial<SavedLogState> = {}): SavedLogState {
  return {
    logId: 1,
    name: 'kiosk.jsonl',
    kind: 'journal-file',
    count: 300,
    complete: true,
    counted: true,
    problems: [],
    tornTail: false,
    timeZones: new TimeZoneTally(),
    recordedWith: new Set<string>(),
    mbimMessages: null,
    ...differs,
  };
}
