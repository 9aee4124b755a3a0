import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/plan/terraform-files.ts
var TOOLS = ["terraform", "opentofu"];
var EXTENSIONS = [".tofu.json", ".tf.json", ".tofu", ".tf"];
var SHADOWED_BY = { ".tf": ".tofu", ".tf.json": ".tofu.json" };
function isTerraformSource(path) {
  return extensionOf(path) !== void 0;
}
function isOverrideFile(path) {
  const name = baseName(path);
  const extension = extensionOf(name);
  if (extension === void 0) return false;
  const stem = name.slice(0, -extension.length);
  return stem === "override" || stem.endsWith("_override");
}
function isTofuFile(path) {
  const extension = extensionOf(path);
  return extension === ".tofu" || extension === ".tofu.json";
}
function isIgnoredName(path) {
  const name = baseName(path);
  return name.startsWith(".") || name.endsWith("~") || name.startsWith("#") && name.endsWith("#");
}
function filesLoaded(names, tool) {
  return loadedConfigFiles(names, (name) => name, tool);
}
function loadedConfigFiles(items, pathOf, tool) {
  const present = new Set(items.map((item) => baseName(pathOf(item))));
  const loaded = items.map((item) => ({ item, name: baseName(pathOf(item)) })).filter(({ name }) => {
    const extension = extensionOf(name);
    if (extension === void 0 || isIgnoredName(name)) return false;
    if (tool === "terraform") return !isTofuFile(name);
    const preferred = SHADOWED_BY[extension];
    return preferred === void 0 || !present.has(name.slice(0, -extension.length) + preferred);
  }).sort((a, b) => compareNames(a.name, b.name));
  return [...loaded.filter(({ name }) => !isOverrideFile(name)), ...loaded.filter(({ name }) => isOverrideFile(name))].map(({ item }) => item);
}
function extensionOf(path) {
  return EXTENSIONS.find((extension) => path.endsWith(extension));
}
function baseName(path) {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}
function compareNames(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  TOOLS,
  isTerraformSource,
  isOverrideFile,
  isTofuFile,
  filesLoaded,
  loadedConfigFiles
};
