import { Types } from 'mongoose';
import { byIds } from '../../server/src/store/ids';
import { isDuplicateKey } from '../../server/src/store/duplicates';

describe('byIds', () => {
  const a = new Types.ObjectId();
  const b = new Types.ObjectId();
  it('writes one id as plain equality (the filter FerretDB pushes down to an index), repeats included', () => {
    expect(byIds([a, String(a)])).toEqual({ _id: String(a) });
  });
  it('writes several ids as $in, each once', () => {
    expect(byIds([a, b, a])).toEqual({ _id: { $in: [String(a), String(b)] } });
  });
  it('matches nothing for no ids', () => {
    expect(byIds([])).toEqual({ _id: { $in: [] } });
  });
});

describe('isDuplicateKey', () => {
  it('is the database refusing a write under a unique index (code 11000), nothing else', () => {
    expect(isDuplicateKey(Object.assign(new Error('E11000 duplicate key error'), { code: 11000 }))).toBe(true);
    expect(isDuplicateKey(Object.assign(new Error('other'), { code: 2 }))).toBe(false);
    expect(isDuplicateKey(null)).toBe(false);
    expect(isDuplicateKey(undefined)).toBe(false);
  });
});
