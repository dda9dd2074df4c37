import { REDACTED, redactText } from '../../core/redaction';
import { isSecretName } from '../../core/secret-names';

/**
 * Command-line arguments safe to record: the value of an option whose name is on the secret list
 * (`--token=x`, `--token x`, `--api-key`, `--aws-secret-access-key`…) becomes `***REDACTED***`, and every
 * other argument goes through the redaction policy (URL credentials, signed-URL signatures, `key=value`
 * settings such as `db.password=x`).
 */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = /^(--?[^=]+)(=.*)?$/s.exec(arg);
    if (option !== null && isSecretName(option[1])) {
      if (option[2] !== undefined) out.push(`${option[1]}=${REDACTED}`);
      else {
        out.push(arg);
        if (i + 1 < args.length && !args[i + 1].startsWith('-')) {
          out.push(REDACTED);
          i++;
        }
      }
    } else out.push(redactText(arg));
  }
  return out;
}
