import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogOverview } from '../../../electron/ipc/contract';
import { call } from '../api';
import { jumpToTime, sourcePayload } from '../search/search-actions';
import { overviewScope, type OverviewScope } from '../files/run-part-words';
import { useRunPart } from '../store/files-store';
import { useLogSource, type LogSource } from '../store/log-source';
import { useTimeMode, zoneOf } from '../store/time-store';
import { drawOverview } from './draw-overview';
import { FALLBACK_WIDTH, stripColumns, timeAtX } from './overview-columns';
import { readPalette } from './palette';
import type { TimeRange } from './viewport';
import { formatTimestamp } from '../../../shared/time';
import { formatCount } from '../../../shared/format-count';

/** The live log's overview is asked for again at most this often while records come in. */
const LIVE_REFRESH_MS = 5000;
/**
 * A resized strip asks again for bins for its new width once it has been still this long (a
 * window dragged wider resizes it every frame).
 */
const RESIZE_SETTLE_MS = 250;
const STRIP_HEIGHT = 28;

/**
 * The whole log at a glance (or the one file of a run opened alone), above the timeline: records
 * over time from the log's index (main reads again only the few buckets its counts would smear, a
 * gap's or a burst's, up to a few tens of MB: electron/core/log-overview.ts, and sends one bin per
 * pixel column of the strip at most, which it asks with its width), problem records in the
 * failure colour, the timeline's visible window framed. Clicking or dragging moves the timeline there and brings that time's
 * rows into the log; arrow keys, Page Up/Down, Home and End do the same from the keyboard.
 */
export function Overview(props: {
  /**
   * Hands the timeline this strip's painter of the visible window, which it calls each time it
   * paints; returns the way to take it back.
   */
  register: (painter: (visible: TimeRange) => void) => () => void;
  /** Centre the timeline on a time (epoch ms), keeping its zoom. */
  centre: (t: number) => void;
}) {
  const source = useLogSource();
  // In the zone the log shows its times in: a strip saying 19:08 Z over a log at 20:08 +01:00
  // read as an hour apart.
  const zone = zoneOf(useTimeMode((t) => t.mode));
  const stamp = (ms: number | null): string =>
    ms === null ? '' : formatTimestamp(new Date(ms).toISOString(), zone);
  const version = source.store((s) => s.version);
  // One file of a run's several, opened alone, is not the whole log: the banner's note says so
  // (RunPartNote), and so does the strip, or it contradicted the note right below it.
  const run = useRunPart(source);
  const scope = overviewScope(run);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [overview, setOverview] = useState<LogOverview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The visible window's middle, to the second: what the slider says its value is. */
  const [centre, setCentre] = useState<number | null>(null);
  /** The time under the pointer (to the second), while it is over the strip. */
  const [pointed, setPointed] = useState<number | null>(null);
  /**
   * The strip's width in pixel columns, as main is asked for it: it answers with one bin per
   * column (however long the log), so a strip of another width asks again.
   */
  const [columns, setColumns] = useState<number | null>(null);
  const visible = useRef<TimeRange | null>(null);
  const lastAsked = useRef(0);
  /** The columns the last answer was asked for, the strip's now, and when it last changed. */
  const askedColumns = useRef<number | null>(null);
  const measured = useRef<number | null>(null);
  const resizedAt = useRef(0);
  const pending = useRef<number | null>(null);
  const dragging = useRef(false);

  const paint = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !overview) return;
    const width = canvas.clientWidth || FALLBACK_WIDTH;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
    if (canvas.height !== Math.round(STRIP_HEIGHT * dpr))
      canvas.height = Math.round(STRIP_HEIGHT * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const p = readPalette(canvas);
    drawOverview(
      ctx,
      overview,
      { width, height: STRIP_HEIGHT },
      { bg: p.bg, bars: p.muted, problem: p.cls.failed, window: p.focus, grid: p.grid },
      visible.current,
    );
  }, [overview]);

  const { register } = props;
  useEffect(() => {
    const unregister = register((range) => {
      visible.current = range;
      paint();
      setCentre(Math.round((range.t0 + range.t1) / 2000) * 1000);
    });
    paint();
    const canvas = canvasRef.current;
    const measure = () => {
      if (!canvas) return;
      const now = stripColumns(canvas.clientWidth);
      if (measured.current !== null && measured.current !== now) resizedAt.current = Date.now();
      measured.current = now;
      setColumns(now);
    };
    measure();
    const observer = new ResizeObserver(() => {
      measure();
      paint();
    });
    if (canvas) observer.observe(canvas);
    return () => {
      observer.disconnect();
      unregister();
    };
  }, [paint, register]);

  // Asked for on opening, again as the live log grows (not more than every few seconds), and
  // once the strip is resized, for its new width.
  useEffect(() => {
    const where = sourcePayload(source);
    if (!where || columns === null) return;
    const resized = askedColumns.current !== null && askedColumns.current !== columns;
    if (!source.live && lastAsked.current > 0 && !resized) return;
    const wait = resized
      ? resizedAt.current + RESIZE_SETTLE_MS - Date.now()
      : lastAsked.current + LIVE_REFRESH_MS - Date.now();
    const ask = () => {
      lastAsked.current = Date.now();
      askedColumns.current = columns;
      call('mbn:log-overview', { source: where, columns }).then(
        (answer) => {
          setOverview(answer);
          setProblem(null);
        },
        (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
      );
    };
    if (wait <= 0) {
      ask();
      return;
    }
    const timer = window.setTimeout(ask, wait);
    return () => window.clearTimeout(timer);
  }, [source, version, columns]);

  /** Moves the timeline at once; the log's rows follow when the gesture ends. */
  const moveTo = (t: number, commit: boolean) => {
    props.centre(t);
    pending.current = t;
    if (commit) {
      pending.current = null;
      void jumpToTime(source, t);
    }
  };

  const timeAtPointer = (clientX: number): number | null => {
    const canvas = canvasRef.current;
    if (!canvas || !overview) return null;
    const rect = canvas.getBoundingClientRect();
    return timeAtX(overview, rect.width, clientX - rect.left);
  };

  const centreNow = (): number | null => {
    if (!overview || overview.t0 === null || overview.t1 === null) return null;
    const v = visible.current;
    return v ? (v.t0 + v.t1) / 2 : overview.t0;
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLCanvasElement>) => {
    const now = centreNow();
    if (now === null || !overview || overview.t0 === null || overview.t1 === null) return;
    const whole = overview.t1 - overview.t0;
    const steps: Record<string, number> = {
      ArrowLeft: -whole / 50,
      ArrowRight: whole / 50,
      PageUp: -whole / 10,
      PageDown: whole / 10,
    };
    let t: number | null = null;
    if (event.key in steps) t = now + (steps[event.key] ?? 0);
    else if (event.key === 'Home') t = overview.t0;
    else if (event.key === 'End') t = overview.t1;
    if (t === null) return;
    event.preventDefault();
    event.stopPropagation();
    moveTo(Math.min(overview.t1, Math.max(overview.t0, t)), true);
  };

  const empty = !overview || overview.t0 === null || overview.t1 === null;
  // The strip is asked for again only every few seconds: its count lagged the log's ("110 records"
  // above "123 entries"), two counts of one log for a technician to doubt. The live run numbers
  // its entries in order, so those the window has past the last one counted are added.
  const records = (overview?.records ?? 0) + (source.live ? newSince(overview, source) : 0);
  // Its problems likewise: "2 with a problem" above a third failure in the log read as a miss.
  const problems =
    (overview?.problems ?? 0) +
    (source.live && overview ? source.model.problemsAfter(overview.lastSeq ?? 0) : 0);
  const label = empty
    ? `Overview of ${scope.about}: nothing with a time yet.`
    : `Overview of ${scope.about}: ${formatCount(records)} records from ${stamp(overview.t0)} to ${stamp(overview.t1)}, ${formatCount(problems)} with a problem (an outcome, an error or an outage). Click or use arrow keys, Page Up, Page Down, Home and End to go to a time.`;
  return (
    <div className="timeline-overview">
      <OverviewCaption scope={scope} counts={empty ? null : { records, problems }} />
      <span className="visually-hidden" id="timeline-overview-help">
        {label}
      </span>
      <canvas
        ref={canvasRef}
        className="timeline-overview-strip"
        style={{ height: STRIP_HEIGHT }}
        tabIndex={0}
        role="slider"
        aria-label={`${scope.caption} overview`}
        aria-describedby="timeline-overview-help"
        aria-valuemin={overview?.t0 ?? 0}
        aria-valuemax={overview?.t1 ?? 0}
        aria-valuenow={centre ?? overview?.t0 ?? 0}
        aria-valuetext={stamp(centre ?? overview?.t0 ?? null) || 'empty log'}
        data-records={records}
        data-problems={problems}
        data-bins={overview?.bins.length ?? 0}
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          const t = timeAtPointer(event.clientX);
          if (t === null) return;
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(t, false);
        }}
        // The time under the pointer, before a click goes there: the strip's ends alone said
        // where a click in its middle of a week would land.
        title={pointed === null ? undefined : `Go to ${stamp(pointed)}`}
        onPointerMove={(event) => {
          const t = timeAtPointer(event.clientX);
          setPointed(t === null ? null : Math.round(t / 1000) * 1000);
          if (!dragging.current) return;
          if (t !== null) moveTo(t, false);
        }}
        onPointerLeave={() => setPointed(null)}
        onPointerUp={(event) => {
          if (!dragging.current) return;
          dragging.current = false;
          const t = timeAtPointer(event.clientX) ?? pending.current;
          if (t !== null) moveTo(t, true);
        }}
        onPointerCancel={() => {
          dragging.current = false;
        }}
      />
      {problem ? (
        <p className="muted timeline-overview-problem" role="status">
          Overview unavailable: {problem}
        </p>
      ) : null}
    </div>
  );
}

/** What the strip covers and, once its overview has come, how many records and problems. */
export function OverviewCaption({
  scope,
  counts,
}: {
  scope: OverviewScope;
  counts: { records: number; problems: number } | null;
}) {
  return (
    <span className="timeline-overview-caption" id="timeline-overview-caption">
      {counts === null ? (
        scope.caption
      ) : (
        <>
          {scope.caption} · {formatCount(counts.records)}{' '}
          {counts.records === 1 ? 'record' : 'records'} ·{' '}
          <span className="overview-problem-mark" aria-hidden="true" />
          {/* Records, as the count before it: "4 problems" read as four requests where one
              overdue then given-up request is two of them. */}
          {formatCount(counts.problems)} with a problem
        </>
      )}
    </span>
  );
}

/** Entries the live window holds past the newest its overview counted. */
function newSince(overview: LogOverview | null, source: LogSource): number {
  return Math.max(0, (source.model.lastSeq ?? 0) - (overview?.lastSeq ?? 0));
}
