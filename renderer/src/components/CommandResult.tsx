import type { RequestStory } from '../../../electron/ipc/contract';
import { parseHex } from '../../../shared/bytes';
import { commandLabel } from '../../../shared/commands/names';
import { decodePayload } from '../../../shared/commands/payloads';
import { OP_WORDS } from '../../../shared/request/words';
import { spacedHex } from './command-input';
import { RequestOutcome } from './RequestOutcome';

/**
 * The newest QUERY or SET on a service: what was sent, its outcome in the shared words, and the
 * response as hex and, where the command is known, decoded into named fields.
 */
export function CommandResult({ story }: { story: RequestStory | undefined }) {
  if (!story)
    return <p className="muted command-none">No query or set sent to this service yet.</p>;
  const cid = story.commandId ?? 0;
  const label = commandLabel(story.serviceId, cid);
  const sentBytes = (story.sentData ?? '').length / 2;
  return (
    <div className="command-result" aria-label="Last command" role="group">
      <p className="command-sent">
        {OP_WORDS[story.op]} <b>{label}</b> sent with{' '}
        {sentBytes === 0 ? (
          'no data'
        ) : (
          <span className="mono">{spacedHex(story.sentData ?? '')}</span>
        )}
        {story.commandListed === false ? (
          <span className="unlisted-mark"> · not in the service’s list (sent on purpose)</span>
        ) : null}
      </p>
      <RequestOutcome request={story} />
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
  const bytes = parseHex(response.data) ?? new Uint8Array();
  const decoded =
    response.byteLength === shownBytes
      ? decodePayload(story.serviceId, cid, 'response', bytes)
      : undefined;
  return (
    <div className="command-response">
      <p>
        Response ID {response.responseId}, {response.byteLength} byte
        {response.byteLength === 1 ? '' : 's'}
        {response.byteLength > shownBytes ? ` (the first ${shownBytes} are kept)` : ''}
        {response.byteLength === 0 ? '.' : ':'}
      </p>
      {response.byteLength > 0 ? (
        <pre className="mono hex" aria-label="Response bytes (hex)">
          {spacedHex(response.data)}
        </pre>
      ) : null}
      {decoded ? (
        <dl className="decoded" aria-label={`Decoded response: ${decoded.structure}`}>
          <div className="decoded-structure">
            <dt>Structure</dt>
            <dd className="mono">{decoded.structure}</dd>
          </div>
          {decoded.fields.map((f) => (
            <div key={f.name}>
              <dt>{f.name}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : response.byteLength > 0 ? (
        <p className="muted">
          Not decoded: this command’s layout is not known, so only the hex is shown.
        </p>
      ) : null}
    </div>
  );
}
