import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  REPORT_VERSION,
  jsonChunks,
  renderJson,
  toJsonReport
} from "./chunk-SSQ5XQ6F.js";
import "./chunk-5UHFVSEM.js";
import "./chunk-SSKGB3OA.js";
export {
  REPORT_VERSION,
  jsonChunks,
  renderJson,
  toJsonReport
};
