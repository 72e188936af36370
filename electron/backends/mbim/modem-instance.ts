/**
 * Which appearance of a modem on the USB bus a control device belongs to: the boot, and the USB
 * bus and device number the kernel gave the modem when it enumerated. A modem that is reset or
 * power-cycled (the field's first fix) leaves the bus and comes back under a new device number,
 * and every DSS session it had is gone; a host that rebooted has a new boot ID. MBIM itself has no
 * way to tell: a conforming modem answers the next OPEN with OPEN_DONE either way.
 *
 * Read from sysfs: /sys/class/usbmisc/<cdc-wdm name>/device is the modem's MBIM interface, and the
 * USB device above it holds `busnum` and `devnum`. Undefined where any of it cannot be read (not
 * Linux, not USB, a pty standing in for a modem): then nothing is concluded from it.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where the kernel's files are: the real ones, or a tree a test makes. */
export interface KernelFiles {
  sys: string;
  proc: string;
}

const REAL: KernelFiles = { sys: '/sys', proc: '/proc' };
/** How far above the MBIM interface the USB device may be (interface, then device). */
const MAX_UP = 3;

export function modemInstance(devicePath: string, kernel: KernelFiles = REAL): string | undefined {
  try {
    // A udev link (/dev/mbim-modem) names the same cdc-wdm node.
    const name = basename(realpathSync(devicePath));
    let dir = realpathSync(join(kernel.sys, 'class', 'usbmisc', name, 'device'));
    for (let up = 0; up < MAX_UP; up += 1) {
      const usb = usbNumbers(dir);
      if (usb) {
        const boot = readFileSync(join(kernel.proc, 'sys', 'kernel', 'random', 'boot_id'), 'utf8');
        return `${boot.trim()} bus ${usb.bus} device ${usb.device}`;
      }
      dir = dirname(dir);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function usbNumbers(dir: string): { bus: number; device: number } | undefined {
  try {
    const bus = readFileSync(join(dir, 'busnum'), 'utf8').trim();
    const device = readFileSync(join(dir, 'devnum'), 'utf8').trim();
    return /^\d+$/.test(bus) && /^\d+$/.test(device)
      ? { bus: Number(bus), device: Number(device) }
      : undefined;
  } catch {
    return undefined;
  }
}
