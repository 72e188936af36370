import { useEffect, useState } from 'react';
import { Header } from './components/Header';
import { NoticeBar } from './components/NoticeBar';
import { ShortcutsOverlay } from './components/ShortcutsOverlay';
import { useApp } from './store/app-store';
import { goToView, useView } from './store/view-store';
import { VIEWS } from './views/views';

export function App() {
  const theme = useApp((s) => s.theme);
  const viewId = useView((s) => s.viewId);
  const [shortcuts, setShortcuts] = useState(false);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  const view = VIEWS.find((v) => v.id === viewId) ?? VIEWS[0];
  const View = view?.component;
  return (
    <div className="app">
      {view?.hasLog ? (
        <a className="skip-link" href="#log">
          Skip to session log
        </a>
      ) : null}
      <Header
        views={VIEWS}
        current={viewId}
        onSelect={goToView}
        onShortcuts={() => setShortcuts(true)}
      />
      <NoticeBar />
      {View ? <View goTo={goToView} /> : null}
      <ShortcutsOverlay open={shortcuts} setOpen={setShortcuts} />
    </div>
  );
}
