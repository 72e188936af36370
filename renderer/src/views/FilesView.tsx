import { useEffect } from 'react';
import { ExportPanel } from '../files/ExportPanel';
import { OpenLogPanel } from '../files/OpenLogPanel';
import '../files/files.css';
import { refreshChoices } from '../store/file-actions';
import { useFiles } from '../store/files-store';
import type { ViewProps } from './views';

/** Export the live session, or open a saved log read-only. */
export function FilesView({ goTo }: ViewProps) {
  const lastExport = useFiles((s) => s.lastExport);
  // The preview's list of saved logs changes with every export.
  useEffect(() => {
    void refreshChoices();
  }, [lastExport]);
  return (
    <main className="files-view">
      <ExportPanel />
      <OpenLogPanel onOpened={() => goTo('saved')} />
    </main>
  );
}
