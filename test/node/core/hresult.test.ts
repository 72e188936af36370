import { describe, expect, it } from 'vitest';
import { decodeHresult, parseHresult } from '../../../shared/hresult.js';
import { KNOWN_HRESULTS } from '../../../shared/hresult-table.js';

describe('HRESULT decoding', () => {
  it('names S_OK and gives E_ACCESSDENIED the API’s own words', () => {
    expect(decodeHresult(0)).toMatchObject({ name: 'S_OK', hex: '0x00000000', succeeded: true });
    expect(decodeHresult(0x80070005)).toMatchObject({
      name: 'E_ACCESSDENIED',
      meaning: 'The command is not allowed for the calling process privileges.',
      succeeded: false,
    });
  });

  it('knows every E_MBN_* code and every HRESULT_FROM_WIN32 code in the reference', () => {
    const mbn = [...Array(0x12).keys()]
      .map((i) => 0x80548201 + i)
      .concat(
        [0x80548218, 0x80548219],
        [...Array(10).keys()].map((i) => 0x80548220 + i),
      );
    for (const value of mbn)
      expect(decodeHresult(value).name, value.toString(16)).toMatch(/^E_MBN_/);
    const win32: [number, string][] = [
      [0x80070045, 'HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS)'],
      [0x8007006f, 'HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW)'],
      [0x8007006e, 'HRESULT_FROM_WIN32(ERROR_OPEN_FAILED)'],
      [0x80070032, 'HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)'],
      [0x80070490, 'HRESULT_FROM_WIN32(ERROR_NOT_FOUND)'],
      [0x80070056, 'HRESULT_FROM_WIN32(ERROR_INVALID_PASSWORD)'],
    ];
    for (const [value, name] of win32) expect(decodeHresult(value).name).toBe(name);
    for (const [value, known] of KNOWN_HRESULTS)
      expect(known.meaning.length, value.toString(16)).toBeGreaterThan(5);
  });

  it('names what a dead MBN service and a wrong array type return, as the native backend meets them', () => {
    expect(decodeHresult(0x800706bf).name).toBe('RPC_S_CALL_FAILED_DNE');
    expect(decodeHresult(0x80020008).name).toBe('DISP_E_BADVARTYPE');
  });

  it('decodes anything else generically, by severity, facility and code, always in hex', () => {
    expect(decodeHresult(0x80071234)).toMatchObject({
      name: 'HRESULT_FROM_WIN32(4660)',
      facilityName: 'FACILITY_WIN32',
      code: 0x1234,
      known: false,
      hex: '0x80071234',
    });
    expect(decodeHresult(0x8054ffff)).toMatchObject({
      name: 'FAILURE(FACILITY_MBN, 0xffff)',
      severity: 'failure',
    });
    expect(decodeHresult(-2147024891).hex).toBe('0x80070005');
    expect(decodeHresult(0x0004_0001).meaning).toMatch(/^Success code 0x0001 from FACILITY_ITF/);
  });

  it('parses names, Win32 error names, hex and decimal as people write them', () => {
    expect(parseHresult('E_ACCESSDENIED')).toBe(0x80070005);
    expect(parseHresult('error_too_many_sess')).toBe(0x80070045);
    expect(parseHresult('0x8054820A')).toBe(0x8054820a);
    expect(parseHresult('-2147024891')).toBe(0x80070005);
    expect(parseHresult('E_NONSENSE')).toBeUndefined();
  });
});
