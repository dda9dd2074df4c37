/** A distributed rank's environment as it reports it to the run (docs/distributed.md). */
import { existsSync, readdirSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import type { RankEnvironment } from '../../models/distributed-run';
import type { EnvironmentInfo } from '../../models/environment-info';

function visibleAccelerators(): string[] {
  const dir = '/proc/driver/nvidia/gpus';
  try {
    return existsSync(dir) ? readdirSync(dir).sort().map((bus) => `nvidia:${bus}`) : [];
  } catch {
    return [];
  }
}

/** This process's environment as a rank reports it (from the tracker's capture where there is one). */
export function rankEnvironment(environment: EnvironmentInfo | undefined): RankEnvironment {
  const cpu = cpus();
  return {
    host: hostname(),
    node: environment?.node ?? process.version,
    platform: `${process.platform}/${process.arch}`,
    cpus: environment?.cpu.count ?? cpu.length,
    cpuModel: environment?.cpu.model ?? cpu[0]?.model ?? null,
    memoryBytes: environment?.memory ?? totalmem(),
    accelerators: visibleAccelerators(),
    pid: process.pid,
  };
}
