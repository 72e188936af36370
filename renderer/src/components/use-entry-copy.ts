/**
 * Copying the log's selected entry, as text a ticket can take or as JSON: from the entry's Copy
 * buttons, and from Ctrl+C (⌘C) in the log, which copied nothing when no text was selected
 * (copying a line into a ticket is a technician's commonest action). What was copied, of which
 * entry, is said beside the buttons.
 */
import { useState } from 'react';
import { useApp } from '../store/app-store';
import { useLogSource } from '../store/log-source';
import { rowOfSeq } from '../store/row-list';
import { useTimeMode, zoneOf } from '../store/time-store';
import { copyText, entryJson, entryText } from './copy-text';
import { nameIn } from './device-names';
import { entryAnswer } from './entry-answer';

type CopyForm = 'text' | 'JSON';

export interface EntryCopy {
  /** What was copied last, of which entry (said only beside that one). */
  copied: { seq: number; words: string } | null;
  copy: (what: CopyForm) => void;
}

export function useEntryCopy(names: ReadonlyMap<string, string>): EntryCopy {
  const { model, store } = useLogSource();
  const seq = store((s) => s.selectedSeq);
  const zone = zoneOf(useTimeMode((t) => t.mode));
  const reveal = useApp((s) => s.revealDeviceIds);
  const [copied, setCopied] = useState<EntryCopy['copied']>(null);
  const copy = (what: CopyForm) => {
    const row = rowOfSeq(model.rows, seq);
    // Not one the filters hide: its line is not read out either (EntryDetails).
    if (!row || model.visible.indexOfSeq(row.seq) === -1) return;
    const name = row.interfaceId ? nameIn(names, row.interfaceId) : undefined;
    const text =
      what === 'text'
        ? entryText(row, name, zone, reveal, entryAnswer(model.rows, row, reveal))
        : entryJson(row, name, reveal);
    void copyText(text).then((ok) => {
      setCopied({
        seq: row.seq,
        words: ok
          ? `Copied #${String(row.seq)} as ${what}${reveal ? '' : ', personal identifiers masked'}.`
          : 'The clipboard is not available.',
      });
    });
  };
  return { copied, copy };
}
