/** A typed service identifier; the DI container is only in apps, so this file imports no DI library. */
export type Token<T> = symbol & { readonly __type?: T };
export const token = <T>(name: string): Token<T> => Symbol.for(`localport.${name}`) as Token<T>;
