/**
 * Runs tests/support/stack.ts in its own node process (started by ./stack.ts): the UI tests run in
 * jsdom, where the server's database driver does not load. Prints one JSON line { baseUrl } when
 * ready; stops the stack on SIGTERM/SIGINT or when the parent closes stdin (or dies).
 */
import { startStack } from '../../support/stack';

startStack({ seedDemo: true }).then(
  (stack) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      stack.stop().then(
        () => process.exit(0),
        (e: unknown) => {
          console.error(e);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
    process.stdout.write(JSON.stringify({ baseUrl: stack.baseUrl }) + '\n');
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
