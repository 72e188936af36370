/** The window's views; the header shows a tab per view. */
import type { ComponentType } from 'react';
import { LiveView } from './LiveView';
import { FilesView } from './FilesView';
import { SavedLogView } from './SavedLogView';
import { TimelineView } from './TimelineView';

export interface ViewProps {
  /** Switches the window to another view (opening a saved log shows it). */
  goTo: (id: string) => void;
}

export interface ViewDef {
  id: string;
  label: string;
  component: ComponentType<ViewProps>;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'live', label: 'Live session', component: LiveView },
  { id: 'timeline', label: 'Timeline', component: TimelineView },
  { id: 'files', label: 'Export & open', component: FilesView },
  { id: 'saved', label: 'Saved log', component: SavedLogView },
];
