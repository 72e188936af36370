/**
 * A small seeded generator (mulberry32) and the delay distributions scenarios use. Seeded so a
 * scenario replays the same way every time: a bug seen once can be seen again.
 */
import type { Delay } from './scenario-schema.js';

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal, by Box-Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

export function drawDelay(delay: Delay, random: SeededRandom): number {
  if ('fixed' in delay) return delay.fixed;
  if ('uniform' in delay) {
    const [a, b] = delay.uniform;
    return Math.min(a, b) + random.next() * Math.abs(b - a);
  }
  const { medianMs, sigma } = delay.lognormal;
  return medianMs * Math.exp(sigma * random.normal());
}
