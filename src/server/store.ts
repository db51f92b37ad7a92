// The server's data: a Medplum MemoryRepository (storage, token/reference/date search, _include,
// transactions) plus the genomic index the operations use, rebuilt lazily after writes.
import './websocket-shim.js'; // before any @medplum import
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import { GenomicIndex } from './genomics/index.js';
import { ensureSearchParameters } from './medplum.js';
import { HttpError } from './outcome.js';

export class ReferenceStore {
  readonly repo = new MemoryRepository();
  readonly router = new FhirRouter();
  private readonly types = new Set<string>();
  private readonly snapshots = new Map<string, readonly Resource[]>();
  private index: GenomicIndex | undefined;

  private constructor() {}

  static async create(resources: readonly Resource[]): Promise<ReferenceStore> {
    ensureSearchParameters();
    const store = new ReferenceStore();
    for (const resource of resources) await store.put(resource);
    return store;
  }

  /** Stores a resource under its own id (or a new one when it has none). */
  async put(resource: Resource): Promise<void> {
    try {
      if (resource.id) await this.repo.updateResource(resource);
      else await this.repo.createResource(resource);
    } catch (err) {
      const id = `${resource.resourceType}/${resource.id ?? '(no id)'}`;
      throw new Error(`Cannot load ${id}: ${(err as Error).message}`, { cause: err });
    }
    this.noteWrite(resource.resourceType);
  }

  /** Called after every write so the genomic index is rebuilt on next use. */
  noteWrite(resourceType?: string): void {
    if (resourceType) this.types.add(resourceType);
    this.snapshots.clear();
    this.index = undefined;
  }

  async read(resourceType: string, id: string): Promise<Resource> {
    try {
      return await this.repo.readResource(resourceType, id);
    } catch {
      throw new HttpError(404, `${resourceType}/${id} is not known to this server`);
    }
  }

  /**
   * Every stored resource of a type, shared until the next write (callers must not modify them):
   * searches without Medplum filters scan this instead of cloning the repository on every request.
   */
  async snapshot(resourceType: string): Promise<readonly Resource[]> {
    let list = this.snapshots.get(resourceType);
    if (!list) {
      list = await this.repo.searchResources({ resourceType: resourceType as Resource['resourceType'] });
      this.snapshots.set(resourceType, list);
    }
    return list;
  }

  async all(): Promise<Resource[]> {
    const out: Resource[] = [];
    for (const resourceType of this.types) out.push(...(await this.snapshot(resourceType)));
    return out;
  }

  async genomics(): Promise<GenomicIndex> {
    this.index ??= new GenomicIndex(await this.all());
    return this.index;
  }

  resourceTypes(): string[] {
    return [...this.types].sort();
  }
}
