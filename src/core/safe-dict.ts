/** A null-prototype dictionary: keys like `__proto__` are ordinary own keys. */
export type SafeDict = Record<string, unknown>;

/** A fresh null-prototype dictionary. */
export function safeDict(): SafeDict {
  return Object.create(null) as SafeDict;
}
