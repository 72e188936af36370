import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../electron/ipc/contract';
import {
  checkCommand,
  parseCommandId,
  spacedHex,
} from '../../renderer/src/components/command-input';

const service: ServiceRow = {
  interfaceId: 'dev',
  serviceId: '8c1e5a4b-2d7f-4e36-b9a0-61f3c5d7e902',
  name: 'Sierra diagnostics stream',
  dataReadSupported: true,
  dataWriteSupported: true,
  dataSessionOpen: true,
  commandSessionOpen: false,
  maxCommandSize: 8,
  sessionState: 'open',
  commandSessionState: 'closed',
  supportedCommands: [1, 2, 3, 4],
};

describe('the Commands form checks before sending', () => {
  it('reads a CID in decimal or 0x hex, up to 32 bits', () => {
    expect(parseCommandId(' 3 ')).toBe(3);
    expect(parseCommandId('0x0B')).toBe(11);
    expect(parseCommandId('4294967295')).toBe(0xffffffff);
    expect(parseCommandId('4294967296')).toBeUndefined();
    expect(parseCommandId('-1')).toBeUndefined();
    expect(parseCommandId('1.5')).toBeUndefined();
  });

  it('marks a command the service did not list, but not one it listed or one never asked', () => {
    expect(checkCommand(service, '7', '').unlisted).toBe(true);
    expect(checkCommand(service, '2', '').unlisted).toBe(false);
    expect(checkCommand({ ...service, supportedCommands: null }, '7', '').unlisted).toBe(false);
  });

  it('refuses data over MaxCommandSize in words, and accepts it at the limit', () => {
    expect(checkCommand(service, '2', '00'.repeat(9)).problem).toBe(
      'The data is 9 bytes, but Sierra diagnostics stream takes at most 8 bytes in a command (its MaxCommandSize). Shorten it; nothing is sent like this.',
    );
    expect(checkCommand(service, '2', '00 '.repeat(8)).problem).toBeNull();
  });

  it('says what is wrong with a CID or hex that cannot be sent', () => {
    expect(checkCommand(service, '', '').problem).toMatch(/Enter a command ID/);
    expect(checkCommand(service, 'abc', '').problem).toMatch(/not a command ID/);
    expect(checkCommand(service, '1', '0').problem).toMatch(/not whole bytes of hex/);
  });

  it('lays out bytes for reading', () => {
    expect(spacedHex('29000000')).toBe('29 00 00 00');
  });
});
