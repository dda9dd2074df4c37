/**
 * The frameworks `assessEvidence` knows: data in `frameworks/*.json` (one file a framework), read and checked
 * here, so that an edit that drops an item's wording, citation or checks fails on load and in the tests.
 */
import { InvalidArgumentError } from '../errors';
import { EVIDENCE_CHECKS } from './evidence-checks';
import type { EvidenceFramework, EvidenceFrameworkItem } from './evidence-types';
import euAiActAnnexIv from './frameworks/eu-ai-act-annex-iv.json';
import nistAiRmf from './frameworks/nist-ai-rmf.json';


const RAW: readonly unknown[] = [euAiActAnnexIv, nistAiRmf];

function fail(path: string, message: string): never {
  throw new InvalidArgumentError(path, message);
}

function text(value: unknown, path: string, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) fail(path, 'must be a non-empty string');
  return value;
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function item(value: unknown, path: string): EvidenceFrameworkItem {
  const o = record(value, path);
  if (typeof o.required !== 'boolean') fail(`${path}.required`, 'must be true or false');
  const checks = list(o.checks, `${path}.checks`).map((c, i) => text(c, `${path}.checks.${i}`));
  if (checks.length === 0) fail(`${path}.checks`, 'must name at least one check');
  checks.forEach((c, i) => { if (!Object.prototype.hasOwnProperty.call(EVIDENCE_CHECKS, c)) fail(`${path}.checks.${i}`, `is not a known check: ${c}`); });
  return Object.freeze({
    id: text(o.id, `${path}.id`), citation: text(o.citation, `${path}.citation`), wording: text(o.wording, `${path}.wording`),
    quotedFrom: text(o.quotedFrom, `${path}.quotedFrom`), asks: text(o.asks, `${path}.asks`), required: o.required, checks: Object.freeze(checks),
  });
}

/**
 * A framework read from its JSON, every field checked, frozen (the frameworks are shared by every assessment).
 * @throws InvalidArgumentError naming the path of the first field that is missing or malformed.
 */
export function readEvidenceFramework(value: unknown, path = 'framework'): EvidenceFramework {
  const o = record(value, path);
  const items = list(o.items, `${path}.items`).map((x, i) => item(x, `${path}.items.${i}`));
  if (items.length === 0) fail(`${path}.items`, 'must hold at least one item');
  const ids = new Set<string>();
  items.forEach((x, i) => {
    if (ids.has(x.id)) fail(`${path}.items.${i}.id`, `repeats ${x.id}`);
    ids.add(x.id);
  });
  const notCovered = list(o.notCovered, `${path}.notCovered`).map((x, i) => {
    const n = record(x, `${path}.notCovered.${i}`);
    const at = `${path}.notCovered.${i}`;
    return Object.freeze({ citation: text(n.citation, `${at}.citation`), wording: text(n.wording, `${at}.wording`, true), quotedFrom: text(n.quotedFrom, `${at}.quotedFrom`, true), reason: text(n.reason, `${at}.reason`) });
  });
  return Object.freeze({ id: text(o.id, `${path}.id`), title: text(o.title, `${path}.title`), document: text(o.document, `${path}.document`), items: Object.freeze(items), notCovered: Object.freeze(notCovered) });
}

let frameworks: readonly EvidenceFramework[] | undefined;

/** The frameworks `assessEvidence` can assess against (`eu-ai-act-annex-iv`, `nist-ai-rmf`), items in document order. */
export function evidenceFrameworks(): readonly EvidenceFramework[] {
  frameworks ??= Object.freeze(RAW.map((raw, i) => readEvidenceFramework(raw, `frameworks.${i}`)));
  return frameworks;
}

/**
 * The framework with this id.
 * @throws InvalidArgumentError naming the known ids for any other.
 */
export function evidenceFramework(id: string): EvidenceFramework {
  const found = evidenceFrameworks().find((f) => f.id === id);
  if (found === undefined) fail('framework', `must be one of ${evidenceFrameworks().map((f) => f.id).join(', ')}, got ${JSON.stringify(String(id)).slice(0, 80)}`);
  return found;
}
