/**
 * The MBIM backend's calls as they cross, and their answers as events: Open/Close Session as
 * DSS_CONNECT, QUERY and SET as a COMMAND on the service's own UUID, the calls MBIM has no message
 * for (the command list, the command session) answered here, and each COMMAND_DONE,
 * FUNCTION_ERROR and INDICATE_STATUS as the completion or notification it means, with the data
 * and command sessions they leave open. Kept apart from the backend, which finds the service a
 * call names and tells the events to its listeners.
 */
import type {
  BackendEvent,
  CallResult,
  InterfaceId,
  RequestOp,
  ServiceId,
} from '../../../shared/model.js';
import { mbimStatusToHresult } from '../../../shared/mbim-status.js';
import { BackendError } from '../contract.js';
import type { MessageNote } from './channel.js';
import {
  checkCommandArguments,
  COMMAND_SESSION_NOT_OPEN,
  needsOpenCommandSession,
} from './commands.js';
import { messageFields } from './describe-message.js';
import type { DssSessionIds } from './dss-session-ids.js';
import { DSS_LINK, encodeDssConnect } from './info.js';
import { COMMAND_TYPE, MESSAGE_TYPE, peekHeader, type MbimMessage } from './message.js';
import type { MbimSession } from './mbim-session.js';
import { isEventNotification } from './notifications.js';
import { MbimRequests } from './requests.js';
import type { ServiceEntry } from './service-table.js';
import { CID_DSS_CONNECT, formatUuid, parseUuid, UUID_DSS } from './uuid.js';

/** HRESULT_FROM_WIN32(ERROR_DEVICE_NOT_CONNECTED): the command could not be written. */
const DEVICE_NOT_CONNECTED = 0x8007048f;
/**
 * HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS): what OpenDataSession returns when the device service
 * has no session left (Microsoft Learn, IMbnDeviceService::OpenDataSession), for an open when
 * every DSS session ID the modem takes is held.
 */
const TOO_MANY_SESSIONS = 0x80070045;
/**
 * HRESULT_FROM_WIN32(ERROR_OPEN_FAILED): for a close no DSS session ID could be given, since none
 * is held for the service (so none of the sessions this backend opened is open there).
 */
const SESSION_NOT_OPEN = 0x8007006e;
/**
 * MBIM_STATUS_INVALID_DEVICE_SERVICE_OPERATION, answering a close: the modem says the session was
 * not open, so its ID is as free as after a close that succeeded.
 */
const CLOSED_ALREADY = mbimStatusToHresult(34);

export class MbimCalls {
  /** Data sessions as the answers to DSS_CONNECT left them. */
  private readonly sessions = new Map<string, boolean>();
  /**
   * Whether the session with the modem is a later one than the first. In the first, a data
   * session no answer has told of is unknown: MBIM has no query for it, and another program may
   * have opened it. In a session opened after one ended (the modem closed it, or went away and
   * came back), each is closed until an answer opens it: a DSS session lives in the MBIM session
   * it was opened in, as a connection does (MBIM CLOSE deactivates it). So that one run's `open`
   * outlives the run, the backend does not say MBIM CLOSE while it holds one (mbim-session.ts,
   * as libmbim's mbimcli --no-close).
   */
  private laterSession = false;
  /** Command sessions are this tool's own bookkeeping: MBIM has none (see commands.ts). */
  private readonly commandSessions = new Map<string, boolean>();
  private readonly requests = new MbimRequests();
  /** The opens in flight, by request ID, that took a free DSS session ID: a failure frees it. */
  private readonly tookId = new Set<number>();

  constructor(
    private readonly session: MbimSession,
    private readonly interfaceId: InterfaceId,
    /** The listed device service a call names. */
    private readonly service: (
      interfaceId: InterfaceId,
      serviceId: ServiceId,
    ) => Promise<ServiceEntry>,
    private readonly emit: (event: BackendEvent) => void,
    /** The DSS session IDs held, which outlive this object in the CLI (dss-session-ids.ts). */
    private readonly ids: DssSessionIds,
  ) {}

  dataSessionOpen(serviceId: string): boolean | null {
    return this.sessions.get(serviceId) ?? (this.laterSession ? false : null);
  }

  /**
   * Whether a data session this backend opened (its DSS_CONNECT activate succeeded) is open, or
   * may be: an ID is held for it, by this run or an earlier one whose MBIM session this one took
   * over (an MBIM CLOSE now would end it).
   */
  holdsDataSession(): boolean {
    for (const open of this.sessions.values()) if (open) return true;
    return this.ids.holdsAny();
  }

  commandSessionOpen(serviceId: string): boolean {
    return this.commandSessions.get(serviceId) ?? false;
  }

  /**
   * A new session replaces one the modem closed: its data sessions did not survive, and the
   * requests in flight in it will not be answered, so each completes now with NOT_OPENED.
   */
  sessionReplaced(): void {
    this.dataSessionsEnded();
    this.laterSession = true;
    for (const completion of this.requests.abandonAll(this.interfaceId)) this.emit(completion);
  }

  /**
   * The modem ended every data session (it closed its function before a new MBIM session, replaced
   * the session, or went away): the IDs held for them, here and in the note beside the journals,
   * are free again. Without this, a session an earlier run opened went on holding its ID, and an
   * open on a modem taking one session at a time was refused naming a service whose session no
   * longer existed.
   */
  dataSessionsEnded(): void {
    this.sessions.clear();
    this.ids.clear();
    this.tookId.clear();
  }

  /** The modem went away, and every session with it. */
  forget(): void {
    this.dataSessionsEnded();
    this.commandSessions.clear();
    this.laterSession = true;
  }

  /**
   * Open or Close Session as DSS_CONNECT: an open under the lowest DSS session ID free, a close
   * under the one its open took (dss-session-ids.ts); refused at once, with the words why, when
   * no ID the modem takes can be given.
   */
  async dss(op: RequestOp, interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    const service = await this.service(interfaceId, serviceId);
    // The DSS service itself has none; the backend never names it as a service to open.
    if (service.listedSessionId === undefined)
      throw new BackendError('internal', `No DSS session ID for ${service.serviceId}.`);
    const choice =
      op === 'open'
        ? this.ids.forOpen(service.serviceId, service.maxDssSessions)
        : this.ids.forClose(service.serviceId, service.maxDssSessions, service.listedSessionId);
    // Refused before anything is sent: the modem would answer only a bare failure status.
    if ('refusal' in choice)
      return {
        hresult: op === 'open' ? TOO_MANY_SESSIONS : SESSION_NOT_OPEN,
        requestId: 0,
        message: choice.refusal,
      };
    await this.session.settled();
    if (!this.session.present) {
      if (choice.taken) this.ids.release(service.serviceId);
      return { hresult: DEVICE_NOT_CONNECTED, requestId: 0 };
    }
    const sent = this.send(op, service.serviceId, {
      service: UUID_DSS,
      cid: CID_DSS_CONNECT,
      commandType: COMMAND_TYPE.set,
      payload: encodeDssConnect({
        serviceId: service.serviceId,
        sessionId: choice.sessionId,
        linkState: op === 'open' ? DSS_LINK.activate : DSS_LINK.deactivate,
      }),
    });
    if (choice.taken) this.tookId.add(sent.requestId);
    return sent;
  }

  /** QUERY or SET: an MBIM COMMAND on the service's own UUID; its COMMAND_DONE completes it. */
  async command(
    op: 'query' | 'set',
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    checkCommandArguments(commandId, data);
    const service = await this.service(interfaceId, serviceId);
    await this.session.settled();
    if (!this.session.present) return { hresult: DEVICE_NOT_CONNECTED, requestId: 0 };
    if (!this.commandSessions.get(service.serviceId))
      return { hresult: COMMAND_SESSION_NOT_OPEN, requestId: 0 };
    const uuid = parseUuid(service.serviceId);
    if (!uuid) throw new BackendError('internal', `Not a UUID: ${service.serviceId}.`);
    return this.send(op, service.serviceId, {
      service: uuid,
      cid: commandId,
      commandType: op === 'query' ? COMMAND_TYPE.query : COMMAND_TYPE.set,
      payload: data,
    });
  }

  /** A request as one COMMAND: its request ID, remembered by the message's transaction ID. */
  private send(
    op: RequestOp,
    serviceId: ServiceId,
    command: Omit<Extract<MbimMessage, { type: 'command' }>, 'type' | 'tid'>,
  ): CallResult {
    const requestId = this.requests.take();
    const tid = this.session.channel.nextTid();
    this.requests.remember(tid, { requestId, op, serviceId });
    this.session.channel.send({ type: 'command', tid, ...command });
    return { hresult: 0, requestId };
  }

  /**
   * A call MBIM has no message for (the command list, the command session): it returns a request
   * ID like any other and completes with S_OK once the call has returned, never before, as the
   * MBN service's own completions do.
   */
  local(
    op: 'supported-commands' | 'open-command-session' | 'close-command-session',
    service: ServiceEntry,
    carries: { commandIds?: readonly number[] },
  ): CallResult {
    if (!this.session.present) return { hresult: DEVICE_NOT_CONNECTED, requestId: 0 };
    if (needsOpenCommandSession(op) && !this.commandSessions.get(service.serviceId))
      return { hresult: COMMAND_SESSION_NOT_OPEN, requestId: 0 };
    const requestId = this.requests.take();
    setImmediate(() => {
      if (this.session.closed || !this.session.present) return;
      if (op !== 'supported-commands')
        this.commandSessions.set(service.serviceId, op === 'open-command-session');
      this.emit({
        type: 'completion',
        op,
        interfaceId: this.interfaceId,
        serviceId: service.serviceId,
        status: 0,
        requestId,
        ...carries,
      });
    });
    return { hresult: 0, requestId };
  }

  /**
   * Late, duplicate and unsolicited messages: completions for DSS, QUERY and SET requests, or a
   * device service's event notification.
   */
  unsolicited(message: MbimMessage): void {
    if (message.type === 'indicate-status') {
      if (this.session.present && isEventNotification(message.service))
        this.emit({
          type: 'event-notification',
          interfaceId: this.interfaceId,
          serviceId: formatUuid(message.service),
          eventId: message.cid,
          data: message.payload,
        });
      return;
    }
    if (message.type !== 'command-done' && message.type !== 'function-error') return;
    const answered = this.requests.answered(message, this.interfaceId);
    if (!answered) return;
    if (answered.dataSessionOpen !== undefined)
      this.sessions.set(answered.completion.serviceId, answered.dataSessionOpen);
    this.heldIdAnswered(answered.completion);
    this.emit(answered.completion);
  }

  /**
   * What an answer to DSS_CONNECT says of the ID it went out with: a failed open gives back the
   * ID it took, and a close that succeeded, or that the modem says found no session open, frees
   * its service's. Any other failed close leaves it held: the session may still be open, and the
   * next close must name the same ID.
   */
  private heldIdAnswered(completion: Extract<BackendEvent, { type: 'completion' }>): void {
    const { op, serviceId, status, requestId } = completion;
    if (op === 'open') {
      if (status !== 0 && this.tookId.has(requestId)) this.ids.release(serviceId);
      this.tookId.delete(requestId);
    }
    if (op === 'close' && (status === 0 || status === CLOSED_ALREADY)) this.ids.release(serviceId);
  }

  note(note: MessageNote): void {
    // An answer that does not decode still names its transaction in its header: it is filed
    // under the request it failed, not left without one.
    const header = note.message ? undefined : peekHeader(note.bytes);
    const tid =
      note.message?.tid ?? (header?.type === MESSAGE_TYPE.indicateStatus ? undefined : header?.tid);
    const requestId =
      tid !== undefined && note.message?.type !== 'indicate-status'
        ? this.requests.requestIdOf(tid)
        : null;
    this.emit({ type: 'mbim-message', message: messageFields(this.interfaceId, note, requestId) });
  }
}
