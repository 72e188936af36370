import type { KeyboardEvent } from 'react';
import { TYPED_TIME_PLACEHOLDER } from '../../../shared/typed-time';

/**
 * A box for a time as the log writes it (Go to time, the search's From and To). Text, not
 * datetime-local: that follows the machine's locale (AM/PM, day first), not the log's own way of
 * writing a time, and a row's whole time cell can be copied in as it is.
 */
export function TimeBox({
  value,
  onChange,
  onKeyDown,
  className,
  invalid = false,
}: {
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  className?: string;
  /** It holds what is not a time, and the words under the form say so. */
  invalid?: boolean;
}) {
  return (
    <input
      type="text"
      className={className ? `mono ${className}` : 'mono'}
      placeholder={TYPED_TIME_PLACEHOLDER}
      maxLength={40}
      spellCheck={false}
      autoComplete="off"
      value={value}
      aria-invalid={invalid || undefined}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
