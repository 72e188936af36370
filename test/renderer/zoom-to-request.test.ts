/**
 * Zoom to selection on a request that ended as it was sent (refused at once), or whose records
 * share a time: a 2 ms view showed a sliver, its colour under the selection's outline, nothing
 * around it. It shows at least 100 ms about the request; a longer one as before.
 */
import { describe, expect, it } from 'vitest';
import { zoomTo, zoomToRequest } from '../../renderer/src/timeline/viewport';

describe('zoom to a selected request', () => {
  it('shows at least 100 ms about a request of no length', () => {
    expect(zoomToRequest(10_000, 10_000)).toEqual({ t0: 9_950, t1: 10_050 });
  });

  it('shows a longer request across the plot, as any zoom to a stretch does', () => {
    expect(zoomToRequest(10_000, 11_000)).toEqual(zoomTo(10_000, 11_000));
  });
});
