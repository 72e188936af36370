/**
 * What to try next: every outcome a technician can be stuck on has advice, each advice names its
 * source, and the common codes get their own advice rather than the outcome's general one.
 */
import { describe, expect, it } from 'vitest';
import { mbimStatusToHresult } from '../../../shared/mbim-status.js';
import {
  CODE_NEXT_STEPS,
  OUTCOME_NEXT_STEPS,
  nextStep,
} from '../../../shared/request/next-steps.js';
import { REQUEST_OUTCOMES, isProblem } from '../../../shared/request/outcome.js';
import { hresultHex } from '../../../shared/hresult.js';

const story = (
  outcome: (typeof REQUEST_OUTCOMES)[number],
  code: { status?: number; call?: number } = {},
) => ({
  outcome,
  status: code.status === undefined ? null : hresultHex(code.status),
  callHresult: code.call === undefined ? null : hresultHex(code.call),
  abandonReason: null,
});

describe('what to try next', () => {
  it('has advice, with a source, for every problem outcome and none for a success', () => {
    for (const outcome of REQUEST_OUTCOMES) {
      const step = OUTCOME_NEXT_STEPS[outcome];
      if (isProblem(outcome)) {
        expect(step, outcome).not.toBeNull();
        expect(step?.source.length, outcome).toBeGreaterThan(10);
      }
    }
    expect(nextStep(story('succeeded', { status: 0 }))).toBeNull();
    expect(nextStep(story('waiting', { call: 0 }))).toBeNull();
  });

  it('gives the code’s own advice for the common codes, from the call or the completion', () => {
    expect(nextStep(story('refused', { call: 0x80070005 }))?.cause).toMatch(/privilege/);
    expect(nextStep(story('refused', { call: 0x8007006e }))?.cause).toMatch(/data session/);
    // Where to see the session's state: no view has a Refresh to press.
    const notOpen = nextStep(story('refused', { call: 0x8007006e }))?.check;
    expect(notOpen).toMatch(/Data session column, or mbn-diag services/);
    expect(notOpen).not.toMatch(/Refresh/i);
    expect(nextStep({ ...story('refused', { call: 0x8007006e }), op: 'query' })?.check).toMatch(
      /Open the command session/,
    );
    // A close the MBIM backend refused, saying why, because it could give it no DSS session ID:
    // opening the session first is not what to do.
    const noId = nextStep({
      ...story('refused', { call: 0x8007006e }),
      op: 'close',
      errorMessage: 'mbn-diag holds no DSS session ID for SMS: …',
    });
    expect(noId?.cause).toMatch(/holds a DSS session ID only for a data session it opened itself/);
    expect(noId?.check).not.toMatch(/open the session first/);
    expect(noId?.check).toMatch(/where it was opened/);
    expect(nextStep(story('failed', { status: 0x80070032 }))?.cause).toMatch(/does not implement/);
    // A failure with no reason: not "read what the status means" ("could not be completed").
    for (const status of [0x80004005, mbimStatusToHresult(2)]) {
      const unspecified = nextStep(story('failed', { status }));
      expect(unspecified?.cause).toMatch(/gave no reason/);
      expect(unspecified?.check).toMatch(/send its vendor an export bundle/);
      expect(unspecified?.check).not.toMatch(/Read what the status means/);
    }
    expect(nextStep(story('failed', { status: mbimStatusToHresult(1) }))?.cause).toMatch(/busy/);
    expect(nextStep(story('failed', { status: 0x8054820a }))?.cause).toMatch(/SIM/);
    expect(nextStep(story('failed', { status: mbimStatusToHresult(3) }))?.cause).toMatch(/SIM/);
    expect(nextStep(story('failed', { status: 0x80548208 }))?.cause).toMatch(/radio/);
    expect(nextStep(story('refused', { call: 0x80070490 }))?.cause).toMatch(/went away/);
    // An unlisted code falls back to the outcome's advice.
    expect(nextStep(story('failed', { status: 0x80070057 }))).toBe(OUTCOME_NEXT_STEPS.failed);
  });

  // A report's advice for an overdue query cited OnCloseDataSessionComplete, and said no call.
  it('names the overdue call and the callback that never came', () => {
    const query = nextStep({ ...story('overdue', { call: 0 }), op: 'query' });
    expect(query?.cause).toMatch(/^The Query call was accepted/);
    expect(query?.source).toMatch(/::OnQueryCommandComplete /);
    const close = nextStep({ ...story('overdue', { call: 0 }), op: 'close' });
    expect(close?.source).toMatch(/::OnCloseDataSessionComplete /);
    expect(
      nextStep({ ...story('overdue', { call: 0 }), op: 'open-command-session' })?.source,
    ).toMatch(/::OnOpenCommandSessionComplete /);
    // Without the call, no callback is named.
    expect(nextStep(story('overdue', { call: 0 }))?.source).not.toMatch(/::On/);
  });

  it('advises on no completion, a removed device and a request given up', () => {
    expect(nextStep(story('overdue', { call: 0 }))?.check).toMatch(/stop waiting and try again/);
    expect(nextStep({ ...story('abandoned'), abandonReason: 'device-removed' })?.cause).toMatch(
      /went away/,
    );
    // The app closing its own backend needs no advice.
    expect(nextStep({ ...story('abandoned'), abandonReason: 'backend-closed' })).toBeNull();
    expect(nextStep(story('given-up', { call: 0 }))?.check).toMatch(/Try again/);
  });

  it('keeps every entry to one sentence of cause and one of what to check', () => {
    const entries = [...CODE_NEXT_STEPS.values(), ...Object.values(OUTCOME_NEXT_STEPS)];
    for (const step of entries) {
      if (!step) continue;
      for (const sentence of [step.cause, step.check]) {
        expect(sentence).toMatch(/^[A-Z].*[.]$/);
        expect(sentence.length).toBeLessThan(200);
      }
    }
  });
});
