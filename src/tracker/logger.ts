/** The logging the tracker does; `console` fits. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** Default logger: quiet on info, warnings to stderr. */
export const defaultLogger: Logger = Object.freeze({
  info: (): void => undefined,
  warn: (message: string): void => console.warn(`training-bom: ${message}`),
});
