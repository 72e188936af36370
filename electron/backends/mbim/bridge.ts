/**
 * The byte pipe to a modem: a small Python bridge, spawned per connection, that opens the MBIM
 * control device (`device` mode) or connects to mbim-proxy's abstract Unix socket (`proxy` mode)
 * and relays it over stdin/stdout.
 *
 * Why a bridge, and why Python: Node 20 cannot reach an abstract socket (libuv passes the padded
 * address length, so `\0mbim-proxy` names a different socket: nodejs/node#49656), and it cannot
 * poll a character device such as /dev/cdc-wdm0 (fs reads block a thread-pool thread forever,
 * which would keep the CLI from exiting; net.Socket refuses a character device). Python's socket
 * module passes the exact abstract address length, select() polls the device, and python3 ships
 * with every Debian, Ubuntu and Fedora install, so nothing is compiled on the technician's machine.
 * The bridge writes each MBIM frame with one write() (one USB control transfer on cdc-wdm).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

const BRIDGE = `
import os, select, socket, stat, sys
mode, target = sys.argv[1], sys.argv[2]
try:
    if mode == "proxy":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect("\\0" + target)
        fd = sock.fileno()
    else:
        fd = os.open(target, os.O_RDWR | os.O_NOCTTY)
        if not stat.S_ISCHR(os.fstat(fd).st_mode):
            sys.stderr.write("failed: not a character device (an MBIM control device is one)\\n")
            sys.exit(3)
except OSError as error:
    sys.stderr.write("failed: %s\\n" % (error.strerror or error))
    sys.exit(3)
# The device's wMaxControlMessage, as libmbim asks cdc-wdm for it (IOCTL_WDM_MAX_COMMAND); 0 when
# the node does not say (mbim-proxy's socket, a pty, a kernel without the ioctl).
max_transfer = 0
if mode != "proxy":
    try:
        import fcntl, struct
        max_transfer = struct.unpack("<H", fcntl.ioctl(fd, 0x800248A0, b"\\0\\0"))[0]
    except OSError:
        max_transfer = 0
sys.stderr.write("ready %d\\n" % max_transfer)
sys.stderr.flush()
def write_all(out, data):
    while data:
        data = data[os.write(out, data):]
pending = b""
while True:
    ready, _, _ = select.select([0, fd], [], [])
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            break
        pending += data
        while len(pending) >= 12:
            length = int.from_bytes(pending[4:8], "little")
            if length < 12 or len(pending) < length:
                break
            write_all(fd, pending[:length])
            pending = pending[length:]
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError as error:
            sys.stderr.write("gone: %s\\n" % error.strerror)
            sys.exit(4)
        if not data:
            sys.stderr.write("gone: the other side closed\\n")
            sys.exit(4)
        write_all(1, data)
`;

export interface ByteLink {
  write(bytes: Uint8Array): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Called once when the link ends without close() having been called: the modem went away. */
  onLost(listener: (reason: string) => void): void;
  close(): Promise<void>;
  /**
   * The device's maximum control transfer (its wMaxControlMessage) when the link could ask the
   * kernel for it; undefined when it could not (then 4096 is assumed, as libmbim does).
   */
  readonly maxControlTransfer?: number;
}

export class BridgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeError';
  }
}

export async function openBridge(
  mode: 'device' | 'proxy',
  target: string,
  python = process.env.MBN_DIAG_PYTHON ?? 'python3',
): Promise<ByteLink> {
  const child: ChildProcessWithoutNullStreams = spawn(python, ['-u', '-c', BRIDGE, mode, target], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stderr });
  let lastLine = '';
  let maxControlTransfer: number | undefined;
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) =>
      reject(
        new BridgeError(
          `cannot start ${python} (${error.message}); python3 is needed to reach an MBIM device from Node`,
        ),
      ),
    );
    // 'close', not 'exit': by then every line the bridge wrote on stderr has been read.
    child.once('close', () =>
      reject(new BridgeError(lastLine.replace(/^failed: /, '') || 'the bridge ended')),
    );
    lines.on('line', (line) => {
      lastLine = line;
      const ready = /^ready(?: (\d+))?$/.exec(line);
      if (ready) {
        maxControlTransfer = plausibleTransfer(Number(ready[1] ?? 0));
        resolve();
      }
    });
  });
  let closing = false;
  const lostListeners: ((reason: string) => void)[] = [];
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else
      child.once('close', () => {
        if (!closing)
          for (const listener of lostListeners) listener(lastLine.replace(/^gone: /, ''));
        resolve();
      });
  });
  child.stdin.on('error', () => undefined);
  return {
    ...(maxControlTransfer === undefined ? {} : { maxControlTransfer }),
    write: (bytes) => {
      if (!child.stdin.destroyed) child.stdin.write(bytes);
    },
    onData: (listener) => {
      child.stdout.on('data', (chunk: Buffer) => {
        listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      });
    },
    onLost: (listener) => lostListeners.push(listener),
    close: async () => {
      closing = true;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** MBIM allows 64 to 65535 bytes; anything else (0: not known) is no answer. */
function plausibleTransfer(bytes: number): number | undefined {
  return Number.isInteger(bytes) && bytes >= 64 && bytes <= 0xffff ? bytes : undefined;
}
