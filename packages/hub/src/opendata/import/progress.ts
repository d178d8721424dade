import { SingleBar, Presets } from 'cli-progress';

export interface ImportProgress {
  update(bytesRead: number, totalBytes: number, records: number): void;
  stop(): void;
}

/**
 * A bar on a terminal (cli-progress), plain lines otherwise (a log file or CI reads every tenth of the file, not
 * a stream of carriage returns).
 */
export function progressFor(file: string, stream: NodeJS.WriteStream): ImportProgress {
  if (stream.isTTY) {
    const bar = new SingleBar(
      { format: `${file} [{bar}] {percentage}% | {records} records`, stream, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(bytesRead, totalBytes, records) {
        if (!started) {
          bar.start(Math.max(totalBytes, 1), 0, { records: 0 });
          started = true;
        }
        bar.update(Math.min(bytesRead, totalBytes), { records });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update(bytesRead, totalBytes, records) {
      const tenth = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 10) : 10;
      if (tenth === lastTenth || totalBytes < 1_000_000) return;
      lastTenth = tenth;
      stream.write(`${file}: ${tenth * 10}% read, ${records} records\n`);
    },
    stop() {},
  };
}
