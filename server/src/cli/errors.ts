/**
 * How an admin command fails: a UsageError (bad arguments: exit 2, nothing was touched) or an
 * AdminError (a known failure with a prepared Chinese message: exit 1); anything else is a bug or an
 * unforeseen failure, shown with its stack (exit 1).
 */
export class UsageError extends Error {}

export class AdminError extends Error {}

export const HELP_HINT = '运行 npm run admin -- --help 查看用法。/ Run `npm run admin -- --help` for usage.';
