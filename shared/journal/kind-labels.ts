/**
 * Each record kind's name as a person reads it: the log's Kind column and filter, and the HTML
 * report's Event column, which printed the journal's own words ("request-returned") beside the
 * window's ("Call returned"). Typed as a complete record, so a new kind cannot go unlabelled.
 * Machine-read formats (JSON Lines, CSV, the CLI's --json) keep the journal's words.
 */
import type { JournalKind } from './record.js';

export const KIND_LABELS: Record<JournalKind, string> = {
  'run-start': 'Run start',
  request: 'Request sent',
  'request-returned': 'Call returned',
  completion: 'Completion',
  overdue: 'Overdue',
  abandoned: 'Abandoned',
  'given-up': 'Given up',
  'session-state': 'Session state',
  'command-session-state': 'Command session',
  'event-notification': 'Notification',
  'read-data': 'Read data',
  'device-arrival': 'Device arrival',
  'device-removal': 'Device removal',
  'device-info': 'Device info',
  'backend-status': 'Backend status',
  'call-failed': 'Call failed',
  error: 'Error',
  'mbim-message': 'MBIM message',
};
