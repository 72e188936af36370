// The Wine suite: cross-compiles the addon and the fake MBN COM server, registers the fake in a
// private Wine prefix under the real MBN CLSIDs, and runs each case in a Windows node.exe. After
// each process ends, the fake's own counters (written at DLL_PROCESS_DETACH) are checked too:
// live COM objects, advised sinks, callbacks sent versus events JS saw.
// Shape: { name, missing(), run() } as scripts/test.mjs expects.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAddon, buildFake, ensureNodeExe } from './lib/build.mjs';
import { bundle } from './lib/bundle.mjs';
import { RUNS, ROOT, winPath } from './lib/paths.mjs';
import { missingTools } from './lib/tools.mjs';
import { ensurePrefix, registerFake, runNodeExe, startServer } from './lib/wine.mjs';

const HERE = join(ROOT, 'test', 'wine');

/**
 * Checks on the fake's counters shared by every case. A call still hung in the fake when the
 * process ends pins the one object its caller holds for it (the service object it was called
 * on); nothing else may be left.
 */
export function noLeaks(stats) {
  const pinned = stats.hungNow ?? 0;
  const dropped = stats.sinksDropped ?? 0;
  return [
    [
      'fake: no live COM object left but its own pending work',
      stats.liveObjects <= stats.pendingHolds + pinned,
      `liveObjects ${stats.liveObjects}, pendingHolds ${stats.pendingHolds}` +
        (pinned ? `, ${pinned} held by the call still hung at exit` : ''),
    ],
    [
      'fake: every Advise undone by an Unadvise',
      stats.liveSinks === 0 && stats.advises === stats.unadvises + dropped && stats.advises > 0,
      `advises ${stats.advises}, unadvises ${stats.unadvises}` +
        (dropped ? `, ${dropped} released by the service going away` : ''),
    ],
  ];
}

function eventsMatch(stats, extra) {
  return [
    [
      'fake: completions sent = completions JS saw',
      stats.completionCallbacks === extra.completionsSeen,
      `${stats.completionCallbacks} sent, ${extra.completionsSeen} seen`,
    ],
    [
      'fake: read events sent = read events JS saw',
      stats.readDataCallbacks === extra.readDataSeen,
      `${stats.readDataCallbacks} sent, ${extra.readDataSeen} seen`,
    ],
    [
      'fake: bytes written arrived intact',
      stats.writeBytes === extra.writeBytes && stats.writeChecksum === extra.writeChecksum,
      `${stats.writeBytes} bytes, checksum ${stats.writeChecksum}`,
    ],
  ];
}

/** Under fresh-service: the events' unknown object really was named by the COM thread. */
function freshNamed(extra) {
  return [
    [
      'addon: the unknown service object was named on the COM thread',
      extra.deferredIdLookups > 0,
      `${extra.deferredIdLookups} lookups on the COM thread`,
    ],
  ];
}

const UNFRIENDLY = 'test/wine/scenarios/unfriendly.json';
const COMMANDS = 'test/wine/scenarios/commands.json';
const C_SERVICE = '{C1C1C1C1-0000-4000-8000-0000000000C1}';
// The same numbers as test/wine/cases/commands-plan.ts (LARGE_RESPONSE_BYTES, STORM).
const C_LARGE = 1 << 20;
const C_STORM = { threads: 8, count: 500, atMs: 2500 };
const U_LONG_HANG = 'a1a1a1a1-0000-4000-8000-000000000001';
const U_SHORT_HANG = 'a1a1a1a1-0000-4000-8000-000000000002';
const U_PROBED = '{B2B2B2B2-0000-4000-8000-0000000000B2}';

/** The command case's checks, shared with its fresh-service run. */
function commandChecks(stats, extra) {
  return [
    [
      'fake: completions sent = completions JS saw',
      stats.completionCallbacks === extra.completionsSeen,
      `${stats.completionCallbacks} sent, ${extra.completionsSeen} seen`,
    ],
    [
      'fake: notifications sent = notifications JS saw',
      stats.notificationCallbacks === extra.notificationsSeen &&
        stats.stormNotifications === C_STORM.threads * C_STORM.count,
      `${stats.notificationCallbacks} sent (${stats.stormNotifications} by the storm), ${extra.notificationsSeen} seen`,
    ],
    [
      'fake: the storm really came from several threads at once',
      stats.maxConcurrentCallbacks > 1 && stats.callbackThreads > C_STORM.threads,
      `${stats.callbackThreads} threads, up to ${stats.maxConcurrentCallbacks} callbacks at once`,
    ],
    [
      'fake: every QUERY/SET arrived, its payload intact; only the over-limit one refused',
      stats.commandCalls === extra.commandCalls &&
        stats.commandBytes === extra.commandBytes &&
        stats.commandChecksum === extra.commandChecksum &&
        stats.commandsRefusedForSize === 1 &&
        stats.maxCommandBytes === 64,
      `${stats.commandCalls} calls, ${stats.commandBytes} bytes (checksum ${stats.commandChecksum}), largest ${stats.maxCommandBytes}, ${stats.commandsRefusedForSize} refused for size`,
    ],
  ];
}

export const CASES = [
  {
    name: 'e2e',
    title: 'production path end to end (CoCreateInstance → Advise → call → completion → JS)',
    scenario: 'test/wine/scenarios/e2e.json',
    // Device B is still being probed: its caps and services answer E_PENDING too.
    fakeExtra: [
      'pending\tcaps\t{B0B0B0B0-0000-4000-8000-00000000000B}',
      'pending\tservices\t{B0B0B0B0-0000-4000-8000-00000000000B}',
    ],
    timeoutMs: 60_000,
    verify: (stats, extra) => [...noLeaks(stats), ...eventsMatch(stats, extra)],
  },
  // A held service object of a device that went and came back at once is not used again.
  {
    name: 'session-return',
    title:
      'a device removed and back while the COM thread hangs: the held service object from before is let go',
    scenario: 'test/wine/scenarios/session-return.json',
    fakeExtra: ['hang\te3e3e3e3-0000-4000-8000-0000000000e3\twrite\t600'],
    timeoutMs: 30_000,
    verify: (stats) => noLeaks(stats),
  },
  // Read data faster than JS: the addon's 32 MiB budget of queued reads holds, the rest is reported.
  {
    name: 'read-budget',
    title:
      '64 MiB of reads at once while JS is busy: at most 32 MiB queued, the gap reported in place',
    scenario: 'test/wine/scenarios/read-budget.json',
    timeoutMs: 60_000,
    verify: (stats, extra) => [
      [
        'fake: reads sent = reads JS saw + reads reported dropped',
        stats.readDataCallbacks === extra.readDataSeen + extra.readsDropped,
        `${stats.readDataCallbacks} sent, ${extra.readDataSeen} seen, ${extra.readsDropped} dropped`,
      ],
      ...noLeaks(stats),
    ],
  },
  // Notifications faster than JS: their own 16 MiB budget holds, the rest is reported.
  {
    name: 'notification-budget',
    title:
      '64 MiB of notifications at once while JS is busy: at most 16 MiB queued, the gap reported in place',
    scenario: 'test/wine/scenarios/read-budget.json',
    fakeExtra: ['storm\tf1f1f1f1-0000-4000-8000-0000000000f1\t2\t512\t1500\t65536'],
    timeoutMs: 60_000,
    verify: (stats, extra) => [
      [
        'fake: notifications sent = notifications JS saw + notifications reported dropped',
        stats.notificationCallbacks === extra.notificationsSeen + extra.notificationsDropped &&
          stats.stormNotifications === 1024,
        `${stats.notificationCallbacks} sent, ${extra.notificationsSeen} seen, ${extra.notificationsDropped} dropped`,
      ],
      ...noLeaks(stats),
    ],
  },
  // The same flood while the notifications wait to be named on a held COM thread, and their
  // service then lost: the drops are said though no notification is ever delivered.
  {
    name: 'notifications-lost-service',
    title:
      'notifications dropped, then those accepted before them lost with their service: the drops still said',
    scenario: 'test/wine/scenarios/read-budget.json',
    // One scheduler thread (the fake's default), so the disconnect (due at 3.5 s) waits until the
    // storm's task has sent its last notification: the storm comes whole before the service goes.
    // The Open is held 10 s, so it is still held when the service goes even when the storm runs
    // long: with 4 s, a CI run whose other lane was busy had the Open return S_OK first.
    fakeExtra: [
      'switch\tfresh-service\t1',
      'hang\tf1f1f1f1-0000-4000-8000-0000000000f1\topen\t10000',
      'storm\tf1f1f1f1-0000-4000-8000-0000000000f1\t2\t512\t1500\t65536',
      'switch\tdisconnect\t3500\t60000',
    ],
    timeoutMs: 60_000,
    verify: (stats, extra) => [
      [
        'fake: the storm sent every notification, and the service went while the Open was held',
        stats.notificationCallbacks === 1024 && stats.disconnects === 1 && stats.hangsStarted === 1,
        `${stats.notificationCallbacks} sent, ${stats.disconnects} disconnect(s), ${stats.hangsStarted} hang(s); ${extra.notificationsDropped} reported dropped`,
      ],
    ],
  },
  {
    name: 'read-budget-small',
    title: '200,000 one-byte reads at once while JS is busy: at most 131,072 wait, the rest said',
    scenario: 'test/wine/scenarios/read-budget-small.json',
    timeoutMs: 120_000,
    verify: (stats, extra) => [
      [
        'fake: reads sent = reads JS saw + reads reported dropped',
        stats.readDataCallbacks === extra.readsSeen + extra.readsDropped,
        `${stats.readDataCallbacks} sent, ${extra.readsSeen} seen, ${extra.readsDropped} dropped`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'lifetime',
    title: 'close twice, close with work in flight, close with queued calls',
    scenario: 'test/wine/scenarios/lifetime.json',
    timeoutMs: 60_000,
    verify: (stats) => noLeaks(stats),
  },
  {
    name: 'drop',
    title: 'object dropped without close(), process ends by itself',
    scenario: 'test/wine/scenarios/lifetime.json',
    timeoutMs: 30_000,
    verify: (stats, extra) => [
      ['the process reached its end', extra.reachedEnd === true, ''],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'drop-busy',
    title: 'dropped without close() in the middle of a 100,000-event burst',
    scenario: 'test/wine/scenarios/stress.json',
    timeoutMs: 60_000,
    verify: (stats, extra) => [
      ['the process reached its end', extra.reachedEnd === true, ''],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'stress',
    title: '100,000 completions + 100,000 read events, callbacks from 4 threads at once',
    scenario: 'test/wine/scenarios/stress.json',
    fakeExtra: ['switch\tthreads\t4'],
    timeoutMs: 240_000,
    verify: (stats, extra) => [
      [
        'fake: callbacks really came from several threads at once',
        stats.maxConcurrentCallbacks > 1 && stats.callbackThreads > 1,
        `${stats.callbackThreads} threads, up to ${stats.maxConcurrentCallbacks} callbacks at once`,
      ],
      ...noLeaks(stats),
      ...eventsMatch(stats, extra),
    ],
  },
  // ---- the less friendly fake (issue 12): one switch, one case ----
  {
    name: 'hang',
    title: 'close(), garbage collection and quitting with calls hung in the fake (1.5 s, 30 s)',
    scenario: UNFRIENDLY,
    fakeExtra: [`hang\t${U_LONG_HANG}\tclose\t30000`, `hang\t${U_SHORT_HANG}\tclose\t1500`],
    // Well under the 30 s hang: the process must end while the calls still hang.
    timeoutMs: 25_000,
    verify: (stats, extra, run) => [
      [
        'the process quit long before the 30 s hang ended',
        run.code === 0 && run.ms < 20_000,
        `${run.ms} ms in all; ${Math.max(0, run.endedAt - (extra.quitAt ?? run.endedAt))} ms from the last close() to the end of the process`,
      ],
      [
        'fake: four calls hung, two still hung as the process ended',
        stats.hangsStarted === 4 && stats.hungNow === 2,
        `hangsStarted ${stats.hangsStarted}, hungNow ${stats.hungNow}`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'hang-exit',
    title: 'an environment torn down without close() while a call hangs for 30 s (the exit hook)',
    scenario: UNFRIENDLY,
    fakeExtra: [`hang\t${U_LONG_HANG}\tclose\t30000`],
    timeoutMs: 25_000,
    verify: (stats, extra, run) => [
      [
        'the process ended long before the 30 s hang, the call still hung',
        run.code === 0 && run.ms < 20_000 && stats.hungNow === 1,
        `${run.ms} ms in all (hungNow ${stats.hungNow})`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'call-limit',
    title: 'a call held 1.5 s by the fake fails after the backend call limit (400 ms)',
    scenario: UNFRIENDLY,
    fakeExtra: [`hang\t${U_SHORT_HANG}\tclose\t1500`],
    timeoutMs: 30_000,
    verify: (stats) => [
      ['fake: the held call started', stats.hangsStarted === 1, `${stats.hangsStarted}`],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'hung-call',
    title:
      'a Close held 4 s past the call limit (1 s): the next request goes through a new COM thread',
    scenario: UNFRIENDLY,
    fakeExtra: [`hang\t${U_SHORT_HANG}\tclose\t4000`],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: the held call started once and had returned by the end',
        stats.hangsStarted === 1 && stats.hungNow === 0,
        `hangsStarted ${stats.hangsStarted}, hungNow ${stats.hungNow}`,
      ],
      [
        'fake: the left client and the new one each advised their three sinks',
        stats.advises === 6,
        `advises ${stats.advises}, unadvises ${stats.unadvises}`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'ready',
    title: 'a probing device becomes ready by itself (IMbnInterfaceEvents)',
    scenario: UNFRIENDLY,
    fakeExtra: [
      `pending\tcaps\t${U_PROBED}`,
      `pending\tservices\t${U_PROBED}`,
      `ready\t${U_PROBED}\t1500\t1`,
    ],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: OnInterfaceCapabilityAvailable and OnReadyStateChange fired',
        stats.readyEventsFired === 2,
        `${stats.readyEventsFired} IMbnInterfaceEvents callbacks`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'disconnect',
    title:
      'the whole MBN service disconnects and returns (RPC_E_DISCONNECTED, RPC_S_SERVER_UNAVAILABLE)',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\tdisconnect-at-write\t1500'],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: went away once, refused the dead objects and new ones while away',
        stats.disconnects === 1 && stats.refusedWhileGone > 0 && stats.createRefused > 0,
        `refused ${stats.refusedWhileGone} calls on dead objects and ${stats.createRefused} CoCreateInstance while away`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'disconnect-dne',
    title:
      'the MBN service disconnects and returns, its dead objects answering RPC_S_CALL_FAILED_DNE',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\tdisconnect-at-write\t1500', 'switch\tgone-hresult\t800706BF'],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: went away once, refused the dead objects and new ones while away',
        stats.disconnects === 1 && stats.refusedWhileGone > 0 && stats.createRefused > 0,
        `refused ${stats.refusedWhileGone} calls on dead objects and ${stats.createRefused} CoCreateInstance while away`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'disconnect-not-active',
    title:
      'the MBN service is stopped and started again: every call and CoCreateInstance answer ERROR_SERVICE_NOT_ACTIVE',
    scenario: UNFRIENDLY,
    fakeExtra: [
      'switch\tdisconnect-at-write\t1500',
      'switch\tgone-hresult\t80070426',
      'switch\tcreate-hresult\t80070426',
    ],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: went away once, refused the dead objects and new ones while away',
        stats.disconnects === 1 && stats.refusedWhileGone > 0 && stats.createRefused > 0,
        `refused ${stats.refusedWhileGone} calls on dead objects and ${stats.createRefused} CoCreateInstance while away`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'idle-outage',
    title: 'the MBN service disconnects and returns while no call is made (the heartbeat)',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\tdisconnect\t1500\t1500'],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: went away once; subscribed again after it came back',
        stats.disconnects === 1 && stats.advises === 6,
        `advises ${stats.advises} (3 before, 3 after)`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'idle-outage-not-active',
    script: 'idle-outage',
    title:
      'the MBN service is stopped and started while no call is made; it answers ERROR_SERVICE_NOT_ACTIVE (the heartbeat)',
    scenario: UNFRIENDLY,
    fakeExtra: [
      'switch\tdisconnect\t1500\t1500',
      'switch\tgone-hresult\t80070426',
      'switch\tcreate-hresult\t80070426',
    ],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: went away once; subscribed again after it came back',
        stats.disconnects === 1 && stats.advises === 6,
        `advises ${stats.advises} (3 before, 3 after)`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'interfaces-i8',
    title: 'GetInterfaces answers 8-byte numbers (VT_I8), not interface pointers',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\tinterfaces-array\ti8'],
    timeoutMs: 30_000,
    verify: (stats) => noLeaks(stats),
  },
  // A listing that cannot read an interface's ID: no false removal, no held session let go.
  {
    name: 'unreadable-id',
    title: 'get_InterfaceID fails as another device goes: only that device is removed',
    scenario: 'test/wine/scenarios/unreadable-id.json',
    fakeExtra: ['switch\tobject-sessions\t1', 'switch\tinterface-id-fails-at-write\t1500'],
    timeoutMs: 30_000,
    verify: (stats) => noLeaks(stats),
  },
  {
    name: 'services-null',
    title: 'EnumerateDeviceServices answers S_OK with a NULL array',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\tservices-null\t1'],
    timeoutMs: 30_000,
    verify: (stats) => noLeaks(stats),
  },
  {
    name: 'record-array',
    title: 'EnumerateDeviceServices answers a VT_RECORD SAFEARRAY (FADF_RECORD + IRecordInfo)',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\trecord-array\t1'],
    timeoutMs: 30_000,
    verify: (stats) => [
      [
        'fake: record arrays sent, every record cleared, no BSTR left for RecordClear',
        stats.recordArrays > 0 && stats.recordClears > 0 && stats.recordBstrsLeftForClear === 0,
        `${stats.recordArrays} arrays, ${stats.recordClears} records cleared, ${stats.recordBstrsLeftForClear} BSTRs left in them`,
      ],
      ...noLeaks(stats),
    ],
  },
  {
    name: 'getter-lock',
    title: 'getters take the service lock while callbacks (from 4 threads) are in flight',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\tgetter-lock\t1', 'switch\tthreads\t4'],
    timeoutMs: 30_000,
    verify: (stats, extra) => [
      [
        'fake: no getter called from inside a callback, none timed out on the lock',
        stats.getterCallsInCallback === 0 && stats.getterTimeouts === 0,
        `${stats.getterCallsInCallback} getter calls inside callbacks, ${stats.getterTimeouts} timeouts`,
      ],
      [
        // That two callbacks overlap is timing; the stress case shows it. Here: several threads.
        'fake: callbacks from several threads',
        stats.callbackThreads > 1,
        `${stats.callbackThreads} threads, up to ${stats.maxConcurrentCallbacks} callbacks at once`,
      ],
      ...noLeaks(stats),
      ...eventsMatch(stats, extra),
    ],
  },
  // ---- a service that hands out a new object per GetDeviceService (fresh-service) ----
  // The callbacks name an object the addon's ID cache never met: the sinks must not ask it
  // (a deadlock against the service's lock), the COM thread names it instead.
  {
    name: 'e2e-fresh',
    script: 'e2e',
    title: 'e2e with a new service object per GetDeviceService: events named off the callback',
    scenario: 'test/wine/scenarios/e2e.json',
    fakeExtra: [
      'pending\tcaps\t{B0B0B0B0-0000-4000-8000-00000000000B}',
      'pending\tservices\t{B0B0B0B0-0000-4000-8000-00000000000B}',
      'switch\tfresh-service\t1',
    ],
    timeoutMs: 60_000,
    verify: (stats, extra) => [
      ...freshNamed(extra),
      ...noLeaks(stats),
      ...eventsMatch(stats, extra),
    ],
  },
  // A session is the opening object's (object-sessions): every call must go through that object.
  {
    name: 'session-object',
    title:
      'a new service object per GetDeviceService and sessions per object: open, write, close and IsDataSessionOpen through one object',
    scenario: 'test/wine/scenarios/e2e.json',
    fakeExtra: [
      'pending\tcaps\t{B0B0B0B0-0000-4000-8000-00000000000B}',
      'pending\tservices\t{B0B0B0B0-0000-4000-8000-00000000000B}',
      'switch\tfresh-service\t1',
      'switch\tobject-sessions\t1',
    ],
    timeoutMs: 30_000,
    verify: (stats) => [...noLeaks(stats)],
  },
  {
    name: 'getter-lock-fresh',
    script: 'getter-lock',
    title: 'getter-lock with a new service object per GetDeviceService (callbacks from 4 threads)',
    scenario: UNFRIENDLY,
    fakeExtra: ['switch\tgetter-lock\t1', 'switch\tthreads\t4', 'switch\tfresh-service\t1'],
    timeoutMs: 30_000,
    verify: (stats, extra) => [
      [
        'fake: no getter called from inside a callback, none timed out on the lock',
        stats.getterCallsInCallback === 0 && stats.getterTimeouts === 0,
        `${stats.getterCallsInCallback} getter calls inside callbacks, ${stats.getterTimeouts} timeouts`,
      ],
      ...freshNamed(extra),
      ...noLeaks(stats),
      ...eventsMatch(stats, extra),
    ],
  },
  // ---- the command half of IMbnDeviceService (issue 11) ----
  {
    name: 'commands',
    title:
      'every command method and callback; 0-length and 1 MiB responses; the size limit; notifications from 8 threads at once',
    scenario: COMMANDS,
    fakeExtra: [
      `response-pattern\t${C_SERVICE}\t6\tquery\t${C_LARGE}`,
      `storm\t${C_SERVICE}\t${C_STORM.threads}\t${C_STORM.count}\t${C_STORM.atMs}`,
    ],
    timeoutMs: 90_000,
    verify: (stats, extra) => [...commandChecks(stats, extra), ...noLeaks(stats)],
  },
  {
    name: 'commands-fresh',
    script: 'commands',
    title:
      'the command case with a new service object per GetDeviceService and sessions per object: notifications from 8 threads named off the callback',
    scenario: COMMANDS,
    fakeExtra: [
      `response-pattern\t${C_SERVICE}\t6\tquery\t${C_LARGE}`,
      `storm\t${C_SERVICE}\t${C_STORM.threads}\t${C_STORM.count}\t${C_STORM.atMs}`,
      'switch\tfresh-service\t1',
      // The command session is the opening object's too: QUERY/SET must go through it.
      'switch\tobject-sessions\t1',
    ],
    timeoutMs: 90_000,
    verify: (stats, extra) => [
      ...freshNamed(extra),
      ...commandChecks(stats, extra),
      ...noLeaks(stats),
    ],
  },
  {
    name: 'commands-i4',
    title: 'the command list as a VT_I4 SAFEARRAY (its element type is undocumented)',
    scenario: COMMANDS,
    fakeExtra: ['switch\tcommand-ids\ti4'],
    timeoutMs: 30_000,
    verify: (stats) => noLeaks(stats),
  },
];

export async function prepare(log) {
  mkdirSync(RUNS, { recursive: true });
  const started = Date.now();
  log('preparing: node.exe, mingw-w64 builds, Wine prefix');
  const [nodeExe, addon, fake] = await Promise.all([
    ensureNodeExe(log),
    buildAddon(log),
    buildFake(log),
  ]);
  ensurePrefix(log);
  startServer();
  registerFake(fake);
  const hostTools = await import(await bundle(join(HERE, 'host-tools.ts')));
  log(`prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { nodeExe, addon, fake, hostTools };
}

/** Runs one case in node.exe under Wine and returns its checks (in-process ones and the fake's). */
export async function runCase(c, env) {
  // `script`: another case's file, run against a differently switched fake.
  const script = await bundle(join(HERE, 'cases', `${c.script ?? c.name}.ts`));
  const base = join(RUNS, c.name);
  const paths = { cfg: `${base}.cfg`, stats: `${base}.stats.json`, result: `${base}.result.json` };
  const extraLines = (c.fakeExtra ?? []).map((l) => `${l}\n`).join('');
  writeFileSync(paths.cfg, env.hostTools.fakeConfigFor(join(ROOT, c.scenario)) + extraLines);
  rmSync(paths.stats, { force: true });
  rmSync(paths.result, { force: true });
  const run = await runNodeExe(script, {
    outBase: base,
    timeoutMs: c.timeoutMs,
    env: {
      MBN_DIAG_ADDON: winPath(env.addon),
      MBN_FAKE_CONFIG: winPath(paths.cfg),
      MBN_FAKE_STATS: winPath(paths.stats),
      MBN_CASE_RESULT: winPath(paths.result),
    },
  });
  const endedAt = Date.now();
  const checks = [];
  let extra = {};
  const parsed = await readWritten(paths.result, !run.timedOut);
  if (parsed) {
    extra = parsed.extra;
    for (const r of parsed.results) checks.push(r);
  }
  checks.push({
    name: 'node.exe exited cleanly',
    ok: run.code === 0 && !run.timedOut && parsed !== undefined,
    ms: run.ms,
    detail: run.timedOut
      ? `killed after ${c.timeoutMs} ms`
      : `exit code ${run.code}${run.stderr.trim() ? `\n${run.stderr.trim()}` : ''}`,
  });
  const stats = await readWritten(paths.stats, !run.timedOut);
  if (stats) {
    if (stats.configError)
      checks.push({ name: 'fake config', ok: false, ms: 0, detail: stats.configError });
    for (const [name, ok, detail] of c.verify(stats, extra, { ...run, endedAt }))
      checks.push({ name, ok, ms: 0, detail });
  } else {
    checks.push({
      name: 'fake wrote its counters',
      ok: false,
      ms: 0,
      detail: `${paths.stats}: ${existsSync(paths.stats) ? 'not JSON' : 'missing'}`,
    });
  }
  return { checks, ms: run.ms, stdout: run.stdout };
}

/**
 * A JSON file a case's process writes as it ends (its results; the fake's counters, at
 * DLL_PROCESS_DETACH: created, then written), once it reads whole. With the machine busy, Wine
 * told of node.exe's end while the counters' file was still empty, and the suite stopped on
 * JSON.parse: now waited for, up to 5 s, then undefined (a failed check, not a crash). Not
 * waited for after the process was killed: nothing is writing it any more.
 */
async function readWritten(path, wait) {
  for (let waited = 0; ; waited += 100) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      if (!wait || waited >= 5000) return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function printChecks(checks, log) {
  for (const c of checks) {
    const time = c.ms ? ` (${c.ms.toFixed(0)} ms)` : '';
    const detail = c.detail ? ` — ${c.ok ? c.detail.split('\n')[0] : ''}` : '';
    log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${time}${c.ok ? detail : ''}`);
    if (!c.ok && c.detail) log(c.detail.replace(/^/gm, '         '));
  }
}

export async function runSuite({ only = [], log = console.log } = {}) {
  const env = await prepare(log);
  let passed = 0;
  const failures = [];
  const extraSuites = (await import('./extra-cases.mjs').catch(() => ({ EXTRA: [] }))).EXTRA;
  for (const c of [...CASES, ...extraSuites]) {
    if (only.length && !only.includes(c.name)) continue;
    log(`\n[wine] ${c.name}: ${c.title}`);
    const result = c.run ? await c.run(env, log) : await runCase(c, env);
    printChecks(result.checks, log);
    for (const check of result.checks) {
      if (check.ok) passed++;
      else
        failures.push(
          `${c.name} > ${check.name}: ${(check.detail ?? '').split('\n')[0].slice(0, 300)}`,
        );
    }
    log(`[wine] ${c.name}: ${(result.ms / 1000).toFixed(1)} s`);
  }
  return { ok: failures.length === 0, passed, failed: failures.length, failures };
}

export default {
  name: 'wine',
  missing: async () => missingTools(),
  run: () => runSuite(),
};
