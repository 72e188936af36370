/**
 * Which log a log list or timeline shows: the live session's, or a saved log opened read-only.
 * Both are the same `LogModel` plus view state, so the same components show either.
 */
import { createContext, useContext } from 'react';
import type { OutcomeReading } from '../../../shared/request/words';
import type { LogModel } from './log-model';
import { logModel, useLog, type LogStore } from './log-store';

export interface LogSource {
  model: LogModel;
  store: LogStore;
  /** False for a saved log: nothing is sent, the log never grows, no "follow live". */
  live: boolean;
  /**
   * Whether the log has ended (a saved log read to its last line): a request still waiting then
   * has no outcome in the log, as the exports say too.
   */
  ended: () => boolean;
}

export const LIVE_SOURCE: LogSource = {
  model: logModel,
  store: useLog,
  live: true,
  ended: () => false,
};

export const LogSourceContext = createContext<LogSource>(LIVE_SOURCE);

export function useLogSource(): LogSource {
  return useContext(LogSourceContext);
}

/**
 * How a source reads the outcomes a row says only while they last (shared `OutcomeReading`): the
 * live log as they are now, a saved log as they were at its end. Its filter's options and its
 * rows' pills both read it.
 */
export function passingReading(source: LogSource): Exclude<OutcomeReading, 'as-logged'> {
  return source.live ? 'now' : 'log-end';
}
