/**
 * zustand as a panel drawn on the server sees it: a hook reads its store's state as it is now. On
 * the server React draws once and subscribes to nothing, so a hook there read the store's first
 * state, not the one a test set. Used from `vi.mock("zustand", …)`, imported inside its factory (vi.mock is hoisted above imports).
 */
import type { StateCreator } from 'zustand/vanilla';

export async function zustandAsNow(importOriginal: <T>() => Promise<T>): Promise<object> {
  const { createStore } = await import('zustand/vanilla');
  type Init = StateCreator<unknown>;
  const drawnAsNow = (init: Init) => {
    const api = createStore(init);
    const hook = (select = (s: unknown) => s) => select(api.getState());
    return Object.assign(hook, api);
  };
  return {
    ...(await importOriginal<object>()),
    // create(init), and create<T>()(init) as the stores are made.
    create: (init?: Init) => (init === undefined ? drawnAsNow : drawnAsNow(init)),
  };
}
