/**
 * A backend's connect stopped by its caller (the CLI's Ctrl+C) before the device answered. Kept
 * apart from BackendError: nothing is wrong with the device, and the caller, who stopped it, says
 * so in its own words; `waitingFor` names what was being waited for ("the modem on /dev/cdc-wdm0
 * to answer OPEN").
 */
export class ConnectStopped extends Error {
  constructor(readonly waitingFor: string) {
    super(`stopped while waiting for ${waitingFor}`);
    this.name = 'ConnectStopped';
  }
}

/**
 * `work`, unless `signal` aborts first: then ConnectStopped at once, and what `work` gives later
 * is handed to `discard` (a link opened too late is closed, not leaked).
 */
export function unlessAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  waitingFor: string,
  discard: (late: T) => void,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(new ConnectStopped(waitingFor));
      void work.then(discard, () => undefined);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
