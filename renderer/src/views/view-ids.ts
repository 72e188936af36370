/** The window's views by id, in the header's order (views.ts gives each its tab and component). */
export const VIEW_IDS = ['live', 'timeline', 'files', 'saved'] as const;
export type ViewId = (typeof VIEW_IDS)[number];
