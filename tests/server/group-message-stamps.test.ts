/**
 * Messages stored before they carried their county and month (issue 16's monthly inspection reads
 * them by those) are stamped at start, so the inspection counts them: the start-up repair fills
 * both from the group code and the Beijing month of `at`, and a second run has nothing to do.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { stampOlderMessages } from '../../server/src/modules/groups/log';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

it('stamps older messages with their county and Beijing month, once', async () => {
  const messages = mongoose.connection.collection('group_messages');
  // 2026-10-31 17:30 UTC is 2026-11-01 01:30 in Beijing
  const older = [
    {
      groupCode: '210921001001',
      seq: 900001,
      block: 9000,
      kind: 'text',
      text: '旧消息一',
      clientKey: 'old-1',
      at: new Date('2026-10-31T17:30:00Z'),
    },
    {
      groupCode: '210921001',
      seq: 900002,
      block: 9000,
      kind: 'text',
      text: '旧消息二',
      clientKey: 'old-2',
      at: new Date('2026-10-15T02:00:00Z'),
    },
  ];
  await messages.insertMany(older.map((m) => ({ ...m })));
  expect(await stampOlderMessages(1)).toBeGreaterThanOrEqual(2);
  const stamped = await messages.find({ clientKey: { $in: ['old-1', 'old-2'] } }).toArray();
  const byKey = new Map(stamped.map((m) => [m.clientKey, m]));
  expect(byKey.get('old-1')).toMatchObject({ countyCode: '210921', month: '2026-11' });
  expect(byKey.get('old-2')).toMatchObject({ countyCode: '210921', month: '2026-10' });
  expect(await stampOlderMessages()).toBe(0);
});
