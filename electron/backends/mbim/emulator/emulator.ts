/**
 * The device side of MBIM, serving one scenario device: OPEN/CLOSE, DEVICE_CAPS,
 * SUBSCRIBER_READY_STATUS, RADIO_STATE, DEVICE_SERVICES, DEVICE_SERVICE_SUBSCRIBE_LIST,
 * IP_CONFIGURATION, DSS_CONNECT (refusing, as a strict modem does, a session ID not below the
 * device's MaxDssSessions) and each scenario service's own commands (QUERY/SET of the CIDs its
 * `commands` list, every other CID answered NO_DEVICE_SUPPORT unless the scenario says otherwise)
 * and notifications (INDICATE_STATUS on the service's UUID, CID = event ID), with the
 * simulator's faults (failure statuses, lost, late and duplicate answers, unsolicited indications,
 * the device going away). Pure protocol: bytes in through `receive()`, bytes out through `send`,
 * so it runs on a pty for mbimcli, on a pair of streams in tests, or anywhere else.
 */
import { drawDelay, SeededRandom } from '../../simulator/random.js';
import { hexBytes } from '../../simulator/commands.js';
import type {
  Behaviour,
  Notification,
  ScenarioDevice,
  ScenarioService,
} from '../../simulator/scenario-schema.js';
import { fragment, FrameSplitter, Reassembler } from '../framing.js';
import {
  DSS_LINK,
  decodeDssConnect,
  encodeDeviceCaps,
  encodeDeviceServices,
  encodeEmptyIpConfiguration,
  encodeSubscriberReadyStatus,
} from '../info.js';
import { InfoReader } from '../fields.js';
import {
  COMMAND_TYPE,
  decodeMessage,
  encodeMessage,
  MbimDecodeError,
  peekHeader,
  type MbimMessage,
} from '../message.js';
import {
  CID,
  CID_DSS_CONNECT,
  UUID_BASIC_CONNECT,
  UUID_DSS,
  formatUuid,
  parseUuid,
  sameUuid,
} from '../uuid.js';
import {
  deviceCaps,
  deviceServiceElements,
  findService,
  mbimReadyState,
  statusFor,
} from './device-model.js';

const STATUS = {
  success: 0,
  busy: 1,
  failure: 2,
  noDeviceSupport: 9,
  invalidParameters: 21,
  invalidDeviceServiceOp: 34,
};
const PROTOCOL_ERROR = { notOpened: 5, unknown: 6 };

export interface EmulatorOptions {
  seed?: number;
  /** Largest frame the device sends; longer answers are fragmented (MBIM's MaxControlTransfer). */
  maxTransfer?: number;
  /** Sends a SIGNAL_STATE indication this often while open (0: never). */
  indicationEveryMs?: number;
  /** The device goes away this long after the emulator starts (a scenario's remove-device). */
  removeAfterMs?: number;
  /** The first this many MBIM OPENs go unanswered, as by a modem still starting up. */
  ignoreOpens?: number;
  /**
   * An OPEN while already open is answered CLOSE_DONE (same transaction ID) and closes the
   * session, as some modems do, failing compliance test CM_03; libmbim then says CLOSE and OPEN
   * again (mbim-device.c, close_before_open).
   */
  closeDoneToOpenWhileOpen?: boolean;
  /** Told what happens, for the CLI's log and for tests. */
  log?: (line: string) => void;
}

export class MbimEmulator {
  private readonly splitter = new FrameSplitter();
  private readonly reassembler = new Reassembler();
  private readonly random: SeededRandom;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sessions = new Map<string, boolean>();
  private opened = false;
  private gone = false;
  private maxTransfer: number;
  private indicationTimer: NodeJS.Timeout | undefined;
  private notifying = false;
  private opensIgnored = 0;
  /** Every whole message the device received, for tests comparing request bytes. */
  readonly received: Uint8Array[] = [];

  constructor(
    private readonly device: ScenarioDevice,
    private readonly send: (bytes: Uint8Array) => void,
    private readonly options: EmulatorOptions = {},
    /** Called when the scenario removes the device: the transport should hang up. */
    private readonly onGone: () => void = () => undefined,
  ) {
    this.random = new SeededRandom(options.seed ?? 1);
    this.maxTransfer = options.maxTransfer ?? 4096;
    for (const service of device.services)
      this.sessions.set(service.serviceId, service.sessionOpen);
    if (options.removeAfterMs !== undefined) this.later(options.removeAfterMs, () => this.goAway());
  }

  receive(chunk: Uint8Array): void {
    if (this.gone) return;
    const { frames, garbage } = this.splitter.push(chunk);
    if (garbage) this.log(`garbage from the host: ${garbage.error.message}`);
    for (const frame of frames) {
      try {
        const whole = this.reassembler.push(frame);
        if (whole) this.handle(whole.bytes);
      } catch (error) {
        this.log(`bad fragment: ${(error as Error).message}`);
        // Named, and on the transaction it concerns, so the host knows which request failed.
        const code = error instanceof MbimDecodeError ? error.protocolError : undefined;
        this.reply({
          type: 'function-error',
          tid: peekHeader(frame)?.tid ?? 0,
          error: code ?? PROTOCOL_ERROR.unknown,
        });
      }
    }
  }

  /** Stops every timer; the device answers nothing more. */
  stop(): void {
    this.gone = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.indicationTimer) clearInterval(this.indicationTimer);
  }

  private handle(bytes: Uint8Array): void {
    let message: MbimMessage;
    try {
      message = decodeMessage(bytes);
    } catch (error) {
      this.log(`undecodable message: ${(error as Error).message}`);
      return;
    }
    this.received.push(bytes);
    switch (message.type) {
      case 'open':
        if (this.opensIgnored < (this.options.ignoreOpens ?? 0)) {
          this.opensIgnored += 1;
          this.log('OPEN ignored (still starting up)');
          return;
        }
        if (this.opened && this.options.closeDoneToOpenWhileOpen) {
          this.log('OPEN while open: answered CLOSE_DONE, closed');
          this.closeSession();
          this.reply({ type: 'close-done', tid: message.tid, status: STATUS.success });
          return;
        }
        // An OPEN while already open (a host that left the session open, as mbimcli --no-close
        // does) is answered OPEN_DONE, never CLOSE_DONE (compliance test CM_03, MBIM 1.0 §9.3.1),
        // and what is active stays active.
        this.opened = true;
        this.maxTransfer = Math.min(
          this.options.maxTransfer ?? 4096,
          message.maxControlTransfer || 4096,
        );
        this.log(`OPEN (host max transfer ${message.maxControlTransfer})`);
        this.reply({ type: 'open-done', tid: message.tid, status: STATUS.success });
        this.startIndications();
        this.startNotifications();
        return;
      case 'close':
        this.closeSession();
        this.log('CLOSE');
        this.reply({ type: 'close-done', tid: message.tid, status: STATUS.success });
        return;
      case 'command':
        if (!this.opened) {
          this.reply({ type: 'function-error', tid: message.tid, error: PROTOCOL_ERROR.notOpened });
          return;
        }
        this.command(message);
        return;
      default:
        this.log(`ignored ${message.type} from the host`);
    }
  }

  private command(message: Extract<MbimMessage, { type: 'command' }>): void {
    const done = (status: number, payload: Uint8Array = new Uint8Array(0)): MbimMessage => ({
      type: 'command-done',
      tid: message.tid,
      service: message.service,
      cid: message.cid,
      status,
      payload,
    });
    const query = message.commandType === COMMAND_TYPE.query;
    if (sameUuid(message.service, UUID_BASIC_CONNECT) && query) {
      switch (message.cid) {
        case CID.deviceCaps:
          this.log('DEVICE_CAPS');
          this.reply(done(STATUS.success, encodeDeviceCaps(deviceCaps(this.device))));
          return;
        case CID.subscriberReadyStatus: {
          const state = mbimReadyState(this.device.readyState);
          this.log('SUBSCRIBER_READY_STATUS');
          if (state === undefined) {
            this.reply(done(STATUS.busy));
            return;
          }
          const payload = encodeSubscriberReadyStatus({
            readyState: state,
            subscriberId: this.device.subscriberId ?? '',
            simIccId: '',
            readyInfo: 0,
            telephoneNumbers: [],
          });
          this.reply(done(STATUS.success, payload));
          return;
        }
        case CID.radioState:
          this.reply(done(STATUS.success, new Uint8Array([1, 0, 0, 0, 1, 0, 0, 0])));
          return;
        case CID.deviceServices:
          this.log('DEVICE_SERVICES');
          this.reply(
            done(
              STATUS.success,
              encodeDeviceServices({
                maxDssSessions: this.device.maxDssSessions,
                services: deviceServiceElements(this.device),
              }),
            ),
          );
          return;
        case CID.ipConfiguration: {
          const session = new InfoReader(message.payload).u32(0);
          this.reply(done(STATUS.success, encodeEmptyIpConfiguration(session)));
          return;
        }
      }
    }
    if (
      sameUuid(message.service, UUID_BASIC_CONNECT) &&
      message.cid === CID.deviceServiceSubscribeList &&
      !query
    ) {
      // Subscribing changes nothing here: the emulator sends every scenario notification anyway.
      this.log('DEVICE_SERVICE_SUBSCRIBE_LIST set');
      this.reply(done(STATUS.success, message.payload));
      return;
    }
    if (
      sameUuid(message.service, UUID_DSS) &&
      message.cid === CID_DSS_CONNECT &&
      message.commandType === COMMAND_TYPE.set
    ) {
      this.dssConnect(message.payload, done);
      return;
    }
    const service = findService(this.device, formatUuid(message.service));
    if (service && !sameUuid(message.service, UUID_BASIC_CONNECT)) {
      this.serviceCommand(service, message, done);
      return;
    }
    this.log(`NO_DEVICE_SUPPORT for CID ${message.cid}`);
    this.reply(done(STATUS.noDeviceSupport));
  }

  /** A QUERY or SET on a scenario service: its command's behaviour, or `unsupported`'s. */
  private serviceCommand(
    service: ScenarioService,
    message: Extract<MbimMessage, { type: 'command' }>,
    done: (status: number, payload?: Uint8Array) => MbimMessage,
  ): void {
    const op = message.commandType === COMMAND_TYPE.query ? 'query' : 'set';
    const behaviour = service.commands.list.find((c) => c.cid === message.cid)?.[op];
    this.log(`${op.toUpperCase()} CID ${message.cid} on ${service.serviceId}`);
    if (!behaviour) {
      const unsupported = service.commands.unsupported;
      this.answer(unsupported, (status) => done(status));
      return;
    }
    const response = hexBytes(behaviour.response);
    this.answer(behaviour, (status) =>
      done(status, status === STATUS.success ? response : new Uint8Array(0)),
    );
  }

  /**
   * Answers per a scenario behaviour: a call the simulator refuses at once has no MBIM
   * equivalent, so the modem answers at once with that status; otherwise after the delay, never
   * (lost), twice (duplicate), or at once (before-return).
   */
  private answer(
    behaviour: Behaviour,
    build: (status: number) => MbimMessage,
    onSuccess: () => void = () => undefined,
  ): void {
    if (behaviour.hresult !== 0) {
      this.reply(build(statusFor(behaviour.hresult)));
      return;
    }
    const status = statusFor(behaviour.status);
    const send = (): void => {
      if (status === STATUS.success) onSuccess();
      this.reply(build(status));
    };
    const delay = drawDelay(behaviour.delay, this.random);
    switch (behaviour.completion) {
      case 'lost':
        break;
      case 'before-return':
        send();
        break;
      case 'duplicate':
        this.later(delay, send);
        this.later(delay + 5, () => this.reply(build(status)));
        break;
      case 'normal':
        this.later(delay, send);
        break;
    }
    if (behaviour.removeDeviceAfterMs !== undefined)
      this.later(behaviour.removeDeviceAfterMs, () => this.goAway());
  }

  private dssConnect(payload: Uint8Array, done: (status: number) => MbimMessage): void {
    let request;
    try {
      request = decodeDssConnect(payload);
    } catch {
      this.reply(done(STATUS.invalidParameters));
      return;
    }
    const service = findService(this.device, request.serviceId);
    const op = request.linkState === DSS_LINK.activate ? 'open' : 'close';
    this.log(`DSS_CONNECT ${op} ${request.serviceId} session ${request.sessionId}`);
    // A strict modem takes only the session IDs below the MaxDssSessions it lists, and says no
    // more than INVALID_PARAMETERS about one that is not.
    if (request.sessionId >= this.device.maxDssSessions) {
      this.log(
        `session ${request.sessionId} is not below MaxDssSessions ${this.device.maxDssSessions}`,
      );
      this.reply(done(STATUS.invalidParameters));
      return;
    }
    if (!service) {
      this.reply(done(STATUS.invalidDeviceServiceOp));
      return;
    }
    this.answer(service[op], done, () => this.sessions.set(service.serviceId, op === 'open'));
  }

  /**
   * MBIM CLOSE deactivates whatever the function had active, its DSS sessions included, as a
   * conforming modem does (Chromium's MBIM compliance test CM_13): a data session does not
   * outlive the MBIM session it was opened in.
   */
  private closeSession(): void {
    this.opened = false;
    for (const serviceId of this.sessions.keys()) this.sessions.set(serviceId, false);
    if (this.indicationTimer) clearInterval(this.indicationTimer);
    this.indicationTimer = undefined;
  }

  /** Whether the service's DSS session is active on the device, as the tests check. */
  dataSessionOpen(serviceId: string): boolean {
    const service = findService(this.device, serviceId);
    return service ? (this.sessions.get(service.serviceId) ?? false) : false;
  }

  /**
   * The modem's MBIM function restarts without leaving the bus (a firmware reset, or another host
   * program saying MBIM CLOSE on the same control device): its session is closed, and it answers
   * every command with FUNCTION_ERROR NOT_OPENED until a host says MBIM OPEN again.
   */
  restart(): void {
    this.log('the MBIM function restarts: closed until the next OPEN');
    this.opened = false;
  }

  /** The device goes away: nothing more is answered and the transport hangs up. */
  goAway(): void {
    this.log('the device goes away');
    this.stop();
    this.onGone();
  }

  private startIndications(): void {
    const every = this.options.indicationEveryMs ?? 0;
    if (every <= 0 || this.indicationTimer) return;
    this.indicationTimer = setInterval(() => {
      if (!this.opened) return;
      // SIGNAL_STATE: Rssi, ErrorRate, SignalStrengthInterval, RssiThreshold, ErrorRateThreshold.
      const payload = new Uint8Array(20);
      new DataView(payload.buffer).setUint32(0, 10 + Math.floor(this.random.next() * 20), true);
      new DataView(payload.buffer).setUint32(4, 99, true);
      this.reply({
        type: 'indicate-status',
        tid: 0, // unsolicited: transaction ID 0
        service: UUID_BASIC_CONNECT,
        cid: 11,
        payload,
      });
    }, every);
  }

  /** Each scenario notification, as INDICATE_STATUS on its service, from MBIM OPEN on. */
  private startNotifications(): void {
    if (this.notifying) return;
    this.notifying = true;
    for (const service of this.device.services) {
      const uuid = parseUuid(service.serviceId);
      if (!uuid) continue;
      for (const notification of service.notifications) this.notify(uuid, notification, 0);
    }
  }

  private notify(uuid: Uint8Array, notification: Notification, sent: number): void {
    this.later(sent === 0 ? notification.afterMs : notification.intervalMs, () => {
      if (this.opened)
        this.reply({
          type: 'indicate-status',
          tid: 0,
          service: uuid,
          cid: notification.eventId,
          payload: hexBytes(notification.data),
        });
      if (sent + 1 < notification.count) this.notify(uuid, notification, sent + 1);
    });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.gone) run();
    }, ms);
    this.timers.add(timer);
  }

  private reply(message: MbimMessage): void {
    if (this.gone) return;
    for (const frame of fragment(encodeMessage(message), this.maxTransfer)) this.send(frame);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
