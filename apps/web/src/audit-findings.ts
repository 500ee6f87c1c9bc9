import type { AuditFindingCode } from '@hub/contracts';

/** What each verification finding means, in Chinese (the raw code is shown beside it: the API and the CLI speak it). */
export const FINDING_NAMES: Record<AuditFindingCode, string> = {
  CORRUPT_EVENT: '事件无法解析',
  SUBJECT_MISMATCH: '存储主题与来源不符',
  HASH_MISMATCH: '事件内容被改动（哈希不符）',
  NO_KEY: '签名时无有效密钥',
  SIGNATURE_INVALID: '签名无效',
  SIGNED_BY_OTHER_DEPARTMENT: '由其他部门的密钥签名',
  SIGNED_OUTSIDE_VALIDITY: '密钥有效期外签名（疑似倒签）',
  VERSION_GAP: '版本号不连续（事件缺失、重复或移位）',
  CHAIN_BROKEN: '哈希链断裂',
  MISSING_IN_ARCHIVE: '归档缺少该事件',
  MISSING_IN_STREAM: '事件流缺少该事件（可补回）',
  ARCHIVE_ALTERED: '归档副本被改动',
  ARCHIVE_DIFFERS: '归档副本与事件流不一致',
  ARCHIVE_SEQ_DIFFERS: '归档序号与事件流不符',
  CORRUPT_SEAL: '印章无法解析',
  SEAL_HASH_MISMATCH: '印章内容被改动（哈希不符）',
  SEAL_CHAIN_BROKEN: '印章链断裂',
  SEAL_ROOT_MISMATCH: '印章根哈希不符（事件被改动、删除或移位）',
  SEAL_COVERS_UNKNOWN: '印章列出未知序号',
  SEAL_FOREIGN_EVENT: '印章覆盖其他部门的事件',
  UNSEALED: '事件既无签名也无印章',
};

export const findingName = (code: string): string => FINDING_NAMES[code as AuditFindingCode] ?? code;
