/**
 * Journal lines of QUERY and SET requests through every moment of their lives, as the session
 * tracker writes them (tracker-records.ts, key for key): only the request record carries the
 * command ID; its return, completion, overdue and given-up records do not.
 */
import { SIERRA } from './fast-vs-full.js';
import { RUN_START } from './pass-through-lines.js';

export const BASIC_CONNECT = 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';
const SERVICE = { interfaceId: SIERRA, serviceId: BASIC_CONNECT, serviceName: 'Basic Connect' };
export const OTHER_SERVICE = {
  interfaceId: SIERRA,
  serviceId: '533fbeeb-14fe-4467-9f90-33a223e56c3f',
  serviceName: 'SMS',
};

type Op = 'query' | 'set' | 'close';
type Service = typeof SERVICE;

/** Makes lines numbered from `firstSeq`. */
export class CommandLines {
  readonly lines: string[] = [];

  constructor(private seq: number) {}

  private add(fields: Record<string, unknown>): void {
    this.seq += 1;
    const ms = String(this.seq % 1000).padStart(3, '0');
    this.lines.push(
      JSON.stringify({
        v: 2,
        seq: this.seq,
        time: `2026-11-24T08:30:00.${ms}Z`,
        mono: this.seq * 1.5,
        ...fields,
      }),
    );
  }

  request(ref: string, op: Op, commandId?: number): this {
    this.add({
      kind: 'request',
      ref,
      op,
      ...SERVICE,
      outcome: 'sending',
      sessionOpenBefore: op === 'close' ? true : null,
      ...(commandId === undefined
        ? {}
        : { byteLength: 0, commandId, commandListed: true, data: '' }),
    });
    return this;
  }

  returned(ref: string, op: Op, requestId: number | null, outcome = 'waiting'): this {
    const refused = requestId === null;
    this.add({
      kind: 'request-returned',
      ref,
      op,
      ...SERVICE,
      outcome,
      requestId,
      hresult: refused ? '0x80070005' : '0x00000000',
      hresultName: refused ? 'E_ACCESSDENIED' : 'S_OK',
      callMs: 0.5,
    });
    return this;
  }

  /** A completion; with `response`, the bytes a QUERY's answer carries (which never pass as they are). */
  completion(
    ref: string | null,
    op: Op,
    requestId: number,
    match: string,
    outcome: string | null,
    options: { response?: string; service?: Service } = {},
  ): this {
    const failed = options.response === undefined;
    this.add({
      kind: 'completion',
      op,
      ...(options.service ?? SERVICE),
      requestId,
      status: failed ? '0x80004005' : '0x00000000',
      statusName: failed ? 'E_FAIL' : 'S_OK',
      match,
      ref,
      outcome,
      latencyMs: outcome === null ? null : 12.5,
      ...(options.response === undefined
        ? {}
        : {
            responseId: 11,
            byteLength: options.response.length / 2,
            data: options.response,
          }),
    });
    return this;
  }

  overdue(ref: string, op: Op, requestId: number): this {
    this.add({
      kind: 'overdue',
      ref,
      op,
      ...SERVICE,
      outcome: 'overdue',
      requestId,
      timeoutMs: 10,
    });
    return this;
  }

  givenUp(ref: string, op: Op, requestId: number): this {
    this.add({
      kind: 'given-up',
      ref,
      op,
      ...SERVICE,
      outcome: 'given-up',
      requestId,
      waitedMs: 20,
    });
    return this;
  }

  runStart(): this {
    this.add(RUN_START);
    return this;
  }
}
