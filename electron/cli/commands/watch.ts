/** `mbn-diag watch`: every journal record as it happens, as text or JSON Lines. */
import type { Command } from 'commander';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { openEngine, type GlobalOptions } from '../context.js';
import { parseMs } from '../parse.js';

export function registerWatchCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('watch')
    .description('print requests, completions and device events as they happen')
    .option('--json', 'print JSON Lines (one journal record per line)')
    .option('--duration <ms>', 'stop after this many milliseconds (default: until Ctrl+C)')
    .action(async (options: { json?: boolean; duration?: string }) => {
      const duration =
        options.duration === undefined ? undefined : parseMs(options.duration, '--duration');
      const engine = await openEngine(globals());
      const print = (record: JournalRecord): void => {
        process.stdout.write(
          options.json
            ? `${JSON.stringify(record)}\n`
            : `${record.time}  ${describeRecord(record)}\n`,
        );
      };
      for (const record of engine.journal.recent()) print(record);
      engine.onRecord(print);
      // Listing devices subscribes to their events and records what is there at the start.
      await engine.listDevices();
      await new Promise<void>((resolve) => {
        const timer = duration === undefined ? undefined : setTimeout(resolve, duration);
        const stop = (): void => {
          if (timer) clearTimeout(timer);
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await engine.close();
    });
}
