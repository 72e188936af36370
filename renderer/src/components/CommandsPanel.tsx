import { useEffect, useId, useRef, useState } from 'react';
import type { ServiceRow } from '../../../electron/ipc/contract';
import { commandLabel } from '../../../shared/commands/names';
import { hasEnded } from '../../../shared/request/outcome';
import { OP_WORDS, outcomeHeadline } from '../../../shared/request/words';
import { serviceKey } from '../../../shared/model';
import { SESSION_LABELS } from '../labels';
import { disarm } from '../store/actions';
import { useApp } from '../store/app-store';
import {
  armedKey,
  listCommands,
  sendCommand,
  sendCommandSession,
  type CommandCallOp,
} from '../store/command-actions';
import { checkCommand } from './command-input';
import { CommandResult } from './CommandResult';
import { PayloadFields } from './PayloadFields';

interface Props {
  service: ServiceRow;
  /** The device is gone: nothing can be sent. */
  disabled: boolean;
}

/**
 * A service's command half, folded under its row: the command session with Open/Close, the
 * commands it listed, a QUERY/SET editor and the newest response. A command the service did not
 * list is marked as soon as it is typed, and sending it takes a second, explicit confirmation.
 */
export function CommandsPanel({ service, disabled }: Props) {
  const sectionRef = useRef<HTMLElement>(null);
  // Unfolded below its row, possibly below the fold of the services table, and growing as
  // answers come (the listed commands, a response, a refusal): kept in view as it changes size.
  useEffect(() => {
    const section = sectionRef.current;
    if (!section) return;
    const keepInView = () => section.scrollIntoView({ block: 'nearest' });
    keepInView();
    const observer = new ResizeObserver(keepInView);
    observer.observe(section);
    return () => observer.disconnect();
  }, []);
  const key = serviceKey(service.interfaceId, service.serviceId);
  const latest = useApp((s) => s.requests[key]);
  const result = useApp((s) => s.commandResults[key]);
  const pending = latest && !hasEnded(latest.outcome) ? latest : undefined;
  const off = disabled || pending !== undefined;
  return (
    <section ref={sectionRef} className="commands" aria-label={`Commands of ${service.name}`}>
      <div className="commands-top">
        <CommandSession service={service} disabled={off} />
        <SupportedCommands service={service} disabled={off} />
      </div>
      {pending ? (
        <p className="muted command-pending" role="status">
          Waiting: {outcomeHeadline(pending)}. New requests can be sent once it has ended
          {pending.outcome === 'overdue' ? ' (or you stop waiting for it, above)' : ''}.
        </p>
      ) : null}
      <CommandEditor service={service} disabled={off} />
      <CommandResult story={result} />
    </section>
  );
}

function CommandSession({ service, disabled }: { service: ServiceRow; disabled: boolean }) {
  const armed = useApp((s) => s.armed);
  const state = service.commandSessionState;
  const open = state === 'open';
  const op = open ? 'close' : 'open';
  if (armed === armedKey(service, `${op}-command-session`))
    return (
      <Confirm
        label={`Confirm ${op === 'open' ? 'Open' : 'Close'} command session for ${service.name}`}
        text={
          op === 'open'
            ? 'The command session is already open. Send Open command session anyway?'
            : `The command session is ${state}. Send Close command session anyway?`
        }
        action={`Send ${OP_WORDS[op === 'open' ? 'open-command-session' : 'close-command-session']} anyway`}
        onConfirm={() => void sendCommandSession(op, service, true)}
      />
    );
  return (
    <div className="command-session">
      <span>Command session</span>
      <span className={`badge session-${state}`}>{SESSION_LABELS[state]}</span>
      {/* aria-disabled, not disabled, while a request waits: the same button says Close once
          the session opens, and the keyboard's focus stays on it rather than falling to the page. */}
      <button
        type="button"
        className="small"
        aria-disabled={disabled || undefined}
        onClick={() => {
          if (!disabled) void sendCommandSession(op, service);
        }}
      >
        {open ? 'Close command session' : 'Open command session'}
      </button>
    </div>
  );
}

function SupportedCommands({ service, disabled }: { service: ServiceRow; disabled: boolean }) {
  const listed = service.supportedCommands;
  return (
    <div className="supported" role="group" aria-label="Supported commands">
      <span>Supported commands</span>
      {listed === null ? (
        <span className="muted">not asked yet</span>
      ) : listed.length === 0 ? (
        <span className="muted">none listed</span>
      ) : (
        <ul className="cid-list">
          {listed.map((cid) => (
            <li key={cid} className="cid">
              {commandLabel(service.serviceId, cid)}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="small"
        aria-disabled={disabled || undefined}
        onClick={() => {
          if (!disabled) void listCommands(service);
        }}
      >
        {listed === null ? 'List commands' : 'List again'}
      </button>
    </div>
  );
}

function CommandEditor({ service, disabled }: { service: ServiceRow; disabled: boolean }) {
  const armed = useApp((s) => s.armed);
  const [op, setOp] = useState<CommandCallOp>('query');
  // Until the technician types one, Command ID is the first listed command, also when the
  // commands are listed after the editor opened (it stayed empty, Query disabled, with eleven
  // commands listed above it).
  const [typedCid, setCidText] = useState<string | null>(null);
  const cidText = typedCid ?? String(service.supportedCommands?.[0] ?? '');
  const [hexText, setHexText] = useState('');
  const sendRef = useRef<HTMLButtonElement>(null);
  const ids = useId();
  const check = checkCommand(service, cidText, hexText);
  const confirming = armed === armedKey(service, `${op}-unlisted`);
  const wasConfirming = useRef(false);
  // Backing out of the confirmation returns focus to the send button.
  useEffect(() => {
    if (wasConfirming.current && !confirming) sendRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const { commandId, data, problem, unlisted } = check;
  const send = (force: boolean) => {
    if (commandId === undefined || data === undefined || problem !== null) return;
    void sendCommand(op, service, commandId, data, force);
  };
  const verb = OP_WORDS[op];
  return (
    <form
      className="command-editor"
      aria-label={`Query or set a command of ${service.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (disabled || problem !== null) return;
        if (unlisted) useApp.setState({ armed: armedKey(service, `${op}-unlisted`) });
        else send(false);
      }}
    >
      <fieldset className="op-choice">
        <legend className="visually-hidden">Operation</legend>
        {(['query', 'set'] as const).map((o) => (
          <label key={o}>
            <input
              type="radio"
              name={`${ids}-op`}
              value={o}
              checked={op === o}
              onChange={() => setOp(o)}
            />
            {OP_WORDS[o]}
          </label>
        ))}
      </fieldset>
      <label className="cid-field">
        Command ID
        <input
          className="mono"
          value={cidText}
          inputMode="numeric"
          size={10}
          list={`${ids}-cids`}
          aria-describedby={`${ids}-cid-note`}
          onChange={(e) => setCidText(e.target.value)}
        />
      </label>
      <datalist id={`${ids}-cids`}>
        {(service.supportedCommands ?? []).map((cid) => (
          <option key={cid} value={cid}>
            {commandLabel(service.serviceId, cid)}
          </option>
        ))}
      </datalist>
      <span id={`${ids}-cid-note`} className={unlisted ? 'unlisted-mark' : 'muted'}>
        {commandId === undefined
          ? ''
          : unlisted
            ? `${commandLabel(service.serviceId, commandId)} is not in the service’s list`
            : commandLabel(service.serviceId, commandId)}
      </span>
      <label className="hex-field">
        Data (hex)
        <input
          className="mono"
          value={hexText}
          placeholder="none, or e.g. 01 00 00 00"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${ids}-problem`}
          onChange={(e) => setHexText(e.target.value)}
        />
      </label>
      {commandId === undefined ? null : (
        <PayloadFields
          key={`${commandId}|${op}`}
          serviceId={service.serviceId}
          commandId={commandId}
          role={op === 'query' ? 'query-request' : 'set-request'}
          onBytes={setHexText}
        />
      )}
      {confirming ? (
        <Confirm
          label={`Confirm ${verb} of an unlisted command on ${service.name}`}
          text={`${commandLabel(service.serviceId, commandId ?? 0)} is not in the list ${service.name} gave. Send ${verb} anyway?`}
          action={`Send ${verb} anyway`}
          onConfirm={() => send(true)}
        />
      ) : (
        <button
          ref={sendRef}
          type="submit"
          className={`action ${unlisted ? 'secondary' : 'primary'}`}
          // Focus stays on it while its request waits (see CommandSession's button).
          aria-disabled={disabled || problem !== null || undefined}
        >
          {unlisted ? `${verb} (not listed)…` : verb}
        </button>
      )}
      <span
        id={`${ids}-problem`}
        className={`command-problem${problem !== null ? ' is-problem' : ''}`}
        role="status"
      >
        {problem !== null && cidText.trim() !== '' ? problem : ''}
        {problem === null && service.maxCommandSize !== null
          ? `${data?.length ?? 0} of at most ${service.maxCommandSize} bytes`
          : ''}
      </span>
    </form>
  );
}

/** The deliberate second step: focus moves to it, Escape or Cancel backs out. */
function Confirm(props: { label: string; text: string; action: string; onConfirm: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  return (
    <div
      className="confirm"
      role="group"
      aria-label={props.label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') disarm();
      }}
    >
      <span className="confirm-text">{props.text}</span>
      <button ref={confirmRef} type="button" className="action danger" onClick={props.onConfirm}>
        {props.action}
      </button>
      <button type="button" className="small" onClick={disarm}>
        Cancel
      </button>
    </div>
  );
}
