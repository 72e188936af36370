/**
 * The search's hits, every row main sent, each a button that brings its entry into the log and
 * selects it. Only the rows in the box are drawn (hit-window.ts), and a row once drawn is not
 * drawn again while it stays the same: the progress events of a search of 142,000 matches came
 * 60 a second and redrew all 500 rows the list held each time (70-290 ms each).
 */
import { memo, useCallback, useMemo, useRef } from 'react';
import type { LogRow } from '../../../electron/ipc/contract';
import { ENTRY_SEPARATOR, entryLine } from '../../../shared/journal/entry-line';
import { formatTimestamp, type TimeZoneChoice } from '../../../shared/time';
import { OutcomePill } from '../components/OutcomePill';
import { DeviceName } from '../components/DeviceName';
import { logDeviceNames, nameIn } from '../components/device-names';
import { useApp } from '../store/app-store';
import type { LogSource } from '../store/log-source';
import { useTimeMode, zoneOf } from '../store/time-store';
import { jumpToRow } from './search-actions';
import { useHitWindow } from './hit-window';
import { searchStoreOf } from './search-store';

export const HitList = memo(function HitList(props: {
  source: LogSource;
  /** The boxes ask something else now: the hits are dimmed. */
  stale: boolean;
  /** After a jump: brings the log into view. */
  onJumped: () => void;
}) {
  const { source, onJumped } = props;
  const store = searchStoreOf(source);
  const hits = store((s) => s.hits);
  const jumpedTo = store((s) => s.jumpedTo);
  // Each hit is numbered by its place in the list, after those the searches before this one
  // listed (newest first, the newer ones): the count line numbers them as the log orders them.
  const before = store((s) => s.page.before);
  const zone = zoneOf(useTimeMode((s) => s.mode));
  // Each hit names its modem as the log's rows do: a week's search mixes every modem's entries.
  const devices = useApp((s) => s.devices);
  const version = source.store((s) => s.version);
  const names = useMemo(
    () => logDeviceNames(devices, source.model.places, source.live),
    // The log's places grow as its rows come in (`version`).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [devices, source, version],
  );
  const box = useRef<HTMLDivElement>(null);
  const { window: shown, onScroll } = useHitWindow(box, hits.length);
  const onJump = useCallback(
    (seq: number) => void jumpToRow(source, seq).then(() => requestAnimationFrame(onJumped)),
    [source, onJumped],
  );
  // The box scrolls; the list in it is as tall as every hit, its padding where none is drawn.
  return (
    <div ref={box} className={`search-hits${props.stale ? ' is-stale' : ''}`} onScroll={onScroll}>
      <ol
        aria-label="Matches: choose one to show it in the log"
        style={{ paddingTop: shown.above, paddingBottom: shown.below }}
      >
        {hits.slice(shown.first, shown.last).map((row, i) => (
          <li
            key={row.seq}
            aria-setsize={before + hits.length}
            aria-posinset={before + shown.first + i + 1}
          >
            <Hit
              row={row}
              device={row.interfaceId ? nameIn(names, row.interfaceId) : undefined}
              zone={zone}
              current={row.seq === jumpedTo}
              onJump={onJump}
            />
          </li>
        ))}
      </ol>
    </div>
  );
});

const Hit = memo(function Hit(props: {
  row: LogRow;
  device: string | undefined;
  zone: TimeZoneChoice;
  current: boolean;
  onJump: (seq: number) => void;
}) {
  const { row, device, onJump } = props;
  return (
    <button
      type="button"
      className={`search-hit${props.current ? ' is-current' : ''}`}
      aria-current={props.current ? 'true' : undefined}
      onClick={() => onJump(row.seq)}
    >
      <span className="mono search-hit-row">#{row.seq}</span>
      <span className="mono">{formatTimestamp(row.time, props.zone)}</span>
      <span className="search-hit-outcome">
        <OutcomePill row={row} />
      </span>
      <span className="search-hit-text" title={entryLine([device, row.serviceName, row.text])}>
        {device ? (
          <>
            <DeviceName name={device} />
            {ENTRY_SEPARATOR}
          </>
        ) : null}
        {row.serviceName ? `${row.serviceName}${ENTRY_SEPARATOR}` : ''}
        {row.text}
      </span>
    </button>
  );
});
