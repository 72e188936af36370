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

/**
 * One service+op: its calls in flight and the completions held for them. The tracker keeps one
 * for each service+op it meets (see RequestRegistry.call) and hands it to these functions, so a
 * call and its completion find the slot without a map lookup each step.
 */
export interface CallsInFlight {
  calling: number;
  held: HeldCompletion[] | undefined;
}

export function callStarted(slot: CallsInFlight): void {
  slot.calling += 1;
}

export function isCalling(slot: CallsInFlight): boolean {
  return slot.calling > 0;
}

export function holdCompletion(slot: CallsInFlight, completion: HeldCompletion): void {
  if (slot.held) slot.held.push(completion);
  else slot.held = [completion];
}

/** A call returned: it is no longer in flight; returns the held completion with its ID, if any. */
export function callReturnedTo(
  slot: CallsInFlight,
  requestId: number | null,
): HeldCompletion | undefined {
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

/** Once no call is in flight, the completions nobody claimed. */
export function unclaimedCompletions(slot: CallsInFlight): readonly HeldCompletion[] {
  if (!slot.held || slot.calling > 0) return NONE;
  const list = slot.held;
  slot.held = undefined;
  return list;
}
