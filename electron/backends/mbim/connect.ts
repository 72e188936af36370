/**
 * Opening an MBIM conversation: on a control device directly, or through mbim-proxy (which must
 * first be told which device, with libmbim's proxy-control configuration command), then MBIM OPEN.
 * mbim-proxy is started when it is not running, as mbimcli -p does.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BridgeError, openBridge, type ByteLink } from './bridge.js';
import { MbimTimeoutError, type MbimChannel } from './channel.js';
import { encodeProxyConfiguration } from './info.js';
import { COMMAND_TYPE } from './message.js';
import { CID_PROXY_CONFIGURATION, UUID_PROXY_CONTROL } from './uuid.js';
import { mbimStatusName } from '../../../shared/mbim-status.js';

const PROXY_SOCKET = 'mbim-proxy';
const PROXY_PATHS = [
  '/usr/libexec/mbim-proxy',
  '/usr/lib/libmbim/mbim-proxy',
  '/usr/lib/mbim-proxy',
];

export function findProxyBinary(): string | undefined {
  return PROXY_PATHS.find((p) => existsSync(p));
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Connects to mbim-proxy, starting it (detached, as mbimcli does) when nobody listens. */
export async function openProxyLink(): Promise<ByteLink> {
  try {
    return await openBridge('proxy', PROXY_SOCKET);
  } catch (error) {
    if (!(error instanceof BridgeError)) throw error;
    const binary = findProxyBinary();
    if (!binary)
      throw new BridgeError(
        `mbim-proxy is not running and was not found (install libmbim-utils): ${error.message}`,
      );
    const child = spawn(binary, [], { detached: true, stdio: 'ignore' });
    child.unref();
    let last: Error = error;
    for (let i = 0; i < 20; i++) {
      await sleep(100);
      try {
        return await openBridge('proxy', PROXY_SOCKET);
      } catch (retry) {
        last = retry as Error;
      }
    }
    throw new BridgeError(`mbim-proxy did not accept a connection: ${last.message}`);
  }
}

/**
 * mbim-proxy ended the connection before answering its configuration: it accepts only root or the
 * user it runs as, and closes any other client's connection at once without a word (libmbim
 * mbim-proxy.c, new_connection_cb), so the modem is not the one that went away.
 */
export function proxyClosed(devicePath: string, reason: string): string {
  const uid = process.getuid?.();
  const user = uid === undefined ? '' : ` (this process runs as uid ${uid})`;
  return `mbim-proxy closed the connection before taking ${devicePath} (${reason}). mbim-proxy accepts only root or the user it runs as${user}: run mbn-diag as one of them.`;
}

/** Tells mbim-proxy which device this client talks to. */
export async function configureProxy(
  channel: MbimChannel,
  devicePath: string,
  timeoutMs: number,
): Promise<void> {
  const answer = await channel.request(
    {
      type: 'command',
      tid: channel.nextTid(),
      service: UUID_PROXY_CONTROL,
      cid: CID_PROXY_CONFIGURATION,
      commandType: COMMAND_TYPE.set,
      payload: encodeProxyConfiguration(devicePath, Math.ceil(timeoutMs / 1000)),
    },
    timeoutMs,
  );
  if (answer.type !== 'command-done' || answer.status !== 0)
    throw new BridgeError(
      `mbim-proxy refused ${devicePath}: ${answer.type === 'command-done' ? mbimStatusName(answer.status) : answer.type}`,
    );
}

/**
 * How long one MBIM OPEN may go unanswered before it is sent again: libmbim's
 * OPEN_RETRY_TIMEOUT_SECS (mbim-device.c, open_message_ready), since a modem still starting up may
 * ignore an OPEN.
 */
const OPEN_ATTEMPT_MS = 5000;

/**
 * MBIM OPEN, announcing the channel's maximum transfer (the device's own when the kernel said it,
 * else 4096, as libmbim does), sent again each OPEN_ATTEMPT_MS until `timeoutMs` has passed;
 * resolves once the device (or the proxy) says OPEN_DONE with success, saying whether the modem
 * closed its function first (it answered CLOSE_DONE): then nothing an earlier run left active on
 * it, no data session, survived.
 */
export async function openSession(
  channel: MbimChannel,
  timeoutMs: number,
): Promise<{ closedFirst: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let answer;
  let closedFirst = false;
  for (;;) {
    const left = deadline - Date.now();
    try {
      answer = await channel.request(
        { type: 'open', tid: channel.nextTid(), maxControlTransfer: channel.maxTransfer },
        Math.max(1, Math.min(OPEN_ATTEMPT_MS, left)),
      );
    } catch (error) {
      if (!(error instanceof MbimTimeoutError) || left <= OPEN_ATTEMPT_MS) throw error;
      continue;
    }
    // A modem whose session an earlier run left open (no CLOSE while it held a data session,
    // mbim-session.ts) should answer OPEN_DONE (compliance test CM_03); some answer CLOSE_DONE.
    // As libmbim does then (mbim-device.c, close_before_open), say CLOSE and OPEN once more.
    if (answer.type !== 'close-done' || closedFirst) break;
    closedFirst = true;
    await channel
      .request(
        { type: 'close', tid: channel.nextTid() },
        Math.max(1, Math.min(OPEN_ATTEMPT_MS, left)),
      )
      .catch(() => undefined);
  }
  if (answer.type !== 'open-done' || answer.status !== 0)
    throw new BridgeError(
      `the modem refused MBIM OPEN: ${answer.type === 'open-done' ? mbimStatusName(answer.status) : answer.type}`,
    );
  return { closedFirst };
}
