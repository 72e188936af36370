/**
 * A wait on the MBN service with a limit: a wedged service can hold a COM call for good (the
 * probe, a call, the release on close), and the app must go on without it. The work itself cannot
 * be cancelled; past the limit its answer is simply no longer waited for.
 */
export async function withinLimit<T, L>(
  work: Promise<T>,
  limitMs: number,
  /** What the wait gives past the limit (or throws). */
  late: () => L,
  /**
   * Whether the limit alone may keep the process alive: yes for the probe and the release on
   * close, which must end even if nothing else is waiting; not for a call, whose own outstanding
   * work keeps the process alive if anything does.
   */
  keepAlive = true,
): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  // `late` runs once the limit is reached: what it throws rejects the wait.
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
    if (!keepAlive) timer.unref();
  }).then(late);
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
