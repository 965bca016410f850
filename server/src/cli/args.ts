// Minimal command-line parsing on node:util parseArgs, with errors as CliError.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class CliError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError('cli.invalid_arguments', `参数错误 / ${(error as Error).message}`);
  }
}
