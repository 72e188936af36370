import type { RequestStory } from '../../../electron/ipc/contract';
import { parseHex } from '../../../shared/bytes';
import { commandLabel } from '../../../shared/commands/names';
import { decodePayload } from '../../../shared/commands/payloads';
import { isProblem } from '../../../shared/request/outcome';
import {
  OP_WORDS,
  outcomeDetails,
  outcomeHeadline,
  shownCode,
} from '../../../shared/request/words';
import { shownFieldValue } from './decoded-value';
import { useApp } from '../store/app-store';
import { spacedHex } from './command-input';
import { outcomeTone } from './RequestOutcome';

/**
 * The newest QUERY or SET on a service, in a few lines: what was sent, its outcome in the shared
 * words (the row's "Last request" has the full story while it is the newest request), and the
 * response as hex and, where the command is known, decoded into named fields.
 */
export function CommandResult({ story }: { story: RequestStory | undefined }) {
  if (!story)
    return <p className="muted command-none">No query or set sent to this service yet.</p>;
  const cid = story.commandId ?? 0;
  const sent = story.sentData ?? '';
  const code = shownCode(story);
  return (
    <div
      className={`command-result tone-${outcomeTone(story.outcome)}`}
      role="group"
      aria-label="Last command"
    >
      <p className="command-sent">
        {OP_WORDS[story.op]} <b>{commandLabel(story.serviceId, cid)}</b> sent with{' '}
        {sent === '' ? 'no data' : <span className="mono">{spacedHex(sent)}</span>}
        {story.commandListed === false ? (
          <span className="unlisted-mark">not in the service’s list (sent on purpose)</span>
        ) : null}
      </p>
      <p>
        <span className="outcome-label">{outcomeHeadline(story)}</span>
        {code ? (
          <span>
            {' '}
            — {code.from === 'completion' ? 'completion status' : 'the call returned'}{' '}
            <span className="mono">{code.code.name}</span> ({code.code.hex})
            {code.meaning === null ? '' : `: ${code.meaning}`}
          </span>
        ) : null}
      </p>
      {isProblem(story.outcome) ? (
        <p className="outcome-detail">{outcomeDetails(story).join(' ')}</p>
      ) : null}
      {story.response ? <Response story={story} response={story.response} cid={cid} /> : null}
    </div>
  );
}

function Response({
  story,
  response,
  cid,
}: {
  story: RequestStory;
  response: NonNullable<RequestStory['response']>;
  cid: number;
}) {
  const shownBytes = response.data.length / 2;
  const whole = response.byteLength === shownBytes;
  const decoded = whole
    ? decodePayload(story.serviceId, cid, 'response', parseHex(response.data) ?? new Uint8Array())
    : undefined;
  const reveal = useApp((s) => s.revealDeviceIds);
  const size = `${response.byteLength} byte${response.byteLength === 1 ? '' : 's'}`;
  return (
    <div className="command-response">
      <span className="response-head">
        Response (ID {response.responseId}, {size}
        {whole ? '' : `, the first ${shownBytes} kept`})
      </span>
      {response.byteLength > 0 ? (
        <code className="mono hex" aria-label="Response bytes (hex)">
          {spacedHex(response.data)}
        </code>
      ) : null}
      {decoded ? (
        <dl className="decoded" aria-label={`Decoded response: ${decoded.structure}`}>
          <div>
            <dt>Structure</dt>
            <dd className="mono">{decoded.structure}</dd>
          </div>
          {decoded.fields.map((f) => (
            <div key={f.name}>
              <dt>{f.name}</dt>
              <dd>{shownFieldValue(f, reveal)}</dd>
            </div>
          ))}
        </dl>
      ) : response.byteLength > 0 ? (
        <span className="muted">not decoded: this command’s layout is not known</span>
      ) : null}
    </div>
  );
}
