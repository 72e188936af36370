/**
 * The contract's channels that talk to a modem: list devices and services, open and close a data
 * or command session, send a command, give up on an overdue request. One file because they share
 * how a device and a service are named and the technician's confirmation that a call goes out
 * despite the session's state; the channel list itself stays in `contract.ts`.
 */
import { z } from 'zod';
import { RECORDED_DATA_BYTES } from '../../shared/journal/record.js';
import type { InterfaceId, ServiceInfo, SessionState } from '../../shared/model.js';

export const interfaceId = z.string().min(1).max(256);
export const serviceId = z.string().min(1).max(128);

export const sessionRequest = z
  .object({
    interfaceId,
    serviceId,
    /**
     * The technician confirmed sending although the session is not in the state the call needs
     * (close while not open, open while already open): the deliberate second step.
     */
    confirmed: z.boolean().optional(),
  })
  .strict();

/**
 * The bytes of a QUERY or SET: hex (two digits a byte, nothing else) or an array of bytes. Bounded
 * by what a record keeps, far above any service's MaxCommandSize; that finer limit is the
 * engine's to check, in words, against the service's own value.
 */
const commandData = z.union([
  z
    .string()
    .max(2 * RECORDED_DATA_BYTES)
    .regex(/^(?:[0-9a-fA-F]{2})*$/, 'hex, two digits a byte'),
  z.array(z.number().int().min(0).max(255)).max(RECORDED_DATA_BYTES),
]);
export const commandRequest = z
  .object({
    interfaceId,
    serviceId,
    /** The command ID (CID): an unsigned 32-bit number. */
    commandId: z.number().int().min(0).max(0xffffffff),
    data: commandData,
    /**
     * The technician confirmed sending a command the service did not list among its supported
     * commands: the deliberate second step (without it such a command is refused, unsent).
     */
    force: z.boolean().optional(),
  })
  .strict();

export const giveUpRequest = z
  .object({
    ref: z.string().regex(/^r[1-9][0-9]{0,15}$/, 'a request reference such as r12'),
  })
  .strict();

/** A service as the main screen lists it: what the backend says plus the tracked session state. */
export interface ServiceRow extends ServiceInfo {
  sessionState: SessionState;
  /** The command session's tracked state (Open/CloseCommandSession). */
  commandSessionState: SessionState;
  /** The command IDs the service listed when last asked; `null`: never asked this run. */
  supportedCommands: number[] | null;
}

export interface BackendInfo {
  kind: 'simulator' | 'mbn' | 'mbim';
  /** Which scenario, or which MBN service. */
  label: string;
  /** Why this backend: shown in the window so nobody mistakes the simulator for a modem. */
  reason: string;
  available: boolean;
  /** Overdue after this many ms without a completion. */
  timeoutMs: number;
  journalDir: string;
  runId: string;
  app: { name: string; version: string };
}

/**
 * A device's services as main just listed them (a listing the window asked for, or the engine's
 * own re-read after an outage, when a modem may come back listing other services), each with its
 * sessions' states then: the window's list for that device becomes this one.
 */
export interface ServiceList {
  interfaceId: InterfaceId;
  services: ServiceRow[];
}

export type DeviceChange = { type: 'arrival' | 'removal'; interfaceId: InterfaceId; seq: number };
