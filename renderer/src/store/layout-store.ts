/**
 * How the timeline and the log below it share the window, the same in the live timeline and a
 * saved log: null lets the timeline take its own height (as many lanes as fit), a number is the
 * height a technician dragged it to. Kept for the session, like the time mode.
 */
import { create } from 'zustand';

/** The least a dragged timeline keeps: its toolbar and a lane or two (CSS keeps its chrome). */
export const MIN_TIMELINE_PX = 160;

interface LayoutState {
  timelineHeight: number | null;
  setTimelineHeight: (height: number | null) => void;
}

export const useLayout = create<LayoutState>()((set) => ({
  timelineHeight: null,
  setTimelineHeight: (height) => {
    set({
      timelineHeight:
        height === null || !Number.isFinite(height)
          ? null
          : Math.max(MIN_TIMELINE_PX, Math.round(height)),
    });
  },
}));
