import { LogPanel } from '../components/LogPanel';
import { PaneDivider } from '../components/PaneDivider';
import { useTimelineSize } from '../store/use-timeline-size';
import { Timeline } from '../timeline/Timeline';

/** The live session in time, above the same log: a span picked in one is the row picked below. */
export function TimelineView() {
  const size = useTimelineSize();
  return (
    <main className="timeline-view" {...size}>
      <Timeline />
      <PaneDivider />
      <LogPanel />
    </main>
  );
}
