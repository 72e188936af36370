import { serviceKey } from '../../../shared/model';
import { dataSupport, NO_LONGER_LISTED } from '../labels';
import { useApp } from '../store/app-store';
import { goneWaiting } from '../store/service-lists';
import { RequestOutcome } from './RequestOutcome';
import { SessionActions } from './SessionActions';

const GONE_TITLE =
  'The device no longer lists this service (it came back without it). Its request stays here until it ends.';

/**
 * Services the device no longer lists (it came back from an outage on other firmware) whose
 * request still waits: kept below the listed ones, marked so, with no Close, Open or Commands
 * (the service is not there to take them), only the request and, once overdue, Stop waiting.
 * Each leaves when its request ends (store/service-lists.ts).
 */
export function GoneServiceRows({ interfaceId }: { interfaceId: string }) {
  const gone = useApp((s) => s.goneServices[interfaceId]);
  const requests = useApp((s) => s.requests);
  return goneWaiting(gone, requests).map((service) => {
    const key = serviceKey(service.interfaceId, service.serviceId);
    const request = requests[key];
    return (
      <tr key={key} data-service={service.name} className="gone-service">
        <th scope="row" className="service-name">
          <span className="name">
            <span className="name-text">{service.name}</span>{' '}
            {/* Where the Commands button was: the service is not there to take commands. */}
            <span className="badge session-gone" title={GONE_TITLE}>
              {NO_LONGER_LISTED}
            </span>
          </span>
          <span className="mono uuid">{service.serviceId}</span>
        </th>
        <td>{dataSupport(service.dataReadSupported, service.dataWriteSupported)}</td>
        <td>
          {/* Nobody can speak for the session of a service that is not there. */}
          <span className="muted" title={GONE_TITLE}>
            —
          </span>
        </td>
        <td className="action-cell">
          <SessionActions service={service} request={request} disabled />
        </td>
        <td className="last-request">
          <RequestOutcome request={request} />
        </td>
      </tr>
    );
  });
}
