/**
 * Debian's Chromium as every browser test and benchmark launches it. The flags keep it from
 * reaching for the network (this machine has none but the package registries, and Chromium's
 * background connections are refused many at a time) and let it run as root in a container.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
