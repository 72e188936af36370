/**
 * What the search panel says of the entry Go to time went to, while it is the one selected: that
 * the log had no entry at the time asked (where it went instead), or that the clock showed that
 * time more than once (set back in between: a time sync on a kiosk whose clock ran fast), which
 * one this is and a way to the others. Without that, the first was shown as the only one, and a
 * technician asked about 10:45 read an hour that was not the customer's.
 */
import { formatTimestamp, type TimeZoneChoice } from '../../../shared/time';
import type { LogSource } from '../store/log-source';
import { jumpToTimeAgain } from './search-actions';
import { jumpToTimeInRun } from './open-other-run';
import type { TimeNote as Note } from './search-store';

const ORDINALS = ['first', 'second', 'third', 'fourth'];
const ordinal = (i: number): string => ORDINALS[i] ?? `${String(i + 1)}th`;
const timesWord = (n: number): string => (n === 2 ? 'twice' : `${String(n)} times`);

export function TimeNote({
  note,
  source,
  zone,
  onWent,
}: {
  note: Note;
  source: LogSource;
  zone: TimeZoneChoice;
  /** After going to another of the times: brings the log into view. */
  onWent: (went: boolean) => void;
}) {
  const asked = formatTimestamp(note.asked, zone);
  const found = formatTimestamp(note.found, zone);
  const at = note.times.indexOf(note.seq);
  if (note.times.length > 1 && at !== -1) {
    const off = Math.abs(Date.parse(note.found) - Date.parse(note.asked)) >= 1000;
    return (
      <span className="search-time-again">
        {`The clock showed ${asked} ${timesWord(note.times.length)} in this log: it was set back in between. This is the ${ordinal(at)} time${off ? `, at ${found}` : ''}.`}{' '}
        {note.times.map((row, i) =>
          i === at ? null : (
            <button
              key={row}
              type="button"
              onClick={() => void jumpToTimeAgain(source, row).then(onWent)}
            >
              {/* The row's number as the log's # column writes it. */}
              Show the {ordinal(i)}, #{row}
            </button>
          ),
        )}
      </span>
    );
  }
  const inRun = note.inRun;
  return (
    <span>
      {note.pastEnd
        ? `The log ends before ${asked}: this is its last entry, at ${found}.`
        : `The first entry after ${asked} is this one, at ${found}.`}
      {/* Another run of the folder holds that time (a week's runs, one a night): said, and
          offered, rather than an entry days away taken for the moment asked. */}
      {inRun ? (
        <>
          {` That time is in run ${String(inRun.place)} of ${String(inRun.of)}${inRun.startedAt ? `, started ${formatTimestamp(inRun.startedAt, zone).slice(0, 16)}` : ''}.`}{' '}
          <button type="button" onClick={() => void jumpToTimeInRun(source).then(onWent)}>
            Open run {inRun.place} at that time
          </button>
        </>
      ) : null}
    </span>
  );
}
