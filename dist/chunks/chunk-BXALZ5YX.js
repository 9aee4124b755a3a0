import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/version.ts
var VERSION = "0.1.0";

export {
  VERSION
};
