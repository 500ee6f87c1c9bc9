import { Body, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ClusterDecision, ClusterDetail, ClusterPage, OverCorrelating } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { ERROR_SCHEMA } from '../events/events.openapi.js';
import { CLUSTER_DETAIL_SCHEMA, CLUSTER_LIST_SCHEMA, MANUAL_BODY_SCHEMA, MANUAL_RESULT_SCHEMA, OVER_CORRELATING_SCHEMA } from './clusters.openapi.js';
import { ClustersService } from './clusters.service.js';

/** The answers link and unlink share. */
function ApiManualResponses(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiParam({ name: 'id', description: 'cluster id', example: 'samr-653100-lead-L-SHOP-1' })(target, key, descriptor);
    ApiBody({ schema: MANUAL_BODY_SCHEMA })(target, key, descriptor);
    ApiResponse({ status: 201, description: 'recorded (or, for a retried id, the stored decision with duplicate: true)', schema: MANUAL_RESULT_SCHEMA })(target, key, descriptor);
    ApiResponse({ status: 400, description: 'leadId malformed, reason missing or id not a UUID — named in `fields`', schema: ERROR_SCHEMA })(target, key, descriptor);
    ApiResponse({ status: 403, description: 'not a coordinator', schema: ERROR_SCHEMA })(target, key, descriptor);
    ApiResponse({ status: 404, description: 'no such cluster, or the lead is not known / not a member', schema: ERROR_SCHEMA })(target, key, descriptor);
    ApiResponse({ status: 409, description: 'the decision makes no change (already linked / not a member), or the id was used for another decision (names `id`)', schema: ERROR_SCHEMA })(target, key, descriptor);
    ApiResponse({ status: 503, description: 'the coordination service did not answer; retry with the same id', schema: ERROR_SCHEMA })(target, key, descriptor);
  };
}

@ApiController('clusters', 'api/v1/clusters')
export class ClustersController {
  constructor(@Inject(ClustersService) private readonly clusters: ClustersService) {}

  @Get()
  @ApiOperation({ summary: 'Cross-region / cross-department clusters of leads and cases sharing an entity key: everything (coordinators, auditors), those with a member in a line\'s or prefecture\'s scope, or those containing a unit\'s own records (keys limited to its own records\' keys)' })
  @ApiQuery({ name: 'crossRegion', required: false })
  @ApiQuery({ name: 'crossDepartment', required: false })
  @ApiQuery({ name: 'since', required: false, description: 'formed at or after' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiResponse({ status: 200, description: 'a page of clusters', schema: CLUSTER_LIST_SCHEMA })
  @ApiResponse({ status: 400, description: 'a bad query parameter, named in `fields`', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 403, description: 'staff: no campaign data', schema: ERROR_SCHEMA })
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<ClusterPage> {
    return this.clusters.list(principal, query);
  }

  @Get('over-correlating')
  @ApiOperation({ summary: 'Values carried by more distinct units than the cap (HUB_CORRELATION_CAP, counted in units, not leads): later units link on them no more; a coordinator may still link by hand' })
  @ApiResponse({ status: 200, description: 'every over-correlating value with how many leads and cases carry it', schema: OVER_CORRELATING_SCHEMA })
  @ApiResponse({ status: 403, description: 'not a coordinator', schema: ERROR_SCHEMA })
  overCorrelating(@CurrentPrincipal() principal: Principal): Promise<OverCorrelating> {
    return this.clusters.overCorrelating(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A cluster with its members from every department, jurisdiction suggestions and history' })
  @ApiParam({ name: 'id', description: 'cluster id', example: 'samr-653100-lead-L-SHOP-1' })
  @ApiResponse({ status: 200, description: 'the cluster with members, suggestions and history', schema: CLUSTER_DETAIL_SCHEMA })
  @ApiResponse({ status: 403, description: 'staff: no campaign data', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 404, description: 'no such (current) cluster', schema: ERROR_SCHEMA })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ClusterDetail> {
    return this.clusters.get(principal, id);
  }

  @Post(':id/link')
  @ApiOperation({ summary: 'Join a lead to the cluster (coordinator), body {leadId: "<dept>/<region>/lead/<id>", reason, id?}; recorded as cluster.linked' })
  @ApiManualResponses()
  link(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<ClusterDecision> {
    return this.clusters.manual(principal, 'link', id, body);
  }

  @Post(':id/unlink')
  @ApiOperation({ summary: 'Detach a lead from the cluster (coordinator), body {leadId, reason, id?}; recorded as cluster.unlinked, reversible by a link' })
  @ApiManualResponses()
  unlink(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<ClusterDecision> {
    return this.clusters.manual(principal, 'unlink', id, body);
  }
}
