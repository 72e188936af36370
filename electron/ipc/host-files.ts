/**
 * How main learns which file to write or read. The renderer never names a path: Electron main
 * asks the user with its own dialogs; the browser preview, which has none, uses one folder fixed
 * by whoever started it. Both implement this, and the IPC host only ever writes or opens what
 * comes back from here.
 */
import type { ExportFormat } from '../core/export/formats.js';
import type { SavedLogChoices } from './contract.js';

export interface HostFiles {
  /** Where to write an export; null when the user cancelled. An absolute path. */
  chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | null>;
  /**
   * Which saved log to open; null when the user cancelled. `name` is what the renderer picked
   * from `choices()` (preview); a dialog ignores it. An absolute path.
   */
  chooseLogToOpen(name: string | undefined): Promise<string | null>;
  /**
   * The run folder called `name` beside a log opened through these files before (RunFolders), or
   * null: never a dialog. Absent: none is known.
   */
  runNamed?(name: string): Promise<string | null>;
  choices(): Promise<SavedLogChoices>;
}
