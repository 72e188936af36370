/**
 * Why an export failed, in words a technician can act on. Every failure leaves nothing behind at
 * the destination, and every message says so.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

export type ExportErrorCode =
  | 'cancelled'
  | 'bad-destination'
  /** The log holds nothing the format shows (a capture of a log without MBIM messages). */
  | 'nothing-to-export'
  | 'no-space'
  | 'permission'
  | 'read-failed'
  | 'write-failed';

export class ExportError extends Error {
  constructor(
    message: string,
    readonly code: ExportErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExportError';
  }
}

const NOTHING_SAVED = 'Nothing was saved.';

export function cancelledError(): ExportError {
  return new ExportError(`The export was cancelled. ${NOTHING_SAVED}`, 'cancelled');
}

/** Turns a file-system error met while writing into plain words. */
export function writeError(error: unknown, path: string): ExportError {
  if (error instanceof ExportError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ExportError(
        `The disk is full, so the export could not be written to ${path}. ${NOTHING_SAVED}`,
        'no-space',
        { cause: error },
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ExportError(
        `There is no permission to write ${path} (${code}). Choose another folder. ${NOTHING_SAVED}`,
        'permission',
        { cause: error },
      );
    case 'ENOENT':
    case 'ENOTDIR':
      // A folder that exists but takes no new files (/proc, a device's virtual folder) answers
      // ENOENT too: "does not exist" was wrong there.
      return new ExportError(
        isFolder(dirname(path))
          ? `No file can be created in the folder of ${path} (${code}). Choose another folder. ${NOTHING_SAVED}`
          : `The folder for ${path} does not exist. ${NOTHING_SAVED}`,
        'bad-destination',
        { cause: error },
      );
    case 'EISDIR':
      return new ExportError(
        `${path} is a folder; choose a file name. ${NOTHING_SAVED}`,
        'bad-destination',
        { cause: error },
      );
    default:
      return new ExportError(
        `Writing ${path} failed: ${message(error)}. ${NOTHING_SAVED}`,
        'write-failed',
        { cause: error },
      );
  }
}

export function readError(error: unknown): ExportError {
  if (error instanceof ExportError) return error;
  return new ExportError(
    `Reading the log failed: ${message(error)}. ${NOTHING_SAVED}`,
    'read-failed',
    {
      cause: error,
    },
  );
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}
