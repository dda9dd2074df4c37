import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat, type DatasetFormat, type FileFormat } from './dataset-format';
import type { DatasetInspection } from '../../models/dataset-inspection';
import { fsAccessError } from './fs-access-error';
import type { InspectDatasetOptions } from './inspect-dataset-options';
import { listFiles } from './list-files';
import { scanFile, type FileScan } from './scan-file';

/**
 * One line of `sha256sum`'s output for a file: `<hex>  <name>\n`, escaped as GNU coreutils 9 escapes
 * names holding `\`, `\n` or `\r` (a leading `\`, then `\\`, `\n`, `\r`).
 */
function manifestLine(hex: string, name: string): string {
  if (!/[\\\n\r]/.test(name)) return `${hex}  ${name}\n`;
  const escaped = name.replace(/[\\\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\r'));
  return `\\${hex}  ${escaped}\n`;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Hidden (`.`) and marker (`_SUCCESS`, `_metadata`) files are hashed but hold no rows (Spark/Hive convention). */
const isDataFile = (name: string): boolean => !name.startsWith('.') && !name.startsWith('_');

function plan(options: InspectDatasetOptions, format: FileFormat, data: boolean) {
  return {
    digest: options.digest !== false,
    countRows: data && options.countRows !== false,
    header: options.header !== false,
    format: format.format,
    compression: format.compression,
  };
}

function finish(out: Mutable<DatasetInspection>, format: FileFormat, options: InspectDatasetOptions, warnings: string[]): DatasetInspection {
  out.format = format.format;
  if (format.compression !== null) out.compression = format.compression;
  if (options.countRows !== false && (format.format === 'csv' || format.format === 'tsv')) out.header = options.header !== false;
  if (warnings.length > 0) out.warnings = Object.freeze(warnings);
  return Object.freeze(out);
}

function fileFormat(name: string, options: InspectDatasetOptions): FileFormat {
  const detected = detectFormat(name);
  return options.format === undefined ? detected : { format: options.format, compression: detected.compression };
}

/** The common format of a directory's data files (`mixed` when they differ, `unknown` when there are none). */
function commonFormat(formats: readonly FileFormat[]): FileFormat {
  const kinds = new Set<DatasetFormat>(formats.map((f) => f.format));
  const codecs = new Set(formats.map((f) => f.compression));
  const format = kinds.size === 1 ? [...kinds][0] : kinds.size === 0 ? 'unknown' : 'mixed';
  return { format, compression: codecs.size === 1 ? [...codecs][0] : null };
}

/**
 * Inspects a local file or directory in one pass per file: digest, byte size, modification time and rows.
 * @throws {@link DatasetAccessError} when it is missing, unreadable or not a file or directory.
 */
export async function inspectLocal(origin: string, shown: string, path: string, options: InspectDatasetOptions): Promise<DatasetInspection> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fsAccessError(shown, path, error);
  }
  const out: Mutable<DatasetInspection> = { origin, scheme: 'file', kind: info.isFile() ? 'file' : 'directory', path };
  if (info.isFile()) {
    const format = fileFormat(basename(path), options);
    const scan = await scanFile(shown, path, plan(options, format, true));
    Object.assign(out, { bytes: scan.bytes, modified: new Date(scan.mtimeMs).toISOString() });
    if (scan.sha256 !== null) out.digest = `sha256:${scan.sha256}`;
    if (scan.rows !== undefined) out.rows = scan.rows;
    return finish(out, format, options, [...scan.warnings]);
  }
  if (!info.isDirectory()) throw fsAccessError(shown, path, undefined, 'not-supported');
  const { files, skipped } = await listFiles(shown, path);
  const warnings = [...skipped];
  if (files.length === 0) warnings.push('the directory holds no files');
  const manifest = createHash('sha256');
  const formats: FileFormat[] = [];
  let bytes = 0;
  let latest = info.mtimeMs;
  let rows: number | null = 0;
  for (const file of files) {
    const data = isDataFile(basename(file.rel));
    const format = fileFormat(file.rel, options);
    if (data) formats.push(format);
    const scan: FileScan = await scanFile(shown, file.abs, plan(options, format, data));
    if (scan.sha256 !== null) manifest.update(manifestLine(scan.sha256, file.rel));
    bytes += scan.bytes;
    latest = Math.max(latest, scan.mtimeMs);
    if (data && scan.rows !== undefined) rows = rows === null || scan.rows === null ? null : rows + scan.rows;
    for (const w of scan.warnings) warnings.push(`${file.rel}: ${w}`);
  }
  Object.assign(out, { bytes, files: files.length, modified: new Date(latest).toISOString() });
  if (options.digest !== false) out.digest = `sha256:${manifest.digest('hex')}`;
  if (options.countRows !== false) out.rows = rows;
  return finish(out, commonFormat(formats), options, warnings);
}
