import { DeviceList } from '../components/DeviceList';
import { LogPanel } from '../components/LogPanel';
import { PaneDivider } from '../components/PaneDivider';
import { ServicePanel } from '../components/ServicePanel';
import { usePaneSize } from '../store/use-pane-size';

/**
 * The technician's main screen: devices, the selected device's services, the live log; the bar
 * between the services and the log moves, as the timeline's does.
 */
export function LiveView() {
  const size = usePaneSize('services');
  return (
    <main className="live" {...size}>
      <DeviceList />
      <div className="live-main">
        <ServicePanel />
        <PaneDivider pane="services" />
        <LogPanel />
      </div>
    </main>
  );
}
