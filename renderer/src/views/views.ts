/** The window's views; the header shows a tab per view. */
import type { ComponentType } from 'react';
import { LiveView } from './LiveView';
import { FilesView } from './FilesView';
import { SavedLogView } from './SavedLogView';
import { TimelineView } from './TimelineView';
import type { ViewId } from './view-ids';

export interface ViewProps {
  /** Switches the window to another view (opening a saved log shows it). */
  goTo: (id: ViewId) => void;
}

export interface ViewDef {
  id: ViewId;
  label: string;
  component: ComponentType<ViewProps>;
  /** It shows a log (#log), so the "skip to session log" link has somewhere to go. */
  hasLog: boolean;
}

/**
 * "Live timeline", not "Timeline": with a saved log open (which draws its own timeline), a
 * reviewer took the tab for the saved log's and read the live session's requests as the log's.
 */
export const VIEWS: readonly ViewDef[] = [
  { id: 'live', label: 'Live session', component: LiveView, hasLog: true },
  { id: 'timeline', label: 'Live timeline', component: TimelineView, hasLog: true },
  { id: 'files', label: 'Export & open', component: FilesView, hasLog: false },
  { id: 'saved', label: 'Saved log', component: SavedLogView, hasLog: true },
];
