import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const READ_ONLY_OPERATION = 'hub:read-only-operation';

/**
 * Marks a non-GET operation that changes nothing (e.g. POST /audit/verify), so an auditor token may call
 * it. Every other non-GET operation refuses auditors (BearerAuthGuard); the OpenAPI document carries
 * `x-hub-read-only: true` so tests can tell the two apart from the running app.
 */
export const ReadOnlyOperation = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(READ_ONLY_OPERATION, true), ApiExtension('x-hub-read-only', true));
