/**
 * A modem reset or power-cycled between two `mbn-diag` commands (the field's first fix) comes
 * back on the USB bus under a new device number, with every DSS session ended: the IDs the
 * earlier command held are not read back, so the next open on a modem taking one session at a
 * time is not refused in the name of a session that no longer exists. Read from a sysfs tree laid
 * out as the kernel lays it out for a cdc-wdm device.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DssSessionFile } from '../../../../electron/backends/mbim/dss-session-file.js';
import { DssSessionIds } from '../../../../electron/backends/mbim/dss-session-ids.js';
import { modemInstance } from '../../../../electron/backends/mbim/modem-instance.js';

const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const VENDOR = '77777777-7777-4777-8777-777777777777';

/** /dev/cdc-wdm0, and the kernel's files for it: the modem at bus 1, device `devnum`. */
function kernelTree(devnum: number, bootId = '7d3a0a8e-1111-4c2b-9d5e-0123456789ab') {
  const root = mkdtempSync(join(tmpdir(), 'modem-instance-'));
  const sys = join(root, 'sys');
  const proc = join(root, 'proc');
  const usbDevice = join(sys, 'devices', 'pci0000:00', '0000:00:14.0', 'usb1', '1-4');
  const mbimInterface = join(usbDevice, '1-4:1.12');
  mkdirSync(mbimInterface, { recursive: true });
  writeFileSync(join(usbDevice, 'busnum'), '1\n');
  writeFileSync(join(usbDevice, 'devnum'), `${devnum}\n`);
  mkdirSync(join(sys, 'class', 'usbmisc', 'cdc-wdm0'), { recursive: true });
  symlinkSync(mbimInterface, join(sys, 'class', 'usbmisc', 'cdc-wdm0', 'device'));
  mkdirSync(join(proc, 'sys', 'kernel', 'random'), { recursive: true });
  writeFileSync(join(proc, 'sys', 'kernel', 'random', 'boot_id'), `${bootId}\n`);
  mkdirSync(join(root, 'dev'));
  const device = join(root, 'dev', 'cdc-wdm0');
  writeFileSync(device, '');
  return { device, kernel: { sys, proc } };
}

describe('which appearance of a modem on the bus a control device is', () => {
  it('is the boot and the USB bus and device number above its MBIM interface', () => {
    const { device, kernel } = kernelTree(5);
    expect(modemInstance(device, kernel)).toBe(
      '7d3a0a8e-1111-4c2b-9d5e-0123456789ab bus 1 device 5',
    );
  });

  it('changes when the modem comes back under a new device number, or the host rebooted', () => {
    const before = kernelTree(5);
    const reset = kernelTree(6);
    const rebooted = kernelTree(5, '00000000-2222-4c2b-9d5e-0123456789ab');
    const first = modemInstance(before.device, before.kernel);
    expect(modemInstance(reset.device, reset.kernel)).not.toBe(first);
    expect(modemInstance(rebooted.device, rebooted.kernel)).not.toBe(first);
  });

  it('is unknown for a device with no USB numbers above it (a pty standing in for a modem)', () => {
    const { kernel } = kernelTree(5);
    const pty = join(mkdtempSync(join(tmpdir(), 'pty-')), 'pts-3');
    writeFileSync(pty, '');
    expect(modemInstance(pty, kernel)).toBeUndefined();
    expect(modemInstance('/nonexistent/cdc-wdm9', kernel)).toBeUndefined();
  });
});

describe('DSS session IDs kept across a modem reset', () => {
  const fileIn = () => join(mkdtempSync(join(tmpdir(), 'dss-ids-')), 'mbim-dss-sessions.json');

  it('are not read back after the modem came back under a new device number', () => {
    const file = fileIn();
    let now: string | undefined = 'boot bus 1 device 5';
    const store = () => new DssSessionFile(file, '/dev/cdc-wdm0', () => now);
    expect(new DssSessionIds(store()).forOpen(VENDOR, 1)).toEqual({ sessionId: 0, taken: true });
    // The same modem, not reset: SMS must wait for the vendor service's session.
    expect(new DssSessionIds(store()).forOpen(SMS, 1)).toHaveProperty('refusal');
    now = 'boot bus 1 device 6';
    // Reset: the vendor service's session ended with it, so SMS may have ID 0.
    const after = new DssSessionIds(store());
    expect(after.holdsAny()).toBe(false);
    expect(after.forOpen(SMS, 1)).toEqual({ sessionId: 0, taken: true });
    // And the IDs held now are the new appearance's: read back while it stays.
    expect(new DssSessionIds(store()).forOpen(VENDOR, 1)).toHaveProperty('refusal');
  });

  it('are read back as before where the appearance cannot be read, then or now', () => {
    const file = fileIn();
    let now: string | undefined;
    const store = () => new DssSessionFile(file, '/dev/cdc-wdm0', () => now);
    new DssSessionIds(store()).forOpen(VENDOR, 1);
    now = 'boot bus 1 device 6';
    expect(new DssSessionIds(store()).holdsAny()).toBe(true);
    // Saved on a known appearance, loaded where none can be read: kept.
    expect(new DssSessionIds(store()).forOpen(SMS, 2)).toEqual({ sessionId: 1, taken: true });
    now = undefined;
    const later = new DssSessionIds(store());
    expect(later.forClose(VENDOR, 2, 7)).toEqual({ sessionId: 0, taken: false });
    expect(later.forClose(SMS, 2, 7)).toEqual({ sessionId: 1, taken: false });
  });
});
