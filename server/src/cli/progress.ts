// A terminal progress bar on stderr (redrawn in place on a TTY, a line per phase otherwise).
export type Progress = { update(phase: string, done: number, total: number): void; finish(): void };

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastPhase = '';
  let lastDraw = 0;
  return {
    update(phase, done, total) {
      const now = Date.now();
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (!stream.isTTY) {
        if (phase !== lastPhase) stream.write(`  ${phase} …\n`);
        lastPhase = phase;
        return;
      }
      if (phase === lastPhase && now - lastDraw < 100 && done < total) return;
      if (phase !== lastPhase && lastPhase !== '') stream.write('\n');
      lastPhase = phase;
      lastDraw = now;
      const width = 30;
      const filled = Math.round(ratio * width);
      const seconds = ((now - started) / 1000).toFixed(1);
      stream.write(
        `\r  ${phase.padEnd(24)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')}  ${seconds}s`,
      );
    },
    finish() {
      if (stream.isTTY && lastPhase !== '') stream.write('\n');
    },
  };
}
