/**
 * Redaction of personal identifiers, applied to every record before any format sees it, so no
 * exporter can forget it. On by default; exports say whether it was applied.
 *
 * Each distinct value gets a stable token for the whole export (`IMEI-1`, `IMEI-2`, `IMSI-1`),
 * so a support engineer can still tell two modems apart without learning who owns them. After
 * MAX_TOKENS distinct values the tokens become keyed hashes (`PHONE-h1a2b3c4d`) with a key that
 * exists only for this export, so the map cannot grow without bound on a pathological log.
 *
 * Every string field is scanned except where its value has the fixed shape the journal writes
 * there (kind, time, HRESULTs, ...); a field added to the journal later is therefore scanned by
 * default, and so is a known field holding something unexpected. `deviceId` fields are replaced whole, whatever they look like; `preview`
 * (read data) is decoded and replaced if it carries an identifier. Field names are scanned for
 * numbers too: the journal's own never hold one, but a saved log may name a field anything.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isPayloadHex, type JournalRecord } from '../../../shared/journal/record.js';
import { isCheckedField } from '../journal-check.js';
import {
  classifyDeviceId,
  TOKEN_PATTERN,
  replaceIdentifiers,
  type IdentifierKind,
} from '../../../shared/identifiers.js';
import type { RawLine } from './raw-line.js';
import { hidePreviewIdentifier } from '../../../shared/preview-redaction.js';
import { redactBytes } from '../../../shared/redact-bytes.js';
import { cutShort, hideCutRun } from '../../../shared/recorded-cut.js';
import { withoutZeroWidth } from '../../../shared/identifier-gaps.js';

const MAX_TOKENS = 10_000;
/** IMEIs whose kind names their hashed token, as many as literal device IDs are looked for. */
const MAX_DEVICE_KINDS = 100;

/**
 * What token() writes (`IMEI-12`, `PHONE-h1a2b3c4d5e`), in a payload's preview inside
 * `[redacted …]`: for whoever shortens redacted text, which must keep a token whole (a cut
 * `IMEI-12` would read as `IMEI-1`, another device).
 */
export const REDACTION_TOKEN = new RegExp(`(?:\\[redacted )?${TOKEN_PATTERN}\\]?`, 'g');
/**
 * A whole value that is a token already: the device ID field of a log redacted before. Kept as it
 * is: learned as a device ID, `IMEI-1` became `DEVICE-ID-1` in the field and in every text naming
 * it, while `IMEI-2` elsewhere stayed, and a ticket's labels no longer matched the file.
 */
const WHOLE_TOKEN = new RegExp(`^${TOKEN_PATTERN}$`);

/** The longest token, `[redacted DEVICE-ID-h0123456789]`: numbered ones stop at MAX_TOKENS. */
export const REDACTION_TOKEN_MAX = 32;
const MEMO_LIMIT = 20_000;
const MEMO_MAX_LENGTH = 512;

/**
 * Top-level fields whose value, as the journal writes it, has a fixed shape that cannot hold an
 * identifier (machine-written hex, ISO time, closed sets of words). A value of that shape is not
 * scanned (the hot path of a million-record export); any other value is, since a saved log is
 * input like any other and may carry anything anywhere. Only at the top level: `backend.reason`
 * in run-start is free text, `reason` in abandoned is not.
 */
const WORD = /^[A-Za-z][A-Za-z_-]{0,63}$/;
const SAFE_SHAPES: ReadonlyMap<string, RegExp> = new Map([
  ['kind', WORD],
  ['time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z$/],
  ['format', WORD],
  ['runId', /^[0-9a-f]{32}$/],
  ['ref', /^r\d{1,9}$/],
  ['op', WORD],
  ['state', WORD],
  ['match', WORD],
  ['hresult', /^0x[0-9a-f]{8}$/i],
  ['hresultName', WORD],
  ['status', /^0x[0-9a-f]{8}$/i],
  ['statusName', WORD],
  ['readyState', WORD],
  ['from', WORD],
  ['to', WORD],
  ['reason', WORD],
  ['precondition', WORD],
]);

function safeShape(key: string, value: string): boolean {
  return SAFE_SHAPES.get(key)?.test(value) ?? false;
}

/**
 * Whether a device ID is looked for as it is written, so must be known before text that may hold
 * it: not an IMEI (the digit scan finds one anywhere) nor one too short to look for.
 */
function isLiteralDeviceId(id: string): boolean {
  return classifyDeviceId(id) !== 'IMEI' && id.length >= 6;
}

/**
 * A device ID field's value as the redactor looks for it in text (see `learn`), or undefined where
 * it looks for none: blank, a token of a redacted source, an IMEI, too short.
 */
export function literalDeviceId(value: string): string | undefined {
  const trimmed = withoutZeroWidth(value).trim();
  if (trimmed === '' || WHOLE_TOKEN.test(trimmed) || !isLiteralDeviceId(trimmed)) return undefined;
  return trimmed;
}

/** A device ID met after text that may have held it, by a redactor told to fail then. */
export class LateDeviceIdError extends Error {
  constructor() {
    super('A device ID was met after text that may have held it.');
    this.name = 'LateDeviceIdError';
  }
}

/** A device ID looked for as it is written: the ID as the device gave it, and its kind. */
interface Literal {
  id: string;
  kind: IdentifierKind;
}

export interface RedactionSummary {
  /** Distinct values replaced, by kind (numbered tokens only). */
  counts: Partial<Record<IdentifierKind, number>>;
}

export class Redactor {
  private readonly tokens = new Map<string, string>();
  private readonly perKind = new Map<IdentifierKind, number>();
  /** Device IDs that do not look like numbers (hex ESN/MEID): found in text by exact match. */
  private readonly literalIds: string[] = [];
  /** The device ID each of those spellings stands for. */
  private readonly literals = new Map<string, Literal>();
  /**
   * IMEIs met in a `deviceId` field or found in the log before its export (the digit scan finds
   * them, so they are no literals), at most MAX_DEVICE_KINDS: each token's kind. Text takes one
   * whose check digit fails for the IMSI it could be: the modem's own field read `IMSI-1` where a
   * file name met first named it, and past MAX_TOKENS (a hash named by the kind it is met as) the
   * field's `IMEI-h…` and a file name's `IMSI-h…` were two tokens for one modem.
   */
  private readonly deviceKinds = new Map<string, IdentifierKind>();
  /**
   * Set by an export that did not search its log for device IDs first: a device ID learned after
   * any text was looked at (which may have held it) then throws LateDeviceIdError, for the export
   * to be made again with the log's IDs known (export-saved-log.ts).
   */
  failOnLateDeviceId = false;
  /** Whether any text, preview, payload or passing line has been looked at yet. */
  private looked = false;
  private readonly memo = new Map<string, string>();
  /** Field names as exported (see `name`). */
  private readonly names = new Map<string, string>();
  private readonly previews = new Map<string, string>();
  private readonly key = randomBytes(32);

  /** The record with identifiers replaced: a copy if any were found, never modifying the original. */
  record<R extends JournalRecord>(record: R): R {
    return this.object(record as unknown as Record<string, unknown>, true) as unknown as R;
  }

  /** Redacts free text (a file name, a message) with the same tokens as the records. */
  text(value: string): string {
    if (value.length > MEMO_MAX_LENGTH) return this.scan(value);
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    const result = this.scan(value);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(value, result);
    return result;
  }

  /** The token that stands for a whole device ID field. */
  deviceId(value: string): string {
    // A zero-width space inside it (the text scan reads past one) is no part of the device's ID.
    const trimmed = withoutZeroWidth(value).trim();
    if (trimmed === '' || WHOLE_TOKEN.test(trimmed)) return value;
    const known = this.tokens.get(trimmed);
    if (known) {
      // Met in text before its device named it, and tokenised by its digits alone: a modem's
      // IMEI whose check digit fails read as IMSI-1 there and here, where the export that knew
      // the device IDs from the start (the full path) says IMEI-1 throughout. Where the export
      // can start again knowing them (exportFromPath), it does.
      const named = classifyDeviceId(trimmed);
      if (this.failOnLateDeviceId && named === 'IMEI' && !known.startsWith(`${named}-`))
        throw new LateDeviceIdError();
      return known;
    }
    this.learnKind(trimmed);
    const literal = this.literals.get(trimmed) ?? this.learn(trimmed);
    return literal
      ? this.token(literal.kind, literal.id)
      : this.token(classifyDeviceId(trimmed), trimmed);
  }

  /**
   * Device IDs the log holds, known before its first line (redact-device-ids.ts): each is looked
   * for from the start, where the export learned it only at its device-info line. Its token is
   * still given where it is first met, so tokens number in the order they appear.
   */
  expectDeviceIds(ids: Iterable<string>): void {
    for (const id of ids) {
      const trimmed = withoutZeroWidth(id).trim();
      if (trimmed === '' || WHOLE_TOKEN.test(trimmed)) continue;
      this.learnKind(trimmed);
      this.learn(trimmed);
    }
  }

  /** Remembers an IMEI's kind for its token (see `deviceKinds`). */
  private learnKind(id: string): void {
    if (this.deviceKinds.size < MAX_DEVICE_KINDS && classifyDeviceId(id) === 'IMEI')
      this.deviceKinds.set(id, 'IMEI');
  }

  /**
   * A device ID to look for in text, in each of its spellings (undefined for an IMEI, which the
   * digit scan finds, and for IDs too short to look for): a hex ESN or MEID is the same number in
   * either case, and tools print it both ways.
   */
  private learn(id: string): Literal | undefined {
    const kind = classifyDeviceId(id);
    if (!isLiteralDeviceId(id) || this.literalIds.length >= 100) return undefined;
    if (this.failOnLateDeviceId && this.looked) throw new LateDeviceIdError();
    const literal: Literal = { id, kind };
    const spellings =
      kind === 'ESN' || kind === 'MEID' ? new Set([id, id.toLowerCase(), id.toUpperCase()]) : [id];
    for (const spelling of spellings) {
      if (this.literals.has(spelling)) continue;
      this.literals.set(spelling, literal);
      this.literalIds.push(spelling);
    }
    // A new literal ID may occur in text (and previews) already memoised without it.
    this.memo.clear();
    this.previews.clear();
    return literal;
  }

  /**
   * Whether a line LineCheck passed holds a device ID learned so far (a hex ESN or MEID, which the
   * digit scan cannot see): such a line takes the full path. Asked in order, as the export reaches
   * the line, so an ID learned from the record just before it counts.
   */
  mentionsKnownId(line: RawLine): boolean {
    this.looked = true;
    for (const id of this.literalIds) if (line.includes(id)) return true;
    return false;
  }

  summary(): RedactionSummary {
    return { counts: Object.fromEntries(this.perKind) };
  }

  /**
   * The object with every string redacted. Copies only when something changed: most records
   * carry no identifier, and not copying them keeps a million-record export from churning memory.
   */
  private object(source: Record<string, unknown>, top = false): Record<string, unknown> {
    let copy: Record<string, unknown> | undefined;
    let renamed = false;
    // The record's own device ID first: its kind names its token, in the text before it too (a
    // firmware string or an interface ID that holds it).
    if (typeof source.deviceId === 'string') this.deviceId(source.deviceId);
    for (const key in source) {
      // A field's name is text too (a saved log may hold any field): looked at once per name.
      // Under 8 characters no name holds one (`+` and 7 digits at least): most are not looked up.
      if (key.length > 7 && this.name(key) !== key) renamed = true;
      const value = source[key];
      let next: unknown = value;
      if (typeof value === 'string') {
        if (!(top && safeShape(key, value)))
          next =
            key === 'deviceId'
              ? this.deviceId(value)
              : key === 'preview'
                ? this.preview(value)
                : top && isPayloadHex(source.kind, key)
                  ? this.bytesHex(value, cutShort(source.byteLength, value))
                  : this.text(value);
      } else if (typeof value === 'number') {
        // A number in a field the journal check holds to a range is that field's value.
        if (!(top && isCheckedField(source.kind, key))) next = this.number(value);
      } else if (Array.isArray(value)) {
        next = this.array(value, top && isCheckedField(source.kind, key));
      } else if (typeof value === 'object' && value !== null) {
        next = this.object(value as Record<string, unknown>);
      }
      if (next !== value) {
        copy ??= { ...source };
        copy[key] = next;
      }
    }
    return renamed ? this.renamed(copy ?? source) : (copy ?? source);
  }

  /**
   * The name a field is exported under: itself, unless it holds a number the scan finds. Device
   * IDs learned as literals are not looked for: one could be a name the journal uses
   * (`serviceName`), and renaming that would unmake every record after it.
   */
  private name(key: string): string {
    let found = this.names.get(key);
    if (found === undefined) {
      found = replaceIdentifiers(key, (kind, digits) => this.token(kind, digits));
      if (this.names.size >= MEMO_LIMIT) this.names.clear();
      this.names.set(key, found);
    }
    return found;
  }

  /** The object with its fields' names redacted, in order (`__proto__` too stays a field). */
  private renamed(source: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key in source)
      Object.defineProperty(out, this.name(key), {
        value: source[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }

  /**
   * The list with every string redacted, and every number unless `checked` (a list the journal
   * check holds to a shape, such as `commandIds`), a copy only when something changed. A list
   * inside it stays a list (taken as an object, it came out as one with numbered keys).
   */
  private array(list: readonly unknown[], checked = false): readonly unknown[] {
    const items = list.map((item: unknown) =>
      typeof item === 'string'
        ? this.text(item)
        : typeof item === 'number'
          ? checked
            ? item
            : this.number(item)
          : Array.isArray(item)
            ? this.array(item)
            : typeof item === 'object' && item !== null
              ? this.object(item as Record<string, unknown>)
              : item,
    );
    return items.some((item, i) => item !== list[i]) ? items : list;
  }

  /**
   * A number in a field of no shape (one the journal check does not know, which a saved log may
   * add anywhere): read as its JSON text, as text is, and when that holds an identifier, the
   * text with it replaced (`359072061234567` → `"IMEI-1"`). Only the field changes type: every
   * field the record's kind has keeps its own.
   */
  private number(value: number): number | string {
    // An integer under 10 digits holds no identifier (the text rules' least without a `+`).
    if (Number.isInteger(value) && value < 1e9 && value > -1e9) return value;
    const text = String(value);
    const redacted = this.text(text);
    return redacted === text ? value : redacted;
  }

  /**
   * Raw MBIM bytes (hex): identifiers overwritten in place, so the message stays well formed.
   * `cut`: only the payload's start was recorded, and the cut may have fallen inside a number (a
   * run of digits, by an earlier version; one in BCD, by any), so what ends it, too short to
   * redact, may be an identifier's start (hideCutRun).
   */
  bytesHex(hex: string, cut = false): string {
    this.looked = true;
    if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) return this.text(hex);
    const bytes = Buffer.from(hex, 'hex');
    const redacted = redactBytes(bytes, (kind, digits) => this.token(kind, digits));
    return (cut && hideCutRun(bytes)) || redacted ? bytes.toString('hex') : hex;
  }

  /**
   * A read-data preview as exported: `[redacted IMSI-1]` when it carries an identifier, or only
   * the identifier's bytes so replaced where they are known exactly (preview-redaction.ts).
   * Memoised: the same payload start recurs on every read of a stream.
   */
  previewText(hex: string): string {
    const known = this.previews.get(hex);
    if (known !== undefined) return known;
    const text = this.preview(hex);
    if (this.previews.size >= MEMO_LIMIT) this.previews.clear();
    this.previews.set(hex, text);
    return text;
  }

  private preview(hex: string): string {
    this.looked = true;
    // A hex ESN or MEID is also its bytes: a payload may carry it as such.
    const literal = this.literalIds.find((id) => hex.includes(id));
    const hidden = hidePreviewIdentifier(
      hex,
      (kind, digits) => `[redacted ${this.token(kind, digits)}]`,
      literal === undefined,
    );
    if (hidden !== hex) return hidden;
    const known = literal === undefined ? undefined : this.literals.get(literal);
    return known ? `[redacted ${this.token(known.kind, known.id)}]` : hex;
  }

  /**
   * Known device IDs first: a hex MEID holds digit runs the number scan would cut in two. One with
   * a character of no width inside it reads as the ID: then such characters are left out of the
   * text (the number scan reads past them anyway).
   */
  private scan(value: string): string {
    this.looked = true;
    let result = value;
    if (this.literalIds.length > 0) {
      const bare = withoutZeroWidth(value);
      if (bare !== value && this.literalIds.some((id) => bare.includes(id))) result = bare;
    }
    for (const id of this.literalIds) {
      const literal = this.literals.get(id);
      if (literal && result.includes(id))
        result = result.split(id).join(this.token(literal.kind, literal.id));
    }
    return replaceIdentifiers(result, (kind, digits) => this.token(kind, digits));
  }

  private token(kind: IdentifierKind, value: string): string {
    const existing = this.tokens.get(value);
    if (existing) return existing;
    // A device's IMEI is named so wherever it is met first: text reads one whose check digit
    // fails as the IMSI it could be, and the modem's field then said `IMSI-1`.
    const named = this.deviceKinds.get(value) ?? kind;
    let token: string;
    if (this.tokens.size < MAX_TOKENS) {
      const n = (this.perKind.get(named) ?? 0) + 1;
      this.perKind.set(named, n);
      token = `${named}-${n}`;
      this.tokens.set(value, token);
    } else {
      token = `${named}-h${createHmac('sha256', this.key).update(value).digest('hex').slice(0, 10)}`;
    }
    return token;
  }
}

/** A redactor when redaction is on, otherwise records pass through untouched. */
export function recordFilter(redact: boolean): {
  redactor: Redactor | undefined;
  apply: <R extends JournalRecord>(record: R) => R;
} {
  if (!redact) return { redactor: undefined, apply: (r) => r };
  const redactor = new Redactor();
  return { redactor, apply: (r) => redactor.record(r) };
}
