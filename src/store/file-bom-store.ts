import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BomValidationError, InvalidArgumentError } from '../errors';
import type { TrainingBOM } from '../models/training-bom';
import type { MetricHistory } from '../tracker/metric-series';
import type { BomStore, BomStorePutOptions } from './bom-store';
import { decodeMetricHistories } from './history/decode-history';
import { encodeMetricHistories } from './history/encode-history';
import type { BomSummary } from './bom-summary';
import { scanDirectory } from './scan-directory';
import { defaultStoreDirectory } from '../core/default-store-directory';
import { selectSummaries, type BomListOptions } from './select-summaries';
import { storeFileName } from '../core/store-file-name';
import { foldsCase } from './folds-case';
import { syncDirectory } from './sync-directory';
import { writeFileAtomic } from './write-file-atomic';
import type { DsseEnvelope } from '../models/dsse-envelope';
import { attestationFile, readAttestation, writeAttestation } from './attestation-file';
import { BomIndex } from './file-index/bom-index';
import { listFromIndex, queryFromIndex } from './file-index/indexed-reads';
import type { BomQuery, BomQueryPage } from './bom-query';

/** `<encoded id>.history`: beside `<encoded id>.json`, never matched by `list`. */
function historyFileName(id: string): string {
  return `${storeFileName(id).slice(0, -'.json'.length)}.history`;
}

/** The BOM model, loaded on first use: a `list` or `query` from the index never needs it (35 ms of start-up). */
function bomModel(): typeof TrainingBOM {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return (require('../models/training-bom') as typeof import('../models/training-bom')).TrainingBOM;
}

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Whether the index cannot be written here (a read-only store): `list` then reads every file, as before the index. */
function readOnly(error: unknown): boolean {
  return ['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '');
}

/** The file's bytes, or undefined when there is no such file. */
async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
}

function sha256(bytes: string | Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** Options of {@link FileBomStore.put}. */
export interface FileBomStorePutOptions extends BomStorePutOptions {
  /** Skip the directory fsync; call {@link FileBomStore.syncDirectory} after the batch. */
  readonly deferDirectorySync?: boolean;
  /** The BOM's signed attestation (DSSE envelope), kept in `attestationPathOf(id)`; without it an older one is removed. */
  readonly attestation?: DsseEnvelope;
}

/**
 * A {@link BomStore} in a local directory: one pretty-printed JSON file per BOM, named after its id by the rule
 * of docs/store.md (`pathOf`), written atomically (temporary file, fsync, rename, fsync of the directory), so a
 * crash never leaves a half-written BOM. Hidden files (temporaries) and other names are ignored. A metric
 * history goes beside the BOM (`historyPathOf`, docs/history-format.md), bound to the BOM file's SHA-256.
 */
export class FileBomStore implements BomStore {
  /** The absolute path of the store's directory (created on the first `put`). */
  readonly directory: string;
  private prepared: Promise<boolean> | undefined;
  private readonly index: BomIndex;

  /** @param directory the store's directory (default: `TRAINING_BOM_HOME`, else `./boms`). */
  constructor(directory: string = defaultStoreDirectory()) {
    if (typeof directory !== 'string' || directory === '') throw new InvalidArgumentError('directory', 'must be a non-empty path');
    this.directory = resolve(directory);
    this.index = new BomIndex(this.directory);
  }

  /**
   * The file a BOM with this id is stored in.
   * @throws InvalidArgumentError for an id that cannot be stored (docs/store.md, "Ids as file names").
   */
  pathOf(id: string): string {
    return join(this.directory, storeFileName(id));
  }

  /**
   * The file the metric history of this id is stored in: the BOM's file name with `.history` for `.json`.
   * @throws InvalidArgumentError for an id that cannot be stored.
   */
  historyPathOf(id: string): string {
    return join(this.directory, historyFileName(id));
  }

  /**
   * Validates and writes `bom` to `pathOf(bom.id)`, replacing any BOM with that id, and `options.attestation`
   * (its signed envelope) to `attestationPathOf(bom.id)`, removing an older one when none is given; the file
   * is whole once this resolves, and durable too unless `options.deferDirectorySync` (many puts followed by one
   * {@link FileBomStore.syncDirectory}: a crash before that may lose the newest files, never leave a partial one).
   * With `options.history`, the history file is written first (atomically too), then the BOM; without it, a
   * history stored before under this id is removed after the BOM is written. A crash in between leaves a history
   * whose digest does not match the BOM: `history(id)` ignores it.
   * @throws BomValidationError for an invalid BOM; InvalidArgumentError for an id that cannot be stored or a
   *   malformed history.
   */
  async put(bom: TrainingBOM, options: FileBomStorePutOptions = {}): Promise<string> {
    const TrainingBOM = bomModel();
    if (!(bom instanceof TrainingBOM)) throw new InvalidArgumentError('bom', 'must be a TrainingBOM');
    const name = storeFileName(bom.id);
    const text = `${bom.toJSONString(2)}\n`;
    TrainingBOM.parse(text);
    const history = options.history === undefined ? undefined : encodeMetricHistories(options.history, { bomId: bom.id, bomSha256: sha256(text) });
    const holder = (await this.prepare()) ? await this.idInFile(join(this.directory, name)) : undefined;
    if (holder !== undefined && holder !== bom.id) {
      throw new InvalidArgumentError('id', `'${bom.id}' and the stored '${holder}' share the file ${name} (a case-insensitive file system)`);
    }
    const syncDir = options.deferDirectorySync !== true;
    await mkdir(this.directory, { recursive: true });
    await this.index.beginWrite(name);
    try {
      await this.write(async () => {
        if (history !== undefined) await writeFileAtomic(this.directory, historyFileName(bom.id), history, false);
        await writeFileAtomic(this.directory, name, text, syncDir && history === undefined);
        if (history === undefined) await unlink(this.historyPathOf(bom.id)).catch((error: unknown) => { if (!missing(error)) throw error; });
        else if (syncDir) await syncDirectory(this.directory);
      });
      await writeAttestation(this.directory, bom.id, options.attestation, syncDir);
    } finally {
      await this.index.endWrite(name);
    }
    return join(this.directory, name);
  }

  /**
   * The metric history stored beside the BOM of this id (sorted by key), or undefined when there is no BOM,
   * no history, or a history that belongs to another version of the BOM (its SHA-256 differs).
   * @throws HistoryFormatError for a corrupt history file; InvalidArgumentError for an id that cannot be stored.
   */
  async history(id: string): Promise<MetricHistory[] | undefined> {
    const historyBytes = await readIfThere(this.historyPathOf(id));
    if (historyBytes === undefined) return undefined;
    const bomBytes = await readIfThere(this.pathOf(id));
    if (bomBytes === undefined) return undefined;
    const decoded = decodeMetricHistories(historyBytes);
    if (decoded.bomId !== id || !sha256(bomBytes).equals(decoded.bomSha256)) return undefined;
    return decoded.histories;
  }

  /** Runs `writes`, making the directory again (once) when it was removed since it was prepared. */
  private async write(writes: () => Promise<void>): Promise<void> {
    try {
      await writes();
    } catch (error) {
      if (!missing(error)) throw error;
      this.prepared = undefined;
      await this.prepare();
      await writes();
    }
  }

  /** The file of the signed attestation of the BOM with this id (docs/store.md), whether or not there is one. */
  attestationPathOf(id: string): string {
    return attestationFile(this.directory, id);
  }

  /**
   * The signed attestation (DSSE envelope) stored beside the BOM with this id, or undefined when there is none.
   * @throws AttestationError when the file is not a DSSE envelope.
   */
  async getAttestation(id: string): Promise<DsseEnvelope | undefined> {
    return readAttestation(this.directory, id);
  }

  /** Makes every write so far durable (fsync of the directory), after puts with `deferDirectorySync`. */
  async syncDirectory(): Promise<void> {
    await syncDirectory(this.directory);
  }

  async get(id: string): Promise<TrainingBOM | undefined> {
    const path = this.pathOf(id);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
    const bom = this.parseFile(path, bytes);
    if (bom.id !== id) return undefined;
    return bom;
  }

  /**
   * Summaries of the stored BOMs (see {@link BomStore.list}), from the index in `<directory>/.index/`, which is
   * built or resynced first when missing, corrupt or stale (docs/store.md, "The index"). A store the index
   * cannot be written in (read-only) is listed by reading every file.
   */
  async list(options: BomListOptions = {}): Promise<BomSummary[]> {
    if (!(await this.exists())) return selectSummaries([], options);
    try {
      return await listFromIndex(this.index, options);
    } catch (error) {
      if (!readOnly(error)) throw error;
      return scanDirectory(this.directory, (path, bytes) => this.parseFile(path, bytes), options);
    }
  }

  /**
   * One page of the BOMs matching `query` (every condition must hold), in its order, from the index; pass
   * `nextPageToken` back as `pageToken` for the next page. Files that are not valid BOMs are left out.
   * @throws InvalidArgumentError naming the field for a malformed query, or `query.pageToken` for a token this
   *   store did not make for this query.
   */
  async query(query: BomQuery = {}): Promise<BomQueryPage> {
    return queryFromIndex((await this.exists()) ? this.index : undefined, query);
  }

  /** Forgets the index and builds it again from every BOM file (after files were edited in place: docs/store.md). */
  async reindex(): Promise<void> {
    if (await this.exists()) await this.index.rebuild();
  }

  private async exists(): Promise<boolean> {
    try {
      await stat(this.directory);
      return true;
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  }

  /**
   * Removes the file of this id (even when it is not a valid BOM) and its history; resolves with false when there was none.
   * @throws InvalidArgumentError for an id that cannot be stored.
   */
  async delete(id: string): Promise<boolean> {
    const path = this.pathOf(id);
    const holder = await this.idInFile(path);
    if (holder !== undefined && holder !== id) return false;
    await unlink(this.historyPathOf(id)).catch(() => undefined);
    if (!(await this.exists())) return false;
    const name = storeFileName(id);
    await this.index.beginWrite(name);
    try {
      await unlink(path);
      await writeAttestation(this.directory, id, undefined, false);
      return true;
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    } finally {
      await this.index.endWrite(name);
    }
  }

  /** Creates the directory and its index folder (once) and finds whether its file system folds case, when ids can share a file. */
  private prepare(): Promise<boolean> {
    // The probe goes in .index/ (same file system): a probe file in the store itself would change the
    // directory behind the index's back and cost a resync.
    const probeDir = join(this.directory, '.index');
    this.prepared ??= mkdir(probeDir, { recursive: true }).then(() => foldsCase(probeDir));
    this.prepared.catch(() => (this.prepared = undefined));
    return this.prepared;
  }

  private parseFile(path: string, bytes: Uint8Array): TrainingBOM {
    try {
      return bomModel().parse(bytes);
    } catch (error) {
      if (error instanceof BomValidationError) throw new BomValidationError(error.issues, `${path} is not a valid training BOM`);
      throw error;
    }
  }

  /** The id of the BOM in `path`, or undefined when there is no file or it holds no readable id. */
  private async idInFile(path: string): Promise<string | undefined> {
    try {
      const id: unknown = (JSON.parse(await readFile(path, 'utf8')) as { id?: unknown }).id;
      return typeof id === 'string' ? id : undefined;
    } catch {
      return undefined;
    }
  }
}
