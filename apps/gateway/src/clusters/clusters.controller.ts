import { Body, Controller, Get, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { ClustersService } from './clusters.service.js';

@ApiTags('clusters')
@ApiBearerAuth()
@Controller('api/v1/clusters')
@UseGuards(BearerAuthGuard)
export class ClustersController {
  constructor(@Inject(ClustersService) private readonly clusters: ClustersService) {}

  @Get()
  @ApiOperation({ summary: 'Cross-region / cross-department clusters of leads and cases sharing an entity key (coordinators, auditors)' })
  @ApiQuery({ name: 'crossRegion', required: false })
  @ApiQuery({ name: 'crossDepartment', required: false })
  @ApiQuery({ name: 'since', required: false, description: 'formed at or after' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiResponse({ status: 200, description: '{total, items: [{clusterId, formedAt, updatedAt, keys, regions, departments, crossRegion, crossDepartment, leadCount}]}' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<unknown> {
    return this.clusters.list(principal, query);
  }

  @Get('over-correlating')
  @ApiOperation({ summary: 'Values linking more leads than the cap (they link no more until a coordinator vouches for them)' })
  overCorrelating(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    return this.clusters.overCorrelating(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A cluster with its members from every department, jurisdiction suggestions and history' })
  @ApiResponse({ status: 404, description: 'no such (current) cluster' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<unknown> {
    return this.clusters.get(principal, id);
  }

  @Post(':id/link')
  @ApiOperation({ summary: 'Join a lead to the cluster (coordinator), body {leadId: "<dept>/<region>/lead/<id>", reason}; recorded as cluster.linked' })
  link(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    return this.clusters.manual(principal, 'link', id, body);
  }

  @Post(':id/unlink')
  @ApiOperation({ summary: 'Detach a lead from the cluster (coordinator), body {leadId, reason}; recorded as cluster.unlinked, reversible by a link' })
  unlink(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    return this.clusters.manual(principal, 'unlink', id, body);
  }
}
