/** The checklist `training-bom evidence` prints: per item its status, citation, wording and the fields that answer it. */
import type { EvidenceAssessment, EvidenceCheckResult, EvidenceItemResult, EvidenceStatus } from '../governance/evidence-types';
import { printable } from './printable';

const MARK: Readonly<Record<EvidenceStatus, string>> = { answered: '✓ answered', partial: '~ partial', missing: '✗ missing', failed: '✗ FAILED' };
const CHECK_MARK: Readonly<Record<EvidenceStatus, string>> = { answered: '✓', partial: '~', missing: '✗', failed: '!' };

function checkLines(c: EvidenceCheckResult): string[] {
  const lines = [`    ${CHECK_MARK[c.status]} ${c.check}: ${c.title}${c.status === 'answered' ? '' : ` (${c.status})`}`];
  for (const f of c.fields) lines.push(`        ${printable(f.path)}: ${printable(f.value)}`);
  if (c.missing.length > 0) lines.push(`        missing: ${c.missing.map(printable).join(', ')}`);
  if (c.problem !== undefined) lines.push(`        problem: ${printable(c.problem)}`);
  if (c.hint !== undefined) lines.push(`        to record it: ${c.hint}`);
  return lines;
}

function itemLines(item: EvidenceItemResult): string[] {
  return [
    `${MARK[item.status]}  ${item.id}${item.required ? ' (required)' : ''}: ${item.citation}`,
    `    "${item.wording}"`,
    `    a training record answers: ${item.asks}`,
    ...item.checks.flatMap(checkLines),
    '',
  ];
}

/** The whole checklist: heading, items, points not covered, and the verdict with the exit code it gives. */
export function evidenceText(a: EvidenceAssessment, source: string): string {
  const failing = a.items.filter((i) => i.required && (i.status === 'missing' || i.status === 'failed' || (a.strict && i.status === 'partial')));
  const lines = [
    `Evidence for ${printable(a.bomId)} (${printable(source)})`,
    `Framework: ${a.framework.title}`,
    `Document: ${a.framework.document}`,
    '',
    ...a.items.flatMap(itemLines),
  ];
  if (a.notCovered.length > 0) {
    lines.push('Not covered (a training record cannot speak to these):');
    for (const n of a.notCovered) lines.push(`  - ${n.citation}: ${n.reason}`);
    lines.push('');
  }
  const { answered, partial, missing, failed } = a.counts;
  lines.push(`Items: ${answered} answered, ${partial} partial, ${missing} missing, ${failed} failed (${a.items.length} in all${a.strict ? '; --strict: partial required items fail' : ''})`);
  lines.push(a.passed ? 'Result: every required item is answered (exit 0)' : `Result: required items not answered: ${failing.map((i) => i.id).join(', ')} (exit 1)`);
  lines.push('This is a checklist of what the record says, not a finding of compliance.');
  return `${lines.join('\n')}\n`;
}
