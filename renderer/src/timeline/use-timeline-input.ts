/**
 * The timeline's viewport and input: wheel and pinch zoom, drag and keys pan, hover, click to
 * select, and the zoom keys. Kept apart from Timeline.tsx (which owns the model and the drawing)
 * so each file holds one idea.
 *
 * `+`/`-` zoom about the selected request when it is on screen, else about the pointer when it is
 * over the plot, else about the middle, and never drop the selection; `f` zooms to the selection
 * (as Perfetto does) and `Home` fits everything.
 */
import {
  useCallback,
  useEffect,
  useRef,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { LABEL_WIDTH, type Viewport } from './geometry';
import { hitTest, type DenseHit, type Hit } from './hit-test';
import type { TimelineModel, TimelineSpan } from './timeline-model';
import { fitAll, panBy, zoomAt, zoomToRequest, type TimeRange } from './viewport';

const ZOOM_STEP = 1.5;
const PAN_STEP = 0.1;
const DRAG_THRESHOLD = 3;
/** How far a click on a dense column zooms in. */
const DENSE_ZOOM = 8;

export interface TimelineHover {
  hit: NonNullable<Hit>;
  left: number;
  top: number;
}

export interface TimelineInputOptions {
  model: TimelineModel;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  range: RefObject<TimeRange | null>;
  view: RefObject<Viewport>;
  /** `keepFollowing`: a live timeline following stays following (else the move pauses it). */
  setRange: (next: TimeRange, keepFollowing?: boolean) => void;
  selected: TimelineSpan | null;
  select: (seq: number | null) => void;
  step: (direction: 1 | -1) => void;
  startFollowing: () => void;
  setHover: (hover: TimelineHover | null) => void;
  /** The view the timeline opens on (./opening-view.ts), where the log is read now. */
  opening: () => TimeRange;
  /** Brings in the log's entries around time `t`, of a stretch not loaded (as the overview does). */
  bringIn: (t: number) => void;
}

/** Where a span sits across the plot (0..1), or null when it is off screen. */
function anchorOf(span: TimelineSpan, range: TimeRange, maxTime: number): number | null {
  const end = Number.isNaN(span.end) ? maxTime : span.end;
  const mid = (span.start + end) / 2;
  const at = (mid - range.t0) / (range.t1 - range.t0);
  return at >= 0 && at <= 1 ? at : null;
}

export function useTimelineInput(o: TimelineInputOptions) {
  const { model, canvasRef, range, view, setRange, selected, setHover, opening } = o;
  const drag = useRef<{ x: number; range: TimeRange; moved: boolean } | null>(null);
  /** The pointer's place across the plot (0..1) while it is over it: what + and - zoom about. */
  const pointer = useRef<number | null>(null);

  // The wheel listener must not be passive: it stops the page scrolling while zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const r = range.current;
      if (!r) return;
      const plot = view.current.width - LABEL_WIDTH;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        const delta = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
        setRange(panBy(r, delta / plot));
        return;
      }
      e.preventDefault();
      const anchor = Math.min(1, Math.max(0, (e.offsetX - LABEL_WIDTH) / plot));
      // A pinch arrives as ctrl+wheel with small deltas: same rule, it just zooms more finely.
      setRange(zoomAt(r, Math.exp(e.deltaY * (e.ctrlKey ? 0.01 : 0.002)), anchor));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [canvasRef, range, view, setRange]);

  const zoom = useCallback(
    (factor: number) => {
      const r = range.current;
      if (!r) return;
      const anchor =
        (selected ? anchorOf(selected, r, model.maxTime) : null) ?? pointer.current ?? 0.5;
      setRange(zoomAt(r, factor, anchor));
    },
    [model, range, selected, setRange],
  );
  const fit = useCallback(() => setRange(fitAll(model.minTime, model.maxTime)), [model, setRange]);
  /**
   * The selected request filling most of the plot; the opening view when nothing is selected. That
   * is the view the timeline opened on, to the newest event while following live, and it keeps
   * following: it gave the requests alone and paused, and the newest notifications went out of
   * view under a toolbar that had just said "Following live".
   */
  const zoomToSelection = useCallback(() => {
    if (!selected) {
      setRange(opening(), true);
      return;
    }
    const end = Number.isNaN(selected.end) ? model.maxTime : selected.end;
    setRange(zoomToRequest(selected.start, end));
  }, [model, selected, setRange, opening]);

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
      f: zoomToSelection,
      l: o.startFollowing,
      ']': () => o.step(1),
      '[': () => o.step(-1),
      Escape: () => o.select(null),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!range.current || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, range: range.current, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const plot = view.current.width - LABEL_WIDTH;
    const across = (e.nativeEvent.offsetX - LABEL_WIDTH) / plot;
    pointer.current = across >= 0 && across <= 1 ? across : null;
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.x;
      if (Math.abs(dx) >= DRAG_THRESHOLD) d.moved = true;
      if (d.moved) {
        setHover(null);
        setRange(panBy(d.range, -dx / plot));
        return;
      }
    }
    const x = e.nativeEvent.offsetX;
    const y = e.nativeEvent.offsetY;
    const hit = hitTest(model, view.current, x, y);
    // Below the pointer, or above it in the lower half, so the stage never cuts the tip off.
    // Placed in the window, not the stage: a stage of a few lanes is shorter than a tip, and
    // would cut it off. Below the pointer, or above it near the window's bottom.
    const top =
      e.clientY > window.innerHeight - 140 ? Math.max(0, e.clientY - 120) : e.clientY + 16;
    setHover(
      hit
        ? { hit, left: Math.max(0, Math.min(e.clientX + 14, window.innerWidth - 370)), top }
        : null,
    );
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const hit = hitTest(model, view.current, e.nativeEvent.offsetX, e.nativeEvent.offsetY);
    if (hit && 'span' in hit) o.select(hit.span.seq);
    else if (hit && 'mark' in hit) o.select(hit.mark.seq);
    else if (hit && 'dense' in hit) openDense(hit.dense, e.nativeEvent.offsetX);
    else if (hit && 'notLoaded' in hit) {
      setHover(null);
      o.bringIn(hit.notLoaded.t);
    }
  };
  /**
   * A click on a column of many requests zooms in about it, so they spread out towards clickable
   * spans; if any of them is a problem, the first problem is selected (its log entry too), so the
   * one the technician came for is already in hand.
   */
  const openDense = (hit: DenseHit, x: number) => {
    const r = range.current;
    if (!r) return;
    const plot = view.current.width - LABEL_WIDTH;
    // Its tip described the column before the zoom: the next move shows what is there now.
    setHover(null);
    setRange(zoomAt(r, 1 / DENSE_ZOOM, Math.min(1, Math.max(0, (x - LABEL_WIDTH) / plot))));
    const problem = model.spanAt(hit.lane, hit.summary.firstProblem);
    if (problem) o.select(problem.seq);
  };
  const onPointerLeave = () => {
    pointer.current = null;
    setHover(null);
  };

  return {
    zoom,
    fit,
    zoomToSelection,
    zoomIn: () => zoom(1 / ZOOM_STEP),
    zoomOut: () => zoom(ZOOM_STEP),
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerLeave, onKeyDown },
  };
}
