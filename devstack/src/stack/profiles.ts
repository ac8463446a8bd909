/**
 * `dev` is what `npm start` runs; `test`, `bench`, `chaos` and `demo` (`npm run screenshots`) share the
 * infrastructure but none of dev's topics, databases or ports, so they can run while `npm start` is up.
 */
export type Profile = 'dev' | 'test' | 'bench' | 'chaos' | 'demo';
export const PROFILES: readonly Profile[] = ['dev', 'test', 'bench', 'chaos', 'demo'];
