/**
 * "Still waiting" and "Still sending" in the log's Outcome filter list what is in flight now: a
 * row that said its request was waiting leaves the view once the request's completion (or a
 * give-up, an abandon...) arrives, and the count follows. A request gone overdue is still waiting
 * for its completion; "Went overdue" keeps every request that did, whatever became of it.
 */
import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import {
  accepted,
  completed,
  givenUp,
  overdue,
  readData,
  request,
  runStart,
} from './support/request-rows';

const shown = (model: LogModel) =>
  Array.from({ length: model.visible.length }, (_, i) => model.visible.seqAt(i));
const stillWaiting = { ...NO_FILTER, outcome: 'waiting' as const };

describe('the log filtered to what is still in flight', () => {
  it('drops a waiting request from the view when its completion arrives, and keeps the other', () => {
    const model = new LogModel();
    model.setFilter(stillWaiting);
    model.insert([request(1, 'r1'), accepted(2, 'r1', 1001), request(3, 'r2')]);
    model.insert([accepted(4, 'r2', 1002), readData(5)]);
    expect(shown(model)).toEqual([2, 4]);

    model.insert([completed(6, 'r1', 1001), readData(7)]);
    expect(shown(model)).toEqual([4]);
    // "1 of 7 entries match".
    expect([model.visible.length, model.rows.length]).toEqual([1, 7]);

    // Overdue, it is still waiting for its completion; given up, it is not.
    model.insert([overdue(8, 'r2', 1002)]);
    expect(shown(model)).toEqual([4]);
    model.insert([givenUp(9, 'r2', 1002)]);
    expect(shown(model)).toEqual([]);
    // That it went overdue stays true: "Went overdue" lists it still.
    model.setFilter({ ...NO_FILTER, outcome: 'overdue' });
    expect(shown(model)).toEqual([8]);
  });

  it('lists, in a log read whole, only the requests with no end by its last row', () => {
    const model = new LogModel();
    model.insert([
      request(1, 'r1'),
      accepted(2, 'r1', 1001),
      request(3, 'r2'),
      accepted(4, 'r2', 1002),
      completed(5, 'r1', 1001),
      request(6, 'r3'),
    ]);
    model.setFilter(stillWaiting);
    expect(shown(model)).toEqual([4]);
    // The call of r3 has not returned: it is still sending; r1's and r2's have.
    model.setFilter({ ...NO_FILTER, outcome: 'sending' });
    expect(shown(model)).toEqual([6]);
  });

  it('shows nothing of an earlier run as waiting: a new run started after it', () => {
    const model = new LogModel();
    model.insert([request(1, 'r1'), accepted(2, 'r1', 1001)]);
    model.setFilter(stillWaiting);
    expect(shown(model)).toEqual([2]);
    // The new run numbers its requests from r1 again.
    model.insert([runStart(3), request(4, 'r1'), accepted(5, 'r1', 2001)]);
    expect(shown(model)).toEqual([5]);
  });
});
