import { DeviceList } from '../components/DeviceList';
import { LogPanel } from '../components/LogPanel';
import { ServicePanel } from '../components/ServicePanel';

/** The technician's main screen: devices, the selected device's services, the live log. */
export function LiveView() {
  return (
    <main className="live">
      <DeviceList />
      <div className="live-main">
        <ServicePanel />
        <LogPanel />
      </div>
    </main>
  );
}
