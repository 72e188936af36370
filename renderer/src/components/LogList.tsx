import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import type { LogRow } from '../../../electron/ipc/contract';
import { isTroubleRecord } from '../../../shared/journal/record';
import { failureMeaning } from '../../../shared/journal/record-text';
import { NOT_LOADED } from '../../../shared/log-window';
import { formatDuration } from '../../../shared/time';
import { broughtInNote, steppedOverNote } from '../files/window-note';
import { KIND_LABELS } from '../../../shared/journal/kind-labels';
import { OutcomePill, type StillReading } from './OutcomePill';
import { jumpToEnd, loadHole } from '../search/search-actions';
import { setFollowing } from '../store/actions';
import { useApp } from '../store/app-store';
import { useFiles } from '../store/files-store';
import { LogLines } from '../store/log-lines';
import { passingReading, useLogSource } from '../store/log-source';
import type { Hole } from '../store/row-holes';
import { TIME_MODE_HEADINGS, useTimeMode } from '../store/time-store';
import { DeviceName } from './DeviceName';
import { namesColumnWidth } from './column-width';
import { logDeviceNames, nameIn } from './device-names';
import { useEntryCopy } from './use-entry-copy';
import { EntryDetails } from './EntryDetails';
import { HoleLine } from './HoleLine';
import { SentTimes, timeCell } from './log-times';
import { useFixedRows } from './use-fixed-rows';

const ROW_HEIGHT = 26;
/** More than the rows a window can show plus overscan, so slot keys never collide. */
const SLOTS = 256;
/** The row the view keeps in place (LogList), where it was, and the selection when it was. */
interface Anchor {
  seq: number;
  slot: number;
  /** How far the box was scrolled then. */
  top: number;
  selectedSeq: number | null;
}
/** An entry selected this close to the rows on screen is kept with them (LogModel.reading). */
const NEAR_ROWS = 2000;
/** What Enter does beside a line that says where entries are not loaded. */
const LINE_KEY = ` (Enter beside a line of entries ${NOT_LOADED} loads them)`;

/**
 * The rows, virtualized (only what is on screen is in the DOM). Follows new rows while the view
 * is at the bottom; scrolling up pauses it, and "Back to live" (or End) resumes. Where the
 * rows do not follow on, a line between them says how many are not loaded and brings them
 * in (./HoleLine.tsx); the list's slots are its lines (../store/log-lines.ts), rows and those.
 */
export function LogList() {
  const source = useLogSource();
  const { model, store } = source;
  const version = store((s) => s.version);
  const following = store((s) => s.following);
  const devices = useApp((s) => s.devices);
  const selectedSeq = store((s) => s.selectedSeq);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = model.visible;
  const loadingHole = store((s) => s.loadingHole);
  const holeError = store((s) => s.holeError);
  const broughtIn = store((s) => s.broughtIn);
  // The line the keys last stepped over, said to a screen reader: the entries either side of it
  // are thousands apart, and nothing else says so to someone who cannot see the line.
  const [steppedOver, setSteppedOver] = useState<Hole | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  // The live log has holes too: the rows a jump or a page brought in are kept beside the newest
  // (LogModel.insert), thousands of entries apart. Drawn without a line, #600 read as followed by
  // #23000. A reconnect's hole is closed by itself (actions.ts fillHole): its line says so meanwhile.
  const holes = model.holes();
  const stillReading = passingReading(source);
  const lines = useMemo(() => new LogLines(rows, holes), [rows, holes]);
  const timeMode = useTimeMode((t) => t.mode);
  const [sentTimes] = useState(() => new SentTimes());
  if (timeMode === 'since-sent') sentTimes.update(model.rows);

  // Following live, the rows drawn are the last (the box is scrolled there below): read from the
  // scroll last seen, a busy log's box showed none for seconds on end, each batch of a few hundred
  // rows drawn where the box had been a batch before, and none after a full window dropped its
  // oldest rows.
  const { window: shown, onScroll: trackScroll } = useFixedRows(
    scrollRef,
    lines.length,
    ROW_HEIGHT,
    4,
    following && source.live,
  );

  useLayoutEffect(() => {
    // Written without reading the layout first: the browser clamps it to the bottom.
    const el = scrollRef.current;
    if (following && el) el.scrollTop = lines.length * ROW_HEIGHT;
  }, [version, following, lines.length]);

  // The box changing size (a window resize, the services table growing above) keeps the newest
  // row in view while following: only the technician's own scrolling may pause the log. Paused,
  // the entry selected stays whole in view where it was: hiding the search (the box half as tall
  // again) left the entry a technician had just jumped to half under the box's edge.
  const followingRef = useRef(following);
  useLayoutEffect(() => {
    followingRef.current = following;
  }, [following]);
  const keepSelected = useRef<(heightBefore: number) => void>(() => undefined);
  useLayoutEffect(() => {
    keepSelected.current = (heightBefore) => {
      const el = scrollRef.current;
      const index = selectedSeq === null ? -1 : rows.indexOfSeq(selectedSeq);
      if (!el || index < 0) return;
      const top = lines.slotOfRow(index) * ROW_HEIGHT;
      const bottom = top + ROW_HEIGHT;
      const wasWhole = top >= el.scrollTop && bottom <= el.scrollTop + heightBefore;
      if (wasWhole && bottom > el.scrollTop + el.clientHeight)
        el.scrollTop = Math.min(top, bottom - el.clientHeight);
    };
  });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let height = el.clientHeight;
    const observer = new ResizeObserver(() => {
      if (followingRef.current) el.scrollTop = el.scrollHeight;
      else keepSelected.current(height);
      height = el.clientHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const userScroll = useUserScroll();

  // What the technician reads stays where it is on screen when entries come in or go before it:
  // the entry selected, if on screen, else the top row. A large saved log's newest rows, taken in
  // at once before the rows a jump brought in while it loaded, moved the entry jumped to out from
  // under the technician; a paused live log dropping its oldest rows moved the rows read up and
  // away. Counted in slots: the lines between rows come and go with them.
  const anchor = useRef<Anchor | null>(null);
  const anchorNow = (): Anchor | null => {
    const el = scrollRef.current;
    if (!el || rows.length === 0) return null;
    const index = selectedSeq === null ? -1 : rows.indexOfSeq(selectedSeq);
    const top = lines.slotOfRow(index) * ROW_HEIGHT;
    const onScreen =
      index >= 0 && top + ROW_HEIGHT > el.scrollTop && top < el.scrollTop + el.clientHeight;
    const row = onScreen ? index : lines.rowAtOrAfter(Math.floor(el.scrollTop / ROW_HEIGHT));
    const seq = rows.seqAt(row);
    return seq === undefined
      ? null
      : { seq, slot: lines.slotOfRow(row), top: el.scrollTop, selectedSeq };
  };
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = anchor.current;
    const index = before ? rows.indexOfSeq(before.seq) : -1;
    // A new selection (a jump, a line's entries brought in) is placed by what made it.
    const kept = el && !following && before && before.selectedSeq === selectedSeq ? before : null;
    if (el && kept && index >= 0) {
      const slot = lines.slotOfRow(index);
      if (slot !== kept.slot) {
        el.scrollTop += (slot - kept.slot) * ROW_HEIGHT;
        // The rows there drawn before the browser paints: drawn on the scroll event a frame
        // later, the box showed for that frame the slots the rows had left, empty.
        trackScroll();
      }
    } else if (el && kept && rows.length > 0) {
      // The row read is gone (a filter left it out): the next row shown after it takes its place
      // on screen. Left to the browser, a technician reading Monday's entries who chose Failed
      // was put at the list's end (the box clamped to its new height), on Friday's failures, and
      // counted as following it. From the scroll the row was read at: the browser has clamped
      // the box's own since.
      const next = Math.min(rows.firstAtLeast(kept.seq), rows.length - 1);
      el.scrollTop = kept.top + (lines.slotOfRow(next) - kept.slot) * ROW_HEIGHT;
      trackScroll();
    }
    anchor.current = following ? null : anchorNow();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- anchorNow reads these same values
  }, [version, rows, lines, selectedSeq, following]);

  // The rows a paused live log has on screen, and the entry selected near them, stay in its window
  // as the newest go on coming (LogModel.reading); following, the window drops its oldest.
  useEffect(() => {
    if (!source.live) return;
    const first = lines.rowAtOrAfter(shown.first);
    const last = lines.rowAtOrBefore(shown.last - 1);
    const selected = selectedSeq === null ? -1 : rows.indexOfSeq(selectedSeq);
    const near = selected >= 0 && selected > first - NEAR_ROWS && selected < last + NEAR_ROWS;
    const from = rows.seqAt(near ? Math.min(first, selected) : first);
    const to = rows.seqAt(near ? Math.max(last, selected) : last);
    model.reading(
      following || from === undefined || to === undefined ? null : { fromSeq: from, toSeq: to },
    );
  }, [source.live, model, following, rows, lines, shown.first, shown.last, selectedSeq]);

  // A selection made elsewhere (the timeline) scrolls its row into view, and a live log stops
  // following, even with the row in view: following, the box shrinking as the timeline's details
  // opened took the log back down to its newest rows, and the row picked was a sliver under the
  // headings (a technician's review at 1366x697).
  const pickedHere = useRef<number | null>(null);
  useEffect(() => {
    const el = scrollRef.current;
    if (selectedSeq === null || !el) return;
    const index = rows.indexOfSeq(selectedSeq);
    if (index < 0) return;
    const top = lines.slotOfRow(index) * ROW_HEIGHT;
    if (top >= el.scrollTop && top + ROW_HEIGHT <= el.scrollTop + el.clientHeight) {
      // In view: only a live log picked from elsewhere stops (a saved log's rows do not move on).
      if (source.live && pickedHere.current !== selectedSeq) setFollowing(false, source);
      return;
    }
    setFollowing(false, source);
    el.scrollTop = Math.max(0, top - el.clientHeight / 2);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the selection changes
  }, [selectedSeq]);

  const onScroll = () => {
    trackScroll();
    const el = scrollRef.current;
    if (!el) return;
    if (!following) anchor.current = anchorNow();
    const mine = userScroll.recent();
    // Where the technician scrolled to, the timeline opens (../timeline/opening-view.ts).
    if (mine) {
      const top = rows.seqAt(lines.rowAtOrAfter(Math.floor(el.scrollTop / ROW_HEIGHT))) ?? null;
      if (top !== store.getState().scrolledSeq) store.setState({ scrolledSeq: top });
    }
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= ROW_HEIGHT / 2;
    if (atBottom) setFollowing(true, source);
    else if (mine) setFollowing(false, source);
    // A scroll nobody asked for (the box shrank, rows were paged in) while following: back down.
    else if (following) el.scrollTop = el.scrollHeight;
  };

  const names = logDeviceNames(devices, model.places, source.live);
  const copying = useEntryCopy(names);
  // The Device and Service columns as wide as the names the log's rows give (./column-width.ts),
  // measured in a row's own font once the rows are drawn; the stylesheet bounds them.
  const tableRef = useRef<HTMLDivElement>(null);
  const devicesNamed = [...model.places.devices.values()];
  const rowNames = devicesNamed.map((d) => nameIn(names, d.interfaceId)).join('\n');
  const serviceNames = [...new Set(devicesNamed.flatMap((d) => [...d.services.values()]))].join(
    '\n',
  );
  const drawn = rows.length > 0;
  useLayoutEffect(() => {
    const table = tableRef.current;
    const cell = table?.querySelector('.log-scroll .log-device');
    if (!table || !cell) return;
    // DeviceName puts 0.3em between the model and the end, beside the space.
    const device = namesColumnWidth(rowNames.split('\n'), cell, 0.3);
    if (device !== null) table.style.setProperty('--device-width', `${String(device)}px`);
    const service = namesColumnWidth(serviceNames.split('\n'), cell);
    if (service !== null) table.style.setProperty('--service-width', `${String(service)}px`);
  }, [rowNames, serviceNames, drawn]);
  const select = (seq: number | null) => {
    pickedHere.current = seq;
    store.setState({ selectedSeq: seq });
  };
  /** Whether the saved log is read to its end and its last entry is among the rows drawn. */
  const lastEntryDrawn = () =>
    source.ended() && rows.seqAt(rows.length - 1) === useFiles.getState().saved?.count;
  // The line beside the entry selected: its button is drawn only while the line is on screen,
  // and a screen reader stepping with Up and Down heard neither the line nor the button.
  const beside = lines.holeBeside(selectedSeq === null ? -1 : rows.indexOfSeq(selectedSeq));

  // Up and Down move the selection through the shown entries and keep it in view: over a hole's
  // line, from the entry before it to the one after (the line scrolls into view with them). From
  // a line's button they step to the entry after it or before it, and the keys go back to the log.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = scrollRef.current;
    const fromLine =
      e.target instanceof Element ? e.target.closest<HTMLElement>('.log-hole') : null;
    if (e.key === 'Escape') {
      select(null);
      return;
    }
    // Ctrl+C (⌘C) with no text selected: the selected entry, as its Copy button copies it.
    if (
      (e.ctrlKey || e.metaKey) &&
      !e.altKey &&
      e.key.toLowerCase() === 'c' &&
      !fromLine &&
      (window.getSelection()?.isCollapsed ?? true)
    ) {
      e.preventDefault();
      copying.copy('text');
      return;
    }
    // On the log itself (a line's button answers Enter as a button does).
    if (e.key === 'Enter' && !fromLine && beside) {
      e.preventDefault();
      bringIn(beside);
      return;
    }
    // End on a saved log whose last entry is not drawn (a week-long log still being read, or
    // more of it than the window keeps) goes to it, as Go to the end does: the browser's own End
    // stopped at the last row drawn, #760000 of 1,000,000, a day and a half short, and stayed
    // there with nothing saying so. If the jump fails, the last row drawn.
    if (e.key === 'End' && !source.live && !lastEntryDrawn()) {
      e.preventDefault();
      void jumpToEnd(source).then((went) => {
        if (!went && el) el.scrollTop = el.scrollHeight;
      });
      return;
    }
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    if (fromLine) el?.focus({ preventScroll: true });
    if (rows.length === 0) return;
    const up = e.key === 'ArrowUp';
    let next: number;
    if (fromLine) {
      const before = lines.rowAtOrBefore(Number(fromLine.dataset.slot));
      next = up ? before : before + 1;
    } else {
      const current = selectedSeq === null ? -1 : rows.indexOfSeq(selectedSeq);
      const start = current < 0 ? lines.rowAtOrBefore(shown.last - 1) : current;
      next = start + (up ? -1 : 1);
    }
    next = Math.max(0, Math.min(rows.length - 1, next));
    select(rows.seqAt(next) ?? null);
    // The slot the keys came from, next to the entry now selected: a line there was stepped over.
    const passed = fromLine ? null : lines.at(lines.slotOfRow(next) + (up ? 1 : -1));
    setSteppedOver(passed && 'hole' in passed ? passed.hole : null);
    if (!el) return;
    const top = lines.slotOfRow(next) * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };
  // A hole's rows come in where its line was, the first selected: the keys go on from there (the
  // button pressed leaves with the line, or with the selected entry's details).
  function bringIn(hole: Hole) {
    setSteppedOver(null);
    void loadHole(source, hole).then((seq) => {
      const el = scrollRef.current;
      const active = document.activeElement;
      const ours = active === document.body || bodyRef.current?.contains(active) === true;
      if (seq !== null && el && ours) el.focus({ preventScroll: true });
    });
  }
  // The # column as wide as the largest number shown: a week-long log's 1,000,000 read "10000…"
  // in a column made for five digits.
  const seqDigits = Math.max(5, String(rows.seqAt(rows.length - 1) ?? 0).length);
  return (
    <div className="log-body" ref={bodyRef}>
      <div
        ref={tableRef}
        className="log-table"
        role="table"
        aria-label="Session log"
        aria-rowcount={lines.length + 1}
        style={{ '--seq-digits': seqDigits } as CSSProperties}
      >
        <div role="rowgroup" className="log-head">
          <div role="row" className="log-row" aria-rowindex={1}>
            <span role="columnheader" className="log-seq">
              #
            </span>
            <span role="columnheader">{TIME_MODE_HEADINGS[timeMode]}</span>
            <span role="columnheader">Device</span>
            <span role="columnheader">Service</span>
            <span role="columnheader" className="log-kind">
              Kind
            </span>
            <span role="columnheader">Outcome</span>
            <span role="columnheader">Details</span>
          </div>
        </div>
        <div
          id="log"
          ref={scrollRef}
          className="log-scroll"
          role="rowgroup"
          tabIndex={0}
          // A saved log has no live to return to: End goes to its last entry there.
          aria-label={`${source.live ? 'Session log' : 'Saved log'} entries: Up and Down select an entry${LINE_KEY}, Page Up and Page Down scroll, End ${source.live ? 'returns to live' : 'goes to the last entry'}`}
          onScroll={onScroll}
          onKeyDown={(e) => {
            userScroll.mark();
            onKeyDown(e);
          }}
          onWheel={userScroll.mark}
          onPointerDown={userScroll.hold}
          onPointerUp={userScroll.release}
          onPointerCancel={userScroll.release}
          onTouchMove={userScroll.mark}
        >
          <div style={{ height: shown.totalHeight, position: 'relative' }}>
            {slotsBetween(shown.first, shown.last).map((slot) => {
              const line = lines.at(slot);
              if (line && 'hole' in line)
                return (
                  <HoleLine
                    key={slot % SLOTS}
                    hole={line.hole}
                    live={source.live}
                    slot={slot}
                    top={slot * ROW_HEIGHT}
                    height={ROW_HEIGHT}
                    loading={loadingHole === line.hole.fromSeq}
                    busy={loadingHole !== null}
                    error={holeError?.fromSeq === line.hole.fromSeq ? holeError.message : null}
                    onLoad={bringIn}
                  />
                );
              const index = line?.row ?? -1;
              const row = rows.at(index);
              if (!row) return null;
              return (
                // Keyed by screen slot, not by entry: as the log scrolls, each slot's elements are
                // kept and only their text changes, instead of rows being torn down and rebuilt.
                <Row
                  key={slot % SLOTS}
                  row={row}
                  slot={slot}
                  top={slot * ROW_HEIGHT}
                  time={timeCell(timeMode, rows, index, sentTimes)}
                  device={row.interfaceId ? nameIn(names, row.interfaceId) : ''}
                  selected={row.seq === selectedSeq}
                  still={model.saysStill(row.seq) ? stillReading : undefined}
                  onSelect={select}
                />
              );
            })}
          </div>
          {rows.length === 0 ? (
            <p className="empty">
              {model.rows.length === 0 ? 'Nothing logged yet.' : 'No entries match the filters.'}
            </p>
          ) : null}
        </div>
      </div>
      {/* Where a line's entries came in, a screen reader hears which (the line is gone). */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {steppedOver
          ? steppedOverNote(steppedOver, source.live)
          : broughtIn
            ? broughtInNote(broughtIn)
            : null}
      </p>
      <EntryDetails
        names={names}
        beside={beside}
        busy={loadingHole !== null}
        onLoad={bringIn}
        copying={copying}
      />
    </div>
  );
}

/** The slots `from` up to (not including) `to`: what a screen shows. */
function slotsBetween(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** How long after a wheel turn or key press its scroll events still count as the user's. */
const USER_SCROLL_MS = 600;

/**
 * Whether a scroll came from the technician (wheel, keys, dragging the scrollbar, touch) rather
 * than from layout (a resize, rows arriving): only theirs may pause following live.
 */
function useUserScroll() {
  const [tracker] = useState(() => {
    let at = -Infinity;
    let held = false;
    return {
      mark: () => {
        at = performance.now();
      },
      hold: () => {
        held = true;
        at = performance.now();
      },
      release: () => {
        held = false;
        at = performance.now();
      },
      recent: () => held || performance.now() - at < USER_SCROLL_MS,
    };
  });
  return tracker;
}

interface RowProps {
  row: LogRow;
  /** Its slot in the list (./HoleLine.tsx lines take slots too). */
  slot: number;
  top: number;
  time: string;
  device: string;
  selected: boolean;
  /** Its sending or waiting is still true (OutcomePill). */
  still: StillReading | undefined;
  onSelect: (seq: number) => void;
}

function Row({ row, slot, top, time, device, selected, still, onSelect }: RowProps) {
  const latency = row.latencyMs === null ? '' : ` · ${formatDuration(row.latencyMs)}`;
  return (
    <div
      role="row"
      aria-rowindex={slot + 2}
      className={`log-row outcome-${row.outcome ?? 'none'}${isTroubleRecord(row.record) ? ' is-trouble' : ''}${selected ? ' is-selected' : ''}`}
      data-seq={row.seq}
      onClick={() => onSelect(row.seq)}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <span role="cell" className="mono log-seq">
        {row.seq}
      </span>
      <span role="cell" className="mono" title={row.time}>
        {time}
      </span>
      <span role="cell" className="log-device">
        <DeviceName name={device} />
      </span>
      <span role="cell" className="log-service" title={row.serviceName ?? undefined}>
        {row.serviceName ?? ''}
      </span>
      <span role="cell" className="log-kind">
        {KIND_LABELS[row.kind]}
      </span>
      <span role="cell">
        <OutcomePill row={row} still={still} />
      </span>
      <span role="cell" className="log-text" title={row.text}>
        {row.text}
        {failureMeaning(row.record, row.hresult)}
        {row.kind === 'completion' ? '' : latency}
      </span>
    </div>
  );
}
