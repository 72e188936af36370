/** Option parsing with errors in plain words. */
import { CliError } from './exit-codes.js';

export function parseMs(text: string, option: string): number {
  if (!/^\d+$/.test(text.trim()))
    throw new CliError(`${option} must be a whole number of milliseconds, not "${text}".`);
  const value = Number(text);
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
