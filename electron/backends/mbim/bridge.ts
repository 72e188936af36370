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
import errno, os, select, socket, stat, sys, time
mode, target = sys.argv[1], sys.argv[2]
try:
    if mode == "proxy":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect("\\0" + target)
        fd = sock.fileno()
    else:
        fd = os.open(target, os.O_RDWR | os.O_NOCTTY)
        st = os.fstat(fd)
        if not stat.S_ISCHR(st.st_mode):
            sys.stderr.write("failed: not a character device (an MBIM control device is one)\\n")
            sys.exit(3)
        # What kind of device it is, as the kernel files it: cdc-wdm (usbmisc) or a WWAN port
        # (wwan0mbim0) talks MBIM; a pseudo-terminal (major 136-143) is the emulator's. Anything
        # else (/dev/port, /dev/mem, a serial port, a sound card) would take MBIM bytes as writes
        # of its own, so it is refused before a byte is written. Without sysfs only the memory
        # devices (major 1) can be told apart, and are refused.
        node = "/sys/dev/char/%d:%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
        if os.path.exists(node):
            kind = os.path.basename(os.path.realpath(node + "/subsystem"))
        else:
            kind = "mem" if os.major(st.st_rdev) == 1 else ""
        if kind not in ("", "usbmisc", "wwan") and not 136 <= os.major(st.st_rdev) <= 143:
            named = {"mem": "memory", "tty": "serial port or terminal"}.get(kind, kind)
            sys.stderr.write("failed: a %s device, not an MBIM control device (cdc-wdm or wwan)\\n" % named)
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
# Gone: the device left (cdc-wdm says POLLHUP and ENODEV once it disconnects; a pty says POLLHUP
# when its master closes), or errors keep coming. Any other error (cdc-wdm's EIO after one failed
# USB transfer) loses that transfer only: warn and go on, as libmbim does.
GONE = (errno.ENODEV, errno.ENXIO, errno.ESHUTDOWN, errno.EBADF, errno.EPIPE, errno.ECONNRESET)
HANGUP = select.POLLHUP | select.POLLNVAL
failures = 0
def gone(why):
    sys.stderr.write("gone: %s\\n" % why)
    sys.exit(4)
def failed(error, hung_up):
    global failures
    failures += 1
    if hung_up or error.errno in GONE or failures > 20:
        gone(error.strerror or str(error))
    sys.stderr.write("warn: %s\\n" % (error.strerror or error))
    time.sleep(0.05)
def write_all(out, data):
    while data:
        data = data[os.write(out, data):]
poller = select.poll()
poller.register(0, select.POLLIN)
poller.register(fd, select.POLLIN)
pending = b""
while True:
    for ready, events in poller.poll():
        if ready == 0:
            data = os.read(0, 65536)
            if not data:
                sys.exit(0)
            pending += data
            while len(pending) >= 12:
                length = int.from_bytes(pending[4:8], "little")
                if length < 12 or len(pending) < length:
                    break
                try:
                    write_all(fd, pending[:length])
                    failures = 0
                except OSError as error:
                    failed(error, False)
                pending = pending[length:]
            continue
        if events & (select.POLLIN | select.POLLERR):
            try:
                data = os.read(fd, 65536)
            except OSError as error:
                failed(error, events & HANGUP)
                continue
            if not data:
                gone("the other side closed")
            failures = 0
            write_all(1, data)
        elif events & HANGUP:
            gone("the other side hung up")
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
