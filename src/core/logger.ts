import { redactText } from './redaction';

/** The logging the tracker does; `console` fits. */
export interface Logger {
  /** Progress messages (the spec's tracker prints these). */
  info(message: string): void;
  /** Something the user should know about, e.g. a NaN metric or a failing sink. */
  warn(message: string): void;
}

/** Default logger: quiet on info, warnings to stderr. */
export const defaultLogger: Logger = Object.freeze({
  info: (): void => undefined,
  warn: (message: string): void => console.warn(`training-bom: ${message}`),
});

/** `logger` with every message passed through the redaction policy first ({@link redactText}). */
export function redactingLogger(logger: Logger): Logger {
  return {
    info: (message: string): void => logger.info(redactText(message)),
    warn: (message: string): void => logger.warn(redactText(message)),
  };
}
