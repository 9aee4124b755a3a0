import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/rules/config-path.ts
var DEFAULT_CONFIG_PATHS = [".github/plangate.yml", ".github/plangate.yaml"];

export {
  DEFAULT_CONFIG_PATHS
};
