import type { CSSProperties } from 'react';
import { useLayout, type UpperPane } from './layout-store';

type PaneSize = { style?: CSSProperties } & { [P in UpperPane as `data-${P}-height`]?: number };

/**
 * The attributes of the view that holds `pane` and the log, for the height the pane was dragged
 * to: `--timeline-height` and `data-timeline-height` (or the services'), which its CSS reads.
 */
export function usePaneSize(pane: UpperPane): PaneSize {
  const height = useLayout((s) => s.heights[pane]);
  if (height === null) return {};
  const size: PaneSize = { style: { [`--${pane}-height`]: `${height}px` } };
  size[`data-${pane}-height`] = height;
  return size;
}
