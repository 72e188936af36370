import { deviceName } from '../../../shared/device-name';
import { serviceKey } from '../../../shared/model';
import { formatDuration } from '../../../shared/time';
import { Fragment } from 'react';
import { SESSION_LABELS, dataSupport } from '../labels';
import { useApp } from '../store/app-store';
import { toggleCommands } from '../store/command-actions';
import { CommandsPanel } from './CommandsPanel';
import { DeviceName } from './DeviceName';
import { GoneServiceRows } from './GoneServiceRows';
import { RequestOutcome } from './RequestOutcome';
import { SessionActions } from './SessionActions';

/** The selected device's services, each with its session state, actions and last request. */
export function ServicePanel() {
  const selected = useApp((s) => s.selectedDevice);
  const devices = useApp((s) => s.devices);
  const device = devices.find((d) => d.interfaceId === selected);
  const services = useApp((s) => (selected ? s.services[selected] : undefined));
  const requests = useApp((s) => s.requests);
  const backend = useApp((s) => s.backend);
  const commandsOpen = useApp((s) => s.commandsOpen);
  const anyDevice = useApp((s) => s.devices.length > 0);
  return (
    <section className="services panel" aria-labelledby="services-heading">
      <div className="panel-head">
        <h2 id="services-heading">
          Device services
          {device ? (
            <>
              {' — '}
              <DeviceName name={deviceName(device, devices)} />
            </>
          ) : null}
        </h2>
        {backend ? (
          <span className="muted">
            A request is overdue after {formatDuration(backend.timeoutMs)} without a completion.
          </span>
        ) : null}
      </div>
      {device && !device.present ? (
        <p className="notice error">
          This device was removed. Requests that were still pending on it were abandoned; it comes
          back here when it is plugged in again.
        </p>
      ) : null}
      {!services ? (
        <p className="empty">
          {selected
            ? 'Loading services…'
            : anyDevice
              ? 'Select a device to see its services.'
              : 'No device to show: its services appear here once a modem is connected.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="service-table">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Data path</th>
                <th scope="col">Data session</th>
                <th scope="col">Action</th>
                <th scope="col">Last request</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => {
                const key = serviceKey(service.interfaceId, service.serviceId);
                const request = requests[key];
                const unfolded = commandsOpen === key;
                const removed = device ? !device.present : false;
                const panelId = `commands-${key.replace(/[^a-zA-Z0-9-]/g, '')}`;
                return (
                  <Fragment key={key}>
                    <tr data-service={service.name}>
                      <th scope="row" className="service-name">
                        <span className="name">
                          <span className="name-text">{service.name}</span>{' '}
                          <button
                            type="button"
                            className="small commands-toggle"
                            aria-expanded={unfolded}
                            aria-controls={unfolded ? panelId : undefined}
                            aria-label={`Commands: ${service.name}`}
                            onClick={() => toggleCommands(service)}
                          >
                            {unfolded ? '▾' : '▸'} Commands
                          </button>
                        </span>
                        <span className="mono uuid">{service.serviceId}</span>
                      </th>
                      <td
                        title={
                          service.dataReadSupported || service.dataWriteSupported
                            ? undefined
                            : 'This device service has no read/write data path (it takes requests only).'
                        }
                      >
                        {dataSupport(service.dataReadSupported, service.dataWriteSupported)}
                      </td>
                      <td>
                        <span className={`badge session-${service.sessionState}`}>
                          {SESSION_LABELS[service.sessionState]}
                        </span>
                      </td>
                      <td className="action-cell">
                        <SessionActions service={service} request={request} disabled={removed} />
                      </td>
                      <td className="last-request">
                        <RequestOutcome request={request} />
                      </td>
                    </tr>
                    {unfolded ? (
                      <tr className="commands-row" data-commands-for={service.name}>
                        <td colSpan={5} id={panelId}>
                          <CommandsPanel service={service} disabled={removed} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
              {selected ? <GoneServiceRows interfaceId={selected} /> : null}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
