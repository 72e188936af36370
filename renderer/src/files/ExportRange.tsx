import { SAVED_SOURCE, useFiles } from '../store/files-store';
import { useTimeMode, zoneOf } from '../store/time-store';
import { TYPED_TIME_PLACEHOLDER } from '../../../shared/typed-time';
import { aroundChoice, lastHourChoice, type ChosenRange, type RangeChoice } from './range-choice';
import { LIVE_SOURCE } from '../store/log-source';
import { rowOfSeq } from '../store/row-list';
import type { TimeZoneChoice } from '../../../shared/time';

/**
 * The whole log, or only a time range of it: a week-long kiosk log is gigabytes, and support asks
 * about the hour around one dropped session. The times are typed as the log writes them, in the
 * zone it shows (a row's time copied as it is works); what is wrong with them is said beside them.
 */
export function ExportRange({ chosen, disabled }: { chosen: ChosenRange; disabled: boolean }) {
  const range = useFiles((s) => s.range);
  const zone = zoneOf(useTimeMode((s) => s.mode));
  const ofSession = useFiles((s) => !s.saved || s.exportOf === 'session');
  const set = (next: Partial<typeof range>) =>
    useFiles.setState({ range: { ...range, ...next }, lastExport: null });
  const zoneWords = zone === 'utc' ? 'UTC' : 'local time';
  return (
    <fieldset className="export-range" disabled={disabled}>
      <legend>Time</legend>
      <div className="range-choices">
        <label>
          <input
            type="radio"
            name="export-range"
            checked={!range.on}
            onChange={() => set({ on: false })}
          />{' '}
          The whole log
        </label>
        <label>
          <input
            type="radio"
            name="export-range"
            checked={range.on}
            onChange={() => set(firstChoice(range, ofSession, zone))}
          />{' '}
          Only a time range
        </label>
        {/* Said beside the choice, not under the boxes: under them it pushed Export… below the
            fold of a 13-inch screen with a saved log open. */}
        {range.on ? (
          <span className="muted">with the run&apos;s start and the devices&apos; details</span>
        ) : null}
      </div>
      {range.on ? (
        <div className="range-times">
          <TimeBox
            label={`From (${zoneWords})`}
            value={range.from}
            invalid={chosen.problem !== null && chosen.field !== 'to'}
            onChange={(from) => set({ from, typed: true })}
          />
          <TimeBox
            label="to"
            value={range.to}
            invalid={chosen.problem !== null && chosen.field !== 'from'}
            onChange={(to) => set({ to, typed: true })}
          />
          {chosen.problem === null ? null : (
            <p id="export-range-says" className="field-problem">
              {chosen.problem}
            </p>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}

/** One end of the range, typed as the log writes times; its problem is said below both. */
function TimeBox(props: {
  label: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        className="mono"
        value={props.value}
        placeholder={TYPED_TIME_PLACEHOLDER}
        spellCheck={false}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.invalid ? 'export-range-says' : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/**
 * What the boxes start on: as typed before (`typed`); else the hour around the entry selected in the log
 * being exported; else its latest hour: a session's up to now, a saved log's up to its newest
 * entry in the window (its times are its own: days old, from another machine), or empty when it
 * shows none.
 */
function firstChoice(range: RangeChoice, ofSession: boolean, zone: TimeZoneChoice): RangeChoice {
  // Both boxes emptied by hand: filled again, as if never typed in.
  if (range.typed && (range.from !== '' || range.to !== '')) return { ...range, on: true };
  const { model, store } = ofSession ? LIVE_SOURCE : SAVED_SOURCE;
  const selected = rowOfSeq(model.rows, store.getState().selectedSeq);
  const at = selected ? Date.parse(selected.time) : Number.NaN;
  if (Number.isFinite(at)) return aroundChoice(at, zone);
  if (ofSession) return lastHourChoice(Date.now(), zone);
  const newest = model.rows.at(model.rows.length - 1);
  const end = newest ? Date.parse(newest.time) : Number.NaN;
  return Number.isFinite(end) ? lastHourChoice(end, zone) : { ...range, on: true };
}
