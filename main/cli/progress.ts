const BAR_WIDTH = 30;

export interface Progress {
  update(done: number): void;
  finish(): void;
}

/**
 * Progress of a long job on stderr: a bar redrawn in place on a terminal; one line per tenth
 * where stderr is a file or a pipe (a log would otherwise fill with carriage returns).
 */
export function progressOn(stream: { isTTY?: boolean; write(text: string): unknown }, label: string, total: number): Progress {
  const percentOf = (done: number): number => (total === 0 ? 100 : Math.floor((done / total) * 100));
  if (stream.isTTY) {
    let shown = -1;
    return {
      update(done) {
        const percent = percentOf(done);
        if (percent === shown) return;
        shown = percent;
        const filled = Math.round((percent / 100) * BAR_WIDTH);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${String(done)}/${String(total)}`);
      },
      finish: () => stream.write('\n'),
    };
  }
  let tenthsShown = 0;
  return {
    update(done) {
      const tenth = Math.floor(percentOf(done) / 10);
      if (tenth <= tenthsShown) return;
      tenthsShown = tenth;
      stream.write(`${label}: ${String(tenth * 10)}% (${String(done)}/${String(total)})\n`);
    },
    finish: () => undefined,
  };
}
