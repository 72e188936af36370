/**
 * Which MBIM control devices this Linux machine has, for `--backend auto`: cdc-wdm nodes whose
 * driver is cdc_mbim (a cdc-wdm node may also be a QMI modem) and the WWAN subsystem's MBIM ports.
 * Also whether ModemManager or mbim-proxy runs, in which case the device is shared through the
 * proxy rather than opened under ModemManager's feet.
 */
import { readdirSync, readlinkSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

export function findMbimDevices(): string[] {
  const found: string[] = [];
  for (const name of list('/sys/class/usbmisc')) {
    if (!name.startsWith('cdc-wdm')) continue;
    try {
      if (basename(readlinkSync(`/sys/class/usbmisc/${name}/device/driver`)) === 'cdc_mbim')
        found.push(`/dev/${name}`);
    } catch {
      // no driver link: not ours to guess
    }
  }
  for (const name of list('/sys/class/wwan')) {
    if (/mbim\d*$/i.test(name)) found.push(`/dev/${name}`);
  }
  return found.sort();
}

/** True when ModemManager or mbim-proxy is running (read from /proc, no tools needed). */
export function modemManagerOrProxyRunning(): boolean {
  for (const pid of list('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'ModemManager' || comm === 'mbim-proxy') return true;
    } catch {
      // the process ended while we looked
    }
  }
  return false;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
