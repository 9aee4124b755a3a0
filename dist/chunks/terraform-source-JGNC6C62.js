import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  TOOLS,
  filesLoaded,
  isOverrideFile,
  isTerraformSource,
  isTofuFile,
  loadedConfigFiles
} from "./chunk-7DXYR5VB.js";
import {
  checkDepth
} from "./chunk-TF6VJPZR.js";
import {
  configAddress
} from "./chunk-43UHVGTL.js";
import {
  InputError
} from "./chunk-KIBWKCE4.js";
import {
  displayName,
  safeLine
} from "./chunk-QCJK5ES2.js";
import {
  isObject
} from "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";

// src/plan/terraform-source.ts
import { readFile, readdir } from "node:fs/promises";
import { join, posix } from "node:path";
var PreventDestroyMap = class extends Map {
  /** Every other declared resource, by address. */
  unguarded = /* @__PURE__ */ new Map();
  /** `moved` blocks: old address → new address. */
  moved = /* @__PURE__ */ new Map();
  /** Whether any directory read held a `.tofu` file, so Terraform would read it differently. */
  sawTofu = false;
};
async function readPreventDestroy(dir, tool = "opentofu") {
  return collect(dir, join, readDirectory, tool);
}
async function preventDestroyFromFiles(files, root = ".", tool = "opentofu") {
  const byDir = /* @__PURE__ */ new Map();
  for (const file of files) {
    if (!isTerraformSource(file.path)) continue;
    const dir = posix.dirname(posix.normalize(file.path));
    const list = byDir.get(dir);
    if (list) list.push(file);
    else byDir.set(dir, [file]);
  }
  const rootDir = posix.normalize(root).replace(/(.)\/+$/, "$1");
  if (!byDir.has(rootDir)) return new PreventDestroyMap();
  return collect(rootDir, (...parts) => posix.join(...parts), (dir) => Promise.resolve(byDir.get(dir) ?? []), tool);
}
async function preventDestroyFromLoader(root, load, tool = "opentofu") {
  const rootDir = posix.normalize(root).replace(/(.)\/+$/, "$1");
  const first = await load(rootDir);
  if (!first.some((file) => isTerraformSource(file.path))) return new PreventDestroyMap();
  return collect(rootDir, (...parts) => posix.join(...parts), (dir) => dir === rootDir ? Promise.resolve(first) : load(dir), tool);
}
async function removedUnderEitherTool(read) {
  const byAddress = /* @__PURE__ */ new Map();
  for (const tool of [...TOOLS].reverse()) {
    const [base, head] = await read(tool);
    for (const removed of removedPreventDestroy(base, head)) if (!byAddress.has(removed.address)) byAddress.set(removed.address, removed);
    if (tool === "opentofu" && !base.sawTofu && !head.sawTofu) break;
  }
  return [...byAddress.values()].sort((a, b) => a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
}
function removedPreventDestroy(base, head) {
  const moved = head instanceof PreventDestroyMap ? head.moved : /* @__PURE__ */ new Map();
  const unguarded = head instanceof PreventDestroyMap ? head.unguarded : /* @__PURE__ */ new Map();
  const removed = [];
  for (const [address, where] of [...base].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const now = followMoves(address, moved);
    const kept = head.get(now);
    if (kept && (kept.expression === void 0 || kept.expression === where.expression)) continue;
    if (kept?.expression !== void 0) {
      const description2 = `lifecycle.prevent_destroy set to an expression, ${kept.expression}, that Terraform evaluates and plangate cannot: it may be false`;
      removed.push({ address, type: where.type, file: where.file, weakening: { guard: "lifecycle.prevent_destroy", from: where.expression ?? "true", to: kept.expression, description: description2 } });
      continue;
    }
    const still = unguarded.get(now);
    const to = still ? still.preventDestroy : "(removed)";
    const description = !still ? "lifecycle.prevent_destroy removed with the resource itself (true → (removed)): nothing stops Terraform destroying it unless a removed block sets destroy = false" : to === "false" ? "lifecycle.prevent_destroy turned off (true → false): Terraform will no longer refuse to destroy it" : "lifecycle.prevent_destroy removed (true → (removed)): Terraform will no longer refuse to destroy it";
    removed.push({ address, type: where.type, file: where.file, weakening: { guard: "lifecycle.prevent_destroy", from: "true", to, description } });
  }
  return removed;
}
function followMoves(address, moved) {
  let current = address;
  for (let hop = 0; hop < 16 && moved.size > 0; hop++) {
    let next;
    for (const [from, to] of moved) {
      if (current === from) next = to;
      else if (current.startsWith(`${from}.`)) next = to + current.slice(from.length);
      if (next !== void 0) break;
    }
    if (next === void 0 || next === current) break;
    current = next;
  }
  return current;
}
async function collect(root, joinPath, load, tool) {
  const result = new PreventDestroyMap();
  const queue = [{ dir: root, prefix: "", chain: [] }];
  while (queue.length > 0) {
    const module = queue.shift();
    const listed = await load(module.dir, module.calledAs);
    if (listed.some((file) => isTofuFile(file.path))) result.sawTofu = true;
    const files = loadedConfigFiles(listed, (file) => file.path, tool);
    if (files.length === 0) {
      throw new InputError(
        module.calledAs ?? module.dir,
        module.calledAs ? `its directory ${displayName(module.dir)} holds no .tf or .tofu files: fix the module source, or include the module's files` : "holds no .tf, .tf.json, .tofu or .tofu.json files: pass the directory of the root module"
      );
    }
    for (const file of files) {
      const doc = await parseSource(file);
      const override = isOverrideFile(file.path);
      for (const [type, name, block] of resourceBlocks(doc)) {
        const address = `${module.prefix}${type}.${name}`;
        const value = preventDestroy(block);
        if (override) {
          if (value === void 0 || !(result.has(address) || result.unguarded.has(address))) continue;
          result.delete(address);
          result.unguarded.delete(address);
        }
        if (value === true) result.set(address, { type, file: file.path });
        else if (typeof value === "string") result.set(address, { type, file: file.path, expression: value });
        else result.unguarded.set(address, { type, file: file.path, preventDestroy: value === false ? "false" : "(removed)" });
      }
      for (const [from, to] of movedBlocks(doc)) result.moved.set(module.prefix + from, module.prefix + to);
      if (override) continue;
      for (const [name, source] of localModules(doc)) {
        const dir = joinPath(module.dir, source);
        const calledAs = `${module.prefix}module.${name} (source "${source}", in ${file.path})`;
        if (dir === module.dir || module.chain.includes(dir)) throw new InputError(calledAs, "the module calls itself: fix its source");
        queue.push({ dir, prefix: `${module.prefix}module.${name}.`, chain: [...module.chain, module.dir], calledAs });
      }
    }
  }
  return result;
}
function* resourceBlocks(doc) {
  for (const byType of blocks(doc.resource)) {
    for (const [type, byNameList] of Object.entries(byType)) {
      for (const byName of blocks(byNameList)) {
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of blocks(bodies)) yield [type, name, body];
        }
      }
    }
  }
}
function preventDestroy(resource) {
  let result;
  for (const lifecycle of blocks(resource.lifecycle)) {
    if (!("prevent_destroy" in lifecycle)) continue;
    const value = lifecycle.prevent_destroy;
    if (value === null || value === void 0) continue;
    const literal = typeof value === "string" ? value.trim().toLowerCase() : value;
    const read = literal === true || literal === "true" || literal === "1" ? true : literal === false || literal === "false" || literal === "0" ? false : JSON.stringify(value);
    result = result === true ? true : typeof result === "string" && read === false ? result : read;
  }
  return result;
}
function* movedBlocks(doc) {
  for (const block of blocks(doc.moved)) {
    const from = reference(block.from);
    const to = reference(block.to);
    if (from && to) yield [from, to];
  }
}
function* localModules(doc) {
  for (const byName of blocks(doc.module)) {
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of blocks(bodies)) {
        const source = body.source;
        if (typeof source === "string" && /^\.\.?\//.test(source)) yield [name, source.replace(/\/+$/, "")];
      }
    }
  }
}
function reference(value) {
  if (typeof value !== "string") return void 0;
  const bare = value.trim().replace(/^\$\{(.*)\}$/s, "$1").trim();
  return bare === "" ? void 0 : configAddress(bare);
}
function blocks(value) {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}
async function readDirectory(dir, calledAs) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (calledAs) throw new InputError(calledAs, `its directory ${displayName(dir)} cannot be read (${error.code ?? safeLine(String(error), 300)}): fix the module source`);
    throw new InputError(dir, directoryProblem(error));
  }
  const listed = entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  const names = [...new Set(TOOLS.flatMap((tool) => filesLoaded(listed, tool)))];
  const files = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      files.push({ path, contents: await readFile(path, "utf8") });
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT" || code === "EISDIR") continue;
      throw new InputError(path, `cannot be read (${code ?? safeLine(String(error), 300)}): make it readable by the user running plangate`);
    }
  }
  return files;
}
function directoryProblem(error) {
  const code = error.code;
  if (code === "ENOENT") return "no such directory: pass the directory holding the Terraform configuration (its .tf or .tofu files)";
  if (code === "ENOTDIR") return "is not a directory: pass the directory holding the .tf or .tofu files, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied: make the directory readable by the user running plangate";
  return `cannot be read (${code ?? safeLine(String(error), 300)}): pass the directory holding the Terraform configuration`;
}
var parser;
function hclParser() {
  parser ??= import("./lib-JDCK3LGN.js").then((module) => {
    const loaded = module;
    const parse = loaded.parse ?? loaded.default?.parse;
    if (typeof parse !== "function") throw new Error("@cdktf/hcl2json has no parse function: the bundle is broken; rebuild it with scripts/build.mjs");
    return parse;
  });
  return parser;
}
async function parseSource(file) {
  const contents = file.contents.replace(/^\uFEFF/, "");
  const validate = /\.tofu(\.json)?$/.test(file.path) ? "`tofu validate`" : "`terraform validate`";
  if (file.path.endsWith(".json")) {
    let doc2;
    try {
      doc2 = JSON.parse(contents);
    } catch (error) {
      throw new InputError(file.path, `is not valid JSON (${oneLine(error.message)}): fix it so ${validate} passes`);
    }
    checkDepth(doc2, file.path);
    if (!isObject(doc2)) throw new InputError(file.path, `is not a JSON object, so not Terraform JSON configuration: fix it so ${validate} passes`);
    return doc2;
  }
  const parse = await hclParser();
  let doc;
  try {
    doc = await parse(file.path, contents);
  } catch (error) {
    throw new InputError(file.path, `is not valid HCL (${hclProblem(error, file.path)}): fix it so ${validate} passes`);
  }
  checkDepth(doc, file.path);
  return isObject(doc) ? doc : {};
}
function hclProblem(error, path) {
  let message = oneLine(error instanceof Error ? error.message : String(error));
  message = message.replace(/^parse config: \[(.*)\]$/, "$1");
  if (message.startsWith(`${path}:`)) message = message.slice(path.length + 1);
  message = message.replace(/^(\d+),(\d+)(?:-[\d,]+)?: /, "line $1, column $2: ");
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}
function oneLine(text) {
  return safeLine(text.replace(/\s*\n\s*/g, " ").trim(), 300);
}
export {
  PreventDestroyMap,
  preventDestroyFromFiles,
  preventDestroyFromLoader,
  readPreventDestroy,
  removedPreventDestroy,
  removedUnderEitherTool
};
