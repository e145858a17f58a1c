// Where the server's log lines go: pino's asynchronous writer (sonic-boom) on a file descriptor, handed the lines in
// batches, in the order they were logged: at once when BATCH_LENGTH characters are waiting, else BATCH_DELAY_MS after
// the first of them. An asynchronous write costs the process about 27 µs (a thread-pool hand-off and back), about what
// serving a document does, and sonic-boom measures the byte length of its pending text (up to 16 KiB) on each write it
// is given: under load a write per access line or per few was most of what the access log cost. sonic-boom's own
// `minLength` batches the writes but still takes each line, and measures, alone: it saved nothing measurable here.
import { pino } from 'pino';

/** Characters of waiting lines that are handed over at once. */
const BATCH_LENGTH = 16 * 1024;
/** How long a line may wait for others: an access log read live lags at most this much. */
const BATCH_DELAY_MS = 50;

/** A destination for pino: lines in, written in order. */
export interface LogDestination {
  write(line: string): void;
  /** Writes every line given so far before returning (at exit). */
  flushSync(): void;
}

export const logDestination = (fd: number): LogDestination => {
  const writer = pino.destination({ dest: fd, sync: false });
  let lines: string[] = [];
  let length = 0;
  let timer: NodeJS.Timeout | undefined;
  const handOver = () => {
    clearTimeout(timer);
    timer = undefined;
    if (lines.length === 0) return;
    const text = lines.join('');
    lines = [];
    length = 0;
    writer.write(text);
  };
  return {
    write(line) {
      lines.push(line);
      length += line.length;
      if (length >= BATCH_LENGTH) handOver();
      // Never what keeps the process alive: lines still waiting at exit are written by flushSync.
      else timer ??= setTimeout(handOver, BATCH_DELAY_MS).unref();
    },
    flushSync() {
      handOver();
      writer.flushSync();
    },
  };
};
