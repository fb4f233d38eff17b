import { defineRoutes, countyStaff } from '../route';
import { EmptyQuery } from '../common';
import {
  IssueMachineCredentialBody,
  IssuedMachineCredential,
  MachineCallListReply,
  MachineCallQuery,
  MachineCredential,
  MachineCredentialListReply,
  MachineCredentialParams,
  MachineCredentialPlaceParams,
  RevokeMachineCredentialBody,
} from './schemas';

/**
 * Machine credentials for provincial and 12348 systems: issued and revoked by county staff (their
 * county) and admins (places inside theirs). The machine-access routes.ts of the server handles exactly these.
 */
export const machineAccessRoutes = defineRoutes({
  issueMachineCredential: {
    errors: ['MACHINE_CREDENTIAL_NOT_ALLOWED', 'MACHINE_CREDENTIAL_PLACE_LEVEL', 'PLACE_NOT_FOUND', 'USER_NOT_FOUND'],
    method: 'post',
    path: '/api/places/:code/machine-credentials',
    summary: '签发机器凭证：供省级平台、12348 平台只读调用本地区报表、统计和台账导出（密钥只显示这一次）',
    access: { kind: 'role', roles: countyStaff, scope: 'code' },
    params: MachineCredentialPlaceParams,
    body: IssueMachineCredentialBody,
    reply: IssuedMachineCredential,
    status: 201,
  },
  listMachineCredentials: {
    errors: ['MACHINE_CREDENTIAL_NOT_ALLOWED', 'MACHINE_CREDENTIAL_PLACE_LEVEL'],
    method: 'get',
    path: '/api/places/:code/machine-credentials',
    summary: '本地区的机器凭证（含已吊销的；省级列出全省的）',
    access: { kind: 'role', roles: countyStaff, scope: 'code' },
    params: MachineCredentialPlaceParams,
    query: EmptyQuery,
    reply: MachineCredentialListReply,
  },
  revokeMachineCredential: {
    errors: [
      'MACHINE_CREDENTIAL_NOT_ALLOWED',
      'MACHINE_CREDENTIAL_NOT_FOUND',
      'MACHINE_CREDENTIAL_PLACE_LEVEL',
      'MACHINE_CREDENTIAL_REVOKED',
      'USER_NOT_FOUND',
    ],
    method: 'post',
    path: '/api/places/:code/machine-credentials/:credentialId/revoke',
    summary: '吊销机器凭证（须写原因；吊销后立即失效，不可恢复）',
    access: { kind: 'role', roles: countyStaff, scope: 'code' },
    params: MachineCredentialParams,
    body: RevokeMachineCredentialBody,
    reply: MachineCredential,
  },
  machineCredentialCalls: {
    errors: ['MACHINE_CREDENTIAL_NOT_ALLOWED', 'MACHINE_CREDENTIAL_NOT_FOUND', 'MACHINE_CREDENTIAL_PLACE_LEVEL'],
    method: 'get',
    path: '/api/places/:code/machine-credentials/:credentialId/calls',
    summary: '机器凭证的调用记录（按北京时间日期，最新的在前）',
    access: { kind: 'role', roles: countyStaff, scope: 'code' },
    params: MachineCredentialParams,
    query: MachineCallQuery,
    reply: MachineCallListReply,
  },
});
