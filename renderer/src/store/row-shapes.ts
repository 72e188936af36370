/**
 * The shape of a record kept in row columns (row-columns.ts): its keys in order and what each
 * value is (a tag), shared by every record with the same keys and tags, with a template object
 * a record is made from; and the tree that finds a record's shape one field at a time.
 */
import { isIsoTime } from './iso-time';
import type { FieldKeys } from './fields-memo';

/** Record fields whose values repeat from row to row: kept as indices into one string table. */
const REPEATING = new Set([
  'kind',
  'interfaceId',
  'serviceId',
  'serviceName',
  'op',
  'outcome',
  'status',
  'statusName',
  'hresult',
  'hresultName',
  'match',
  'reason',
  'from',
  'to',
  'precondition',
  'model',
  'manufacturer',
  'firmware',
  'readyState',
  'deviceId',
  'backend',
  'direction',
  'type',
  'service',
  'cidName',
]);

// What a record's value is, and so what its cell holds. true, false and null need no cell.
export const UINT = 0; // a whole number 0 … 2^32-1: the cell
export const FLOAT = 1; // any other number: index into `floats`
export const SHARED = 2; // a repeating string: index into `strings`
export const TEXT = 3; // any other string: index into `texts`
export const TIME = 4; // an ISO time that reads back the same: its milliseconds, index into `floats`
export const TRUE = 5;
export const FALSE = 6;
export const NULL = 7;
export const OTHER = 8; // anything else (objects, arrays, undefined): index into `others`

export interface Shape {
  keys: string[];
  tags: number[];
  /** Where each key's value is among the row's cells (-1: in the shape itself). */
  cellOf: number[];
  /** The keys whose value is in a cell, in order (the row's cells are theirs, one each). */
  cellKeys: string[];
  cellTags: number[];
  /**
   * An object with the keys in their order: a record is made as a copy of it, its values then
   * written in place (much quicker than adding its keys one by one to an empty object).
   */
  template: Record<string, unknown>;
  /** For each set of keys a filter reads: which of the shape's keys are in it. */
  picks: Map<FieldKeys, Pick>;
  /** Where each key is among `keys`. */
  indexOf: Map<string, number>;
}

/** The keys of a shape a reader reads, and a template of just them. */
export interface Pick {
  picked: number[];
  template: Record<string, unknown>;
}

/** An object with `keys` in their order, true, false and null in place, the rest null. */
function templateOf(keys: readonly string[], tags: readonly number[]): Record<string, unknown> {
  const template: Record<string, unknown> = {};
  // A key named like the prototype is an own field of the record, as JSON.parse makes it.
  keys.forEach((key, k) => {
    const tag = tags[k];
    Object.defineProperty(template, key, {
      value: tag === TRUE ? true : tag === FALSE ? false : null,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  return template;
}

export function pickOf(shape: Shape, only: FieldKeys): Pick {
  const picked = shape.keys.flatMap((key, k) => (only.has(key) ? [k] : []));
  return {
    picked,
    template: templateOf(
      picked.map((k) => shape.keys[k] ?? ''),
      picked.map((k) => shape.tags[k] ?? NULL),
    ),
  };
}

export function newShape(fields: Record<string, unknown>): Shape {
  const keys = Object.keys(fields);
  const tags = keys.map((key) => tagOf(key, fields[key]));
  let cells = 0;
  const cellOf = tags.map((tag) => (tag === TRUE || tag === FALSE || tag === NULL ? -1 : cells++));
  const template = templateOf(keys, tags);
  // A row's cells are its cell-holding keys' values, in key order.
  const cellKeys = keys.filter((_, k) => (cellOf[k] ?? -1) >= 0);
  const cellTags = tags.filter((_, k) => (cellOf[k] ?? -1) >= 0);
  const indexOf = new Map(keys.map((key, k) => [key, k]));
  return { keys, tags, cellOf, cellKeys, cellTags, template, picks: new Map(), indexOf };
}

export function tagOf(key: string, value: unknown): number {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) && value >= 0 && value <= 0xffffffff && !Object.is(value, -0)
        ? UINT
        : FLOAT;
    case 'string':
      if (REPEATING.has(key)) return SHARED;
      return key === 'time' && isIsoTime(value) ? TIME : TEXT;
    case 'boolean':
      return value ? TRUE : FALSE;
    default:
      return value === null ? NULL : OTHER;
  }
}

/** Shapes by their keys and tags, one step a field: finding a record's makes no garbage. */
export interface ShapeNode {
  /** By key, then by tag. */
  next: Map<string, (ShapeNode | undefined)[]>;
  id: number;
}

export const newNode = (): ShapeNode => ({ next: new Map(), id: -1 });

/** The node after `node` for a field `key` whose value has `tag`, made the first time. */
export function nextNode(node: ShapeNode, key: string, tag: number): ShapeNode {
  let byTag = node.next.get(key);
  if (!byTag) {
    byTag = [];
    node.next.set(key, byTag);
  }
  let next = byTag[tag];
  if (!next) {
    next = newNode();
    byTag[tag] = next;
  }
  return next;
}
