import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService, type ReadinessReport } from './health.service.js';

/** Unauthenticated probes (load balancers, orchestrators): they say yes or no, nothing more. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: '200 while the gateway process serves HTTP (restart it otherwise)' })
  live(): { live: true } {
    return { live: true };
  }

  @Get('ready')
  @ApiOperation({
    summary: '200 when the whole hub is ready, 503 otherwise',
    description:
      'Ready: the gateway reaches NATS (the event stream) and PostgreSQL, and every service answers its readiness probe — each department service (its id index rebuilt), the projector and coordination. The body names each check with true/false only.',
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.health.check();
    response.status(report.ready ? 200 : 503);
    response.setHeader('Cache-Control', 'no-store');
    return report;
  }
}
