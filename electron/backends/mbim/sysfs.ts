/**
 * The manufacturer, which MBIM's DEVICE_CAPS does not carry: read from the USB device in sysfs
 * (the same string Windows shows), or empty where there is none (PCIe modems, the emulator).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { recordedText } from '../../../shared/recorded-cut.js';

export function usbManufacturer(devicePath: string): string {
  const name = basename(devicePath);
  for (const dir of [`/sys/class/usbmisc/${name}/device/..`, `/sys/class/wwan/${name}/device/..`]) {
    try {
      return recordedText(readFileSync(`${dir}/manufacturer`, 'utf8').trim(), 32);
    } catch {
      // not a USB device there
    }
  }
  return '';
}
