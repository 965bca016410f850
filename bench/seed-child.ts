// Runs `hearth seed` in this process and reports its peak memory, for seed.bench.ts.
import { main } from '../server/src/cli/main.ts';

const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
console.log(`BENCH_RESULT ${JSON.stringify({ code, maxRssKb: usage.maxRSS })}`);
process.exitCode = code;
