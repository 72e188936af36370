/**
 * A modem that never answers MBIM OPEN keeps a connect waiting up to 30 s; the CLI's Ctrl+C stops
 * it through an AbortSignal. The connect must end at once, say what it waited for, and close the
 * link it opened (the device file, through the bridge), not leave it open behind the stop.
 */
import { describe, expect, it } from 'vitest';
import { ConnectStopped } from '../../../../electron/backends/connect-stopped.js';
import type { ByteLink } from '../../../../electron/backends/mbim/bridge.js';
import { MbimBackend } from '../../../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage } from '../../../../electron/backends/mbim/message.js';

/** A link to a modem that reads everything and answers nothing. */
function muteLink(): { link: ByteLink; written: () => string[]; closed: () => boolean } {
  const written: string[] = [];
  let closed = false;
  const link: ByteLink = {
    write: (bytes) => written.push(decodeMessage(bytes).type),
    onData: () => undefined,
    onLost: () => undefined,
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
  return { link, written: () => written, closed: () => closed };
}

const settle = <T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> =>
  Promise.race([
    promise,
    new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms)),
  ]);

describe('stopping an MBIM connect', () => {
  it('stopped while the modem is silent after OPEN: ends at once, says so, closes the link', async () => {
    const mute = muteLink();
    const stopper = new AbortController();
    const connecting = MbimBackend.connect(
      { devicePath: '/dev/cdc-wdm0', proxy: false, openLink: () => Promise.resolve(mute.link) },
      stopper.signal,
    );
    const outcome = connecting.then(
      () => 'connected',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mute.written()).toEqual(['open']);
    stopper.abort();
    const error = await settle(outcome, 1000);
    expect(error).toBeInstanceOf(ConnectStopped);
    expect((error as ConnectStopped).waitingFor).toBe('the modem on /dev/cdc-wdm0 to answer OPEN');
    expect(mute.closed()).toBe(true);
  });

  it('stopped before the link is open: ends at once, and the link opened late is closed', async () => {
    const mute = muteLink();
    let giveLink: (link: ByteLink) => void = () => undefined;
    const stopper = new AbortController();
    const connecting = MbimBackend.connect(
      {
        devicePath: '/dev/cdc-wdm0',
        proxy: false,
        openLink: () => new Promise<ByteLink>((resolve) => (giveLink = resolve)),
      },
      stopper.signal,
    );
    const outcome = connecting.then(
      () => 'connected',
      (error: unknown) => error,
    );
    stopper.abort();
    const error = await settle(outcome, 1000);
    expect((error as ConnectStopped).waitingFor).toBe('/dev/cdc-wdm0 to open');
    giveLink(mute.link);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mute.closed()).toBe(true);
    expect(mute.written()).toEqual([]);
  });
});
