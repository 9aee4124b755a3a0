import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  fileUri,
  sarifChunks
} from "./chunk-C3CEVXCT.js";
import "./chunk-BXALZ5YX.js";
import "./chunk-P6DTNAEQ.js";
import "./chunk-2VKIUJFN.js";
import "./chunk-WR6YQ4W5.js";
import "./chunk-5UHFVSEM.js";
import "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";
export {
  fileUri,
  sarifChunks
};
