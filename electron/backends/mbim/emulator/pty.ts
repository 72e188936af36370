/**
 * A pseudo-terminal that looks like an MBIM control device to whoever opens its slave side
 * (mbimcli, mbim-proxy, this tool's backend). Node cannot open a pty itself (no openpty, no
 * ioctl), so a few lines of Python (present on every Debian and Ubuntu install) open it in raw
 * mode, print the slave's path and relay the master side over stdin/stdout. The relay keeps its
 * own slave descriptor open, so clients may come and go without the master seeing a hang-up; when
 * the relay ends, every client sees the device disappear, as when a modem is unplugged.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

const RELAY = `
import os, pty, select, sys, tty
master, slave = pty.openpty()
tty.setraw(slave)
sys.stderr.write(os.ttyname(slave) + "\\n")
sys.stderr.flush()
def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]
while True:
    ready, _, _ = select.select([0, master], [], [])
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            break
        write_all(master, data)
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            continue
        write_all(1, data)
`;

export interface PtyDevice {
  /** The slave side's path, for example /dev/pts/7: give it to mbimcli -d or --device. */
  path: string;
  write(bytes: Uint8Array): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Hangs up: every client sees the device go away. */
  close(): Promise<void>;
}

export async function openPtyDevice(python = 'python3'): Promise<PtyDevice> {
  const child: ChildProcessWithoutNullStreams = spawn(python, ['-u', '-c', RELAY], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const path = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stderr });
    child.once('error', (error) => reject(new Error(`cannot start ${python}: ${error.message}`)));
    child.once('exit', (code) =>
      reject(new Error(`the pty relay exited (${String(code)}) before it opened a pty`)),
    );
    lines.once('line', (line) => {
      lines.close();
      resolve(line.trim());
    });
  });
  child.stdout.pause();
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    path,
    write: (bytes) => {
      if (!child.stdin.destroyed) child.stdin.write(bytes);
    },
    onData: (listener) => {
      child.stdout.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk)));
      child.stdout.resume();
    },
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
