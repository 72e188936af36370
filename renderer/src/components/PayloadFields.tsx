import { useEffect, useState } from 'react';
import { toHex } from '../../../shared/bytes';
import { encodeRequest, requestFields, type PayloadRole } from '../../../shared/commands/payloads';

interface Props {
  serviceId: string;
  commandId: number;
  role: Extract<PayloadRole, 'query-request' | 'set-request'>;
  /** The bytes the fields make, as hex, written into the hex editor. */
  onBytes: (hex: string) => void;
}

/**
 * The structured editor for a command whose request layout is known (`requestFields`): one input
 * (or choice) per field, encoded by the shared catalogue (`encodeRequest`) into the hex editor as
 * the technician changes them, so the hex stays what is sent and can still be edited by hand.
 */
export function PayloadFields({ serviceId, commandId, role, onBytes }: Props) {
  const specs = requestFields(serviceId, commandId, role);
  const [values, setValues] = useState<Record<string, number>>(() =>
    Object.fromEntries((specs ?? []).map((s) => [s.name, s.choices?.[0]?.value ?? 0])),
  );
  // Mounted per command and operation: the hex starts as what the fields show.
  useEffect(() => {
    const bytes = encodeRequest(serviceId, commandId, role, values);
    if (bytes && bytes.length > 0) onBytes(toHex(bytes));
    // Only when mounted; later changes are written by `update`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!specs || specs.length === 0) return null;
  const update = (name: string, value: number) => {
    const next = { ...values, [name]: value };
    setValues(next);
    const bytes = encodeRequest(serviceId, commandId, role, next);
    if (bytes) onBytes(toHex(bytes));
  };
  return (
    <fieldset className="payload-fields">
      <legend>Fields</legend>
      {specs.map((spec) => (
        <label key={spec.name}>
          {spec.name}
          {spec.choices ? (
            <select
              value={values[spec.name] ?? 0}
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
