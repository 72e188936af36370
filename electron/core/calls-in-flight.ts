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

export class CallsInFlight {
  private readonly calling = new Map<string, number>();
  private readonly held = new Map<string, HeldCompletion[]>();

  started(key: string): void {
    this.calling.set(key, (this.calling.get(key) ?? 0) + 1);
  }

  isCalling(key: string): boolean {
    return (this.calling.get(key) ?? 0) > 0;
  }

  hold(key: string, completion: HeldCompletion): void {
    const list = this.held.get(key);
    if (list) list.push(completion);
    else this.held.set(key, [completion]);
  }

  /** A call returned: it is no longer in flight; returns the held completion with its ID, if any. */
  returned(key: string, requestId: number | null): HeldCompletion | undefined {
    const count = (this.calling.get(key) ?? 1) - 1;
    if (count > 0) this.calling.set(key, count);
    else this.calling.delete(key);
    const list = this.held.get(key);
    if (!list || requestId === null) return undefined;
    const index = list.findIndex((c) => c.requestId === requestId);
    if (index < 0) return undefined;
    const found = list[index];
    // The usual case, a completion that overtook its own call, empties the list: it goes, and no
    // spliced-out array is made for it.
    if (list.length === 1) this.held.delete(key);
    else list.splice(index, 1);
    return found;
  }

  /** Once no call is in flight for the key, the completions nobody claimed. */
  unclaimed(key: string): readonly HeldCompletion[] {
    if (this.isCalling(key)) return NONE;
    const list = this.held.get(key);
    if (!list) return NONE;
    this.held.delete(key);
    return list;
  }
}
