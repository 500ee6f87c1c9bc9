import { describe, expect, it } from '@jest/globals';
import { compiledEntry, serviceNodeArgs } from './service-command.js';

describe('how a hub service process is started', () => {
  it('given a service entry point, when compiled, then it names its JavaScript build under dist/server', () => {
    expect(compiledEntry('apps/gateway/src/main.ts')).toBe('dist/server/apps/gateway/src/main.js');
    expect(compiledEntry('scripts/ensure-stream.ts')).toBe('dist/server/scripts/ensure-stream.js');
  });

  it('given a built entry point, when started, then plain node runs it, with no loader and no source-map cache', () => {
    const args = serviceNodeArgs(compiledEntry('apps/department/src/main.ts'));
    expect(args).toEqual(['--max-semi-space-size=24', '--expose-gc', 'dist/server/apps/department/src/main.js']);
  });

  it('given a department, the gateway or a consumer, when started, then only the department services get the 64 MiB young generation', () => {
    expect(serviceNodeArgs(compiledEntry('apps/gateway/src/main.ts'))[0]).toBe('--max-semi-space-size=16');
    expect(serviceNodeArgs(compiledEntry('apps/projector/src/main.ts'))[0]).toBe('--max-semi-space-size=16');
    expect(serviceNodeArgs(compiledEntry('apps/coordination/src/main.ts'))[0]).toBe('--max-semi-space-size=16');
  });

  it('given a consumer, when started, then only the consumers’ old generation grows by a fixed 2× (--heap-growing-percent=100)', () => {
    for (const app of ['projector', 'coordination']) expect(serviceNodeArgs(compiledEntry(`apps/${app}/src/main.ts`))).toContain('--heap-growing-percent=100');
    for (const app of ['gateway', 'department']) expect(serviceNodeArgs(compiledEntry(`apps/${app}/src/main.ts`))).not.toContain('--heap-growing-percent=100');
  });

  it('given a service or a one-off script, when started, then only the service may force a collection (--expose-gc)', () => {
    for (const app of ['gateway', 'department', 'projector', 'coordination']) expect(serviceNodeArgs(compiledEntry(`apps/${app}/src/main.ts`))).toContain('--expose-gc');
    expect(serviceNodeArgs(compiledEntry('scripts/ensure-stream.ts'))).not.toContain('--expose-gc');
  });

  it('given a TypeScript entry point (a test fixture), when started, then it goes through swc’s loader', () => {
    expect(serviceNodeArgs('/tmp/fixture/flaky-service.ts')).toEqual(['--max-semi-space-size=16', '--import', '@swc-node/register/esm-register', '/tmp/fixture/flaky-service.ts']);
  });
});
