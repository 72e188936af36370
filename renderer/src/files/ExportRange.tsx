import { useFiles } from '../store/files-store';
import { useTimeMode, zoneOf } from '../store/time-store';
import { TYPED_TIME_PLACEHOLDER } from '../../../shared/typed-time';
import { lastHourChoice, type ChosenRange } from './range-choice';

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
            onChange={() =>
              // A session's latest hour is the usual ask; a saved log's times are its own.
              range.from === '' && range.to === '' && ofSession
                ? set(lastHourChoice(Date.now(), zone))
                : set({ on: true })
            }
          />{' '}
          Only a time range
        </label>
      </div>
      {range.on ? (
        <div className="range-times">
          <label>
            From ({zoneWords})
            <input
              className="mono"
              value={range.from}
              placeholder={TYPED_TIME_PLACEHOLDER}
              spellCheck={false}
              aria-invalid={chosen.problem !== null && chosen.field !== 'to' ? true : undefined}
              aria-describedby="export-range-says"
              onChange={(e) => set({ from: e.target.value })}
            />
          </label>
          <label>
            to
            <input
              className="mono"
              value={range.to}
              placeholder={TYPED_TIME_PLACEHOLDER}
              spellCheck={false}
              aria-invalid={chosen.problem !== null && chosen.field !== 'from' ? true : undefined}
              aria-describedby="export-range-says"
              onChange={(e) => set({ to: e.target.value })}
            />
          </label>
          <p id="export-range-says" className={chosen.problem === null ? 'muted' : 'field-problem'}>
            {chosen.problem ??
              "Entries written from the first time up to the second; the run's start and the devices' details are kept."}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
