/** What every H5 end-to-end file sets up: one running stack, and the browsers it opens, closed at the end. */
import { startUiStack, type TestStack } from '../../miniprogram/support/stack';
import type { Browser } from './browser';

export interface UiSuite {
  /** the stack started in beforeAll (throws if read before it is up) */
  readonly stack: TestStack;
  /** Closes this browser when the file ends, printing the errors its pages logged. */
  keep<B extends Browser>(b: B): B;
}

/** Registers the file's beforeAll/afterAll: call once at the top level of a test file. */
export function uiSuite(): UiSuite {
  let stack: TestStack | undefined;
  const browsers: Browser[] = [];
  beforeAll(async () => {
    stack = await startUiStack();
  });
  afterAll(async () => {
    for (const b of browsers) {
      if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
      await b.close();
    }
    await stack?.stop();
  });
  return {
    get stack(): TestStack {
      if (!stack) throw new Error('the stack is not up yet');
      return stack;
    },
    keep(b) {
      browsers.push(b);
      return b;
    },
  };
}
