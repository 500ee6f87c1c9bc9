import { describe, expect, it } from '@jest/globals';
import { cpuProfileFlags } from './service-process.js';

describe('cpuProfileFlags (HUB_CPU_PROFILE_DIR, HUB_CPU_PROFILE_SERVICES)', () => {
  it('given no profile directory, then no service is profiled', () => {
    expect(cpuProfileFlags('gateway', {})).toEqual([]);
    expect(cpuProfileFlags('gateway', { HUB_CPU_PROFILE_SERVICES: 'gateway' })).toEqual([]);
  });

  it('given a directory and no list, then every service writes its profile there', () => {
    expect(cpuProfileFlags('projector', { HUB_CPU_PROFILE_DIR: '/tmp/p' })).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p']);
  });

  it('given a list, then only the services it names are profiled', () => {
    const env = { HUB_CPU_PROFILE_DIR: '/tmp/p', HUB_CPU_PROFILE_SERVICES: 'gateway, department-samr' };
    expect(cpuProfileFlags('department-samr', env)).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p']);
    expect(cpuProfileFlags('department-police', env)).toEqual([]);
  });
});
