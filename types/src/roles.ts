import { z } from './zod';
import { ROLE_LABELS } from './labels';

/** Roles are always held at a place (docs/domain.md "Who uses it"). */
export const ROLES = [
  'villager',
  'village_cadre',
  'mediator',
  'legal_literate',
  'counsel',
  'township_staff',
  'county_staff',
  'county_expert',
  'admin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export { ROLE_LABELS };
// every role has a label
void (ROLE_LABELS satisfies Record<Role, string>);

export const PLACE_LEVELS = ['province', 'county', 'township', 'village'] as const;
export const PlaceLevel = z.enum(PLACE_LEVELS);
export type PlaceLevel = z.infer<typeof PlaceLevel>;

/** National statistics division codes: county 6 digits, township 9, village 12 (province 2). */
export const CODE_LENGTH: Record<PlaceLevel, number> = { province: 2, county: 6, township: 9, village: 12 };

export const ProvinceCode = z
  .string()
  .regex(/^\d{2}$/, '省级区划代码应为2位数字')
  .openapi({ example: '21' });
export const CountyCode = z
  .string()
  .regex(/^\d{6}$/, '县级区划代码应为6位数字')
  .openapi({ example: '210921' });
export const TownshipCode = z
  .string()
  .regex(/^\d{9}$/, '乡镇区划代码应为9位数字')
  .openapi({ example: '210921001' });
export const VillageCode = z
  .string()
  .regex(/^\d{12}$/, '村级区划代码应为12位数字')
  .openapi({ example: '210921001001' });
export const PlaceCode = z
  .string()
  .regex(/^(\d{2}|\d{6}|\d{9}|\d{12})$/, '区划代码格式不正确')
  .openapi({ example: '210921001' });
export const ObjectId = z
  .string()
  .regex(/^[a-f0-9]{24}$/, '编号格式不正确')
  .openapi({ example: '665f1c2e9b1d4a0012ab34cd' });
