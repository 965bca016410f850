// `hearth forecast backtest --meter-csv FILE`: the day-ahead backtest of the load model on a cumulative heat-meter
// file, printed as JSON. Needs no database: the file is the whole input.
import fs from 'node:fs';
import { backtestDayAhead } from '../modules/forecast/backtest.rules.ts';
import { METER_FEATURES } from '../modules/forecast/forecast.features.ts';
import { dailyFromRegister, parseMeterCsv } from '../modules/forecast/meter-daily.rules.ts';
import { CliError, parse } from './args.ts';
import type { Command } from './commands.ts';

const USAGE = '用法 / usage: hearth forecast backtest --meter-csv FILE [--time-zone Europe/Copenhagen]';

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const forecastCommand: Command = async (_config, args) => {
  const [sub, ...options] = args;
  if (sub !== 'backtest') throw new CliError('cli.unknown_command', USAGE);
  const { values, positionals } = parse(options, {
    'meter-csv': { type: 'string' },
    'time-zone': { type: 'string' },
  });
  const file = values['meter-csv'];
  if (!file || positionals.length) throw new CliError('cli.invalid_arguments', `需要 --meter-csv / ${USAGE}`);
  const timeZone = values['time-zone'] ?? 'Europe/Copenhagen';
  if (!validTimeZone(timeZone))
    throw new CliError('forecast.invalid_time_zone', `未知时区 / unknown time zone: ${timeZone}`);
  if (!fs.existsSync(file)) throw new CliError('cli.file_not_found', `文件不存在 / file not found: ${file}`);
  const days = dailyFromRegister(parseMeterCsv(fs.readFileSync(file, 'utf8')), timeZone);
  const result = backtestDayAhead(days, METER_FEATURES);
  if (result.days === 0)
    throw new CliError(
      'forecast.no_season_days',
      '文件中没有可回测的采暖季日（10 月至 4 月）/ the file holds no October–April day that can be backtested',
    );
  console.log(JSON.stringify(result));
  return 0;
};
