import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/json.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export {
  isObject
};
