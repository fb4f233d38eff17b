/** How the invitations module names people and places in its records and replies. */
import { Types } from 'mongoose';
import type { PersonRef } from '@vc/types';
import { placeNamesByCode } from '../places/lookup';

/** A person as a record keeps them: id (null: the operator) and the name they had then. */
export interface Person {
  id?: Types.ObjectId | null;
  name: string;
}

/** The operator at the server's command line (npm run admin -- invite), who holds no account. */
export const OPERATOR: Person = { id: null, name: '系统运维人员（命令行）' };

export const personOf = (user: { _id: Types.ObjectId | string; name: string }): Person & { id: Types.ObjectId } => ({
  id: new Types.ObjectId(String(user._id)),
  name: user.name,
});

export const personRef = (person: { id?: Types.ObjectId | null; name: string }): PersonRef => ({
  id: person.id ? String(person.id) : null,
  name: person.name,
});

/** A place's name for people; '' is the whole country (national admins). */
export function placeLabel(code: string, names: Map<string, string>): string {
  if (code === '') return '全国';
  return names.get(code) ?? code;
}

/** Names of places by code, for lists ('' needs no lookup). */
export async function placeNames(codes: Iterable<string>): Promise<Map<string, string>> {
  return placeNamesByCode([...codes].filter(Boolean));
}
