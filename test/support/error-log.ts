/**
 * A JSON Lines log of `error` records (the journal's simplest kind), numbered from 1, for tests
 * that need a log of a given length or line size without a session to record it.
 */
export function errorLog(count: number, message: (n: number) => string, context = 'c'): string {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      v: 2,
      seq: i + 1,
      time: '2026-11-30T10:00:00.000Z',
      mono: i,
      kind: 'error',
      message: message(i + 1),
      context,
    }),
  );
  return `${lines.join('\n')}\n`;
}
