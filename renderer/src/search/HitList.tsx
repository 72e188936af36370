/**
 * The search's hits, every row main sent, each a button that brings its entry into the log and
 * selects it. Only the rows in the box are drawn (hit-window.ts), and a row once drawn is not
 * drawn again while it stays the same: the progress events of a search of 142,000 matches came
 * 60 a second and redrew all 500 rows the list held each time (70-290 ms each).
 */
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
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
  // One Tab stop for the whole list, the keys moving between its hits: a Tab per hit took 5,000
  // presses to get past a page of them, and End or PageDown scrolled the focused hit out of the
  // list's drawn rows, and focus with it to the page.
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, hits.length - 1));
  // The Tab stop is a drawn hit: the one last focused where it is drawn, else the first drawn (a
  // new search's list, or one scrolled by the wheel, would otherwise have none Tab could reach).
  const tabStop = current >= shown.first && current < shown.last ? current : shown.first;
  const wantFocus = useRef(false);
  const onFocusHit = useCallback((index: number) => setActive(index), []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = box.current;
    if (!el || hits.length === 0) return;
    const rowPx = el.querySelector('li')?.getBoundingClientRect().height || 24;
    const page = Math.max(1, Math.floor(el.clientHeight / rowPx) - 1);
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -hits.length,
      End: hits.length,
    };
    const step = steps[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(hits.length - 1, current + step));
    // Scrolled to first, so the list draws it; focused once drawn (below).
    const top = next * rowPx;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowPx > el.scrollTop + el.clientHeight)
      el.scrollTop = top + rowPx - el.clientHeight;
    wantFocus.current = true;
    setActive(next);
  };
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    const hit = box.current?.querySelector<HTMLElement>(`[data-hit="${String(current)}"]`);
    if (!hit) return;
    hit.focus({ preventScroll: true });
    // Where the estimate above put it (within a row, drawn): now exactly in the box.
    hit.closest('li')?.scrollIntoView({ block: 'nearest' });
    wantFocus.current = false;
  });
  // The box scrolls; the list in it is as tall as every hit, its padding where none is drawn.
  return (
    <div
      ref={box}
      className={`search-hits${props.stale ? ' is-stale' : ''}`}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
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
              index={shown.first + i}
              tabbable={shown.first + i === tabStop}
              device={row.interfaceId ? nameIn(names, row.interfaceId) : undefined}
              zone={zone}
              current={row.seq === jumpedTo}
              onJump={onJump}
              onFocus={onFocusHit}
            />
          </li>
        ))}
      </ol>
    </div>
  );
});

const Hit = memo(function Hit(props: {
  row: LogRow;
  /** Its place in the list; the one hit Tab stops at (the others are reached by the keys). */
  index: number;
  tabbable: boolean;
  device: string | undefined;
  zone: TimeZoneChoice;
  current: boolean;
  onJump: (seq: number) => void;
  onFocus: (index: number) => void;
}) {
  const { row, device, onJump, onFocus, index } = props;
  return (
    <button
      type="button"
      className={`search-hit${props.current ? ' is-current' : ''}`}
      aria-current={props.current ? 'true' : undefined}
      tabIndex={props.tabbable ? 0 : -1}
      data-hit={index}
      onFocus={() => onFocus(index)}
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
