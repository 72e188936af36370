/**
 * The view the window shows (a header tab): a store, not the App's own state, so that what lives
 * deep in one view can show another. The live session's count in its earlier runs opens one of
 * them, which the Saved log view shows.
 */
import { create } from 'zustand';
import { VIEW_IDS, type ViewId } from '../views/view-ids';

interface ViewState {
  viewId: ViewId;
}

export const useView = create<ViewState>()(() => ({ viewId: VIEW_IDS[0] }));

export function goToView(viewId: ViewId): void {
  useView.setState({ viewId });
}
