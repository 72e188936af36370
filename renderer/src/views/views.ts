/** The window's views; the header shows a tab per view. */
import type { ComponentType } from 'react';
import { LiveView } from './LiveView';
import { TimelineView } from './TimelineView';

export interface ViewDef {
  id: string;
  label: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'live', label: 'Live session', component: LiveView },
  { id: 'timeline', label: 'Timeline', component: TimelineView },
];
