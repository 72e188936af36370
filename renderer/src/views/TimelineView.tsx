import { LogPanel } from '../components/LogPanel';
import { PaneDivider } from '../components/PaneDivider';
import { SHORT_FOR_LANES, useMediaQuery } from '../components/use-media-query';
import { usePaneSize } from '../store/use-pane-size';
import { Timeline } from '../timeline/Timeline';

/** The live session in time, above the same log: a span picked in one is the row picked below. */
export function TimelineView() {
  const size = usePaneSize('timeline');
  // In a short window the view scrolls (timeline.css, main.timeline-view[data-scrolls]).
  const scrolls = useMediaQuery(SHORT_FOR_LANES);
  return (
    <main className="timeline-view" data-scrolls={scrolls ? '' : undefined} {...size}>
      <Timeline />
      <PaneDivider pane="timeline" />
      <LogPanel />
    </main>
  );
}
