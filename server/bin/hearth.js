#!/usr/bin/env node
// Entry of the `hearth` command; Node 24 runs the TypeScript sources directly (type stripping).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Hearth 需要 Node.js 24+ / needs Node.js 24+, this is ${process.version}. ` +
      'Run it through npm (npm start / npx hearth) so the bundled Node 24 is used.',
  );
  process.exit(1);
}
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'ExperimentalWarning') console.warn(w);
});
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
