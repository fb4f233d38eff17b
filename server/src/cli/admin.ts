/**
 * The operator's command line, run with tsx like `npm start`: `npm run admin -- <command> …`.
 *
 * Adding a command: a file in this folder exporting `(program: Command) => void` that adds the
 * command to the program (see import-places.ts), listed in COMMANDS below. Helpers for commands:
 * connect.ts `withDatabase`, progress.ts `progressReporter`, errors.ts `UsageError` / `AdminError`.
 */
import { Command, CommanderError } from 'commander';
import { AdminError, HELP_HINT, UsageError } from './errors';
import { importPlacesCommand } from './import-places';
import { inviteCommand } from './invite';
import { purgeCommand } from './purge';

const COMMANDS: ((program: Command) => void)[] = [importPlacesCommand, inviteCommand, purgeCommand];

/** commander's help headings, in Chinese with the English */
const TITLES: Record<string, string> = {
  'Usage:': '用法 / Usage:',
  'Arguments:': '参数 / Arguments:',
  'Options:': '选项 / Options:',
  'Commands:': '命令 / Commands:',
  'Global Options:': '通用选项 / Global Options:',
};

export function adminProgram(): Command {
  const program = new Command('npm run admin --')
    .description('village-counsel 管理命令（运维人员使用）/ village-counsel admin commands, for the operator')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示某个命令的帮助 / show help for a command')
    .configureHelp({ styleTitle: (title) => TITLES[title] ?? title })
    // commander's own error lines are English: errors are written in Chinese by `report` instead
    .configureOutput({ outputError: () => undefined })
    .exitOverride()
    .showSuggestionAfterError(true);
  for (const add of COMMANDS) add(program);
  return program;
}

/** A commander usage error in Chinese (its English text follows on the next line). */
function commanderMessage(err: CommanderError): string {
  const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? '';
  const suggestion = /Did you mean (?:one of )?([^?]+)\?/.exec(err.message)?.[1];
  const hint = suggestion ? `（是不是要用 ${suggestion}？）` : '';
  switch (err.code) {
    case 'commander.unknownCommand':
      return `未知命令“${quoted}”${hint}。`;
    case 'commander.unknownOption':
      return `未知选项“${quoted}”${hint}。`;
    case 'commander.missingArgument':
      return `缺少参数 <${quoted}>。`;
    case 'commander.excessArguments':
      return '参数过多。';
    case 'commander.optionMissingArgument':
      return `选项“${quoted}”缺少取值。`;
    case 'commander.help':
      return '请指定要运行的命令（见上面的帮助）。';
    default:
      return '命令行参数有误。';
  }
}

function report(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return 0; // help or version shown
    const english = err.code === 'commander.help' ? 'A command is needed.' : err.message.replace(/^error: /, '');
    process.stderr.write(`错误：${commanderMessage(err)}\n${english}\n${HELP_HINT}\n`);
    return 2;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`错误：${err.message}\n${HELP_HINT}\n`);
    return 2;
  }
  if (err instanceof AdminError) {
    process.stderr.write(`失败：${err.message}\n`);
    return 1;
  }
  process.stderr.write(`失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

if (require.main === module) {
  adminProgram()
    .parseAsync(process.argv)
    .then(
      () => (process.exitCode = 0),
      (err: unknown) => (process.exitCode = report(err)),
    );
}
