/** The CLI's exit codes, as scripts and technicians rely on them. */
export const EXIT = {
  /** The request completed with success (or the command simply worked). */
  ok: 0,
  /** The request failed: refused at once, or its completion carried a failure status. */
  failed: 1,
  /**
   * Usage or bad input, and nothing was sent: unknown option, unknown device or service,
   * unreadable file, bad hex, or a command refused before sending (a CID the service did not list
   * without --force, data over its MaxCommandSize). Also, as grep's 2, an output that could not
   * be written whole (a full disk under `search … > hits`).
   */
  usage: 2,
  /** No completion within the timeout. */
  timedOut: 3,
  /** Ctrl+C stopped the wait (the shell's 128 + SIGINT); a SIGTERM gives 143 the same way. */
  interrupted: 130,
  terminated: 143,
  /** The terminal went away (an SSH connection dropped): 128 + SIGHUP. */
  hungUp: 129,
} as const;

/** An error whose message is meant for the technician as is, with the exit code to use. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
