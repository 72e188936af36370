import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { useLogSource } from '../store/log-source';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT, drawTimeline, type Viewport } from './draw';
import { hitTest, type Hit } from './hit-test';
import { readPalette } from './palette';
import { MarkText, SpanText, CLASS_LABELS } from './SpanDetails';
import { TimelineModel, type TimelineSpan } from './timeline-model';
import { fitAll, followLive, panBy, zoomAt, type TimeRange } from './viewport';
import { SPAN_MARKS } from '../../../shared/request/marks';
import { OUTCOME_WORDS, requestIdText, shownCode } from '../../../shared/request/words';
import './timeline.css';

const ZOOM_STEP = 1.5;
const PAN_STEP = 0.1;
const DRAG_THRESHOLD = 3;

/**
 * Requests in time, one lane per device service under its device, on a canvas. Selection is the
 * log's (`selectedSeq` in the log store), so a span picked here is the row picked in the log and
 * the reverse. Wheel zooms (ctrl+wheel, a touchpad pinch, too), shift+wheel and drag pan, and the
 * keys are listed beside the buttons.
 */
export function Timeline() {
  const source = useLogSource();
  const version = source.store((s) => s.version);
  const selectedSeq = source.store((s) => s.selectedSeq);
  // One model per mounted timeline; each view (live, saved log) mounts its own.
  const [model] = useState(() => new TimelineModel());
  // What the next paint draws as selected: set after render, read by the frame callback.
  const paintedSelectionRef = useRef<TimelineSpan | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const range = useRef<TimeRange | null>(null);
  const view = useRef<Viewport>({ t0: 0, t1: 1, width: 800, height: 200 });
  const frame = useRef(0);
  const drag = useRef<{ x: number; range: TimeRange; moved: boolean } | null>(null);
  const pickedHere = useRef<number | null>(null);
  const [follow, setFollow] = useState(source.live);
  const [hover, setHover] = useState<{ hit: NonNullable<Hit>; left: number; top: number } | null>(
    null,
  );
  const [, setRevision] = useState(0);

  model.sync(source.model.rows, source.ended());
  const selected: TimelineSpan | null =
    selectedSeq === null ? null : (model.spanBySeq.get(selectedSeq) ?? null);

  const paint = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const current = range.current ?? fitAll(model.minTime, model.maxTime);
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
    view.current = { t0: current.t0, t1: current.t1, width, height };
    canvas.dataset.t0 = String(current.t0);
    canvas.dataset.t1 = String(current.t1);
    canvas.dataset.spans = String(model.spanCount);
    drawTimeline(ctx, model, view.current, readPalette(canvas), paintedSelectionRef.current);
  }, [model]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(paint);
  }, [paint]);

  const setRange = useCallback(
    (next: TimeRange, keepFollowing = false) => {
      range.current = next;
      if (!keepFollowing) setFollow(false);
      schedule();
    },
    [schedule, setFollow],
  );

  // New rows: follow the newest time if following, and redraw.
  useLayoutEffect(() => {
    paintedSelectionRef.current = selected;
    if (follow && range.current && Number.isFinite(model.maxTime))
      range.current = followLive(range.current, model.maxTime);
    schedule();
  }, [version, follow, model, schedule, selected]);

  // A row selected in the log (not here) brings its span into view.
  useEffect(() => {
    if (!selected || pickedHere.current === selectedSeq || !range.current) return;
    const r = range.current;
    const end = Number.isNaN(selected.end) ? model.maxTime : selected.end;
    if (selected.start < r.t0 || end > r.t1) {
      const half = Math.max((r.t1 - r.t0) / 2, (end - selected.start) * 0.6);
      const mid = (selected.start + end) / 2;
      setRange({ t0: mid - half, t1: mid + half });
    }
  }, [selected, selectedSeq, model, setRange]);

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

  // The wheel listener must not be passive: it stops the page scrolling while zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const r = range.current;
      if (!r) return;
      e.preventDefault();
      const plot = view.current.width - LABEL_WIDTH;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const delta = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
        setRange(panBy(r, delta / plot));
        return;
      }
      const anchor = Math.min(1, Math.max(0, (e.offsetX - LABEL_WIDTH) / plot));
      // A pinch arrives as ctrl+wheel with small deltas: same rule, it just zooms more finely.
      setRange(zoomAt(r, Math.exp(e.deltaY * (e.ctrlKey ? 0.01 : 0.002)), anchor));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [setRange]);

  const select = (seq: number | null) => {
    pickedHere.current = seq;
    source.store.setState({ selectedSeq: seq });
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!range.current || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, range: range.current, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.x;
      if (Math.abs(dx) >= DRAG_THRESHOLD) d.moved = true;
      if (d.moved) {
        setHover(null);
        setRange(panBy(d.range, -dx / (view.current.width - LABEL_WIDTH)));
        return;
      }
    }
    const x = e.nativeEvent.offsetX;
    const y = e.nativeEvent.offsetY;
    const hit = hitTest(model, view.current, x, y);
    // Below the pointer, or above it in the lower half, so the stage never cuts the tip off.
    const top = y > view.current.height / 2 ? Math.max(0, y - 96) : y + 16;
    setHover(hit ? { hit, left: Math.min(x + 14, view.current.width - 370), top } : null);
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const hit = hitTest(model, view.current, e.nativeEvent.offsetX, e.nativeEvent.offsetY);
    if (hit && 'span' in hit) select(hit.span.seq);
    else if (hit && 'mark' in hit) select(hit.mark.seq);
  };

  const zoom = (factor: number) => range.current && setRange(zoomAt(range.current, factor, 0.5));
  const fit = () => setRange(fitAll(model.minTime, model.maxTime));
  const startFollowing = () => {
    setFollow(true);
    setRevision((n) => n + 1);
  };
  const step = (direction: 1 | -1) => {
    const next = neighbour(model, selected, direction);
    if (next) {
      pickedHere.current = null;
      source.store.setState({ selectedSeq: next.seq });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const r = range.current;
    if (!r) return;
    const keys: Record<string, () => void> = {
      '+': () => zoom(1 / ZOOM_STEP),
      '=': () => zoom(1 / ZOOM_STEP),
      '-': () => zoom(ZOOM_STEP),
      _: () => zoom(ZOOM_STEP),
      ArrowLeft: () => setRange(panBy(r, -PAN_STEP)),
      ArrowRight: () => setRange(panBy(r, PAN_STEP)),
      Home: fit,
      f: fit,
      l: startFollowing,
      ']': () => step(1),
      '[': () => step(-1),
      Escape: () => select(null),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const lanes = model.orderedLanes();
  return (
    <section className="timeline panel" aria-labelledby="timeline-heading">
      <div className="panel-head">
        <h2 id="timeline-heading">Timeline</h2>
      </div>
      <div className="timeline-tools" role="toolbar" aria-label="Timeline zoom and pan">
        <button type="button" className="small" onClick={() => zoom(1 / ZOOM_STEP)}>
          Zoom in (+)
        </button>
        <button type="button" className="small" onClick={() => zoom(ZOOM_STEP)}>
          Zoom out (−)
        </button>
        <button type="button" className="small" onClick={fit}>
          Fit all (Home)
        </button>
        {source.live ? (
          <button
            type="button"
            className={`small${follow ? '' : ' primary'}`}
            aria-pressed={follow}
            onClick={follow ? () => setFollow(false) : startFollowing}
          >
            {follow ? 'Following live (L)' : 'Follow live (L)'}
          </button>
        ) : null}
        <span className="hint">
          Wheel or pinch zooms · drag or ← → pans · [ ] steps through requests ·{' '}
          {model.spanCount.toLocaleString('en-US')} requests in{' '}
          {lanes.filter((l) => l.kind === 'service').length} service lanes
        </span>
      </div>
      <Legend />
      <div className="timeline-stage" ref={stageRef}>
        <canvas
          ref={canvasRef}
          tabIndex={0}
          role="img"
          aria-label={`Timeline of requests by device service. Keys: plus and minus zoom, left and right pan, Home fits all, L follows live, [ and ] select the previous or next request.${selected ? ' Selected: ' + describe(selected) : ''}`}
          data-lanes={JSON.stringify(lanes.map((l) => l.key))}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
          onKeyDown={onKeyDown}
        />
        {hover ? (
          <div className="timeline-tip" role="tooltip" style={{ left: hover.left, top: hover.top }}>
            {'span' in hover.hit ? (
              <SpanText span={hover.hit.span} />
            ) : (
              <MarkText mark={hover.hit.mark} />
            )}
          </div>
        ) : null}
      </div>
      <p className="timeline-selected" aria-live="polite">
        {selected ? (
          <SpanText span={selected} />
        ) : (
          <span className="muted">
            Click a request (or use [ and ]) to select it and its log entry.
          </span>
        )}
      </p>
    </section>
  );
}

function Legend() {
  return (
    <ul className="timeline-legend" aria-label="Legend">
      {SPAN_MARKS.map((cls) => (
        <li key={cls}>
          <span className={`swatch cls-${cls}`} aria-hidden="true" />
          {CLASS_LABELS[cls]}
        </li>
      ))}
      <li>▲ device arrived · ▼ device removed · ◆ backend status · ╵ data read</li>
    </ul>
  );
}

function describe(span: TimelineSpan): string {
  const code = shownCode(span.request);
  return `${span.request.op} on ${span.lane.label}, ${OUTCOME_WORDS[span.request.outcome].label}, request ID ${requestIdText(span.request)}${code ? `, ${code.code.name}` : ''}.`;
}

/** The request after (or before) the selected one in time, across all lanes. */
function neighbour(
  model: TimelineModel,
  selected: TimelineSpan | null,
  direction: 1 | -1,
): TimelineSpan | null {
  let best: TimelineSpan | null = null;
  for (const lane of model.lanes.values()) {
    for (const span of lane.spans) {
      if (selected && (direction > 0 ? span.seq <= selected.seq : span.seq >= selected.seq))
        continue;
      if (!best || (direction > 0 ? span.seq < best.seq : span.seq > best.seq)) best = span;
    }
  }
  return best;
}
