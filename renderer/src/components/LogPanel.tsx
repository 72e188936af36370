import { useRef } from 'react';
import { SearchPanel } from '../search/SearchPanel';
import { runSearch, setSearchForm, setSearchOpen } from '../search/search-actions';
import { searchStoreOf, type SearchForm } from '../search/search-store';
import { searchScopeWords } from '../files/run-part-words';
import { useRunPart } from '../store/files-store';
import { useLogSource } from '../store/log-source';
import { LogFilters } from './LogFilters';
import { LogList } from './LogList';
import { LogStatus } from './LogStatus';

/** The session log: filters above, the virtualized rows below; the whole-log search on demand. */
export function LogPanel() {
  const source = useLogSource();
  const searching = searchStoreOf(source)((s) => s.open);
  // One journal file of a run, opened alone, is searched alone: the button says so.
  const words = searchScopeWords(useRunPart(source));
  const section = useRef<HTMLElement>(null);
  const open = () => {
    setSearchOpen(source, true);
    // Where the view scrolls (a saved log), bring the search, the hits and the rows into view.
    requestAnimationFrame(() => {
      section.current?.scrollIntoView({ block: 'start' });
      // Into its first box: focus left on the button, what was typed next was lost, and the
      // Enter meant for the search pressed "Hide search".
      section.current?.querySelector<HTMLElement>('.search-form select')?.focus();
    });
  };
  const toggle = () => {
    if (searching) setSearchOpen(source, false);
    else open();
  };
  /**
   * The filters' count offers this beside a log larger than the window, with what of the filter
   * the search can ask (../search/filter-search.ts): the same, everywhere.
   */
  const searchAll = (carried: SearchForm) => {
    setSearchForm(source, carried);
    open();
    void runSearch(source);
  };
  return (
    <section ref={section} className="log panel" aria-labelledby="log-heading">
      <div className="panel-head">
        <h2 id="log-heading">Session log</h2>
        <LogStatus />
        <button type="button" aria-expanded={searching} title={words.title} onClick={toggle}>
          {searching ? 'Hide search' : words.label}
        </button>
      </div>
      {searching ? <SearchPanel /> : null}
      <LogFilters onSearchAll={searchAll} />
      <LogList />
    </section>
  );
}
