/**
 * DSS session IDs handed out when a session is opened: the lowest free below the modem's
 * MaxDssSessions, held until the session ends, refused with the holders' names when none is free,
 * and (in the CLI) kept in a file so the next command closes under the ID the open took.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DssSessionFile } from '../../../../electron/backends/mbim/dss-session-file.js';
import { DssSessionIds } from '../../../../electron/backends/mbim/dss-session-ids.js';

const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const VENDOR = '77777777-7777-4777-8777-777777777777';
const OTHER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

describe('DSS session IDs on a modem that takes 1 at a time', () => {
  it('gives the second service ID 0 once the first is closed', () => {
    const ids = new DssSessionIds();
    expect(ids.forOpen(SMS, 1)).toEqual({ sessionId: 0, taken: true });
    expect(ids.forClose(SMS, 1, 0)).toEqual({ sessionId: 0, taken: false });
    ids.release(SMS); // the close succeeded
    expect(ids.forOpen(VENDOR, 1)).toEqual({ sessionId: 0, taken: true });
  });

  it('refuses an open while the only ID is held, naming the holder', () => {
    const ids = new DssSessionIds();
    ids.forOpen(SMS, 1);
    expect(ids.forOpen(VENDOR, 1)).toEqual({
      refusal:
        'This modem allows 1 DSS session at a time (MaxDssSessions 1), held now by SMS: close it first; nothing was sent to the modem.',
    });
  });

  it('opens a held session again under its own ID, taking none', () => {
    const ids = new DssSessionIds();
    ids.forOpen(SMS, 1);
    expect(ids.forOpen(SMS, 1)).toEqual({ sessionId: 0, taken: false });
  });

  it('closes a session it holds no ID for under the listing’s ID, or refuses when the modem would not take it', () => {
    const ids = new DssSessionIds();
    expect(ids.forClose(SMS, 1, 0)).toEqual({ sessionId: 0, taken: false });
    const refused = ids.forClose(VENDOR, 1, 1);
    expect(refused).toHaveProperty('refusal');
    expect('refusal' in refused && refused.refusal).toMatch(
      /^mbn-diag holds no DSS session ID for Vendor service 77777777-.*would give session 1, which this modem \(MaxDssSessions 1\) refuses: nothing was sent to the modem\.$/,
    );
  });

  it('frees every ID when the sessions end together', () => {
    const ids = new DssSessionIds();
    ids.forOpen(SMS, 1);
    expect(ids.holdsAny()).toBe(true);
    ids.clear();
    expect(ids.holdsAny()).toBe(false);
    expect(ids.forOpen(VENDOR, 1)).toEqual({ sessionId: 0, taken: true });
  });
});

describe('DSS session IDs on a modem that takes 2 at a time', () => {
  it('hands out the lowest free ID, and names both holders when none is', () => {
    const ids = new DssSessionIds();
    expect(ids.forOpen(VENDOR, 2)).toEqual({ sessionId: 0, taken: true });
    expect(ids.forOpen(SMS, 2)).toEqual({ sessionId: 1, taken: true });
    expect(ids.forOpen(OTHER, 2)).toEqual({
      refusal: `This modem allows 2 DSS sessions at a time (MaxDssSessions 2), held now by Vendor service ${VENDOR} and SMS: close one of them first; nothing was sent to the modem.`,
    });
    ids.release(VENDOR);
    expect(ids.forOpen(OTHER, 2)).toEqual({ sessionId: 0, taken: true });
  });
});

describe('DSS session IDs kept between CLI commands', () => {
  const fileIn = () => join(mkdtempSync(join(tmpdir(), 'dss-ids-')), 'mbim-dss-sessions.json');

  it('closes in a later command under the ID an earlier one opened with, per device', () => {
    const file = fileIn();
    new DssSessionIds(new DssSessionFile(file, '/dev/cdc-wdm0')).forOpen(VENDOR, 2);
    const next = new DssSessionIds(new DssSessionFile(file, '/dev/cdc-wdm0'));
    expect(next.holdsAny()).toBe(true);
    expect(next.forOpen(SMS, 2)).toEqual({ sessionId: 1, taken: true });
    expect(next.forClose(VENDOR, 2, 7)).toEqual({ sessionId: 0, taken: false });
    // Another modem holds nothing.
    expect(new DssSessionIds(new DssSessionFile(file, '/dev/cdc-wdm1')).holdsAny()).toBe(false);
  });

  it('takes a file that is not its own as none held', () => {
    const file = fileIn();
    writeFileSync(file, JSON.stringify({ format: 'other', devices: { '/dev/cdc-wdm0': 1 } }));
    const ids = new DssSessionIds(new DssSessionFile(file, '/dev/cdc-wdm0'));
    expect(ids.holdsAny()).toBe(false);
    expect(ids.forOpen(SMS, 1)).toEqual({ sessionId: 0, taken: true });
  });
});
