import { useEffect, useState } from 'react';
import type { JournalKind } from '../../../electron/ipc/contract';
import { serviceKey } from '../../../shared/model';
import { filterDevices, filterServices, logDeviceNames, nameIn } from './device-names';
import { KIND_LABELS } from '../../../shared/journal/kind-labels';
import { NO_LONGER_LISTED, outcomeOptions } from '../labels';
import { clearLogFilter, setLogFilter } from '../store/actions';
import { useApp } from '../store/app-store';
import { isFiltering, type LogFilter } from '../store/log-filter';
import { passingReading, useLogSource } from '../store/log-source';
import { useFiles } from '../store/files-store';
import { logCountWords, partTotal, searchAllName } from './log-count';
import { searchFormOf } from '../search/filter-search';
import type { SearchForm } from '../search/search-store';

const SEARCH_DELAY_MS = 150;

/**
 * Filters by device, service, kind and outcome, and a text search over the rows' words: of the
 * rows loaded. Beside a log larger than the window the count says so, and a button searches all
 * of it (`onSearchAll`, with what of the filters the search can ask: ../search/filter-search.ts).
 */
export function LogFilters({ onSearchAll }: { onSearchAll: (carried: SearchForm) => void }) {
  const source = useLogSource();
  const { model, store } = source;
  const filter = store((s) => s.filter);
  store((s) => s.version);
  const journalFirstSeq = store((s) => s.journalFirstSeq);
  const saved = useFiles((f) => (source.live ? null : f.saved));
  const total = partTotal(
    model.rows.length,
    source.live
      ? { live: true, lastLoaded: model.lastSeq, journalFirstSeq }
      : { live: false, saved },
  );
  const filtering = isFiltering(filter);
  /**
   * The filters read part of the log: the button that searches all of it for what it can carry
   * of them (none, for a device, kind or words alone: the search asks those differently, and a
   * button that opened it on whatever it last searched for would search for something else).
   */
  const carried = total === null ? null : searchFormOf(filter);
  const devices = useApp((s) => s.devices);
  const servicesByDevice = useApp((s) => s.services);
  const [text, setText] = useState(filter.text);

  useEffect(() => {
    if (text === filter.text) return;
    const timer = setTimeout(() => setLogFilter({ text }, source), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filter.text, source]);

  // A saved log offers its own devices and services: the live ones match nothing in it.
  const deviceChoices = filterDevices(devices, model.places, source.live);
  const names = logDeviceNames(devices, model.places, source.live);
  const inLog = filterServices(devices, model.places, filter.interfaceId, source.live).map((s) => ({
    key: serviceKey(s.interfaceId, s.serviceId),
    label: s.label,
  }));
  const services = source.live ? liveServices() : inLog;

  /**
   * The live log offers the services listed now, and those its rows name that the device no
   * longer lists (other firmware after an outage): their rows are still there to filter, and a
   * filter already on one must still read as chosen.
   */
  function liveServices(): { key: string; label: string }[] {
    const listed = Object.entries(servicesByDevice)
      .filter(([id]) => filter.interfaceId === null || id === filter.interfaceId)
      .flatMap(([id, list]) =>
        list.map((s) => ({
          key: serviceKey(id, s.serviceId),
          label: `${nameIn(names, id)} — ${s.name}`,
        })),
      );
    const listedKeys = new Set(listed.map((s) => s.key));
    const gone = inLog
      .filter((s) => !listedKeys.has(s.key))
      .map((s) => ({ key: s.key, label: `${s.label} (${NO_LONGER_LISTED.toLowerCase()})` }));
    return [...listed, ...gone];
  }

  return (
    <div className="log-filters" role="search" aria-label="Filter the session log">
      <label>
        Device
        <select
          aria-label="Filter by device"
          value={filter.interfaceId ?? ''}
          onChange={(e) =>
            setLogFilter({ interfaceId: e.target.value || null, service: null }, source)
          }
        >
          <option value="">All devices</option>
          {deviceChoices.map((d) => (
            <option key={d.interfaceId} value={d.interfaceId}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Service
        <select
          aria-label="Filter by service"
          value={filter.service ?? ''}
          onChange={(e) => setLogFilter({ service: e.target.value || null }, source)}
        >
          <option value="">All services</option>
          {services.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kind
        <select
          aria-label="Filter by kind"
          value={filter.kind ?? ''}
          onChange={(e) =>
            setLogFilter({ kind: (e.target.value || null) as JournalKind | null }, source)
          }
        >
          <option value="">All kinds</option>
          {Object.entries(KIND_LABELS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outcome
        <select
          aria-label="Filter by outcome"
          value={filter.outcome ?? ''}
          onChange={(e) =>
            setLogFilter({ outcome: (e.target.value || null) as LogFilter['outcome'] }, source)
          }
        >
          <option value="">Any outcome</option>
          <option value="problems">Any problem</option>
          {/* Still sending or waiting: now in the live log, at its end in a saved one. */}
          {outcomeOptions(passingReading(source)).map(({ outcome, label }) => (
            <option key={outcome} value={outcome}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="search">
        Search
        <input
          type="search"
          aria-label="Search the log"
          value={text}
          placeholder="HRESULT, request #, service…"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setLogFilter({ text }, source);
          }}
        />
      </label>
      {filtering ? (
        <button
          type="button"
          className="small"
          onClick={() => {
            setText('');
            clearLogFilter(source);
          }}
        >
          Clear filters
        </button>
      ) : null}
      <span className={`log-count${carried ? ' with-search-all' : ''}`} aria-live="off">
        <span className="log-count-words">
          {logCountWords({
            rows: model.rows.length,
            visible: model.visible.length,
            filtering,
            total,
          })}
        </span>
        {carried && total !== null ? (
          // Two words: with the count's two lines it fits beside the filters at 1366 px (with the
          // log's size in them it took a row of its own); its name says how many.
          <button
            type="button"
            className="small"
            aria-label={searchAllName(total)}
            title={searchAllTitle(carried)}
            onClick={() => onSearchAll(carried)}
          >
            Search all
          </button>
        ) : null}
      </span>
    </div>
  );
}

/** What the button beside the count does: which of the filters it searches the whole log for. */
function searchAllTitle(carried: SearchForm): string {
  const what = [
    carried.outcome && 'outcome',
    carried.service && 'service',
    carried.hresult && 'HRESULT',
    carried.request && 'request',
  ].filter(Boolean);
  return `The filters read only the entries loaded: search every entry of the log for the same ${what.join(' and ')}`;
}
