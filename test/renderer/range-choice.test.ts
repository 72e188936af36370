import { describe, expect, it } from 'vitest';
import { aroundChoice, chosenRange, lastHourChoice } from '../../renderer/src/files/range-choice';

describe('the export range boxes', () => {
  it('read times as the log writes them, in the zone the log shows', () => {
    expect(
      chosenRange({ on: true, from: '2026-01-05 14:00', to: '2026-01-05 15:00:00.000 Z' }, 'utc'),
    ).toEqual({
      range: { from: Date.UTC(2026, 0, 5, 14), to: Date.UTC(2026, 0, 5, 15) },
      problem: null,
    });
    expect(chosenRange({ on: false, from: 'x', to: '' }, 'utc')).toEqual({
      range: null,
      problem: null,
    });
  });

  it('take a date alone as its whole day, as the search’s boxes and the CLI’s --from do', () => {
    expect(chosenRange({ on: true, from: '2026-01-05', to: '2026-01-06' }, 'utc')).toEqual({
      range: { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 7) },
      problem: null,
    });
  });

  it('say which box to mend, and how', () => {
    expect(chosenRange({ on: true, from: '', to: '' }, 'utc')).toMatchObject({
      problem: "Type the range's start as YYYY-MM-DD hh:mm:ss.",
      field: 'from',
    });
    expect(chosenRange({ on: true, from: '2026-01-05 14:00', to: '5 pm' }, 'utc')).toMatchObject({
      problem:
        "The range's end is not a time: type it as YYYY-MM-DD hh:mm:ss (a row's time can be copied as it is), or a date alone for the whole day.",
      field: 'to',
    });
    expect(
      chosenRange({ on: true, from: '2026-01-05 15:00', to: '2026-01-05 14:00' }, 'utc'),
    ).toMatchObject({
      problem: 'The range ends before it starts: its end must come after its start.',
      field: 'both',
    });
  });

  it('start on the hour up to the end of the minute now, which reads back as that hour', () => {
    const now = Date.UTC(2026, 0, 5, 14, 59, 30);
    const choice = lastHourChoice(now, 'utc');
    expect(choice).toEqual({
      on: true,
      from: '2026-01-05 14:00:00.000 Z',
      to: '2026-01-05 15:00:00.000 Z',
    });
    expect(chosenRange(choice, 'utc').range).toEqual({
      from: Date.UTC(2026, 0, 5, 14),
      to: Date.UTC(2026, 0, 5, 15),
    });
  });
});

describe('the export range boxes around a selected entry', () => {
  it('start on the hour around it, from the minute half an hour before', () => {
    const at = Date.UTC(2026, 0, 5, 14, 47, 59, 982);
    expect(aroundChoice(at, 'utc')).toEqual({
      on: true,
      from: '2026-01-05 14:17:00.000 Z',
      to: '2026-01-05 15:17:00.000 Z',
    });
  });
});
