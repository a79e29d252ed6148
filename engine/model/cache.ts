// Parsed and validated models by resource checksum. Parsing is asynchronous (bpmn-moddle), the
// processors are not: gateways and recovery prepare resources here before a command needs them.
import { createHash } from 'node:crypto';
import { parseBpmnXml, BpmnParseError } from './parse';
import { transformDefinitions } from './transform';
import { ValidationReport } from './report';
import type { ExecutableProcess } from './types';
import { prepareDrg, type PreparedDrg } from '../dmn/parse';

export interface PreparedResource {
  checksum: string;
  processes: Map<string, ExecutableProcess>;
  report: ValidationReport;
  /** Set when the XML itself could not be read. */
  parseError: string | null;
}

export function checksumOf(content: string): string {
  return createHash('md5').update(content, 'utf8').digest('hex');
}

export class ModelCache {
  private readonly prepared = new Map<string, PreparedResource>();
  private readonly drgs = new Map<string, PreparedDrg>();

  /** Reads a DMN file into its decision requirements graph (or its problems). */
  async prepareDmn(content: string): Promise<PreparedDrg> {
    const checksum = checksumOf(content);
    const cached = this.drgs.get(checksum);
    if (cached) return cached;
    const result = await prepareDrg(checksum, content);
    this.drgs.set(checksum, result);
    return result;
  }

  drg(checksum: string): PreparedDrg | undefined {
    return this.drgs.get(checksum);
  }

  async prepare(content: string): Promise<PreparedResource> {
    const checksum = checksumOf(content);
    const cached = this.prepared.get(checksum);
    if (cached) return cached;
    const report = new ValidationReport();
    let processes: ExecutableProcess[] = [];
    let parseError: string | null = null;
    try {
      const { definitions, problems } = await parseBpmnXml(content);
      for (const p of problems)
        report.error(p.elementId ?? String(definitions.id ?? 'definitions'), p.message);
      processes = transformDefinitions(definitions, report);
    } catch (e) {
      if (!(e instanceof BpmnParseError)) throw e;
      parseError = e.message;
    }
    const result: PreparedResource = {
      checksum,
      processes: new Map(processes.map((p) => [p.id, p])),
      report,
      parseError,
    };
    this.prepared.set(checksum, result);
    return result;
  }

  get(checksum: string): PreparedResource | undefined {
    return this.prepared.get(checksum);
  }

  model(checksum: string, processId: string): ExecutableProcess {
    const m = this.prepared.get(checksum)?.processes.get(processId);
    if (!m) throw new Error(`model ${processId} (${checksum}) was not prepared before use`);
    return m;
  }
}
