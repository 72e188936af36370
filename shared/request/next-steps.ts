/**
 * What to try next: for each outcome, and for the codes technicians meet most, one or two plain
 * sentences of what usually causes it and what to check. The one table the services panel and the
 * HTML report read, so the advice is the same wherever it is given.
 *
 * Every entry names where its cause comes from. Microsoft documents the codes each IMbnDeviceService
 * method returns but rarely why; where the cause is our reading of the documentation rather than
 * its words, the source says "inferred".
 */
import { parseHresult } from '../hresult.js';
import { mbimStatusToHresult } from '../mbim-status.js';
import { REQUEST_OPS, type RequestOp } from '../model.js';
import type { RequestOutcome } from './outcome.js';
import { needsOpenSession } from './sessions.js';
import type { RequestStory } from './story.js';
import { OP_WORDS } from './words.js';

export interface NextStep {
  /** What usually causes it, in one sentence. */
  cause: string;
  /** What to check or try, in one sentence. */
  check: string;
  /** Where the cause comes from (Microsoft Learn page names, the MBIM specification). */
  source: string;
}

const HRESULT_FROM_WIN32 = (code: number): number => (0x80070000 | (code & 0xffff)) >>> 0;

const ACCESS_DENIED: NextStep = {
  cause:
    'Windows did not allow this process to use this device service (a privilege or policy decision, not the modem).',
  check:
    'Run the app as the user or service account the device service is meant for, and ask the modem vendor whether the service needs an entitlement or a signed app.',
  source:
    'Microsoft Learn: IMbnDeviceService::OpenDataSession, ::CloseDataSession, ::WriteData, ::QueryCommand, ::SetCommand, ::QuerySupportedCommands (E_ACCESSDENIED)',
};

const SESSION_NOT_OPEN: NextStep = {
  cause:
    'The data session was not open: it was never opened, it was already closed, or the modem dropped it.',
  check:
    // No view has a refresh to press (the window's services are kept current): say where to look.
    "Look at the service's data session state (the window's Data session column, or mbn-diag services); open the session first, or treat a close of a closed session as done.",
  source:
    'Microsoft Learn: IMbnDeviceService::WriteData (HRESULT_FROM_WIN32(ERROR_OPEN_FAILED)); for CloseDataSession inferred by analogy',
};

/**
 * A close the backend refused, saying why, before anything was sent: the MBIM backend gives a
 * close the DSS session ID its open took, and holds none for a service it did not open (or whose
 * session the modem has ended since), so "open the session first" would be the wrong advice.
 */
const CLOSE_WITHOUT_SESSION_ID: NextStep = {
  cause:
    'mbn-diag holds a DSS session ID only for a data session it opened itself (in this run or an earlier command) that has not ended since.',
  check:
    'Close it where it was opened: in the program that opened it, or with mbn-diag and the same --journal-dir. Resetting or unplugging the modem ends it too.',
  source:
    'MBIM 1.0 specification, MBIM_CID_DSS_CONNECT (the host chooses the DssSessionId; nothing says which sessions are open); this app’s MBIM backend',
};

const COMMAND_SESSION_NOT_OPEN: NextStep = {
  cause:
    'The command session was not open: QUERY and SET need one, and it was never opened, already closed, or dropped.',
  check: 'Open the command session on this service first, then send the command again.',
  source:
    'Microsoft Learn: IMbnDeviceService::QueryCommand, ::SetCommand (need an open command session); the code itself inferred by analogy with WriteData',
};

const TOO_MUCH_DATA: NextStep = {
  cause: 'The data was longer than the device service accepts in one request.',
  check:
    'Send less: the service’s MaxCommandSize (for QUERY and SET) or MaxDataSize (for writes) is the limit.',
  source:
    'Microsoft Learn: IMbnDeviceService::WriteData (HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW)); IMbnDeviceServicesContext::MaxCommandSize',
};

const DEVICE_BUSY: NextStep = {
  cause:
    'The modem was busy with other work (often right after power-up or during a network scan).',
  check:
    'Wait a few seconds and try again; if it stays busy, check for another app using the modem.',
  source: 'MBIM 1.0 specification, MBIM_STATUS_CODES: MBIM_STATUS_BUSY',
};

const SIM_MISSING: NextStep = {
  cause: 'The modem has no usable SIM: none inserted, badly seated, or a SIM the modem rejects.',
  check:
    'Check that the SIM is inserted and seated (on some laptops only after power-off), and that Windows’ cellular settings show it.',
  source:
    'Microsoft Learn: MBN_READY_STATE / E_MBN_SIM_NOT_INSERTED, E_MBN_BAD_SIM; MBIM 1.0 specification, MBIM_STATUS_SIM_NOT_INSERTED',
};

const RADIO_OFF: NextStep = {
  cause:
    'The modem’s radio is switched off (airplane mode, the cellular toggle, or a hardware switch).',
  check:
    'Turn airplane mode off and cellular on in Windows settings, check any radio switch, then retry.',
  source:
    'Microsoft Learn: E_MBN_RADIO_POWER_OFF (IMbnRadio); MBIM 1.0 specification, MBIM_STATUS_RADIO_POWER_OFF',
};

const DEVICE_GONE: NextStep = {
  cause:
    'The modem went away: unplugged, reset by its firmware, or turned off to save power, so nothing pending on it can complete.',
  check:
    'Check that the modem is listed again (in Device Manager or this app’s device list), then send the request again.',
  source:
    'Microsoft Learn: IMbnInterfaceManagerEvents::OnInterfaceRemoval; HRESULT_FROM_WIN32(ERROR_NOT_FOUND) from IMbnInterfaceManager::GetInterface',
};

const SERVICE_GONE: NextStep = {
  cause:
    'The Windows Mobile Broadband service (WwanSvc) restarted or stopped while the app used it.',
  check: 'Check that the WWAN AutoConfig service is running, then restart the app to reconnect.',
  source: 'Microsoft Learn: COM error RPC_E_DISCONNECTED; WWAN AutoConfig service (inferred)',
};

const TOO_MANY_SESSIONS: NextStep = {
  cause:
    'The service has as many data sessions open as it supports, or the modem allows fewer DSS sessions at a time than it lists services that stream.',
  check:
    'Close a session this or another app left open on this service and try again; if the backend names the services holding the modem’s DSS sessions, close one of those first.',
  source:
    'Microsoft Learn: IMbnDeviceService::OpenDataSession (HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS)); MBIM 1.0 specification, MBIM_STATUS_DSS_INSTANCE_LIMIT and DEVICE_SERVICES (MaxDssSessions)',
};

const NOT_SUPPORTED: NextStep = {
  cause: 'The modem does not implement this command or this device service.',
  check:
    'Check the modem’s firmware version against the vendor’s list of supported device services.',
  source: 'MBIM 1.0 specification, MBIM_STATUS_NO_DEVICE_SUPPORT',
};

const NOT_INITIALIZED: NextStep = {
  cause: 'The modem has not finished starting up (the MBN service is still probing it).',
  check: 'Wait until the device shows as ready, then try again.',
  source:
    'Microsoft Learn: E_PENDING from the IMbnInterface getters; MBIM 1.0 specification, MBIM_STATUS_NOT_INITIALIZED',
};

/**
 * A failure that gives no reason. The outcome's general advice sent a technician to "what the
 * status means", which for E_FAIL is "The operation could not be completed": round in a circle.
 */
const UNSPECIFIED_FAILURE: NextStep = {
  cause:
    'The modem (or the MBN service) reported a failure and gave no reason: E_FAIL and MBIM’s FAILURE say nothing more.',
  check:
    'Check the modem shows as ready, with SIM and radio on, and try once more; if it fails again, send its vendor an export bundle (Export & open, or mbn-diag export --format zip).',
  source:
    'Microsoft Learn: COM error codes (E_FAIL, unspecified failure); MBIM 1.0 specification, MBIM_STATUS_FAILURE',
};

/** The common codes, by HRESULT (MBIM statuses as they travel through the journal). */
export const CODE_NEXT_STEPS: ReadonlyMap<number, NextStep> = new Map<number, NextStep>([
  [0x80070005, ACCESS_DENIED],
  [HRESULT_FROM_WIN32(110), SESSION_NOT_OPEN], // ERROR_OPEN_FAILED
  [mbimStatusToHresult(34), SESSION_NOT_OPEN], // INVALID_DEVICE_SERVICE_OPERATION
  [mbimStatusToHresult(1), DEVICE_BUSY], // BUSY
  [mbimStatusToHresult(27), DEVICE_BUSY], // STK_BUSY
  [0x8054820a, SIM_MISSING], // E_MBN_SIM_NOT_INSERTED
  [0x80548202, SIM_MISSING], // E_MBN_BAD_SIM
  [mbimStatusToHresult(3), SIM_MISSING], // SIM_NOT_INSERTED
  [mbimStatusToHresult(4), SIM_MISSING], // BAD_SIM
  [0x80548208, RADIO_OFF], // E_MBN_RADIO_POWER_OFF
  [mbimStatusToHresult(20), RADIO_OFF], // RADIO_POWER_OFF
  [HRESULT_FROM_WIN32(1168), DEVICE_GONE], // ERROR_NOT_FOUND
  [0x80010108, SERVICE_GONE], // RPC_E_DISCONNECTED
  [HRESULT_FROM_WIN32(1722), SERVICE_GONE], // RPC_S_SERVER_UNAVAILABLE
  [HRESULT_FROM_WIN32(69), TOO_MANY_SESSIONS], // ERROR_TOO_MANY_SESS
  [mbimStatusToHresult(33), TOO_MANY_SESSIONS], // DSS_INSTANCE_LIMIT
  [mbimStatusToHresult(9), NOT_SUPPORTED], // NO_DEVICE_SUPPORT
  [HRESULT_FROM_WIN32(50), NOT_SUPPORTED], // ERROR_NOT_SUPPORTED
  [HRESULT_FROM_WIN32(111), TOO_MUCH_DATA], // ERROR_BUFFER_OVERFLOW
  [0x80004005, UNSPECIFIED_FAILURE], // E_FAIL
  [mbimStatusToHresult(2), UNSPECIFIED_FAILURE], // FAILURE
  [0x8000000a, NOT_INITIALIZED], // E_PENDING
  [mbimStatusToHresult(14), NOT_INITIALIZED], // NOT_INITIALIZED
]);

const OVERDUE_CHECK =
  'Keep waiting a little (a late completion is still recorded); if none comes, stop waiting and try again, and check the modem is still listed.';

/** The IMbnDeviceServicesEvents callback that completes each call. */
const COMPLETION_CALLBACKS: Record<RequestOp, string> = {
  open: 'OnOpenDataSessionComplete',
  close: 'OnCloseDataSessionComplete',
  write: 'OnWriteDataComplete',
  'supported-commands': 'OnQuerySupportedCommandsComplete',
  'open-command-session': 'OnOpenCommandSessionComplete',
  'close-command-session': 'OnCloseCommandSessionComplete',
  query: 'OnQueryCommandComplete',
  set: 'OnSetCommandComplete',
};

/**
 * An overdue request's advice, naming its call and the callback that never came: a report whose
 * overdue query cited OnCloseDataSessionComplete sent a support engineer to the wrong page, and
 * did not say which call hung. One object per call, so a report counts each apart.
 */
const OVERDUE_BY_OP = new Map(
  REQUEST_OPS.map((op): [RequestOp, NextStep] => [
    op,
    {
      cause: `The ${OP_WORDS[op]} call was accepted but its completion did not come within the timeout: the modem is slow or hung, or the completion was lost on the way.`,
      check: OVERDUE_CHECK,
      source: `Microsoft Learn: IMbnDeviceServicesEvents::${COMPLETION_CALLBACKS[op]} (the completion is asynchronous; no time limit is documented)`,
    },
  ]),
);

/**
 * A request that went overdue, then was abandoned as the app or command closed its backend (a
 * `close --timeout` that ran out): the app's closing is not why no completion came, the timeout
 * is. A support engineer reading the report months later gets this rather than nothing; nothing
 * can still arrive, so it does not say to keep waiting.
 */
const OVERDUE_THEN_CLOSED_BY_OP = new Map(
  REQUEST_OPS.map((op): [RequestOp, NextStep] => [
    op,
    {
      cause: `The ${OP_WORDS[op]} call was accepted but its completion did not come within the timeout, and the app then closed without it: the modem is slow or hung, or the completion was lost on the way.`,
      check:
        'Try again with a longer timeout; if it never completes, check the modem is still listed, then unplug and replug it or restart it.',
      source: `Microsoft Learn: IMbnDeviceServicesEvents::${COMPLETION_CALLBACKS[op]} (the completion is asynchronous; no time limit is documented)`,
    },
  ]),
);

/** A timed-out request's advice once nothing will wait for it any more (see above). */
export function overdueThenClosedStep(op: RequestOp): NextStep | null {
  return OVERDUE_THEN_CLOSED_BY_OP.get(op) ?? null;
}

/** For each outcome, when no code says more; `null` where there is nothing to do. */
export const OUTCOME_NEXT_STEPS: Record<RequestOutcome, NextStep | null> = {
  sending: null,
  waiting: null,
  succeeded: null,
  overdue: {
    cause:
      'The call was accepted but no completion came within the timeout: the modem is slow or hung, or the completion was lost on the way.',
    check: OVERDUE_CHECK,
    source:
      'Microsoft Learn: IMbnDeviceServicesEvents completion callbacks (asynchronous; no time limit is documented)',
  },
  late: {
    cause: 'The modem answered, but after the timeout: it is slow rather than hung.',
    check:
      'Look at the latency in the timeline; if it is always near the timeout, raise the timeout rather than retrying.',
    source: 'This app’s timeout; Microsoft documents no time limit for completions',
  },
  failed: {
    cause: 'The modem (or the MBN service) answered the request with a failure status.',
    check:
      'Read what the status means (shown with the outcome); check the modem is ready and its SIM and radio are on, then try again once.',
    source: 'Microsoft Learn: IMbnDeviceServicesEvents completion callbacks (status parameter)',
  },
  refused: {
    cause:
      'The MBN service refused the call at once, before anything reached the modem, so no request was started.',
    check:
      'Read what the code means (shown with the outcome): it says what to fix before sending again.',
    source: 'Microsoft Learn: IMbnDeviceService methods (return values)',
  },
  'call-failed': {
    cause: 'The app could not reach the Windows Mobile Broadband service (a COM or backend error).',
    check:
      'Check that the WWAN AutoConfig service is running and the modem is listed, then restart the app.',
    source: 'This app’s backend (inferred from the error message)',
  },
  abandoned: DEVICE_GONE,
  'given-up': {
    cause: 'You stopped waiting for a completion that had not come.',
    check:
      'Try again; if requests on this service keep going overdue, unplug and replug the modem or restart it.',
    source: 'This app (the request was given up by the user)',
  },
  unfinished: {
    cause:
      'The log ends before the request’s outcome: the app was closed or stopped while it waited.',
    check: 'Look for the request in a later log of the same machine, if there is one.',
    source: 'This app’s journal format',
  },
};

/**
 * The advice for a request: the code's own when a failing code is known to the table, else the
 * outcome's. A device that went away has nothing of its code to add; a backend that closed is the
 * app's own doing and needs nothing, unless the request had gone overdue first.
 */
export function nextStep(
  story: Pick<RequestStory, 'outcome' | 'status' | 'callHresult' | 'abandonReason'> & {
    /** It had gone overdue (RequestStory's): why a backend-closed abandon has advice. */
    wentOverdue?: boolean;
    /** Which call: a session that was not open is the command session for QUERY and SET. */
    op?: RequestOp;
    /**
     * What the backend said of a call it refused (the `message` of request-returned): only the
     * MBIM backend says anything, and for a close only when it could give it no DSS session ID.
     */
    errorMessage?: string | null;
  },
): NextStep | null {
  if (story.outcome === 'abandoned' && story.abandonReason === 'backend-closed')
    return story.wentOverdue === true && story.op !== undefined
      ? overdueThenClosedStep(story.op)
      : null;
  const hex = story.status ?? story.callHresult;
  const code = hex === null ? undefined : parseHresult(hex);
  if (code !== undefined && code >>> 31 === 1) {
    const byCode = CODE_NEXT_STEPS.get(code >>> 0);
    if (
      byCode === SESSION_NOT_OPEN &&
      story.op !== undefined &&
      needsOpenSession(story.op) === 'command'
    )
      return COMMAND_SESSION_NOT_OPEN;
    if (
      byCode === SESSION_NOT_OPEN &&
      story.op === 'close' &&
      story.outcome === 'refused' &&
      story.errorMessage
    )
      return CLOSE_WITHOUT_SESSION_ID;
    if (byCode) return byCode;
  }
  if (story.outcome === 'overdue' && story.op !== undefined) {
    const byOp = OVERDUE_BY_OP.get(story.op);
    if (byOp) return byOp;
  }
  return OUTCOME_NEXT_STEPS[story.outcome];
}
