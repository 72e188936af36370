/**
 * Calls that have not returned yet, per service and operation, and the completions that overtook
 * them. The MBN docs do not say a completion cannot arrive before the call returns its request
 * ID, so such a completion is held here until the call returns and claims it; if nobody claims
 * it, it was for a request this app never sent.
 */
export interface HeldCompletion {
  status: number;
  requestId: number;
  mono: number;
  carried?: Carried;
}

/** What a command completion brings back, as the completion record writes it (bytes as hex). */
export interface Carried {
  commandIds?: number[];
  responseId?: number;
  byteLength?: number;
  data?: string;
}

/** Asked after every call: nearly always nothing, which need not be a new array each time. */
const NONE: readonly HeldCompletion[] = [];

/** One service+op: its calls in flight and the completions held for them. */
interface Slot {
  calling: number;
  held: HeldCompletion[] | undefined;
}

/**
 * A slot stays once made (a machine has a handful of services, each with a few ops): making and
 * deleting map entries for every call, in two maps, cost more than the rest of tracking it.
 */
export class CallsInFlight {
  private readonly slots = new Map<string, Slot>();

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { calling: 0, held: undefined }));
    return slot;
  }

  started(key: string): void {
    this.slot(key).calling += 1;
  }

  isCalling(key: string): boolean {
    return (this.slots.get(key)?.calling ?? 0) > 0;
  }

  hold(key: string, completion: HeldCompletion): void {
    const slot = this.slot(key);
    if (slot.held) slot.held.push(completion);
    else slot.held = [completion];
  }

  /** A call returned: it is no longer in flight; returns the held completion with its ID, if any. */
  returned(key: string, requestId: number | null): HeldCompletion | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (slot.calling > 0) slot.calling -= 1;
    const list = slot.held;
    if (!list || requestId === null) return undefined;
    const index = list.findIndex((c) => c.requestId === requestId);
    if (index < 0) return undefined;
    const found = list[index];
    // The usual case, a completion that overtook its own call, empties the list: it goes, and no
    // spliced-out array is made for it.
    if (list.length === 1) slot.held = undefined;
    else list.splice(index, 1);
    return found;
  }

  /** Once no call is in flight for the key, the completions nobody claimed. */
  unclaimed(key: string): readonly HeldCompletion[] {
    const slot = this.slots.get(key);
    if (!slot?.held || slot.calling > 0) return NONE;
    const list = slot.held;
    slot.held = undefined;
    return list;
  }
}
