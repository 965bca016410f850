// `hearth weather heating-period | design-temp --csv FILE`: the weather rules on a UCI hourly file, printed as JSON.
import fs from 'node:fs';
import type { Config } from '../config.ts';
import { dailyFromHourly, type Averaging, type DailyWeather } from '../modules/weather/daily.rules.ts';
import { designOutdoorTemp, heatingPeriods } from '../modules/weather/heating-period.rules.ts';
import { readUciHourly } from '../modules/weather/uci-csv.ts';
import { CliError, parse } from './args.ts';

const USAGE =
  '用法 / usage: hearth weather heating-period --csv FILE [--averaging 24h|4obs] [--threshold 5]\n' +
  '              hearth weather design-temp --csv FILE [--averaging 24h|4obs]';
const AVERAGINGS: readonly Averaging[] = ['24h', '4obs'];
/** Bad rows echoed on stderr; the rest are counted. */
const SHOWN_ERRORS = 20;

function averagingOf(value: string | undefined): Averaging {
  const averaging = (value ?? '24h') as Averaging;
  if (!AVERAGINGS.includes(averaging))
    throw new CliError(
      'weather.invalid_averaging',
      `未知的日均值算法 / unknown averaging "${value}" (24h | 4obs)`,
    );
  return averaging;
}

function thresholdOf(value: string | undefined): number {
  if (value === undefined) return 5;
  const threshold = Number(value);
  if (value.trim() === '' || !Number.isFinite(threshold) || threshold < -30 || threshold > 20)
    throw new CliError(
      'weather.invalid_threshold',
      `阈值须为 −30…20 ℃ 的数 / --threshold must be a number of ℃ in −30…20, got "${value}"`,
    );
  return threshold;
}

/** Reads the file's daily weather; bad rows are listed on stderr and skipped, a file without good rows fails. */
async function dailyOf(file: string | undefined, averaging: Averaging): Promise<DailyWeather[]> {
  if (!file)
    throw new CliError('cli.invalid_arguments', `需要 --csv FILE / --csv FILE is required\n${USAGE}`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new CliError('cli.file_not_found', `文件不存在 / file not found: ${file}`);
  const { rows, errors } = await readUciHourly(fs.createReadStream(file));
  for (const e of errors.slice(0, SHOWN_ERRORS))
    console.error(`第 ${e.line} 行 line ${e.line}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
  if (errors.length > SHOWN_ERRORS)
    console.error(
      `… 另有 ${errors.length - SHOWN_ERRORS} 行错误 / ${errors.length - SHOWN_ERRORS} more bad rows`,
    );
  const daily = dailyFromHourly(rows, averaging);
  if (daily.length === 0)
    throw new CliError(
      'weather.no_data',
      `文件中没有可用的逐时气温 / no usable hourly temperatures in ${file}`,
    );
  return daily;
}

export async function weatherCommand(_config: Config, args: string[]): Promise<number> {
  const [sub, ...options] = args;
  const { values, positionals } = parse(options, {
    csv: { type: 'string' },
    averaging: { type: 'string' },
    threshold: { type: 'string' },
  });
  if (positionals.length)
    throw new CliError('cli.invalid_arguments', `多余的参数 / unexpected ${positionals[0]}\n${USAGE}`);
  const averaging = averagingOf(values.averaging);
  if (sub === 'heating-period') {
    const threshold = thresholdOf(values.threshold);
    const daily = await dailyOf(values.csv, averaging);
    console.log(JSON.stringify(heatingPeriods(daily, { threshold }), null, 2));
    return 0;
  }
  if (sub === 'design-temp') {
    if (values.threshold !== undefined)
      throw new CliError(
        'cli.invalid_arguments',
        `design-temp 不接受 --threshold / design-temp takes no --threshold`,
      );
    const { designTemp, years } = designOutdoorTemp(await dailyOf(values.csv, averaging));
    if (designTemp === null)
      throw new CliError(
        'weather.too_short',
        '需要至少一个完整供暖年（08-01 → 07-31）的逐日数据 / needs the daily data of at least one complete season (08-01 → 07-31)',
      );
    // two decimals as written (-5.50, not -5.5): still a JSON number
    console.log(`{"designTemp":${designTemp.toFixed(2)},"years":${years}}`);
    return 0;
  }
  throw new CliError(
    'cli.unknown_command',
    `未知的 weather 子命令 / unknown weather command: ${sub ?? ''}\n${USAGE}`,
  );
}
