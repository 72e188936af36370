/** Option parsing with errors in plain words. */
import { CliError } from './exit-codes.js';

/**
 * `atLeast`: the least allowed. A request timeout of 0 was taken and gave up on every request as
 * it was sent, whatever a technician meant by it ("no limit" is what 0 often means elsewhere).
 */
export function parseMs(text: string, option: string, atLeast = 0): number {
  if (!/^\d+$/.test(text.trim()))
    throw new CliError(`${option} must be a whole number of milliseconds, not "${text}".`);
  const value = Number(text);
  if (value < atLeast)
    throw new CliError(
      `${option} must be at least ${String(atLeast)} ms: ${text} would give up on each request as soon as it was sent.`,
    );
  if (value > 24 * 3600 * 1000)
    throw new CliError(`${option} is longer than a day; give it in milliseconds.`);
  return value;
}

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > 0xffffffff) {
    throw new CliError(`--seed must be a whole number between 0 and 4294967295, not "${text}".`);
  }
  return Number(text);
}
