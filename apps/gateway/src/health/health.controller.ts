import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get('ready')
  @ApiOperation({ summary: '200 when NATS (and the event stream) and PostgreSQL are reachable, 503 otherwise' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<unknown> {
    const report = await this.health.check();
    response.status(report.ready ? 200 : 503);
    return report;
  }
}
