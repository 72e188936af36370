import { useState } from 'react';
import { toHex } from '../../../shared/bytes';
import { requestFields, type PayloadRole } from '../../../shared/commands/payloads';
import { u32Bytes } from './command-input';

interface Props {
  serviceId: string;
  commandId: number;
  role: Extract<PayloadRole, 'query-request' | 'set-request'>;
  /** The bytes the fields make, as hex, written into the hex editor. */
  onBytes: (hex: string) => void;
}

/**
 * The structured editor for a command whose request layout is known (`requestFields`): one input
 * (or choice) per field, written into the hex editor as the technician changes them, so the hex
 * stays what is sent and can still be edited by hand.
 */
export function PayloadFields({ serviceId, commandId, role, onBytes }: Props) {
  const specs = requestFields(serviceId, commandId, role);
  const [values, setValues] = useState<Record<string, number>>({});
  if (!specs || specs.length === 0) return null;
  const update = (name: string, value: number) => {
    const next = { ...values, [name]: value };
    setValues(next);
    onBytes(toHex(u32Bytes(specs.map((s) => next[s.name] ?? s.choices?.[0]?.value ?? 0))));
  };
  return (
    <fieldset className="payload-fields">
      <legend>Fields</legend>
      {specs.map((spec) => (
        <label key={spec.name}>
          {spec.name}
          {spec.choices ? (
            <select
              value={values[spec.name] ?? spec.choices[0]?.value ?? 0}
              onChange={(e) => update(spec.name, Number(e.target.value))}
            >
              {spec.choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              className="mono"
              inputMode="numeric"
              size={10}
              value={values[spec.name] ?? 0}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n <= 0xffffffff) update(spec.name, n);
              }}
            />
          )}
        </label>
      ))}
    </fieldset>
  );
}
