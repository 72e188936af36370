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
          <TimeBox
            label={`From (${zoneWords})`}
            value={range.from}
            invalid={chosen.problem !== null && chosen.field !== 'to'}
            onChange={(from) => set({ from })}
          />
          <TimeBox
            label="to"
            value={range.to}
            invalid={chosen.problem !== null && chosen.field !== 'from'}
            onChange={(to) => set({ to })}
          />
          <p id="export-range-says" className={chosen.problem === null ? 'muted' : 'field-problem'}>
            {chosen.problem ??
              "Entries written from the first time up to the second; the run's start and the devices' details are kept."}
          </p>
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
        aria-describedby="export-range-says"
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
