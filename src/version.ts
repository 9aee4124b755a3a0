// package.json's version, put in at build time (scripts/build.mjs) and in tests (vitest.config.ts).
declare const PLANGATE_VERSION: string;

export const VERSION: string = PLANGATE_VERSION;
