import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard } from './auth.guard.js';

/** An authenticated API controller: its OpenAPI tag, the bearer scheme, its path and the auth guard, in one place. */
export const ApiController = (tag: string, path: string): ClassDecorator =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path), UseGuards(BearerAuthGuard));
