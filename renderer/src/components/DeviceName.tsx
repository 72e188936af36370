/**
 * A device's name as the window shows it: the part that tells two of one model apart, the end of
 * the interface ID (`(…8E47)`), is never cut or wrapped; where room is short, the model gives way
 * (`EM75… (…8E47)`). Cut from its end like any other text, the log's narrow Device column showed
 * "EM7565 (…" for both of two EM7565s.
 */
export function DeviceName({ name }: { name: string }) {
  const at = name.lastIndexOf(' (');
  if (at < 0) return <span className="device-name">{name}</span>;
  return (
    <span className="device-name" title={name}>
      <span className="device-name-model">{name.slice(0, at)}</span>{' '}
      <span className="device-name-end">{name.slice(at + 1)}</span>
    </span>
  );
}
