import type { CSSProperties } from 'react';
import { useLayout } from './layout-store';

/** The timeline-and-log container's attributes for the height the timeline was dragged to. */
export function useTimelineSize(): {
  style?: CSSProperties;
  'data-timeline-height'?: number;
} {
  const height = useLayout((s) => s.timelineHeight);
  if (height === null) return {};
  return {
    style: { '--timeline-height': `${height}px` } as CSSProperties,
    'data-timeline-height': height,
  };
}
