/**
 * A type read-only all the way down. Types generated from the schemas are mutable, as the
 * generator writes them; what course reads from a file is never changed, so the models expose
 * it through this.
 */
export type Immutable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyArray<infer Item>
    ? ReadonlyArray<Immutable<Item>>
    : T extends object
      ? {readonly [K in keyof T]: Immutable<T[K]>}
      : T
