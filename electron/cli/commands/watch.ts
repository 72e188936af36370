/**
 * `mbn-diag watch`: every journal record as it happens, as text or JSON Lines, then a one-line
 * summary of what was seen. Identifiers are redacted as in exports unless --show-ids is given;
 * text from devices is shown escaped.
 *
 * What it prints is its own journal run, from that run's start: the records the engine wrote while
 * opening, then each one as it is written. No earlier run is read back, so a completion whose
 * request another process sent (recorded as `unknown-request`, no ref) names no command, in text
 * or JSON, as `search` names none for a request it did not read.
 */
import type { Command } from 'commander';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { RequestCommands } from '../../../shared/request/request-commands.js';
import type { GlobalOptions } from '../context.js';
import { onOutputClosed } from '../output-closed.js';
import { parseMs } from '../parse.js';
import { RecordDeviceNames } from '../record-device-names.js';
import { recordWords } from '../record-words.js';
import { safe, safeJson } from '../terminal-text.js';
import { WatchTally } from '../watch-tally.js';
import { withCommandId } from '../with-command-id.js';
import { journalLossNote } from '../journal-loss-note.js';
import { formatTimestamp } from '../../../shared/time.js';

export function registerWatchCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('watch')
    .description('print requests, completions and device events as they happen')
    .option(
      '--json',
      'print JSON Lines (one journal record per line, with commandId on each of a QUERY or SET whose request it printed); the summary goes to stderr',
    )
    .option('--duration <ms>', 'stop after this many milliseconds (default: until Ctrl+C)')
    .action(async (options: { json?: boolean; duration?: string }) => {
      const duration =
        options.duration === undefined ? undefined : parseMs(options.duration, '--duration');
      const global = globals();
      // Loaded when the command runs, so that --help and --version start fast.
      const { announceBackend, openBackend, openEngine } = await import('../context.js');
      const { recordFilter } = await import('../../core/export/redact.js');
      const opened = await openBackend(global);
      const engine = openEngine(opened, global);
      if (!options.json) announceBackend(opened.info);
      // Each mbn-diag process simulates a world of its own: a `close` run in another terminal
      // completes there, and this watch, unlike one on a real MBN service, never hears of it.
      if (!options.json && opened.info.kind === 'simulator')
        process.stderr.write(
          'mbn-diag: this watch shows only what this process simulates; requests made by other mbn-diag commands are simulated in their own processes and do not show here.\n',
        );
      const { apply } = recordFilter(!global.showIds);
      const tally = new WatchTally();
      const devices = new RecordDeviceNames();
      // Every record, in order: a completion names the command its request sent, as the log does.
      const commands = new RequestCommands();
      const print = (record: JournalRecord): void => {
        tally.add(record);
        const commandId = commands.observe(record);
        const shown = apply(record);
        // A script reads the command beside the record as `search --json` gives it.
        if (options.json)
          return void process.stdout.write(`${safeJson(withCommandId(shown, commandId))}\n`);
        // When, as the window and the report write it (UTC, "… 16:47:59.286 Z"); which modem (as
        // they name it: two of one model read apart), which service, what happened.
        const device = devices.nameOf(shown);
        process.stdout.write(
          `${safe(formatTimestamp(shown.time, 'utc'))}  ${safe(recordWords(shown, device, commandId))}\n`,
        );
      };
      const started = Date.now();
      try {
        for (const record of engine.journal.recent()) print(record);
        engine.onRecord(print);
        let stopNow = (): void => undefined;
        const stopped = new Promise<void>((resolve) => {
          const timer = duration === undefined ? undefined : setTimeout(stop, duration);
          let offOutputClosed = (): void => undefined;
          function stop(): void {
            if (timer) clearTimeout(timer);
            offOutputClosed();
            process.removeListener('SIGINT', stop);
            process.removeListener('SIGTERM', stop);
            resolve();
          }
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          // Piped into something that quit (`watch | head`): the run ends as Ctrl+C ends it.
          offOutputClosed = onOutputClosed(stop);
          stopNow = stop;
        });
        // Listing devices subscribes to their events and records what is there at the start. A
        // backend slow to list them is stopped as the watch is, by Ctrl+C: listened for already.
        // Then their services, so a notification or read data names its service as every other
        // view does: unlisted, a vendor service's notification read "from Vendor service".
        await Promise.race([
          engine.listDevices().then((listed) =>
            Promise.all(
              listed.map((device) =>
                // A device that cannot list its services still has its events watched.
                engine.listServices(device.interfaceId).catch(() => undefined),
              ),
            ),
          ),
          stopped,
        ]).catch((error: unknown) => {
          stopNow();
          throw error;
        });
        await stopped;
      } finally {
        await engine.close();
        process.stderr.write(journalLossNote(engine.journal));
      }
      const summary = tally.summary(Date.now() - started, opened.info.kind, engine.journal.runDir);
      if (options.json) process.stderr.write(`mbn-diag: ${safe(summary)}\n`);
      else process.stdout.write(`${safe(summary)}\n`);
    });
}
