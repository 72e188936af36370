/**
 * Services of one device under one name, as an MBIM modem's vendor services all are ("Vendor
 * service"): a support engineer's review read seven summary rows, seven timeline lanes and the
 * advice under that one name, and could not tell which service failed. Where the name does not
 * tell, the report gives the service's ID beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { DIAG, SMS, requestEntries } from '../../support/journal-traffic.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(() => removeTempDirs());

const VENDOR = 'Vendor service';

/** Twelve requests to two services both named "Vendor service"; every sixth fails. */
function records(): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (let n = 1; n <= 12; n++)
    for (const entry of requestEntries(n, { failEvery: 6 })) {
      const named = 'serviceName' in entry ? { ...entry, serviceName: VENDOR } : entry;
      const time = new Date(Date.UTC(2026, 0, 5, 8) + n * 1000).toISOString();
      out.push({ v: 2, seq: out.length + 1, time, mono: n * 1000, ...named });
    }
  return out;
}

describe('the report, with two services of one device under one name', () => {
  it('tells them apart by their IDs in the summary, the advice and the timeline', async () => {
    const file = join(tempDir(), 'report.html');
    await exportRecords(records(), 'html', file);
    const html = readFileSync(file, 'utf8');
    const summary = html.slice(html.indexOf('sec-summary'), html.indexOf('</table>'));
    for (const { serviceId } of [SMS, DIAG]) expect(summary).toContain(serviceId);
    const advice = html.slice(html.indexOf('sec-next'));
    expect(advice.slice(0, advice.indexOf('</section>'))).toMatch(
      new RegExp(`<b>${VENDOR} <span class="note mono nw">\\{[0-9a-f-]{36}\\}</span></b>`),
    );
    const lanes = [...html.matchAll(/class="tl-svc">([^<]*)</g)].map((m) => m[1]);
    expect(new Set(lanes).size).toBe(2);
    expect(lanes).toContain(`${VENDOR} (533fbeeb…)`);
  });

  it('writes a name alone where it is the device’s only service of that name', async () => {
    const file = join(tempDir(), 'report.html');
    const distinct = records().map((r) =>
      'serviceId' in r && r.serviceId === SMS.serviceId ? { ...r, serviceName: 'SMS' } : r,
    );
    await exportRecords(distinct, 'html', file);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`<td>${VENDOR}</td>`);
    expect(html).toContain('<td>SMS</td>');
  });
});
