/**
 * The log's selected entry, read in full under the list (its columns cut long text short), and
 * copied as text or JSON; beside a line of entries not loaded, the line's action.
 */
import { failureMeaning } from '../../../shared/journal/record-text';
import { formatTimestamp } from '../../../shared/time';
import { loadHoleLabel } from '../files/window-note';
import { useLogSource } from '../store/log-source';
import type { Hole } from '../store/row-holes';
import { useTimeMode, zoneOf } from '../store/time-store';
import { nameIn } from './device-names';
import { entryAnswer } from './entry-answer';
import { useApp } from '../store/app-store';
import { rowOfSeq } from '../store/row-list';
import type { EntryCopy } from './use-entry-copy';

interface EntryDetailsProps {
  names: ReadonlyMap<string, string>;
  /** The line of entries not loaded beside the entry (its button, which Enter in the log does). */
  beside: Hole | null;
  /** Some line's entries are being brought in (one at a time). */
  busy: boolean;
  onLoad: (hole: Hole) => void;
  /** The log's copying of its selected entry (use-entry-copy.ts): the buttons and Ctrl+C. */
  copying: EntryCopy;
}

/**
 * The selected entry in full: the log's columns cut long text short. It can be copied; beside a
 * line of entries not loaded, they can be brought in from here too.
 */
export function EntryDetails({ names, beside, busy, onLoad, copying }: EntryDetailsProps) {
  const { model, store } = useLogSource();
  const seq = store((s) => s.selectedSeq);
  store((s) => s.version);
  const zone = zoneOf(useTimeMode((t) => t.mode));
  // What was copied, of which entry: said only beside that one (it stayed beside the next).
  const { copied, copy } = copying;
  const row = rowOfSeq(model.rows, seq);
  // Kept selected while a filter or search hides it (it is selected again when they are
  // cleared), but not read out here: under a search's one match, the line read the entry selected
  // before it, and its Copy copied that one.
  const hidden = row !== undefined && model.visible.indexOfSeq(row.seq) === -1;
  const name = row?.interfaceId ? nameIn(names, row.interfaceId) : undefined;
  // What a QUERY or SET was answered, decoded, as the report and the CLI show it; its identifiers
  // masked as the Commands panel masks them, until Show device IDs.
  const reveal = useApp((s) => s.revealDeviceIds);
  const answer = row === undefined ? undefined : entryAnswer(model.rows, row, reveal);
  return (
    <div className="entry-details" aria-label="Selected log entry" role="region">
      {row && hidden ? (
        <span className="muted">
          The selected entry, #{row.seq}, is hidden by the filters or search above. Select an entry
          in the list to read it in full.
        </span>
      ) : row ? (
        <>
          <span className="entry-copy">
            {beside ? (
              <button
                type="button"
                className="small"
                disabled={busy}
                onClick={() => onLoad(beside)}
              >
                {busy ? 'Loading…' : `${loadHoleLabel(beside)} (Enter)`}
              </button>
            ) : null}
            <button type="button" className="small" onClick={() => copy('text')}>
              Copy
            </button>
            <button type="button" className="small" onClick={() => copy('JSON')}>
              Copy JSON
            </button>
            <span role="status" className="muted">
              {copied?.seq === row.seq ? copied.words : null}
            </span>
          </span>
          <span className="mono">
            #{row.seq} {formatTimestamp(row.time, zone)}
          </span>{' '}
          {name ? `${name} · ` : ''}
          {row.serviceName ? `${row.serviceName} · ` : ''}
          {row.text}
          {failureMeaning(row.record, row.hresult)}
          {answer === undefined ? null : <span className="entry-answer">{answer}</span>}
        </>
      ) : (
        <span className="muted">
          Select an entry (click it, or Up and Down in the log) to read it in full.
        </span>
      )}
    </div>
  );
}
