// Builds the console (web/dist) when it is missing or older than its sources, so `npm start` serves it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(root, 'web/dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const sources = [path.join(root, 'web/src'), path.join(root, 'contracts/src')];
const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
if (built === 0 || sources.some((dir) => fs.existsSync(dir) && newest(dir) > built)) {
  console.log('构建控制台 / building the console (web/dist) …');
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
