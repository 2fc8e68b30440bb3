import { availableParallelism } from 'node:os';
import type { DataPlaneMode } from '../../../shared/domain/data-plane-mode';
import { workersOf } from '../../../shared/domain/data-plane-workers';
import { DataPlane } from '../data-plane';
import { HaproxyAttachPlane } from './haproxy-attach-plane';
import { HaproxyPlane } from './haproxy-plane';
import { NginxPlane } from './nginx-plane';
import type { PlaneLike } from './plane';
import type { TlsFiles } from '../net/tls-files';

/** The data plane a profile asks for: the embedded proxy, or an engine Turnout drives. */
export function createPlane(mode: DataPlaneMode, onLiveChange: () => void, tls?: TlsFiles): PlaneLike {
  switch (mode.kind) {
    case 'haproxy':
      return new HaproxyPlane(onLiveChange, mode.binary ?? 'haproxy');
    case 'haproxy-attach':
      return new HaproxyAttachPlane(mode, onLiveChange);
    case 'nginx':
      return new NginxPlane(onLiveChange, mode.binary ?? 'nginx');
    case 'embedded':
      return new DataPlane(onLiveChange, { workers: workersOf(mode, availableParallelism()), tls });
  }
}
