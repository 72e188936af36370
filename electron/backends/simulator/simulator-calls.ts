/**
 * How the simulator answers one request call as the MBN API is documented to: at once with an
 * HRESULT and a request ID, the completion later through an event, each as the scenario's
 * behaviour for that service and call says (late, lost, duplicated, before the call returns, or
 * taking the device away).
 */
import { succeeded } from '../../../shared/hresult.js';
import type {
  BackendEvent,
  CallResult,
  InterfaceId,
  RequestOp,
  ServiceId,
} from '../../../shared/model.js';
import { needsOpenSession } from '../../../shared/request/sessions.js';
import { BackendError } from '../contract.js';
import { commandAnswer } from './commands.js';
import { drawDelay } from './random.js';
import type { Behaviour, ScenarioService } from './scenario-schema.js';
import type { SimDevice, SimService, SimulatorCore } from './simulator-core.js';
import { startBursts } from './simulator-streams.js';
import { addDevice, removeDevice } from './simulator-timeline.js';

/**
 * HRESULT_FROM_WIN32(ERROR_OPEN_FAILED): WriteData's documented answer when no session is open.
 * What CloseDataSession returns then is undocumented; the simulator answers the same, by analogy,
 * unless the scenario says otherwise.
 */
const ERROR_OPEN_FAILED = 0x8007006e;

/**
 * Synchronous up to its end, so a 'before-return' completion is emitted before the caller can see
 * the request ID, exactly the race the tracker must handle. Throws a BackendError for a closed or
 * restarting backend, or an unknown device or service.
 */
export function placeCall(
  core: SimulatorCore,
  op: RequestOp,
  interfaceId: InterfaceId,
  serviceId: ServiceId,
  commandId: number,
): CallResult {
  const device = core.device(interfaceId);
  const service = core.service(device, serviceId);
  const answer = commandAnswer(service.spec, op, commandId);
  const behaviour: Behaviour = answer?.behaviour ?? dataBehaviour(service.spec, op);
  let hresult = behaviour.hresult >>> 0;
  if (succeeded(hresult) && !preconditionHolds(op, service)) hresult = ERROR_OPEN_FAILED;
  if (!succeeded(hresult)) return { hresult, requestId: 0 };

  const requestId = core.nextRequestId;
  core.nextRequestId = core.nextRequestId >= 0xffffffff ? 1 : core.nextRequestId + 1;
  const completion = (): BackendEvent => ({
    type: 'completion',
    op,
    interfaceId: device.spec.interfaceId,
    serviceId: service.spec.serviceId,
    status: behaviour.status >>> 0,
    requestId,
    ...(succeeded(behaviour.status) ? answer?.carries : {}),
  });
  const complete = (): void => {
    if (!device.present || core.closed) return;
    if (succeeded(behaviour.status)) applySuccess(core, op, device, service);
    core.emit(completion());
  };
  const delay = drawDelay(behaviour.delay, core.random);
  switch (behaviour.completion) {
    case 'lost':
      break;
    case 'before-return':
      complete();
      break;
    case 'duplicate':
      core.schedule(service.timers, delay, complete);
      core.schedule(service.timers, delay + 5, () => {
        if (device.present && !core.closed) core.emit(completion());
      });
      break;
    case 'normal':
      core.schedule(service.timers, delay, complete);
      break;
  }
  const { removeDeviceAfterMs, deviceReturnsAfterMs } = behaviour;
  if (removeDeviceAfterMs !== undefined) {
    core.schedule(core.scenarioTimers, removeDeviceAfterMs, () => {
      removeDevice(core, interfaceId);
      if (deviceReturnsAfterMs !== undefined) {
        core.schedule(core.scenarioTimers, deviceReturnsAfterMs, () =>
          addDevice(core, interfaceId),
        );
      }
    });
  }
  return { hresult, requestId };
}

/** Data-session calls need an open data session, and QUERY, SET and closing an open command one. */
function preconditionHolds(op: RequestOp, service: SimService): boolean {
  const needed = needsOpenSession(op);
  if (needed === 'data') return service.sessionOpen;
  if (needed === 'command') return service.commandSessionOpen;
  return true;
}

function applySuccess(
  core: SimulatorCore,
  op: RequestOp,
  device: SimDevice,
  service: SimService,
): void {
  if (op === 'open' && !service.sessionOpen) {
    service.sessionOpen = true;
    startBursts(core, device, service);
  }
  if (op === 'close') service.sessionOpen = false;
  if (op === 'open-command-session') service.commandSessionOpen = true;
  if (op === 'close-command-session') service.commandSessionOpen = false;
}

function dataBehaviour(spec: ScenarioService, op: RequestOp): Behaviour {
  switch (op) {
    case 'open':
    case 'close':
    case 'write':
      return spec[op];
    default:
      // commandAnswer() answers every command op; this is unreachable for them.
      throw new BackendError('internal', `No behaviour for ${op}.`);
  }
}
