import { describe, expect, it } from 'vitest';
import { deviceFileNames, exportFileName } from '../../../electron/core/export/export-name.js';

const at = new Date('2026-11-29T14:00:37.123Z');

describe('the name an export is offered under', () => {
  it('says which modem and when, in UTC to the minute', () => {
    expect(exportFileName(['EM7565'], at, 'zip')).toBe('mbn-diag_EM7565_2026-11-29T1400Z.zip');
  });

  it('names two modems, counts more, and says when there was none', () => {
    expect(exportFileName(['EM7565', 'EM120R-GL', 'EM7565'], at, 'csv')).toBe(
      'mbn-diag_EM7565+EM120R-GL_2026-11-29T1400Z.csv',
    );
    expect(exportFileName(['A', 'B', 'C'], at, 'html')).toBe(
      'mbn-diag_3-devices_2026-11-29T1400Z.html',
    );
    expect(exportFileName([], at, 'jsonl')).toBe('mbn-diag_no-device_2026-11-29T1400Z.jsonl');
  });

  it('says the hour a range export holds, not when it was made', () => {
    const hour = { from: Date.UTC(2026, 0, 5, 14), to: Date.UTC(2026, 0, 5, 15) };
    expect(exportFileName(['EM7565'], at, 'jsonl', hour)).toBe(
      'mbn-diag_EM7565_2026-01-05T1400Z-1500Z.jsonl',
    );
    const overnight = { from: Date.UTC(2026, 0, 5, 23, 30), to: Date.UTC(2026, 0, 6, 0, 30) };
    expect(exportFileName(['EM7565'], at, 'zip', overnight)).toBe(
      'mbn-diag_EM7565_2026-01-05T2330Z-2026-01-06T0030Z.zip',
    );
  });

  it('says one minute once, for a span within it', () => {
    const minute = {
      from: Date.UTC(2026, 11, 5, 16, 16, 2),
      to: Date.UTC(2026, 11, 5, 16, 16, 40),
    };
    expect(exportFileName(['EM7565'], at, 'jsonl', minute)).toBe(
      'mbn-diag_EM7565_2026-12-05T1616Z.jsonl',
    );
  });

  it('keeps a hostile model name from making a path', () => {
    const name = exportFileName(['../../etc/passwd', 'Sierra Wireless\u0000 EM/7565'], at, 'zip');
    expect(name).toBe('mbn-diag_etc-passwd+Sierra-Wireless-EM-7565_2026-11-29T1400Z.zip');
    expect(name).not.toMatch(/[\\/\0]/);
  });
});

describe('a model name that carries an identifier', () => {
  it('is offered without it, however it is written', () => {
    // The log's copy of the model is redacted; the name is not, and goes wherever the file goes.
    expect(
      exportFileName(['EM120R +44 20 7946 0958', 'EM7565 IMEI 359072061234567'], at, 'zip'),
    ).toBe('mbn-diag_EM120R+EM7565-IMEI_2026-11-29T1400Z.zip');
    expect(exportFileName(['IMEI_35-907206-123456-7'], at, 'csv')).toBe(
      'mbn-diag_IMEI_2026-11-29T1400Z.csv',
    );
  });
});

describe('a modem the log knows by its interface ID only', () => {
  // Every view calls it "unknown model (…0001)": the name said "no-device" beside them.
  it('is named as the views name it, file-system safe', () => {
    const names = deviceFileNames([
      { interfaceId: '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}', model: null },
      { interfaceId: '{B}', model: 'EM7565' },
    ]);
    expect(names).toEqual(['unknown model (0001)', 'EM7565']);
    expect(exportFileName(names, at, 'zip')).toBe(
      'mbn-diag_unknown-model-0001+EM7565_2026-11-29T1400Z.zip',
    );
  });
});
