/** IDs of test/wine/scenarios/unfriendly.json, shared by the cases that use it. */
export const U = '{A1A1A1A1-0000-4000-8000-0000000000A1}';
export const P = '{B2B2B2B2-0000-4000-8000-0000000000B2}';
/** Its close hangs for 30 s (a "hang" line). */
export const LONG_HANG = 'a1a1a1a1-0000-4000-8000-000000000001';
/** Its close hangs for 1.5 s. */
export const SHORT_HANG = 'a1a1a1a1-0000-4000-8000-000000000002';
export const NORMAL = 'a1a1a1a1-0000-4000-8000-000000000003';
export const PROBED = 'b2b2b2b2-0000-4000-8000-000000000001';
