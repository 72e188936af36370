import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { copyText, maskedJson } from '../components/copy-text';
import { logDeviceNames, nameIn } from '../components/device-names';
import { useApp } from '../store/app-store';
import { useLogSource } from '../store/log-source';
import { useTimeMode, zoneOf } from '../store/time-store';
import { drawTimeline } from './draw';
import { AXIS_HEIGHT, LANE_HEIGHT, type Viewport } from './geometry';
import { readPalette } from './palette';
import { DenseText, MarkText, NotLoadedText, SpanText } from './SpanDetails';
import { Legend } from './Legend';
import { laneName } from './timeline-lanes';
import { TimelineModel, type TimelineSpan } from './timeline-model';
import { useTimelineInput, type TimelineHover } from './use-timeline-input';
import { followLive, type TimeRange } from './viewport';
import { islandView } from './island-view';
import { openingRange, readSeq } from './opening-view';
import { Overview } from './Overview';
import { jumpToRow, jumpToTime } from '../search/search-actions';
import { OUTCOME_WORDS, requestIdText, shownCode } from '../../../shared/request/words';
import './timeline.css';
import { countOf } from '../../../shared/format-count';

/** How long one slice of folding a jump's rows in again may hold the main thread. */
const REBUILD_SLICE_MS = 12;

/**
 * Requests in time, one lane per device service under its device, on a canvas. Selection is the
 * log's (`selectedSeq` in the log store), so a span picked here is the row picked in the log and
 * the reverse. Wheel zooms (ctrl+wheel, a touchpad pinch, too), shift+wheel and drag pan, and the
 * keys are listed beside the buttons.
 */
export function Timeline() {
  const source = useLogSource();
  const { store } = source;
  const version = source.store((s) => s.version);
  const selectedSeq = source.store((s) => s.selectedSeq);
  const revealIds = useApp((s) => s.revealDeviceIds);
  const devices = useApp((s) => s.devices);
  // One model per mounted timeline; each view (live, saved log) mounts its own.
  const [model] = useState(() => new TimelineModel());
  // Which stretch the log is read in (its first seq): the opening view follows it, a scroll of
  // the log drawing the timeline again only when it crosses into another stretch.
  const readStretch = store((s) => model.loadedAround(readSeq(s)).firstSeq);
  // What the next paint draws as selected: set after render, read by the frame callback.
  const paintedSelectionRef = useRef<TimelineSpan | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const range = useRef<TimeRange | null>(null);
  const view = useRef<Viewport>({ t0: 0, t1: 1, width: 800, height: 200 });
  const frame = useRef(0);
  /** False until someone moves the view: until then it is all the requests, as they grow. */
  const moved = useRef(false);
  const selectedText = useRef<HTMLDivElement>(null);
  const pickedHere = useRef<number | null>(null);
  const [follow, setFollow] = useState(source.live);
  /** Whether a live timeline follows: read by the paint, which is made once per model. */
  const followingLive = useRef(follow && source.live);
  useLayoutEffect(() => {
    followingLive.current = follow && source.live;
  }, [follow, source.live]);
  const [hover, setHover] = useState<TimelineHover | null>(null);
  const [, setRevision] = useState(0);
  /** The overview strip's painter of the visible window (set by the strip). */
  const overviewPainter = useRef<((visible: TimeRange) => void) | null>(null);
  const registerOverview = useCallback((painter: (visible: TimeRange) => void) => {
    overviewPainter.current = painter;
    if (range.current) painter(range.current);
    return () => {
      if (overviewPainter.current === painter) overviewPainter.current = null;
    };
  }, []);

  // Rows a jump put in among those folded are folded again in slices between frames, the spans
  // before drawn meanwhile (TimelineModel.sync): at once, a jump froze the window for seconds.
  // The stretch jumped to is shown as soon as the rows up to it are folded, before the rest: drawn
  // again then, its span found for the selection and brought into view.
  model.sync(source.model.rows, source.ended(), REBUILD_SLICE_MS);
  const rebuilding = model.rebuilding;
  useEffect(() => {
    if (!rebuilding) return;
    let timer = 0;
    const step = () => {
      const shown = model.revision;
      model.sync(source.model.rows, source.ended(), REBUILD_SLICE_MS);
      if (model.rebuilding) timer = window.setTimeout(step, 0);
      if (!model.rebuilding || model.revision !== shown) setRevision((r) => r + 1);
    };
    timer = window.setTimeout(step, 0);
    return () => window.clearTimeout(timer);
  }, [rebuilding, model, source]);
  const names = logDeviceNames(devices, source.model.places, source.live);
  model.lanes.nameDevices((id) => nameIn(names, id));
  const selected: TimelineSpan | null = selectedSeq === null ? null : model.spanForSeq(selectedSeq);

  /** The view it opens on (and Zoom to selection gives with nothing selected): one rule for both. */
  const openingView = useCallback(
    () => openingRange(model, store.getState(), followingLive.current),
    [model, store],
  );

  const paint = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // It opens on the requests (not every event since the run started), and stays on them as
    // they come (following live, on to the newest event) until the view is zoomed, panned or set
    // to follow live.
    const current = range.current && moved.current ? range.current : openingView();
    range.current = current;
    const width = canvas.clientWidth || 800;
    const height = AXIS_HEIGHT + Math.max(3, model.orderedLanes().length) * LANE_HEIGHT + 6;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // The axis is drawn where the stage is scrolled to: its times stay above the lanes in sight.
    const axisTop = stageRef.current?.scrollTop ?? 0;
    // Its times in the zone the log shows (Times: UTC or local), as the details under it are.
    const zone = zoneOf(useTimeMode.getState().mode);
    view.current = { t0: current.t0, t1: current.t1, width, height, axisTop, zone };
    canvas.dataset.t0 = String(current.t0);
    canvas.dataset.t1 = String(current.t1);
    canvas.dataset.spans = String(model.spanCount);
    // Stretches not loaded it draws: one more once it holds the rows a jump brought in.
    canvas.dataset.notLoaded = String(model.notLoaded.length);
    drawTimeline(ctx, model, view.current, readPalette(canvas), paintedSelectionRef.current);
    overviewPainter.current?.(current);
  }, [model, openingView]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(paint);
  }, [paint]);

  const setRange = useCallback(
    (next: TimeRange, keepFollowing = false) => {
      range.current = next;
      moved.current = true;
      if (!keepFollowing) setFollow(false);
      // What the pointer was over is somewhere else now: a tip left up said "47 requests … too
      // close together" over a view drawing each on its own (a review, zooming with the wheel).
      // The pointer's next move tells what it is over.
      setHover(null);
      schedule();
    },
    [schedule, setFollow, setHover],
  );

  // New rows, or rows folded again (TimelineModel.sync): follow the newest time if following,
  // and redraw.
  const revision = model.revision;
  useLayoutEffect(() => {
    paintedSelectionRef.current = selected;
    if (follow && moved.current && range.current && Number.isFinite(model.maxTime))
      range.current = followLive(range.current, model.maxTime);
    schedule();
  }, [version, follow, model, schedule, selected, readStretch, revision]);

  // A row selected in the log (not here) brings its span into view, once per selection: the span
  // is made again whenever the model changes, and panning away from it must stick.
  const broughtIntoView = useRef<number | null>(null);
  /** The loaded stretch the last selection brought into view was in (its first seq). */
  const lastStretch = useRef<number | null>(null);
  useEffect(() => {
    if (!selected || broughtIntoView.current === selectedSeq) return;
    broughtIntoView.current = selectedSeq;
    if (pickedHere.current === selectedSeq || !range.current) return;
    // Its lane too: on half a 13-inch screen the lanes scroll in the axis and two lanes.
    const stage = stageRef.current;
    const lane = model.orderedLanes().findIndex((l) => l.key === selected.lane.key);
    if (stage && lane >= 0) {
      const top = AXIS_HEIGHT + lane * LANE_HEIGHT;
      // Below the axis, which stays at the stage's top however far the lanes are scrolled.
      if (
        top < stage.scrollTop + AXIS_HEIGHT ||
        top + LANE_HEIGHT > stage.scrollTop + stage.clientHeight
      )
        stage.scrollTop = top + LANE_HEIGHT / 2 - stage.clientHeight / 2;
    }
    const r = range.current;
    const end = Number.isNaN(selected.end) ? model.maxTime : selected.end;
    const stretch = model.loadedAround(selectedSeq);
    const island = islandView(stretch, r, lastStretch.current);
    lastStretch.current = stretch.firstSeq;
    if (island) setRange(island);
    else if (selected.start < r.t0 || end > r.t1) {
      const half = Math.max((r.t1 - r.t0) / 2, (end - selected.start) * 0.6);
      const mid = (selected.start + end) / 2;
      setRange({ t0: mid - half, t1: mid + half });
    }
  }, [selected, selectedSeq, model, setRange]);

  // The axis reads its times in the log's zone: drawn again when the technician changes it.
  useEffect(() => useTimeMode.subscribe(schedule), [schedule]);

  // Size follows the window; the theme changes colours.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const observer = new ResizeObserver(() => schedule());
    observer.observe(stage);
    const themes = new MutationObserver(() => schedule());
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', schedule);
    return () => {
      observer.disconnect();
      themes.disconnect();
      dark.removeEventListener('change', schedule);
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [schedule]);

  // A request picked selects the log's row of its outcome (the model's outcomeRowSeq).
  const select = (seq: number | null) => {
    const row = seq === null ? null : model.outcomeRowSeq(seq);
    pickedHere.current = row;
    source.store.setState({ selectedSeq: row });
  };

  const startFollowing = () => {
    setFollow(true);
    moved.current = true;
    setRevision((n) => n + 1);
  };
  const step = (direction: 1 | -1, tries = 0) => {
    // Pressed again before the timeline drew the last step's entry, or folded the entries that
    // step brought in (a CI run under load): from here it went from the entry before, and
    // selected the same one again. It steps once both have caught up, from the entry selected.
    const behind = source.store.getState().selectedSeq !== selectedSeq || model.rebuilding;
    if (behind && tries < 600) {
      requestAnimationFrame(() => stepRef.current(direction, tries + 1));
      return;
    }
    // From the request selected, else the log's row: a row brought in alone is no request's.
    const from = selected?.seq ?? selectedSeq;
    const next = model.neighbour(from, direction);
    // Entries not loaded on the way: their first is brought in and selected, so a step never
    // passes over hours of requests unseen (it went to the next loaded stretch's, silently).
    const gap = model.gapCrossed(from, next?.seq ?? null, direction);
    if (gap) {
      void jumpToRow(source, direction > 0 ? gap.fromSeq + 1 : gap.toSeq - 1);
      return;
    }
    if (next) {
      pickedHere.current = null;
      source.store.setState({ selectedSeq: model.outcomeRowSeq(next.seq) });
    }
  };

  const stepRef = useRef(step);
  useLayoutEffect(() => {
    stepRef.current = step;
  });

  const input = useTimelineInput({
    model,
    canvasRef,
    range,
    view,
    setRange,
    selected,
    select,
    step,
    startFollowing,
    setHover,
    opening: openingView,
    bringIn: (t) => void jumpToTime(source, t),
  });

  const lanes = model.orderedLanes();
  return (
    <section className="timeline panel" aria-labelledby="timeline-heading">
      <div className="panel-head">
        <h2 id="timeline-heading">Timeline</h2>
        {source.live ? (
          // The state in words beside the heading, where the log's stands beside its own: in the
          // toolbar, "Paused" above a log "Following live" read as one state contradicting
          // itself (each follows on its own). The button in the toolbar is the action.
          <span className={`live-state ${follow ? 'is-live' : 'is-paused'}`}>
            {follow ? 'Following live' : 'Paused'}
          </span>
        ) : null}
      </div>
      <div className="timeline-tools" role="toolbar" aria-label="Timeline zoom and pan">
        <button type="button" className="small" onClick={input.zoomIn}>
          Zoom in (+)
        </button>
        <button type="button" className="small" onClick={input.zoomOut}>
          Zoom out (−)
        </button>
        <button type="button" className="small" onClick={input.zoomToSelection}>
          Zoom to selection (F)
        </button>
        <button type="button" className="small" onClick={input.fit}>
          Fit all (Home)
        </button>
        {source.live ? (
          // The action, not the state (said beside the heading): a filled "Follow live (L)" read
          // as following when it meant paused.
          <>
            <button
              type="button"
              className={`small${follow ? '' : ' primary'}`}
              onClick={follow ? () => setFollow(false) : startFollowing}
            >
              {follow ? 'Pause (L)' : 'Follow live (L)'}
            </button>
          </>
        ) : null}
        <span className="hint">
          Wheel zooms · drag or ← → pans · [ ] steps through requests ·{' '}
          {/* Of the rows loaded, where some are not: the count changed as a jump brought rows
              in, and read as the log's. */}
          {countOf(model.spanCount, 'request')}
          {model.notLoaded.length > 0 ? ' loaded' : ''} in{' '}
          {countOf(lanes.filter((l) => l.kind === 'service').length, 'service lane')}
        </span>
      </div>
      <Legend notLoaded={model.notLoaded.length > 0} />
      <Overview
        register={registerOverview}
        centre={(t) => {
          const r = range.current ?? { t0: t, t1: t + 60_000 };
          const half = (r.t1 - r.t0) / 2;
          setRange({ t0: t - half, t1: t + half });
        }}
      />
      <div className="timeline-stage" ref={stageRef} onScroll={schedule}>
        <canvas
          ref={canvasRef}
          tabIndex={0}
          role="img"
          aria-label={`Timeline of requests by device service. Keys: plus and minus zoom about the selection or pointer, F zooms to the selection, left and right pan, Home fits all, L follows live, [ and ] select the previous or next request.${selected ? ' Selected: ' + describe(selected) : ''}`}
          data-lanes={JSON.stringify(lanes.map((l) => l.key))}
          {...input.handlers}
        />
        {hover ? (
          <div className="timeline-tip" role="tooltip" style={{ left: hover.left, top: hover.top }}>
            {'span' in hover.hit ? (
              <SpanText span={hover.hit.span} />
            ) : 'mark' in hover.hit ? (
              <MarkText {...hover.hit} />
            ) : 'notLoaded' in hover.hit ? (
              <NotLoadedText hit={hover.hit.notLoaded} />
            ) : (
              <DenseText hit={hover.hit.dense} />
            )}
          </div>
        ) : null}
      </div>
      <div className="timeline-selection">
        {/* Focusable: when its words run past the lines it keeps, the keyboard scrolls them. */}
        <div
          className="timeline-selected"
          role="region"
          aria-label="Selected request"
          aria-live="polite"
          tabIndex={0}
          ref={selectedText}
        >
          {selected ? (
            <SpanText span={selected} advice />
          ) : (
            <span className="muted">
              Click a request (or use [ and ]) to select it and its log entry.
            </span>
          )}
        </div>
        {selected ? (
          <CopySelection
            key={selected.seq}
            text={() => selectedText.current?.innerText ?? ''}
            json={() => maskedJson(selectionJson(selected), revealIds)}
          />
        ) : null}
      </div>
    </section>
  );
}

/** Copy the selected request, in the words shown above, or as its JSON. */
function CopySelection(props: { text: () => string; json: () => string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (what: 'text' | 'JSON') => {
    void copyText(what === 'text' ? props.text() : props.json()).then((ok) => {
      setCopied(ok ? `Copied the request as ${what}.` : 'The clipboard is not available.');
    });
  };
  return (
    <span className="timeline-copy">
      <button type="button" className="small" onClick={() => copy('text')}>
        Copy request
      </button>
      <button type="button" className="small" onClick={() => copy('JSON')}>
        Copy request JSON
      </button>
      <span role="status" className="muted">
        {copied}
      </span>
    </span>
  );
}

function describe(span: TimelineSpan): string {
  const request = span.request;
  if (!request)
    return `request on ${laneName(span.lane)}, ${OUTCOME_WORDS[span.outcome].label}, log entry ${String(span.seq)}.`;
  const code = shownCode(request);
  return `${request.op} on ${laneName(span.lane)}, ${OUTCOME_WORDS[request.outcome].label}, request ID ${requestIdText(request)}${code ? `, ${code.code.name}` : ''}.`;
}

/** The selection as JSON: the request's story, or what the columns know of a lean span. */
function selectionJson(span: TimelineSpan): object {
  const deviceName = span.lane.device?.label;
  if (span.request) return { lane: span.lane.label, deviceName, ...span.request };
  return {
    lane: span.lane.label,
    deviceName,
    seq: span.seq,
    outcome: span.outcome,
    sentTime: new Date(span.start).toISOString(),
    endTime: Number.isNaN(span.end) ? null : new Date(span.end).toISOString(),
  };
}
