import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  DEFAULT_FULL_REPORT_HINT,
  GITHUB_COMMENT_LIMIT,
  code,
  escapeText,
  htmlEntities,
  renderMarkdown
} from "./chunk-2V6Z5KAE.js";
import "./chunk-P6DTNAEQ.js";
import "./chunk-2VKIUJFN.js";
import "./chunk-WR6YQ4W5.js";
import "./chunk-5UHFVSEM.js";
import "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";
export {
  DEFAULT_FULL_REPORT_HINT,
  GITHUB_COMMENT_LIMIT,
  code,
  escapeText,
  htmlEntities,
  renderMarkdown
};
