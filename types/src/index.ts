export { z } from './zod';
export * from './common';
export * from './roles';
export * from './places';
export * from './accounts';
export * from './counsel';
export * from './paths';
export * from './api';
export * from './openapi';
