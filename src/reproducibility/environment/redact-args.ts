import { stripUrlCredentials } from '../../core/strip-url-credentials';

/** Option names whose value is a secret: `--password`, `--api-key`, `--token`, `--aws-secret-access-key`… */
const SECRET = /(pass(word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth)/i;

const clean = (arg: string): string => arg.replace(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s]*/g, (url) => stripUrlCredentials(url));

/**
 * Command-line arguments safe to record: the value of a secret-looking option (`--token=x`, `--token x`)
 * becomes `***`, and URLs lose their credentials and query strings.
 */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const option = /^(--?[^=]+)(=.*)?$/s.exec(arg);
    if (option !== null && SECRET.test(option[1] as string)) {
      if (option[2] !== undefined) out.push(`${option[1] as string}=***`);
      else {
        out.push(arg);
        if (i + 1 < args.length && !(args[i + 1] as string).startsWith('-')) {
          out.push('***');
          i++;
        }
      }
    } else out.push(clean(arg));
  }
  return out;
}
