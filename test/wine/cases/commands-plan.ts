/**
 * What the commands case and its runner entry (suite.mjs) agree on: the extra fake lines' sizes,
 * and the generated response's bytes (test/wine/fake-mbn/config_commands.cc, response-pattern).
 */
export const LARGE_RESPONSE_BYTES = 1 << 20;

export const STORM = { threads: 8, count: 500, atMs: 2500 } as const;

export function largeResponseByte(k: number): number {
  return (k * 31 + Math.floor(k / 251)) & 0xff;
}
