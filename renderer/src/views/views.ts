/**
 * The window's views. One today; the timeline and saved-log views (issue 5) are added here and
 * the header shows a tab per view once there is more than one.
 */
import type { ComponentType } from 'react';
import { LiveView } from './LiveView';

export interface ViewDef {
  id: string;
  label: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'live', label: 'Live session', component: LiveView },
];
