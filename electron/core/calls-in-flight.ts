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
    return index < 0 ? undefined : list.splice(index, 1)[0];
  }

  /** Once no call is in flight for the key, the completions nobody claimed. */
  unclaimed(key: string): HeldCompletion[] {
    if (this.isCalling(key)) return [];
    const list = this.held.get(key) ?? [];
    this.held.delete(key);
    return list;
  }
}
