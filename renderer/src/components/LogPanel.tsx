import { LogFilters } from './LogFilters';
import { LogList } from './LogList';

/** The live session log: filters above, the virtualized rows below. */
export function LogPanel() {
  return (
    <section className="log panel" aria-labelledby="log-heading">
      <div className="panel-head">
        <h2 id="log-heading">Session log</h2>
      </div>
      <LogFilters />
      <LogList />
    </section>
  );
}
