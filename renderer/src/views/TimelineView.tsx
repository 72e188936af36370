import { LogPanel } from '../components/LogPanel';
import { PaneDivider } from '../components/PaneDivider';
import { usePaneSize } from '../store/use-pane-size';
import { Timeline } from '../timeline/Timeline';

/** The live session in time, above the same log: a span picked in one is the row picked below. */
export function TimelineView() {
  const size = usePaneSize('timeline');
  return (
    <main className="timeline-view" {...size}>
      <Timeline />
      <PaneDivider pane="timeline" />
      <LogPanel />
    </main>
  );
}
