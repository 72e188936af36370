import { LogPanel } from '../components/LogPanel';
import { Timeline } from '../timeline/Timeline';

/** The live session in time, above the same log: a span picked in one is the row picked below. */
export function TimelineView() {
  return (
    <main className="timeline-view">
      <Timeline />
      <LogPanel />
    </main>
  );
}
