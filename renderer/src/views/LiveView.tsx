import { useEffect, useRef } from 'react';
import { DeviceList } from '../components/DeviceList';
import { LogPanel } from '../components/LogPanel';
import { PaneDivider } from '../components/PaneDivider';
import { ServicePanel } from '../components/ServicePanel';
import { ONE_COLUMN_LIVE, SHORT_ONE_COLUMN, useMediaQuery } from '../components/use-media-query';
import { searchStoreOf } from '../search/search-store';
import { LIVE_SOURCE } from '../store/log-source';
import { usePaneSize } from '../store/use-pane-size';

/**
 * The technician's main screen: devices, the selected device's services, the live log; the bar
 * between the services and the log moves, as the timeline's does.
 */
export function LiveView() {
  const size = usePaneSize('services');
  // Where the panels do not fit in one column, the view scrolls (styles.css, .live[data-scrolls]).
  const searching = searchStoreOf(LIVE_SOURCE)((s) => s.open);
  const oneColumn = useMediaQuery(ONE_COLUMN_LIVE);
  const short = useMediaQuery(SHORT_ONE_COLUMN);
  const scrolls = short || (oneColumn && searching);
  // A window snapped to half the screen with the search open: the view begins to scroll, and the
  // log, where the technician was typing, lay below its fold with the focus in it.
  const view = useRef<HTMLElement>(null);
  useEffect(() => {
    const log = view.current?.querySelector('.log');
    if (scrolls && log?.contains(document.activeElement)) log.scrollIntoView({ block: 'start' });
  }, [scrolls]);
  return (
    <main ref={view} className="live" data-scrolls={scrolls ? '' : undefined} {...size}>
      <DeviceList />
      <div className="live-main">
        <ServicePanel />
        <PaneDivider pane="services" />
        <LogPanel />
      </div>
    </main>
  );
}
