/**
 * How a pane and the log below it share the window: the timeline (the live timeline and a saved
 * log) and the live view's services. Null lets the pane take its own height (as CSS sizes it), a
 * number is the height a technician dragged it to. Kept for the session, like the time mode.
 */
import { create } from 'zustand';

/** The panes a bar (PaneDivider) parts from the log below them. */
export type UpperPane = 'timeline' | 'services';

/**
 * The least a dragged pane keeps (CSS keeps its chrome too): the timeline its toolbar and a lane
 * or two, the services their heading and a service's row.
 */
export const MIN_PANE_PX: Readonly<Record<UpperPane, number>> = { timeline: 160, services: 120 };

interface LayoutState {
  heights: Readonly<Record<UpperPane, number | null>>;
  setHeight: (pane: UpperPane, height: number | null) => void;
}

export const useLayout = create<LayoutState>()((set) => ({
  heights: { timeline: null, services: null },
  setHeight: (pane, height) => {
    set((state) => ({
      heights: {
        ...state.heights,
        [pane]:
          height === null || !Number.isFinite(height)
            ? null
            : Math.max(MIN_PANE_PX[pane], Math.round(height)),
      },
    }));
  },
}));
