/**
 * The saved-log `name` (`mbn:open-saved-log`) that asks Electron's window for its folder dialog:
 * a dialog cannot pick files and folders at once on Windows and Linux, so "Open folder…" is a
 * choice of its own. No file on Windows can have this name (`<`, `>`), and the preview lists none.
 * Here, with no dependencies, because the window sends it and main reads it.
 */
export const FOLDER_DIALOG = '<folder>';
