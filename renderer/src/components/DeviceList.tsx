import { deviceNames } from '../../../shared/device-name';
import { maskDeviceId } from '../../../shared/identifiers';
import { READY_LABELS } from '../labels';
import { DeviceName } from './DeviceName';
import { selectDevice, toggleDeviceIds } from '../store/actions';
import { useApp } from '../store/app-store';

/**
 * The modems: each by the name every view gives it (its model, and its interface ID's end that
 * tells two of one model apart), maker, firmware, ready state, and the device ID masked unless
 * revealed.
 */
export function DeviceList() {
  const devices = useApp((s) => s.devices);
  const selected = useApp((s) => s.selectedDevice);
  const reveal = useApp((s) => s.revealDeviceIds);
  const names = deviceNames(devices);
  return (
    <section className="devices panel" aria-labelledby="devices-heading">
      <div className="panel-head">
        <h2 id="devices-heading">Devices</h2>
        <button type="button" className="small" aria-pressed={reveal} onClick={toggleDeviceIds}>
          {reveal ? 'Hide device IDs' : 'Show device IDs'}
        </button>
      </div>
      {devices.length === 0 ? (
        // Not a dead end: say what to check, and that there is nothing to refresh by hand.
        <p className="empty">
          No mobile broadband devices found. Check the modem is plugged in and enabled in Device
          Manager: it appears here by itself.
        </p>
      ) : null}
      <ul className="device-list">
        {devices.map((d) => (
          <li key={d.interfaceId}>
            <button
              type="button"
              className={`device ${d.present ? '' : 'is-removed'}`}
              aria-current={d.interfaceId === selected ? 'true' : undefined}
              onClick={() => void selectDevice(d.interfaceId)}
            >
              <span className="device-model">
                <DeviceName name={names.get(d.interfaceId) ?? ''} />
              </span>
              <span className="device-maker">{d.manufacturer}</span>
              <span className="device-line">Firmware {d.firmware || 'unknown'}</span>
              <span className="device-line">
                Device ID{' '}
                <span className="mono" aria-label={reveal ? undefined : 'masked device ID'}>
                  {reveal ? d.deviceId : maskDeviceId(d.deviceId)}
                </span>
              </span>
              <span className={`badge ${d.present ? `ready-${d.readyState}` : 'removed'}`}>
                {d.present ? READY_LABELS[d.readyState] : 'Removed'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
