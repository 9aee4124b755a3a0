import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  MAX_DEPTH,
  checkDepth,
  depthError,
  renderPath
} from "./chunk-TF6VJPZR.js";
import {
  Minimatch
} from "./chunk-RV6XDSCG.js";
import {
  DEFAULT_CONFIG_PATHS
} from "./chunk-7UZFWUSD.js";
import {
  InputError,
  getErrorMessage,
  isInputError
} from "./chunk-KIBWKCE4.js";
import {
  displayName,
  isDisplaySafe,
  quote,
  safeLine
} from "./chunk-QCJK5ES2.js";
import {
  DEFAULT_OVERRIDE_LABEL,
  MATCH_ACTIONS,
  SEVERITIES,
  fatesOf
} from "./chunk-2VKIUJFN.js";
import {
  addStateResource,
  cachedConfigAddress,
  configAddress,
  configurationDependencies,
  terraformDependencies
} from "./chunk-WR6YQ4W5.js";
import {
  DESTRUCTIVE_ACTIONS,
  SENSITIVE,
  isDestructive
} from "./chunk-5UHFVSEM.js";
import {
  isObject
} from "./chunk-X534SGSV.js";

// src/rules/address-glob.ts
var AddressGlob = class {
  constructor(pattern, format) {
    this.pattern = pattern;
    this.parts = splitAddress(pattern, format).map((part) => part === "**" ? "**" : new PartMatcher(part));
  }
  pattern;
  parts;
  matches(address, format) {
    return matchParts(this.parts, 0, splitAddress(address, format), 0);
  }
  /** True when the pattern matches the path or any leading part of it (a module and everything inside). */
  matchesPrefix(address, format) {
    const subject = splitAddress(address, format);
    for (let n = subject.length; n >= 1; n--) if (matchParts(this.parts, 0, subject.slice(0, n), 0)) return true;
    return false;
  }
};
var PartMatcher = class {
  literal;
  regexp;
  /** A pattern part without an index key compares with the address part's name alone. */
  ignoresIndex;
  constructor(part) {
    this.ignoresIndex = !part.includes("[");
    const escaped = part.replace(/[[\]\\]/g, (c) => `\\${c}`);
    if (/[*?{]/.test(part)) {
      this.regexp = new Minimatch(escaped, { dot: true, noext: true, nonegate: true, nocomment: true }).makeRe() || /(?!)/;
    } else {
      this.literal = part;
    }
  }
  matches(part) {
    const subject = this.ignoresIndex ? stripIndex(part) : part;
    return this.literal !== void 0 ? subject === this.literal : this.regexp.test(subject);
  }
};
function matchParts(pattern, p, subject, s) {
  for (; p < pattern.length; p++, s++) {
    const part = pattern[p];
    if (part === "**") {
      for (let rest = s; rest <= subject.length; rest++) if (matchParts(pattern, p + 1, subject, rest)) return true;
      return false;
    }
    if (s >= subject.length || !part.matches(subject[s])) return false;
  }
  return s === subject.length;
}
function stripIndex(part) {
  const open = part.indexOf("[");
  return open === -1 ? part : part.slice(0, open);
}
function splitAddress(address, format) {
  const separator = format === "terraform" ? "." : "/";
  const parts = [];
  let current = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (quoted) {
      if (c === "\\" && i + 1 < address.length) {
        current += c + address[++i];
        continue;
      }
      if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true;
    else if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === separator && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

// src/rules/match.ts
var GLOB = { nocomment: true, noext: true, nonegate: true, dot: true };
var GlobSet = class {
  exact = /* @__PURE__ */ new Set();
  patterns = [];
  constructor(globs) {
    for (const glob of globs) {
      if (/[*?[\]{}()!+@\\]/.test(glob)) this.patterns.push(new Minimatch(glob, GLOB));
      else this.exact.add(glob);
    }
  }
  matches(value) {
    return this.exact.has(value) || this.patterns.some((mm) => mm.match(value));
  }
};
var AddressGlobs = class {
  constructor(patterns) {
    this.patterns = patterns;
  }
  patterns;
  compiled = /* @__PURE__ */ new Map();
  for(format) {
    let globs = this.compiled.get(format);
    if (!globs) this.compiled.set(format, globs = this.patterns.map((p) => new AddressGlob(p, format)));
    return globs;
  }
  /** The change's address, or its address before a `moved` block renamed it. */
  matchesChange(change) {
    return this.firstMatch(change) !== void 0;
  }
  /** The first pattern that matches the change's address (or its address before a move). */
  firstMatch(change) {
    const names2 = [change.resourceAddress, change.previousAddress].filter((a) => a !== void 0);
    const i = this.for(change.format).findIndex((glob) => names2.some((name) => glob.matches(name, change.format)));
    return i === -1 ? void 0 : this.patterns[i];
  }
  /** The change's module, or any module around it. */
  matchesModule(change) {
    return change.module !== "" && this.for(change.format).some((glob) => glob.matchesPrefix(change.module, change.format));
  }
};
var RuleMatcher = class {
  compiled;
  ignore;
  constructor(rules, ignore = []) {
    this.ignore = new AddressGlobs(ignore);
    this.compiled = rules.map((rule) => {
      const { match } = rule;
      const c = { rule, actions: new Set(match.actions) };
      if (match.types) c.types = new GlobSet(match.types);
      if (match.addresses) c.addresses = new AddressGlobs(match.addresses);
      if (match.modules) c.modules = new AddressGlobs(match.modules);
      if (match.providers) c.providers = new GlobSet(match.providers);
      if (match.tags) c.tags = Object.entries(match.tags).map(([key, value]) => [key, new GlobSet([value])]);
      return c;
    });
  }
  isIgnored(change) {
    return this.ignore.matchesChange(change);
  }
  /** The `ignore` glob that excludes this change, if any. */
  ignoredBy(change) {
    return this.ignore.firstMatch(change);
  }
  /**
   * The rules whose every match key holds for this change under this action.
   * `anyAddress`: the change's address is not known (a module directory read
   * on its own), so address and module keys, and ignore globs, cannot rule a
   * protection out. `applyIgnore: false` asks which rules would match but for the ignore globs.
   */
  matching(change, action, { anyAddress = false, applyIgnore = true } = {}) {
    if (!anyAddress && applyIgnore && this.isIgnored(change)) return [];
    const out = [];
    let tags = null;
    for (const c of this.compiled) {
      if (!c.actions.has(action)) continue;
      if (c.types && !c.types.matches(change.type)) continue;
      if (c.providers && !c.providers.matches(change.provider)) continue;
      if (!anyAddress && c.addresses && !c.addresses.matchesChange(change)) continue;
      if (!anyAddress && c.modules && !c.modules.matchesModule(change)) continue;
      if (c.tags) {
        if (tags === null) tags = resourceTags(change);
        const known2 = tags;
        if (known2 && !c.tags.every(([key, glob]) => tagHolds(known2, key, glob))) continue;
      }
      out.push(c.rule);
    }
    return out;
  }
};
function tagHolds(tags, key, glob) {
  const value = tags.get(key);
  return value !== void 0 && (value === SENSITIVE || glob.matches(value));
}
function resourceTags(change) {
  const values = change.before ?? change.after;
  if (typeof values !== "object" || values === null) return void 0;
  const record = values;
  const tags = /* @__PURE__ */ new Map();
  for (const key of ["tags_all", "tags", "labels", "effective_labels", "Tags"]) {
    const raw = record[key];
    if (raw === SENSITIVE) return void 0;
    if (Array.isArray(raw)) {
      for (const tag of raw) {
        if (typeof tag === "object" && tag !== null && typeof tag.Key === "string") {
          const { Key, Value } = tag;
          tags.set(Key, typeof Value === "string" ? Value : typeof Value === "number" || typeof Value === "boolean" ? String(Value) : "");
        }
      }
    } else if (typeof raw === "object" && raw !== null) {
      for (const [k, v] of Object.entries(raw)) if (typeof v === "string") tags.set(k, v);
    }
  }
  return tags;
}

// src/rules/strictness.ts
function compareStrictness(a, b) {
  return b.approvals - a.approvals || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}
function strictestRule(rules) {
  return [...rules].sort(compareStrictness)[0];
}

// src/analysis/resources/values.ts
function objectValues(value) {
  return isObject(value) && Object.keys(value).length > 0 ? value : void 0;
}
function at(values, path) {
  let value = values;
  for (const key of typeof path === "string" ? [path] : path) {
    if (typeof key === "number") value = Array.isArray(value) ? value[key] : void 0;
    else value = isObject(value) ? value[key] : void 0;
  }
  return value;
}
function flag(values, path) {
  const value = at(values, path);
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return void 0;
}
function amount(values, path) {
  const value = at(values, path);
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : void 0;
}
function isSet(values, path) {
  const value = at(values, path);
  return value !== void 0 && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
}
function isEmpty(values, path) {
  const value = at(values, path);
  return value === null || value === "";
}
function identifier(values, path) {
  const value = at(values, path);
  return typeof value === "string" && /^[A-Za-z0-9][\w.:/-]{0,254}$/.test(value) ? value : void 0;
}
function deviceName(values, path) {
  const value = at(values, path);
  return typeof value === "string" && /^(\/dev\/)?[a-z][a-z0-9]{1,15}$/.test(value) ? value : void 0;
}
function list(values, key) {
  const value = at(values, key);
  return Array.isArray(value) ? value : [];
}
var days = (n) => `${n} ${n === 1 ? "day" : "days"}`;
function bytes(n) {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}

// src/analysis/resources/facts.ts
var KEPT = 0;
var REFUSED = 1;
var REPLACED = 2;
var FATE = 3;
var SIZE = 4;
var BACKUPS = 5;
var kept = (text) => ({ rank: KEPT, text });
var refused = (text) => ({ rank: REFUSED, text });
var fate = (text) => ({ rank: FATE, text });
var size = (text) => ({ rank: SIZE, text });
var backups = (text) => ({ rank: BACKUPS, text });
var CLUSTER_MEMBER = kept("a cluster instance: the data stays in the cluster's storage");
var READ_REPLICA = kept("a read replica: its source database keeps the data");
var startsEmpty = (what, unless) => `the new ${what} starts empty${unless ? ` unless ${unless}` : ""}`;
var sized = (path, text) => (v) => {
  const n = amount(v, path);
  return n ? size(text(n)) : void 0;
};
var sizedDisk = (sizeAttr, typeAttr, unit, noun) => (v) => {
  const n = amount(v, sizeAttr);
  const type = identifier(v, typeAttr);
  return n ? size(`${n} ${unit} ${type ? `${type} ` : ""}${noun}`) : void 0;
};
var allocatedStorage = (attr, maxAttr) => (v) => {
  const gib = amount(v, attr);
  if (!gib) return void 0;
  const max = maxAttr ? amount(v, maxAttr) : void 0;
  return size(`${gib} GiB of allocated storage${max && max > gib ? ` (autoscaling up to ${max} GiB)` : ""}`);
};
var clusterStorage = (engineAttr, allocatedAttr) => (v) => {
  const engine = at(v, engineAttr);
  if (typeof engine === "string" && engine.startsWith("aurora")) return size("Aurora storage: its size grows with the data");
  return allocatedStorage(allocatedAttr)(v);
};
var backupsDeleted = (retention2, what, owner, keepFlag) => (v) => {
  const n = amount(v, retention2);
  if (!n) return void 0;
  const these = `${what} (${days(n)})`;
  if (!keepFlag) return backups(`${these} are deleted with the ${owner}`);
  if (flag(v, keepFlag) === false) return backups(`${these} are kept after the delete (${keepFlag} is false)`);
  return backups(`${these} are deleted with the ${owner} unless ${keepFlag} is false`);
};
function snapshotTaken(v, attr) {
  const id = identifier(v, attr);
  return fate(id ? `a final snapshot is taken (${id})` : "a final snapshot is taken");
}
var finalSnapshot = (v) => {
  const skip = flag(v, "skip_final_snapshot");
  if (skip === true) return fate("no final snapshot: the data is gone");
  if (skip !== false) return void 0;
  if (isEmpty(v, "final_snapshot_identifier")) return refused("no final_snapshot_identifier is set, so the delete fails unless one is given");
  if (!isSet(v, "final_snapshot_identifier")) return void 0;
  return snapshotTaken(v, "final_snapshot_identifier");
};
var onOff = (path, on, off) => (v) => {
  const value = flag(v, path);
  return value === true ? on : value === false ? off : void 0;
};
var pointInTimeRecovery = (path) => onOff(
  path,
  fate("point-in-time recovery is on: AWS keeps a system backup of the table for 35 days"),
  fate("no point-in-time recovery: the items are gone unless an on-demand backup exists")
);
var forceDestroy = (v) => {
  const force = flag(v, "force_destroy");
  if (force === false) return refused("the delete fails if the bucket is not empty (force_destroy is off)");
  if (force !== true) return void 0;
  const out = [fate("force_destroy is on: every object is deleted with the bucket")];
  if (flag(v, ["versioning", 0, "enabled"]) === true) out.push(fate("versioned: older object versions go too"));
  if (flag(v, "object_lock_enabled") === true) out.push(refused("object lock is on: locked objects cannot be deleted, so the delete can fail"));
  return out;
};

// src/analysis/resources/guards.ts
var KINDS = [
  "protection",
  "listed-protection",
  "soft-delete",
  "state-only",
  "nested-protection",
  "empties",
  "no-snapshot",
  "snapshot-name",
  "soft-delete-days",
  "deletion-window",
  "deletion-policy"
];
var reportOrder = (guard) => KINDS.indexOf(guard.kind);
var deletable = (what, later) => `${what} can now be deleted by ${later}`;
var protection = (attr) => attributeGuard("protection", attr, deletable);
var softDelete = (attr, offMeans) => attributeGuard("soft-delete", attr, offMeans);
var stateOnly = (attr) => attributeGuard("state-only", attr, (what) => `destroying it now deletes ${what} instead of only dropping it from the state`);
function attributeGuard(kind, attr, offMeans) {
  return { name: attr, kind, path: attr, weakened: (t) => protectionOff(t, attr, t.before, t.after, attr, offMeans) };
}
function nestedProtection(block, attr) {
  const name = `${block}.${attr}`;
  const weakened = (t) => {
    const before = firstBlock(t.before[block]);
    const after = firstBlock(t.after[block]);
    return before && after ? protectionOff(t, attr, before, after, name, deletable) : void 0;
  };
  return { name, kind: "nested-protection", path: [block, 0, attr], weakened };
}
function listedProtection(listAttr, key) {
  const weakened = (t) => {
    const before = keyValue(t.before[listAttr], key);
    const after = keyValue(t.after[listAttr], key);
    return protectionOff(t, key, { [key]: before }, after === void 0 ? {} : { [key]: after }, `${listAttr}.${key}`, deletable);
  };
  return { name: `${listAttr}.${key}`, kind: "listed-protection", weakened };
}
var refusedBy = (guard, who, what = "the delete") => refusing(guard, `${guard.name} is on: ${who} refuses ${what} until it is turned off`);
var refusing = (guard, line) => ({
  ...guard,
  refusal: (v) => flag(v, guard.path) === true ? refused(line) : void 0
});
function protectionOff(t, key, before, after, guard, offMeans) {
  const from = before[key];
  const to = after[key];
  if (isSensitive(from) || isSensitive(to) || !isOn(from) || isOn(to)) return void 0;
  const terraform2 = t.change.format === "terraform";
  const unknown = terraform2 && !(key in after);
  const shown2 = unknown ? "(unknown)" : display(to);
  const later = terraform2 ? "a later apply" : "a later stack update";
  return {
    guard,
    from: display(from),
    to: shown2,
    description: unknown ? `${guard} may be turned off (${display(from)} → known only after apply): ${t.what} may be deletable by ${later}` : `${guard} turned off (${display(from)} → ${shown2}): ${offMeans(t.what, later)}`
  };
}
var emptiesOnDelete = (attr) => switchedOn("empties", attr, (what) => `deleting ${what} now also deletes everything in it, without failing first`);
var skipsSnapshot = (attr) => switchedOn("no-snapshot", attr, (what) => `deleting ${what} will take no final snapshot, so its data is lost`);
function switchedOn(kind, key, onMeans) {
  const weakened = ({ before, after, what }) => {
    const from = before[key];
    const to = after[key];
    if (isSensitive(from) || isSensitive(to) || !isOn(to) || isOn(from)) return void 0;
    return { guard: key, from: display(from), to: display(to), description: `${key} turned on (${display(from)} → ${display(to)}): ${onMeans(what)}` };
  };
  return { name: key, kind, weakened };
}
var FINAL_SNAPSHOT_NAME = {
  name: "final_snapshot_identifier",
  kind: "snapshot-name",
  weakened: ({ before, after, what }) => {
    const key = "final_snapshot_identifier";
    const from = before[key];
    const to = after[key];
    if (isSensitive(from) || isSensitive(to) || isSensitive(after.skip_final_snapshot)) return void 0;
    if (typeof from !== "string" || from === "" || !isAbsent(to) || !isOn(after.skip_final_snapshot)) return void 0;
    return { guard: key, from, to: "(removed)", description: `${key} removed (${from} → (removed)) while skip_final_snapshot is true: deleting ${what} will take no final snapshot` };
  }
};
var softDeleteRetention = (attr) => retention("soft-delete-days", attr);
var deletionWindow = (attr) => retention("deletion-window", attr);
function retention(kind, key) {
  const weakened = ({ before, after, what }) => {
    const from = dayCount(before[key]);
    const to = dayCount(after[key]);
    if (from === void 0 || to === void 0 || to >= from) return void 0;
    const description = to === 0 ? `${key} reduced to 0 (${from} → 0): deleting ${what} is now immediate and cannot be undone` : `${key} reduced (${from} → ${to}): ${what} can be recovered for fewer days after it is deleted`;
    return { guard: key, from: String(from), to: String(to), description };
  };
  return { name: key, kind, weakened };
}
var SAFE_DELETION_POLICIES = /* @__PURE__ */ new Set(["PREVENT", "ABANDON"]);
var UNSAFE_DELETION_POLICIES = /* @__PURE__ */ new Set(["DELETE", "FORCE"]);
var DELETION_POLICY = {
  name: "deletion_policy",
  kind: "deletion-policy",
  weakened: ({ before, after, what }) => {
    const from = before.deletion_policy;
    const to = after.deletion_policy;
    if (typeof from !== "string" || typeof to !== "string" || from === SENSITIVE || to === SENSITIVE) return void 0;
    const fromUpper = from.toUpperCase();
    if (!UNSAFE_DELETION_POLICIES.has(to.toUpperCase()) || UNSAFE_DELETION_POLICIES.has(fromUpper)) return void 0;
    const instead = SAFE_DELETION_POLICIES.has(fromUpper) ? fromUpper === "PREVENT" ? "instead of refusing" : "instead of abandoning it" : "with fewer checks";
    return { guard: "deletion_policy", from, to, description: `deletion_policy changed (${from} → ${to}): destroying ${what} now deletes it ${instead}` };
  }
};
var DELETION_PROTECTION = protection("deletion_protection");
var FORCE_DESTROY = emptiesOnDelete("force_destroy");
var ON_STRINGS = /* @__PURE__ */ new Set(["true", "protected", "active", "enabled"]);
function isOn(value) {
  if (value === true) return true;
  return typeof value === "string" && ON_STRINGS.has(value.trim().toLowerCase());
}
function isSensitive(value) {
  return value === SENSITIVE;
}
function isAbsent(value) {
  return value === void 0 || value === null || value === "";
}
function dayCount(value) {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*\d+\s*$/.test(value)) return Number(value);
  return void 0;
}
function display(value) {
  if (value === void 0 || value === null) return "(removed)";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
function firstBlock(value) {
  const block = Array.isArray(value) ? value[0] : value;
  return isObject(block) ? block : void 0;
}
function keyValue(list3, key) {
  if (!Array.isArray(list3)) return void 0;
  const entry = list3.find((item) => isObject(item) && item.Key === key);
  return entry?.Value;
}

// src/analysis/resources/aws.ts
var SNAPSHOT_GUARDS = [skipsSnapshot("skip_final_snapshot"), FINAL_SNAPSHOT_NAME];
var database = {
  noun: "the database",
  guards: [refusedBy(DELETION_PROTECTION, "AWS"), ...SNAPSHOT_GUARDS],
  replaced: startsEmpty("database", "restored from a snapshot")
};
var replicaOrFinalSnapshot = (v) => {
  if (!isSet(v, "replicate_source_db")) return finalSnapshot(v);
  const out = [READ_REPLICA];
  if (flag(v, "skip_final_snapshot") === false && isEmpty(v, "final_snapshot_identifier")) {
    out.push(refused("no final_snapshot_identifier is set, so the delete fails unless one is given"));
  }
  return out;
};
var documentGraphCluster = {
  ...database,
  facts: [finalSnapshot, () => size("cluster storage: its size grows with the data"), backupsDeleted("backup_retention_period", "automated backups", "cluster")]
};
var clusterInstance = {
  facts: [() => CLUSTER_MEMBER]
};
var elasticache = {
  replaced: startsEmpty("cache", "restored from a snapshot"),
  facts: [
    (v) => {
      if (at(v, "engine") === "memcached") return fate("memcached keeps no snapshots: the cached data is gone");
      if (isEmpty(v, "final_snapshot_identifier")) return fate("no final snapshot: the cached data is gone");
      return isSet(v, "final_snapshot_identifier") ? snapshotTaken(v, "final_snapshot_identifier") : void 0;
    },
    backupsDeleted("snapshot_retention_limit", "automatic backups", "cache")
  ]
};
var loadBalancer = { noun: "the load balancer", guards: [protection("enable_deletion_protection")] };
var instanceVolumes = (v) => ["root_block_device", "ebs_block_device"].flatMap(
  (key) => list(v, key).flatMap((block) => {
    const gib = amount(block, "volume_size");
    const type = identifier(block, "volume_type");
    const device = key === "ebs_block_device" ? deviceName(block, "device_name") : void 0;
    const what = [gib ? `${gib} GiB` : "", type ?? "", key === "root_block_device" ? "root volume" : "volume"].filter((w) => w !== "").join(" ");
    const volume = `the ${what}${device ? ` at ${device}` : ""}`;
    const onTermination = flag(block, "delete_on_termination");
    if (onTermination === true) return [fate(`${volume} is deleted with the instance`)];
    if (onTermination === false) return [fate(`${volume} is kept (delete_on_termination is false)`)];
    return [];
  })
);
var AWS = {
  aws_db_instance: {
    ...database,
    facts: [
      replicaOrFinalSnapshot,
      allocatedStorage("allocated_storage", "max_allocated_storage"),
      backupsDeleted("backup_retention_period", "automated backups", "instance", "delete_automated_backups")
    ]
  },
  aws_rds_cluster: {
    ...database,
    facts: [finalSnapshot, clusterStorage("engine", "allocated_storage"), backupsDeleted("backup_retention_period", "automated backups", "cluster", "delete_automated_backups")]
  },
  aws_docdb_cluster: documentGraphCluster,
  aws_neptune_cluster: documentGraphCluster,
  aws_redshift_cluster: {
    noun: "the database",
    guards: SNAPSHOT_GUARDS,
    replaced: startsEmpty("cluster", "restored from a snapshot"),
    facts: [
      finalSnapshot,
      (v) => {
        const nodes = amount(v, "number_of_nodes");
        const type = identifier(v, "node_type");
        return nodes && type ? size(`${nodes} ${type} ${nodes === 1 ? "node" : "nodes"}`) : void 0;
      },
      backupsDeleted("automated_snapshot_retention_period", "automated snapshots", "cluster")
    ]
  },
  aws_rds_cluster_instance: clusterInstance,
  aws_docdb_cluster_instance: clusterInstance,
  aws_neptune_cluster_instance: clusterInstance,
  aws_qldb_ledger: { noun: "the database", guards: [DELETION_PROTECTION] },
  aws_dynamodb_table: {
    noun: "the database",
    guards: [refusedBy(protection("deletion_protection_enabled"), "AWS")],
    replaced: startsEmpty("table", "restored from a backup"),
    facts: [pointInTimeRecovery(["point_in_time_recovery", 0, "enabled"])]
  },
  aws_elasticache_cluster: elasticache,
  aws_elasticache_replication_group: elasticache,
  aws_lb: loadBalancer,
  aws_alb: loadBalancer,
  aws_instance: {
    noun: "the instance",
    guards: [refusedBy(protection("disable_api_termination"), "AWS", "to terminate the instance")],
    replaced: "the new instance boots from its AMI, not from the old root volume",
    facts: [instanceVolumes]
  },
  aws_ebs_volume: {
    replaced: startsEmpty("volume", "created from a snapshot"),
    facts: [onOff("final_snapshot", fate("a final snapshot is taken"), fate("no final snapshot: the data is gone")), sizedDisk("size", "type", "GiB", "volume")]
  },
  aws_s3_bucket: { noun: "the bucket", guards: [FORCE_DESTROY], replaced: startsEmpty("bucket"), facts: [forceDestroy] },
  aws_iam_user: { noun: "the user", guards: [FORCE_DESTROY] },
  aws_route53_zone: { noun: "the zone", guards: [FORCE_DESTROY] },
  aws_ecr_repository: { noun: "the repository", guards: [emptiesOnDelete("force_delete")] },
  aws_efs_file_system: {
    replaced: startsEmpty("file system"),
    facts: [() => fate("every file in the file system is deleted"), sized(["size_in_bytes", 0, "value"], (n) => `${bytes(n)} of files when last refreshed`)]
  },
  aws_secretsmanager_secret: {
    noun: "the secret",
    guards: [deletionWindow("recovery_window_in_days")],
    facts: [
      (v) => {
        const n = amount(v, "recovery_window_in_days");
        if (n === 0) return fate("recovery_window_in_days is 0: the secret is deleted at once, with no recovery");
        return n ? fate(`the secret can be restored for ${days(n)} after the delete`) : void 0;
      }
    ]
  },
  aws_kms_key: {
    noun: "the key",
    guards: [deletionWindow("deletion_window_in_days")],
    replaced: "the new key cannot decrypt data encrypted with the old one",
    facts: [
      (v) => {
        const n = amount(v, "deletion_window_in_days");
        const window = n ? days(n) : isEmpty(v, "deletion_window_in_days") ? "30 days (the default)" : void 0;
        return window ? fate(`the key is scheduled for deletion after ${window} and can be restored until then`) : void 0;
      }
    ]
  },
  aws_cognito_user_pool: { noun: "the user pool", guards: [DELETION_PROTECTION] },
  aws_lambda_layer_version: { guards: [stateOnly("skip_destroy")] }
};

// src/analysis/resources/azure.ts
var RESTORED_SERVER = startsEmpty("server", "restored from a backup");
var AZURE = {
  azurerm_key_vault: {
    noun: "the key vault",
    guards: [
      softDelete("purge_protection_enabled", (what) => `${what} and its deleted objects can now be purged for good before the retention period ends`),
      softDeleteRetention("soft_delete_retention_days")
    ],
    replaced: "the new key vault starts with no keys, secrets or certificates",
    facts: [
      (v) => {
        const n = amount(v, "soft_delete_retention_days");
        const window = n ? ` for ${days(n)}` : "";
        const purgeProtection = flag(v, "purge_protection_enabled");
        if (purgeProtection === true) return fate(`soft-deleted with its keys, secrets and certificates: recoverable${window} (purge protection is on)`);
        if (purgeProtection === false) {
          return [
            fate("no purge protection: the azurerm provider purges the vault on destroy by default, with every key, secret and certificate in it"),
            backups(`recoverable${window} only if the provider's features.key_vault.purge_soft_delete_on_destroy is false`)
          ];
        }
        return fate("every key, secret and certificate in the vault goes with it");
      }
    ]
  },
  azurerm_recovery_services_vault: {
    noun: "the vault",
    guards: [softDelete("soft_delete_enabled", (what) => `deleted backups in ${what} are gone at once, with no soft-delete period`)]
  },
  azurerm_managed_disk: {
    replaced: startsEmpty("disk", "created from a snapshot or image"),
    facts: [sizedDisk("disk_size_gb", "storage_account_type", "GiB", "managed disk")]
  },
  azurerm_storage_account: {
    replaced: startsEmpty("storage account"),
    facts: [() => fate("every blob, file share, table and queue in the account is deleted")]
  },
  azurerm_postgresql_flexible_server: {
    replaced: RESTORED_SERVER,
    facts: [sized("storage_mb", (mb) => `${Number((mb / 1024).toFixed(1))} GiB of storage`)]
  },
  azurerm_mysql_flexible_server: {
    replaced: RESTORED_SERVER,
    facts: [sized(["storage", 0, "size_gb"], (gb) => `${gb} GB of storage`)]
  },
  azurerm_mssql_database: {
    replaced: startsEmpty("database", "restored from a backup"),
    facts: [sized("max_size_gb", (gb) => `up to ${gb} GB of data`)]
  }
};

// src/analysis/resources/cloudformation.ts
var database2 = {
  noun: "the database",
  guards: [refusedBy(protection("DeletionProtection"), "AWS")],
  replaced: startsEmpty("database", "restored from a snapshot")
};
var policyDeletes = (text = "no snapshot is taken, the data is gone") => () => fate(`DeletionPolicy Delete: ${text}`);
var dataGone = policyDeletes();
var cluster = {
  ...database2,
  deleted: dataGone,
  facts: [backupsDeleted("BackupRetentionPeriod", "automated backups", "cluster")]
};
var dynamodbTable = {
  noun: "the database",
  replaced: startsEmpty("table", "restored from a backup"),
  deleted: policyDeletes("the table and every item in it are deleted")
};
var cache = {
  replaced: startsEmpty("cache", "restored from a snapshot"),
  deleted: policyDeletes("no snapshot is taken, the cached data is gone"),
  facts: [backupsDeleted("SnapshotRetentionLimit", "automatic backups", "cache")]
};
var CLOUDFORMATION = {
  "AWS::RDS::DBInstance": {
    ...database2,
    // Without its Properties a cluster member or replica cannot be told apart, so no claim.
    deleted: (v) => Object.keys(v).length === 0 || isSet(v, "DBClusterIdentifier") || isSet(v, "SourceDBInstanceIdentifier") ? void 0 : dataGone(v),
    facts: [
      (v) => isSet(v, "DBClusterIdentifier") ? CLUSTER_MEMBER : void 0,
      (v) => isSet(v, "SourceDBInstanceIdentifier") ? READ_REPLICA : void 0,
      allocatedStorage("AllocatedStorage", "MaxAllocatedStorage"),
      (v) => isSet(v, "DBClusterIdentifier") ? void 0 : backupsDeleted("BackupRetentionPeriod", "automated backups", "instance", "DeleteAutomatedBackups")(v)
    ],
    // A stand-alone instance is snapshotted; a cluster member is deleted (its cluster holds the data).
    defaultPolicy: (after) => {
      const id = after?.DBClusterIdentifier;
      return id !== void 0 && id !== null && id !== "" ? "Delete" : "Snapshot";
    }
  },
  "AWS::RDS::DBCluster": {
    ...cluster,
    facts: [clusterStorage("Engine", "AllocatedStorage"), backupsDeleted("BackupRetentionPeriod", "automated backups", "cluster")],
    defaultPolicy: () => "Snapshot"
  },
  "AWS::DocDB::DBCluster": cluster,
  "AWS::Neptune::DBCluster": cluster,
  "AWS::Redshift::Cluster": {
    noun: "the database",
    replaced: startsEmpty("cluster", "restored from a snapshot"),
    deleted: dataGone,
    facts: [backupsDeleted("AutomatedSnapshotRetentionPeriod", "automated snapshots", "cluster")]
  },
  "AWS::DynamoDB::Table": {
    ...dynamodbTable,
    guards: [refusedBy(protection("DeletionProtectionEnabled"), "AWS")],
    facts: [pointInTimeRecovery(["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"])]
  },
  "AWS::DynamoDB::GlobalTable": dynamodbTable,
  "AWS::EC2::Instance": { noun: "the instance", guards: [protection("DisableApiTermination")] },
  "AWS::EC2::Volume": {
    replaced: startsEmpty("volume", "created from a snapshot"),
    deleted: dataGone,
    facts: [sizedDisk("Size", "VolumeType", "GiB", "volume")]
  },
  "AWS::ElasticLoadBalancingV2::LoadBalancer": { noun: "the load balancer", guards: [listedProtection("LoadBalancerAttributes", "deletion_protection.enabled")] },
  "AWS::S3::Bucket": {
    noun: "the bucket",
    replaced: startsEmpty("bucket"),
    // CloudFormation never empties a bucket: deleting one that holds objects fails.
    deleted: () => refused("DeletionPolicy Delete: the delete fails if the bucket is not empty (CloudFormation does not empty buckets)")
  },
  "AWS::ElastiCache::CacheCluster": { ...cache, noun: "the cluster" },
  "AWS::ElastiCache::ReplicationGroup": cache,
  "AWS::EFS::FileSystem": { replaced: startsEmpty("file system"), deleted: policyDeletes("every file in the file system is deleted") }
};

// src/analysis/resources/google.ts
var TERRAFORM_GUARD = refusedBy(DELETION_PROTECTION, "Terraform");
var terraformGuarded = (noun, replaced) => ({ noun, guards: [TERRAFORM_GUARD], replaced });
var GOOGLE = {
  google_sql_database_instance: {
    noun: "the database",
    guards: [
      TERRAFORM_GUARD,
      refusing(nestedProtection("settings", "deletion_protection_enabled"), "deletion protection is on in Cloud SQL: Google Cloud refuses the delete until it is turned off")
    ],
    replaced: startsEmpty("database", "restored from a backup"),
    facts: [
      (v) => {
        if (isSet(v, "master_instance_name")) return kept("a read replica: its primary instance keeps the data");
        const config = at(v, ["settings", 0, "final_backup_config"]);
        if (!Array.isArray(config)) return void 0;
        if (flag(config, [0, "enabled"]) === true) {
          const n = amount(config, [0, "retention_days"]);
          return fate(`a final backup is taken${n ? ` (kept ${days(n)})` : ""}`);
        }
        return fate(flag(v, ["settings", 0, "retain_backups_on_delete"]) === true ? "no final backup is taken" : "no final backup: the data is gone");
      },
      sized(["settings", 0, "disk_size"], (gb) => `${gb} GB of storage`),
      (v) => {
        if (flag(v, ["settings", 0, "backup_configuration", 0, "enabled"]) !== true) return void 0;
        const retain = flag(v, ["settings", 0, "retain_backups_on_delete"]);
        if (retain === true) return backups("automated backups are kept after the delete (retain_backups_on_delete)");
        return backups("automated backups are deleted with the instance unless retain_backups_on_delete is true");
      }
    ]
  },
  google_sql_database: { noun: "the database", guards: [DELETION_POLICY] },
  google_alloydb_cluster: { noun: "the database", guards: [DELETION_POLICY] },
  google_spanner_database: terraformGuarded("the database", startsEmpty("database", "restored from a backup")),
  google_bigtable_instance: terraformGuarded("the database", startsEmpty("instance", "restored from a backup")),
  google_bigtable_table: { noun: "the database", guards: [DELETION_PROTECTION] },
  google_bigquery_dataset: {
    replaced: startsEmpty("dataset"),
    facts: [
      onOff(
        "delete_contents_on_destroy",
        fate("delete_contents_on_destroy is on: every table in the dataset is deleted"),
        refused("the delete fails if the dataset holds tables (delete_contents_on_destroy is off)")
      )
    ]
  },
  google_bigquery_table: terraformGuarded("the table", startsEmpty("table")),
  google_compute_disk: { replaced: startsEmpty("disk", "created from a snapshot or image"), facts: [sizedDisk("size", "type", "GB", "disk")] },
  google_compute_instance: {
    noun: "the instance",
    guards: [refusedBy(DELETION_PROTECTION, "Google Cloud")],
    replaced: "the new instance boots from its image, not from the old boot disk",
    facts: [
      (v) => {
        const autoDelete = flag(v, ["boot_disk", 0, "auto_delete"]);
        const gb = amount(v, ["boot_disk", 0, "initialize_params", 0, "size"]);
        const disk = `the ${gb ? `${gb} GB ` : ""}boot disk`;
        if (autoDelete === true) return fate(`${disk} is deleted with the instance`);
        if (autoDelete === false) return fate(`${disk} is kept (auto_delete is false)`);
        return void 0;
      }
    ]
  },
  google_container_cluster: { noun: "the cluster", guards: [DELETION_PROTECTION] },
  google_storage_bucket: { noun: "the bucket", guards: [FORCE_DESTROY], replaced: startsEmpty("bucket"), facts: [forceDestroy] },
  google_project: { guards: [DELETION_POLICY] }
};

// src/analysis/resources/index.ts
var ENTRIES = {
  terraform: new Map(Object.entries({ ...AWS, ...GOOGLE, ...AZURE })),
  cloudformation: new Map(Object.entries(CLOUDFORMATION))
};
function knownTypes() {
  return [...ENTRIES.terraform.keys(), ...ENTRIES.cloudformation.keys()];
}
function entryOf(format, type) {
  return ENTRIES[format].get(type);
}
function guardsNamed(entries2) {
  const byName = /* @__PURE__ */ new Map();
  for (const entry of entries2.values()) for (const guard of entry.guards ?? []) if (!byName.has(guard.name)) byName.set(guard.name, guard);
  return [...byName.values()].sort((a, b) => reportOrder(a) - reportOrder(b));
}
var GUARDS = {
  terraform: guardsNamed(ENTRIES.terraform),
  cloudformation: guardsNamed(ENTRIES.cloudformation)
};
function guardsOf(format) {
  return GUARDS[format];
}
function nounOf(format, type) {
  return entryOf(format, type)?.noun ?? guessedNoun(type);
}
var guessed = /* @__PURE__ */ new Map();
function guessedNoun(type) {
  let noun = guessed.get(type);
  if (noun === void 0) guessed.set(type, noun = nounFromName(type));
  return noun;
}
function nounFromName(type) {
  const t = type.toLowerCase();
  if (/key_?vault/.test(t)) return "the key vault";
  if (/secret/.test(t)) return "the secret";
  if (/kms/.test(t)) return "the key";
  if (/recovery_services|backup/.test(t)) return "the vault";
  if (/(^|_|::)(db|rds|docdb|neptune|redshift|dynamodb|spanner|bigtable|qldb|sql|alloydb)(_|::|$)|database|dbcluster|dbinstance/.test(t)) return "the database";
  if (/bucket|::s3::/.test(t)) return "the bucket";
  if (/(^|_)(lb|alb)(_|$)|loadbalancer/.test(t)) return "the load balancer";
  if (/table/.test(t)) return "the table";
  if (/cluster/.test(t)) return "the cluster";
  if (/instance/.test(t)) return "the instance";
  if (/repository/.test(t)) return "the repository";
  if (/zone/.test(t)) return "the zone";
  if (/user_?pool/.test(t)) return "the user pool";
  if (/user/.test(t)) return "the user";
  return "the resource";
}

// src/analysis/data-at-risk.ts
function dataAtRisk(change) {
  if (!DESTRUCTIVE_ACTIONS.has(change.action)) return [];
  const statements = change.format === "cloudformation" ? cloudFormation(change) : terraform(change);
  const ordered = statements.map((s, i) => ({ ...s, i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  return [...new Set(ordered.map((s) => s.text))];
}
function terraform(change) {
  if (change.action === "forget") return [kept("removed from Terraform state only: the resource and its data stay, unmanaged")];
  const entry = entryOf("terraform", change.type);
  const values = objectValues(change.before);
  if (!entry || !values) return [];
  return [...replacement(change, entry), ...run(facts(entry), values)];
}
function cloudFormation(change) {
  const entry = entryOf("cloudformation", change.type);
  const values = objectValues(change.before) ?? {};
  const policy = change.policyAction ?? "";
  if (change.action === "forget" || policy === "Retain") return [kept("DeletionPolicy Retain: the resource and its data are kept, outside the stack")];
  if (policy === "ReplaceAndRetain") {
    return [kept("DeletionPolicy Retain: the old resource and its data are kept, outside the stack"), ...entry ? replacement(change, entry) : []];
  }
  const out = [];
  if (policy === "Snapshot" || policy === "ReplaceAndSnapshot") out.push(fate("a snapshot is taken (DeletionPolicy Snapshot)"));
  if (!entry) return out;
  if ((policy === "Delete" || policy === "ReplaceAndDelete") && entry.deleted) out.push(...list2(entry.deleted(values)));
  return [...out, ...replacement(change, entry), ...run(facts(entry), values)];
}
function facts(entry) {
  return [...(entry.guards ?? []).flatMap((g) => g.refusal ? [g.refusal] : []), ...entry.facts ?? []];
}
function replacement(change, entry) {
  if (change.action !== "replace" || !entry.replaced) return [];
  return [{ rank: REPLACED, text: `${change.conditional ? "if replaced" : "replaced"}: ${entry.replaced}` }];
}
function run(facts2, values) {
  return facts2.flatMap((fact) => list2(fact(values)));
}
function list2(facts2) {
  return facts2 === void 0 ? [] : Array.isArray(facts2) ? facts2 : [facts2];
}

// src/analysis/dependents.ts
var MAX_LISTED_DEPENDENTS = 50;
var LIMITS = {
  // Enough for the whole blast radius of a finding in a real plan; larger ones are counted by the condensed graph.
  search: 1 << 21,
  searchMax: 1 << 12,
  listMin: 8 * (MAX_LISTED_DEPENDENTS + 1),
  bitsetWork: 1 << 26,
  bitsetWords: 1 << 23
};
function blastRadii(deps, nodes, limits = LIMITS) {
  const g = reverseGraph(deps);
  const ids = nodes.map((n) => g.index.get(n) ?? -1);
  const sources = ids.filter((v) => v >= 0 && g.start[v + 1] > g.start[v]);
  if (sources.length === 0) return { dependents: nodes.map(() => ({ listed: [], total: 0, atLeast: false })), work: 0 };
  const c = condense(g, sources);
  const state = { work: 0 };
  const firstOf = /* @__PURE__ */ new Map();
  for (const v of sources) if (!firstOf.has(c.comp[v])) firstOf.set(c.comp[v], v);
  const budget = Math.min(limits.searchMax, Math.floor(limits.search / firstOf.size));
  const seen = new Int32Array(g.names.length);
  const queue = new Int32Array(g.names.length);
  const searched = /* @__PURE__ */ new Map();
  for (const [comp, v] of firstOf) searched.set(comp, search(g, v, { budget, listMin: limits.listMin }, seen, queue, searched.size + 1, state));
  const open = [...searched].filter(([, s]) => !s.complete).map(([comp]) => comp);
  const counts = open.length > 0 ? countReach(c, open, limits, state) : /* @__PURE__ */ new Map();
  const dependents = ids.map((v) => {
    const s = v >= 0 ? searched.get(c.comp[v]) : void 0;
    if (v < 0 || !s) return { listed: [], total: 0, atLeast: false };
    const self = g.reportable[v];
    const listed = s.listed.filter((d) => d !== v).slice(0, MAX_LISTED_DEPENDENTS).map((d) => g.names[d]).sort();
    const count = s.complete ? { size: s.found, exact: true } : counts.get(c.comp[v]);
    return { listed, total: Math.max(listed.length, Math.max(s.found, count.size) - self), atLeast: !count.exact };
  });
  return { dependents, work: state.work };
}
function reverseGraph(deps) {
  const index = /* @__PURE__ */ new Map();
  const names2 = [];
  const inDegree = [];
  const id = (name) => {
    let i = index.get(name);
    if (i === void 0) {
      index.set(name, i = names2.push(name) - 1);
      inDegree.push(0);
    }
    return i;
  };
  let edges = 0;
  for (const [from, targets] of deps) {
    id(from);
    for (const to of targets) {
      const t = id(to);
      inDegree[t]++;
      edges++;
    }
  }
  const n = names2.length;
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[v + 1] = start[v] + inDegree[v];
  const fill = start.slice(0, n);
  const ref = new Int32Array(edges);
  for (const [from, targets] of deps) {
    const f = index.get(from);
    for (const to of targets) ref[fill[index.get(to)]++] = f;
  }
  const reportable = new Uint8Array(n);
  for (let v = 0; v < n; v++) reportable[v] = isReportable(names2[v]) ? 1 : 0;
  return { names: names2, index, start, ref, reportable };
}
function isReportable(node) {
  let at2 = 0;
  while (node.startsWith("module.", at2)) {
    const dot = node.indexOf(".", at2 + 7);
    if (dot <= at2 + 7) break;
    at2 = dot + 1;
  }
  if (node.endsWith("*") || node.startsWith("var.", at2) || node.startsWith("local.", at2)) return false;
  return !(at2 > 0 && node.startsWith("output.", at2));
}
function search(g, from, { budget, listMin }, seen, queue, stamp, state) {
  const want = MAX_LISTED_DEPENDENTS + 1;
  const listed = [];
  let found = 0;
  const reach = (v) => {
    seen[v] = stamp;
    queue[tail++] = v;
    if (g.reportable[v]) {
      found++;
      if (listed.length < want) listed.push(v);
    }
  };
  let head = 0;
  let tail = 0;
  let work = 0;
  reach(from);
  while (head < tail) {
    const v = queue[head++];
    for (let e = g.start[v]; e < g.start[v + 1]; e++) {
      if (work >= budget && (listed.length >= want || work >= listMin)) {
        state.work += work;
        return { listed, found, complete: false };
      }
      work++;
      const w = g.ref[e];
      if (seen[w] !== stamp) reach(w);
    }
  }
  state.work += work;
  return { listed, found, complete: true };
}
function condense(g, sources) {
  const n = g.names.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const calls = new Int32Array(n);
  const next = new Int32Array(n);
  const members = new Int32Array(n);
  const memberStart = [0];
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let comps = 0;
  let mp = 0;
  const enter = (v) => {
    order[v] = low[v] = counter++;
    stack[sp++] = v;
    calls[cp++] = v;
    next[v] = g.start[v];
  };
  for (const s of sources) {
    if (order[s] !== -1) continue;
    enter(s);
    while (cp > 0) {
      const v = calls[cp - 1];
      if (next[v] < g.start[v + 1]) {
        const w2 = g.ref[next[v]++];
        if (order[w2] === -1) enter(w2);
        else if (comp[w2] === -1) low[v] = Math.min(low[v], order[w2]);
        continue;
      }
      cp--;
      if (cp > 0) low[calls[cp - 1]] = Math.min(low[calls[cp - 1]], low[v]);
      if (low[v] !== order[v]) continue;
      let w;
      do {
        w = stack[--sp];
        comp[w] = comps;
        members[mp++] = w;
      } while (w !== v);
      comps++;
      memberStart.push(mp);
    }
  }
  const weight = new Int32Array(comps);
  const succStart = new Int32Array(comps + 1);
  const succ = [];
  const mark = new Int32Array(comps).fill(-1);
  for (let c = 0; c < comps; c++) {
    for (let m = memberStart[c]; m < memberStart[c + 1]; m++) {
      const v = members[m];
      weight[c] += g.reportable[v];
      for (let e = g.start[v]; e < g.start[v + 1]; e++) {
        const d = comp[g.ref[e]];
        if (d === c || mark[d] === c) continue;
        mark[d] = c;
        succ.push(d);
      }
    }
    succStart[c + 1] = succ.length;
  }
  return { comp, weight, succStart, succ: Int32Array.from(succ) };
}
function countReach(c, open, limits, state) {
  const comps = c.weight.length;
  const lower = new Float64Array(comps);
  const upper = new Float64Array(comps);
  const all = c.weight.reduce((a, b) => a + b, 0);
  for (let x = 0; x < comps; x++) {
    let most = 0;
    let sum = 0;
    for (let e = c.succStart[x]; e < c.succStart[x + 1]; e++) {
      most = Math.max(most, lower[c.succ[e]]);
      sum += upper[c.succ[e]];
    }
    lower[x] = c.weight[x] + most;
    upper[x] = Math.min(all, c.weight[x] + sum);
  }
  state.work += c.succ.length;
  const counts = /* @__PURE__ */ new Map();
  const unsure = [];
  for (const x of open) {
    if (lower[x] === upper[x]) counts.set(x, { size: lower[x], exact: true });
    else unsure.push(x);
  }
  const exact = unsure.length > 0 ? bitsetCounts(c, unsure, limits, state) : void 0;
  for (const x of unsure) counts.set(x, exact ? { size: exact.get(x), exact: true } : { size: lower[x], exact: false });
  return counts;
}
function bitsetCounts(c, targets, limits, state) {
  const reached = new Uint8Array(c.weight.length);
  const stack = [...targets];
  for (const t of targets) reached[t] = 1;
  let edges = 0;
  while (stack.length > 0) {
    const x = stack.pop();
    for (let e = c.succStart[x]; e < c.succStart[x + 1]; e++) {
      edges++;
      const y = c.succ[e];
      if (reached[y]) continue;
      reached[y] = 1;
      stack.push(y);
    }
  }
  state.work += edges;
  const list3 = [];
  for (let x = 0; x < reached.length; x++) if (reached[x]) list3.push(x);
  const local = new Int32Array(c.weight.length);
  const firstBit = new Float64Array(list3.length + 1);
  list3.forEach((x, i) => {
    local[x] = i;
    firstBit[i + 1] = firstBit[i] + c.weight[x];
  });
  const bits = firstBit[list3.length];
  const words = Math.ceil(bits / 32);
  if (words * (list3.length + edges + targets.length) > limits.bitsetWork) return void 0;
  const block = Math.max(1, Math.min(words, Math.floor(limits.bitsetWords / list3.length)));
  const rows = new Uint32Array(list3.length * block);
  const sizes = new Map(targets.map((t) => [t, 0]));
  for (let lo = 0; lo < words; lo += block) {
    rows.fill(0);
    list3.forEach((x, i) => {
      const row = i * block;
      const from = Math.max(firstBit[i], lo * 32);
      const to = Math.min(firstBit[i + 1], (lo + block) * 32);
      for (let b = from; b < to; b++) rows[row + ((b >>> 5) - lo)] |= 1 << (b & 31);
      for (let e = c.succStart[x]; e < c.succStart[x + 1]; e++) {
        const other = local[c.succ[e]] * block;
        for (let k = 0; k < block; k++) rows[row + k] |= rows[other + k];
      }
    });
    for (const t of targets) {
      const row = local[t] * block;
      let n = 0;
      for (let k = 0; k < block; k++) n += popcount(rows[row + k]);
      sizes.set(t, sizes.get(t) + n);
    }
    state.work += block * (list3.length + edges + targets.length);
  }
  return sizes;
}
function popcount(x) {
  x -= x >>> 1 & 1431655765;
  x = (x & 858993459) + (x >>> 2 & 858993459);
  return (x + (x >>> 4) & 252645135) * 16843009 >>> 24;
}

// src/analysis/why.ts
var TERRAFORM_REASONS = {
  replace_because_tainted: "it is tainted (a failed create, or terraform taint), so Terraform destroys it and creates it anew",
  replace_by_request: "replacement was requested with -replace (terraform plan -replace=ADDRESS)",
  replace_because_cannot_update: "an argument changed that the provider cannot update in place",
  replace_by_triggers: "a resource or attribute named in its lifecycle replace_triggered_by changed",
  delete_because_no_resource_config: "its resource block was removed from the configuration",
  delete_because_no_module: "the module that declared it was removed from the configuration",
  delete_because_wrong_repetition: "its count or for_each was added or removed, so this instance key no longer exists",
  delete_because_count_index: "its index is past the new count",
  delete_because_each_key: "its key is no longer in for_each",
  delete_because_no_move_target: "the target of its moved block is not in the configuration"
};
function whyChange(change) {
  const parts = [];
  if (change.deposed !== void 0) parts.push("it is a deposed object, left by an earlier create_before_destroy replacement that did not finish, which Terraform now destroys");
  if (change.format === "terraform") {
    const reason = change.reason;
    const paths = change.replacePaths ?? [];
    if (paths.length > 0 && (reason === void 0 || reason === "replace_because_cannot_update")) {
      parts.push(`changing ${names(paths)} forces replacement: the provider cannot update ${paths.length === 1 ? "it" : "them"} in place`);
    } else {
      if (reason !== void 0) parts.push(TERRAFORM_REASONS[reason] ?? `Terraform's reason: ${reason}`);
      if (paths.length > 0) parts.push(`changing ${names(paths)} forces replacement`);
    }
  } else {
    if (change.recreation?.length) {
      const always = change.recreation.filter((r) => r.requires === "Always").map((r) => r.property);
      const maybe = change.recreation.filter((r) => r.requires === "Conditionally").map((r) => r.property);
      if (always.length > 0) parts.push(`changing ${names(always)} requires recreation (RequiresRecreation: Always)`);
      if (maybe.length > 0) parts.push(`changing ${names(maybe)} may require recreation (RequiresRecreation: Conditionally)`);
    } else if (change.reason !== void 0 && !change.reason.startsWith("requires replacement")) {
      parts.push(change.reason);
    }
    if (change.action === "delete") parts.push("it is no longer in the template (removed, or its Condition is now false)");
    if (change.causedBy?.length) parts.push(`caused by a change to ${names(change.causedBy)}`);
  }
  if (change.action === "replace") parts.push(replaceOrder(change));
  if (change.action === "forget" && change.format === "terraform") parts.push("Terraform stops managing it and leaves the object itself in place");
  if (parts.length === 0) return void 0;
  const text = parts.join("; ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
function replaceOrder(change) {
  if (change.format === "cloudformation") return "CloudFormation creates the new one, points what references it at the new one, then deletes the old one";
  return change.createBeforeDestroy ? "the new one is created before the old one is destroyed (create_before_destroy)" : "the old one is destroyed before the new one is created, so it is gone in between";
}
function names(items) {
  const shown2 = items.slice(0, 5).map((i) => `"${i}"`);
  const rest = items.length - shown2.length;
  if (rest > 0) return `${shown2.join(", ")} and ${rest} more`;
  return shown2.length === 1 ? shown2[0] : `${shown2.slice(0, -1).join(", ")} and ${shown2.at(-1)}`;
}

// src/analysis/weakening.ts
function detectWeakenings(change) {
  if (change.action !== "update" && change.action !== "replace") return [];
  const found = [];
  const before = change.before;
  const after = change.after;
  if (isObject(before) && isObject(after)) {
    const transition = { change, before, after, what: nounOf(change.format, change.type) };
    for (const guard of guardsOf(change.format)) {
      const weakening = guard.weakened(transition);
      if (weakening) found.push(weakening);
    }
  }
  if (change.format === "cloudformation") policyWeakenings(change, found);
  return found;
}
var RETAINING_POLICIES = /* @__PURE__ */ new Set(["Retain", "RetainExceptOnCreate", "Snapshot"]);
function policyWeakenings(change, found) {
  for (const policy of change.policyChanges ?? []) {
    if (policy.attribute !== "DeletionPolicy" && policy.attribute !== "UpdateReplacePolicy") continue;
    const from = policyValue(policy.before);
    const written = policyValue(policy.after);
    if (from === void 0 || from === SENSITIVE || written === SENSITIVE || !RETAINING_POLICIES.has(from)) continue;
    const effective = written ?? defaultPolicy(change);
    if (RETAINING_POLICIES.has(effective)) continue;
    const to = written ?? "(removed)";
    const instead = from === "Snapshot" ? "without a final snapshot" : "instead of keeping it";
    const when = policy.attribute === "DeletionPolicy" ? "removing it from the template or deleting the stack" : "a replacement";
    found.push({
      guard: policy.attribute,
      from,
      to,
      description: `${policy.attribute} changed (${from} → ${to}${written === void 0 ? `, so ${effective}` : ""}): ${when} now deletes ${nounOf(change.format, change.type)} ${instead}`
    });
  }
}
function policyValue(value) {
  if (value === void 0) return void 0;
  const trimmed = value.trim().replace(/^"(.*)"$/, "$1");
  return trimmed === "" ? void 0 : trimmed;
}
function defaultPolicy(change) {
  const byType = entryOf("cloudformation", change.type)?.defaultPolicy;
  return byType ? byType(isObject(change.after) ? change.after : void 0) : "Delete";
}

// src/analysis/analyse.ts
function analyse({ plans, readErrors, ruleSet, sourceWeakenings = [] }) {
  const changes = plans.flatMap((plan) => plan.changes);
  const findings = [];
  const ignored = [];
  const matcher = new RuleMatcher(ruleSet.rules, ruleSet.ignore);
  const fromSources = groupByAddress(sourceWeakenings);
  const covered = /* @__PURE__ */ new Set();
  const sources = /* @__PURE__ */ new Map();
  const found = (finding, change, plan, dependencies = plan?.dependencies ?? /* @__PURE__ */ new Map()) => {
    findings.push(finding);
    const node = change.format === "terraform" ? configAddress(change.resourceAddress) : change.address;
    const entry = sources.get(dependencies);
    if (entry) entry.list.push({ finding, node });
    else sources.set(dependencies, { plan, list: [{ finding, node }] });
  };
  for (const plan of plans) {
    for (const change of plan.changes) {
      const weakenings = detectWeakenings(change);
      if (change.format === "terraform" && fromSources.size > 0) {
        for (const address of [change.resourceAddress, change.previousAddress]) {
          for (const source of fromSources.get(configAddress(address ?? "")) ?? []) {
            weakenings.push(source.weakening);
            covered.add(source);
          }
        }
      }
      const action = matchAction(change, weakenings);
      if (!action) continue;
      const rules = matcher.matching(change, action);
      if (rules.length === 0) {
        const glob = matcher.ignoredBy(change);
        const would = glob === void 0 ? [] : matcher.matching(change, action, { applyIgnore: false });
        if (glob !== void 0 && would.length > 0) ignored.push({ file: change.file, address: change.address, type: change.type, action, ignoredBy: glob, rules: would.map((r) => r.name) });
        continue;
      }
      found(toFinding(change, action, rules, weakenings), change, plan);
    }
  }
  for (const source of sourceWeakenings) {
    if (covered.has(source)) continue;
    const change = sourceChange(source);
    const rules = matcher.matching(change, "protection-removed", { anyAddress: source.anyModule === true });
    if (rules.length > 0) found(toFinding(change, "protection-removed", rules, [source.weakening]), change, plans.find((p) => p.format === "terraform"));
  }
  for (const [dependencies, { plan, list: list3 }] of sources) {
    const radii = blastRadii(dependencies, list3.map((s) => s.node)).dependents;
    let fate2;
    list3.forEach(({ finding }, i) => {
      const d = radii[i];
      finding.dependents = d.listed;
      finding.dependentsTotal = d.total;
      if (d.atLeast) finding.dependentsTotalIsMinimum = true;
      if (plan === void 0 || d.listed.length === 0) return;
      fate2 ??= fatesOf(plan);
      const fates = {};
      for (const dependent of d.listed) {
        const f = fate2(dependent);
        if (f !== void 0) fates[dependent] = f;
      }
      if (Object.keys(fates).length > 0) finding.dependentFates = fates;
    });
  }
  const errors = [...readErrors, ...plans.flatMap((plan) => plan.incomplete ? [`${plan.file}: ${plan.incomplete}`] : [])];
  const decision = errors.length > 0 ? "error" : findings.length > 0 ? "blocked" : "pass";
  return { files: plans.map((p) => p.file), changes, findings, ignored, errors, decision };
}
function matchAction(change, weakenings) {
  if (isDestructive(change.action)) return change.action;
  return weakenings.length > 0 ? "protection-removed" : void 0;
}
function groupByAddress(sources) {
  const map = /* @__PURE__ */ new Map();
  for (const source of sources) {
    const list3 = map.get(source.address);
    if (list3) list3.push(source);
    else map.set(source.address, [source]);
  }
  return map;
}
function sourceChange(source) {
  const module = source.address.match(/^((?:module\.[^.]+\.)*)/)?.[1]?.replace(/\.$/, "") ?? "";
  return {
    file: source.file,
    format: "terraform",
    address: source.address,
    resourceAddress: source.address,
    type: source.type,
    name: source.address.split(".").pop() ?? "",
    provider: source.type.split("_")[0] ?? "",
    module,
    action: "update"
  };
}
function toFinding(change, action, rules, weakenings) {
  const strictest = strictestRule(rules);
  const finding = {
    file: change.file,
    address: change.address,
    type: change.type,
    action,
    rule: strictest.name,
    rules: rules.map((r) => r.name),
    severity: SEVERITIES[Math.min(...rules.map((r) => SEVERITIES.indexOf(r.severity)))],
    approvals: Math.max(...rules.map((r) => r.approvals)),
    approvers: {
      teams: unique(rules.flatMap((r) => r.approvers.teams)),
      users: unique(rules.flatMap((r) => r.approvers.users))
    },
    dependents: [],
    dependentsTotal: 0,
    dataAtRisk: dataAtRisk(change)
  };
  if (change.conditional) finding.conditional = true;
  if (change.previousAddress) finding.previousAddress = change.previousAddress;
  if (action !== "protection-removed") {
    const why = whyChange(change);
    if (why !== void 0) finding.why = why;
    if (change.format === "terraform" && change.reason !== void 0) finding.actionReason = change.reason;
    if (change.replacePaths) finding.replacePaths = change.replacePaths;
    if (change.recreation) finding.recreation = change.recreation;
    if (change.createBeforeDestroy) finding.createBeforeDestroy = true;
  }
  if (change.stack !== void 0) finding.stack = change.stack;
  if (change.physicalId !== void 0) finding.physicalId = change.physicalId;
  if (strictest.reason) finding.reason = strictest.reason;
  if (weakenings.length > 0) finding.weakenings = weakenings;
  return finding;
}
function unique(items) {
  return [...new Set(items)];
}

// src/rules/repository-path.ts
function repositoryPathProblem(path) {
  if (path.startsWith("/")) return "a path relative to the repository root, without a leading /";
  if (path.endsWith("/")) return "a path without a trailing / (a directory is dir/**)";
  if (path.includes("\\")) return "a path with / between its parts";
  if (path.split("/").some((part) => part === "" || part === "." || part === "..")) return "a path without empty, . or .. parts";
  return void 0;
}

// src/load-yaml.ts
async function loadYaml() {
  const mod = await import("./dist-NQIGWYAX.js");
  return mod.default ?? mod;
}
function yamlProblem(doc, what = "YAML") {
  return yamlProblems(doc, what)[0];
}
function yamlProblems(doc, what = "YAML") {
  return doc.errors.map((problem) => {
    const at2 = problem.linePos?.[0];
    const message = (problem.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    return `invalid ${what}${at2 ? ` at line ${at2.line} column ${at2.col}` : ""}: ${message}`;
  });
}

// src/plan/read-plan.ts
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

// src/plan/cloudformation-fields.ts
var CHANGE_TYPES = ["Resource"];
var ACTIONS = ["Add", "Modify", "Remove", "Import", "Dynamic", "SyncWithActual"];
var REPLACEMENTS = ["True", "False", "Conditional"];
var POLICY_ACTIONS = ["Delete", "Retain", "Snapshot", "ReplaceAndDelete", "ReplaceAndRetain", "ReplaceAndSnapshot"];
var ATTRIBUTES = ["Properties", "Metadata", "CreationPolicy", "UpdatePolicy", "DeletionPolicy", "UpdateReplacePolicy", "Tags"];
var EVALUATIONS = ["Static", "Dynamic"];
var CHANGE_SOURCES = ["ResourceReference", "ParameterReference", "ResourceAttribute", "DirectModification", "Automatic", "NoModification"];
var RECREATIONS = ["Never", "Conditionally", "Always"];
var STATUSES = ["CREATE_PENDING", "CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_PENDING", "DELETE_IN_PROGRESS", "DELETE_COMPLETE", "DELETE_FAILED", "FAILED"];
var EXECUTION_STATUSES = ["UNAVAILABLE", "AVAILABLE", "EXECUTE_IN_PROGRESS", "EXECUTE_COMPLETE", "EXECUTE_FAILED", "OBSOLETE"];
var DESCRIBE = "`aws cloudformation describe-change-set --output json`";
var FieldErrors = class {
  constructor(file) {
    this.file = file;
  }
  file;
  damaged(problem) {
    return new InputError(this.file, `${problem}: the file is damaged; regenerate it with ${DESCRIBE}`);
  }
  undocumented(problem) {
    return new InputError(this.file, `${problem}, which the describe-change-set API reference does not list: upgrade plangate if AWS added it, else regenerate the file with ${DESCRIBE}`);
  }
  contradiction(problem) {
    return new InputError(this.file, `${problem}: the change set contradicts itself, so plangate cannot tell what happens; regenerate it with ${DESCRIBE}`);
  }
};
function shown(value, max = 200) {
  if (value === void 0) return "missing";
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "an object";
  return quote(value, max);
}
function given(value) {
  return value !== void 0 && value !== null;
}
function optionalString(obj, key, at2, errors) {
  const value = obj[key];
  if (!given(value)) return void 0;
  if (typeof value !== "string") throw errors.damaged(`${at2}${key} is ${shown(value)}, not a string`);
  return value;
}
var RESOURCE_TYPE = /^(?:[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}(?:::MODULE)?|Custom::[A-Za-z0-9_@-]{1,60})$/;
function requiredName(obj, key, at2, errors) {
  const value = obj[key];
  if (typeof value !== "string" || value === "") throw errors.damaged(`${at2}${key} is ${shown(value)}, not a non-empty string`);
  return value;
}
function oneOf(obj, key, allowed, at2, errors) {
  return given(obj[key]) ? valueOf(obj[key], `${at2}${key}`, allowed, errors) : void 0;
}
function valueOf(value, label, allowed, errors) {
  if (typeof value !== "string") throw errors.damaged(`${label} is ${shown(value)}, not a string`);
  if (!allowed.includes(value)) throw errors.undocumented(`${label} is ${shown(value)}, not one of ${allowed.join(", ")}`);
  return value;
}
function optionalList(obj, key, at2, errors) {
  const value = obj[key];
  if (!given(value)) return [];
  if (!Array.isArray(value)) throw errors.damaged(`${at2}${key} is ${shown(value)}, not a list`);
  return value;
}
function readResourceChange(entry, at2, errors) {
  if (!isObject(entry)) throw errors.damaged(`${at2} is ${shown(entry)}, not an object`);
  const rc = entry.ResourceChange;
  const type = entry.Type;
  if (typeof type !== "string") throw errors.damaged(`${at2}: Type is ${shown(type)}, not a string`);
  if (!CHANGE_TYPES.includes(type)) throw errors.undocumented(`${at2}: Type is ${shown(type)}, not Resource`);
  if (!isObject(rc)) throw errors.damaged(`${at2}: ResourceChange is ${shown(rc)}, not an object`);
  const logicalId = requiredName(rc, "LogicalResourceId", `${at2}: `, errors);
  const where2 = `${at2} (${shown(logicalId)}): `;
  const resourceType = requiredName(rc, "ResourceType", where2, errors);
  if (!RESOURCE_TYPE.test(resourceType) || /^(aws|custom|alexa)::/i.test(resourceType) && !/^(AWS|Custom|Alexa)::/.test(resourceType)) {
    throw errors.damaged(`${where2}ResourceType ${shown(resourceType)} is not a CloudFormation resource type (Organization::Service::Resource)`);
  }
  if (!given(rc.Action)) throw errors.damaged(`${where2}Action is missing`);
  const action = oneOf(rc, "Action", ACTIONS, where2, errors);
  for (const [i, scope] of optionalList(rc, "Scope", where2, errors).entries()) valueOf(scope, `${where2}Scope[${i}]`, ATTRIBUTES, errors);
  const fields = {
    logicalId,
    resourceType,
    action,
    details: optionalList(rc, "Details", where2, errors).map((d, i) => readDetail(d, `${where2}Details[${i}]`, errors))
  };
  const replacement2 = oneOf(rc, "Replacement", REPLACEMENTS, where2, errors);
  if (replacement2) fields.replacement = replacement2;
  const policyAction = oneOf(rc, "PolicyAction", POLICY_ACTIONS, where2, errors);
  if (policyAction) fields.policyAction = policyAction;
  const physicalId = optionalString(rc, "PhysicalResourceId", where2, errors);
  if (physicalId) fields.physicalId = physicalId;
  const changeSetId = optionalString(rc, "ChangeSetId", where2, errors);
  if (changeSetId !== void 0 && !/^arn:[-a-zA-Z0-9:/]{1,1596}$/.test(changeSetId)) throw errors.undocumented(`${where2}ChangeSetId is ${shown(changeSetId)}, not a change set ARN`);
  if (changeSetId) fields.changeSetId = changeSetId;
  for (const key of ["BeforeContext", "AfterContext"]) {
    const context = rc[key];
    if (!given(context)) continue;
    if (typeof context !== "string" && !isObject(context)) throw errors.damaged(`${where2}${key} is ${shown(context)}, not an encoded JSON object`);
    fields[key === "BeforeContext" ? "beforeContext" : "afterContext"] = context;
  }
  return fields;
}
function readDetail(detail, at2, errors) {
  if (!isObject(detail)) throw errors.damaged(`${at2} is ${shown(detail)}, not an object`);
  const where2 = `${at2}: `;
  oneOf(detail, "Evaluation", EVALUATIONS, where2, errors);
  const fields = {};
  const changeSource = oneOf(detail, "ChangeSource", CHANGE_SOURCES, where2, errors);
  if (changeSource) fields.changeSource = changeSource;
  const causingEntity = optionalString(detail, "CausingEntity", where2, errors);
  if (causingEntity) fields.causingEntity = causingEntity;
  const target = detail.Target;
  if (!given(target)) return fields;
  if (!isObject(target)) throw errors.damaged(`${where2}Target is ${shown(target)}, not an object`);
  const t = {};
  const attribute = oneOf(target, "Attribute", ATTRIBUTES, `${where2}Target.`, errors);
  if (attribute) t.attribute = attribute;
  const recreation = oneOf(target, "RequiresRecreation", RECREATIONS, `${where2}Target.`, errors);
  if (recreation) t.requiresRecreation = recreation;
  const name = optionalString(target, "Name", `${where2}Target.`, errors);
  if (name !== void 0) t.name = name;
  const before = optionalString(target, "BeforeValue", `${where2}Target.`, errors);
  if (before !== void 0) t.before = before;
  const after = optionalString(target, "AfterValue", `${where2}Target.`, errors);
  if (after !== void 0) t.after = after;
  fields.target = t;
  return fields;
}
function readChangeSet(set, at2, errors) {
  const where2 = at2 === "" ? "" : `${at2}: `;
  if (!isObject(set)) throw errors.damaged(`${at2 || "the document"} is ${shown(set)}, not a change set object`);
  const changes = set.Changes;
  if (!Array.isArray(changes)) throw errors.damaged(`${where2}Changes is ${shown(changes)}, not a list`);
  const fields = { changes, nested: [] };
  const strings = { id: "ChangeSetId", parentId: "ParentChangeSetId", name: "ChangeSetName", stackName: "StackName", stackId: "StackId", nextToken: "NextToken", statusReason: "StatusReason" };
  for (const [field, key] of Object.entries(strings)) {
    const value = optionalString(set, key, where2, errors);
    if (value !== void 0 && value !== "") fields[field] = value;
  }
  const status = oneOf(set, "Status", STATUSES, where2, errors);
  if (status) fields.status = status;
  const executionStatus = oneOf(set, "ExecutionStatus", EXECUTION_STATUSES, where2, errors);
  if (executionStatus) fields.executionStatus = executionStatus;
  for (const [i, item] of optionalList(set, "NestedChanges", where2, errors).entries()) {
    const itemAt = `${where2}NestedChanges[${i}]`;
    if (!isObject(item)) throw errors.damaged(`${itemAt} is ${shown(item)}, not an object with LogicalResourceId and ChangeSet`);
    if (!("ChangeSet" in item) && "Changes" in item) throw errors.damaged(`${itemAt} is a change set without its { LogicalResourceId, ChangeSet } wrapper`);
    const logicalId = requiredName(item, "LogicalResourceId", `${itemAt}: `, errors);
    if (!isObject(item.ChangeSet)) throw errors.damaged(`${itemAt} (${shown(logicalId)}): ChangeSet is ${shown(item.ChangeSet)}, not a change set object`);
    fields.nested.push({ logicalId, changeSet: item.ChangeSet, at: `${at2 === "" ? "" : at2 + "."}NestedChanges[${i}].ChangeSet` });
  }
  return fields;
}

// src/plan/cloudformation-nested.ts
var ChangeSets = class {
  fields = /* @__PURE__ */ new Map();
  byId = /* @__PURE__ */ new Map();
  /** Top-level sets, in file order. */
  top = [];
  /** ChangeSetIds some resource change points at: those sets are children, never roots. */
  referenced = /* @__PURE__ */ new Set();
  constructor(doc, errors) {
    const list3 = Array.isArray(doc) ? doc : [doc];
    for (const [i, set] of list3.entries()) {
      this.add(set, Array.isArray(doc) ? `[${i}]` : "", errors);
      this.top.push(set);
    }
  }
  add(set, at2, errors) {
    const fields = readChangeSet(set, at2, errors);
    const object = set;
    this.fields.set(object, fields);
    if (fields.id !== void 0) {
      if (this.byId.has(fields.id)) throw errors.damaged(`${at2 || "the document"} has ChangeSetId ${shown(fields.id)}, which another change set in the file has too`);
      this.byId.set(fields.id, object);
    }
    for (const entry of fields.changes) {
      const id = isObject(entry) && isObject(entry.ResourceChange) ? entry.ResourceChange.ChangeSetId : void 0;
      if (typeof id === "string" && id !== "") this.referenced.add(id);
    }
    for (const item of fields.nested) this.add(item.changeSet, item.at, errors);
  }
  /** A set is a root when nothing in the file points at it, by reference or as its parent. */
  isRoot(set) {
    const fields = this.fields.get(set);
    if (fields.id !== void 0 && this.referenced.has(fields.id)) return false;
    return fields.parentId === void 0 || !this.byId.has(fields.parentId);
  }
};
function missingNestedChangeSets(plans) {
  const held = new Set(plans.flatMap((plan) => plan.changeSets?.held ?? []));
  const reported = /* @__PURE__ */ new Set();
  return plans.flatMap(
    (plan) => (plan.changeSets?.needed ?? []).filter((need) => !held.has(need.id) && !reported.has(need.id) && reported.add(need.id)).map((need) => {
      const id = shown(need.id, Infinity);
      return `${plan.file}: ${need.entry} is a nested stack whose change set ${id} is in none of the given files, so the changes inside it are unseen: describe it with \`aws cloudformation describe-change-set --change-set-name ${id} --include-property-values --output json\` and pass it too, in a JSON array with its root or as another file`;
    })
  );
}

// src/plan/cloudformation.ts
var NESTED_STACK = "AWS::CloudFormation::Stack";
function normaliseChangeSets(doc, file) {
  const errors = new FieldErrors(file);
  const sets = new ChangeSets(doc, errors);
  const walker = new Walker(file, errors, sets);
  for (const set of sets.top) {
    if (!sets.isRoot(set) || walker.visited.has(set)) continue;
    const fields = sets.fields.get(set);
    walker.walk(set, fields.parentId !== void 0 ? `${stackName(fields)}/` : "");
  }
  for (const set of sets.top) {
    if (!walker.visited.has(set)) walker.walk(set, `${stackName(sets.fields.get(set))}/`);
  }
  const plan = {
    file,
    format: "cloudformation",
    changes: walker.changes,
    dependencies: causeDependencies(walker.changes),
    changeSets: { held: [...sets.byId.keys()], needed: walker.needed }
  };
  if (walker.stacks.length > 0) plan.stacks = walker.stacks;
  const incomplete = [...sets.fields.values()].map(incompleteReason).find((reason) => reason !== void 0);
  if (incomplete) plan.incomplete = incomplete;
  return plan;
}
function stackName(set) {
  return knownStackName(set) ?? "nested-stack";
}
function knownStackName(set) {
  return set.stackName ?? (set.stackId !== void 0 ? /:stack\/([^/]+)/.exec(set.stackId)?.[1] : void 0);
}
var Walker = class {
  constructor(file, errors, sets) {
    this.file = file;
    this.errors = errors;
    this.sets = sets;
  }
  file;
  errors;
  sets;
  changes = [];
  visited = /* @__PURE__ */ new Set();
  needed = [];
  stacks = [];
  walk(set, prefix) {
    this.visited.add(set);
    const fields = this.sets.fields.get(set);
    const inline = new Map(fields.nested.map((item) => [item.logicalId, item.changeSet]));
    const stack = knownStackName(fields);
    if (stack !== void 0) this.stacks.push({ name: stack, prefix });
    for (const [i, entry] of fields.changes.entries()) {
      const rc = readResourceChange(entry, `${where(prefix)}Changes[${i}]`, this.errors);
      const name = `${where(prefix)}Changes[${i}] (${shown(rc.logicalId)})`;
      const change = toChange(rc, prefix, name, this.file, this.errors);
      if (stack !== void 0) change.stack = stack;
      this.changes.push(change);
      this.follow(rc, name, `${change.address}/`, inline);
    }
    for (const item of fields.nested) {
      if (!this.visited.has(item.changeSet)) this.walk(item.changeSet, `${prefix}${item.logicalId}/`);
    }
  }
  /** Reads the nested stack's own change set, or notes that another file must hold it. */
  follow(rc, name, prefix, inline) {
    const inlineSet = inline.get(rc.logicalId);
    const inlineOnly = inlineSet !== void 0 && this.sets.fields.get(inlineSet)?.id === void 0;
    if (rc.changeSetId === void 0) {
      if (rc.resourceType === NESTED_STACK && (rc.action === "Modify" || rc.action === "Dynamic") && !inlineOnly) {
        throw new InputError(
          this.file,
          `${name} updates a nested stack, but the change set does not hold that stack's changes (no ChangeSetId), so deletes inside it would go unseen: create the change set with --include-nested-stacks and describe every nested change set`
        );
      }
      return;
    }
    const child = this.sets.byId.get(rc.changeSetId);
    if (child === void 0) {
      if (!inlineOnly) this.needed.push({ id: rc.changeSetId, entry: name });
      return;
    }
    if (this.visited.has(child)) throw this.errors.damaged(`${name}: its ChangeSetId ${shown(rc.changeSetId)} is a change set already read (referenced twice, or in a cycle)`);
    this.walk(child, prefix);
  }
};
function toChange(rc, prefix, name, file, errors) {
  const namespace = rc.resourceType.split("::")[0] ?? "";
  const change = {
    file,
    format: "cloudformation",
    address: prefix + rc.logicalId,
    resourceAddress: prefix + rc.logicalId,
    type: rc.resourceType,
    name: rc.logicalId,
    provider: namespace.toLowerCase(),
    providerSource: namespace,
    module: prefix.replace(/\/$/, ""),
    ...classify(rc, name, errors)
  };
  if (rc.physicalId !== void 0) change.physicalId = rc.physicalId;
  if (rc.policyAction !== void 0) change.policyAction = rc.policyAction;
  const reason = change.action === "replace" ? replacementReason(rc.details) : void 0;
  if (reason) change.reason = reason;
  const recreation = change.action === "replace" ? recreations(rc.details) : [];
  if (recreation.length > 0) change.recreation = recreation;
  const policyChanges = rc.details.flatMap(({ target }) => {
    if (target?.attribute !== "DeletionPolicy" && target?.attribute !== "UpdateReplacePolicy") return [];
    const policy = { attribute: target.attribute };
    if (target.before !== void 0) policy.before = target.before;
    if (target.after !== void 0) policy.after = target.after;
    return [policy];
  });
  if (policyChanges.length > 0) change.policyChanges = policyChanges;
  const causes = [
    ...new Set(
      rc.details.filter((d) => d.changeSource === "ResourceReference" || d.changeSource === "ResourceAttribute").flatMap((d) => d.causingEntity !== void 0 && d.causingEntity !== "" ? [d.causingEntity] : [])
    )
  ];
  if (causes.length > 0) change.causedBy = causes.map((c) => prefix + c);
  const before = contextProperties(rc.beforeContext, `${name}: BeforeContext`, errors);
  const after = contextProperties(rc.afterContext, `${name}: AfterContext`, errors);
  if (before !== void 0) change.before = before;
  if (after !== void 0) change.after = after;
  return change;
}
function classify(rc, name, errors) {
  const replaces = rc.replacement === "True" || rc.replacement === "Conditional";
  const replacePolicy = rc.policyAction?.startsWith("Replace") === true;
  if ((rc.policyAction === "Delete" || rc.policyAction === "Snapshot") && rc.action !== "Remove") {
    throw errors.contradiction(`${name} has Action ${rc.action}, yet PolicyAction ${rc.policyAction}, which deletes a removed resource`);
  }
  switch (rc.action) {
    // Replacement on Add and Import means nothing: IncludePropertyValues sets it on Adds.
    case "Add":
      return { action: "create" };
    case "Import":
      return { action: "create", importing: true };
    case "Remove":
      return rc.policyAction === "Retain" ? { action: "forget", reason: "DeletionPolicy Retain: removed from the stack, not deleted" } : { action: "delete" };
    case "SyncWithActual":
      if (replaces) throw errors.contradiction(`${name} has Action SyncWithActual (the resource is not changed) and Replacement ${rc.replacement}`);
      return { action: "no-op" };
    case "Modify":
      if (rc.replacement === void 0) throw errors.damaged(`${name} has Action Modify but no Replacement, so plangate cannot tell whether it is replaced`);
      checkAlways(rc, name, errors, true);
      if (!replaces && replacePolicy) throw errors.contradiction(`${name} has Replacement ${rc.replacement}, yet PolicyAction ${rc.policyAction}`);
      return replaces ? { action: "replace", conditional: rc.replacement === "Conditional" } : { action: "update" };
    case "Dynamic":
      checkAlways(rc, name, errors);
      if (replaces || replacePolicy || strongestRecreation(rc) === "Conditionally") {
        return { action: "replace", conditional: true, reason: "CloudFormation settles whether it replaces the resource only when the change set runs (Dynamic)" };
      }
      return { action: "update", reason: "CloudFormation cannot tell the action until the change set runs (Dynamic)" };
  }
}
function checkAlways(rc, name, errors, conditionallyToo = false) {
  const strongest = strongestRecreation(rc);
  if (rc.replacement === "True" || rc.replacement === "Conditional" || strongest !== "Always" && !(conditionallyToo && strongest === "Conditionally")) return;
  const said = rc.replacement === void 0 ? "no Replacement" : `Replacement ${rc.replacement}`;
  throw errors.contradiction(`${name} has ${said}, yet its Details say RequiresRecreation ${strongest}`);
}
function strongestRecreation(rc) {
  const seen = new Set(rc.details.map((d) => d.target?.requiresRecreation));
  return ["Always", "Conditionally", "Never"].find((r) => seen.has(r));
}
function causeDependencies(changes) {
  const deps = /* @__PURE__ */ new Map();
  for (const change of changes) {
    for (const cause of change.causedBy ?? []) {
      const target = cause.replace(/\.[^./]*$/, "");
      if (target === change.address) continue;
      let set = deps.get(change.address);
      if (!set) deps.set(change.address, set = /* @__PURE__ */ new Set());
      set.add(target);
    }
  }
  return deps;
}
function where(prefix) {
  return prefix === "" ? "" : `nested stack ${shown(prefix.replace(/\/$/, ""))}: `;
}
function recreations(details) {
  const byProperty = /* @__PURE__ */ new Map();
  for (const { target } of details) {
    const property = target?.name ?? target?.attribute ?? "";
    const requires = target?.requiresRecreation;
    if (property === "" || requires !== "Always" && requires !== "Conditionally") continue;
    if (byProperty.get(property) !== "Always") byProperty.set(property, requires);
  }
  return [...byProperty].map(([property, requires]) => ({ property, requires }));
}
function replacementReason(details) {
  const names2 = [];
  for (const { target } of details) {
    const name = target?.name ?? target?.attribute ?? "";
    if (target?.requiresRecreation === "Always") names2.push(name);
    else if (target?.requiresRecreation === "Conditionally") names2.push(`${name} (conditionally)`);
  }
  const unique2 = [...new Set(names2)].filter((n) => n !== "");
  return unique2.length > 0 ? `requires replacement: ${unique2.join(", ")}` : void 0;
}
function incompleteReason(set) {
  const name = set.name !== void 0 ? `change set ${shown(set.name)}` : "the change set";
  if (set.nextToken !== void 0) {
    return `${name} holds only the first page of its changes (NextToken is set): write all pages, without --max-items or --no-paginate`;
  }
  const status = set.status;
  if (status === "CREATE_PENDING" || status === "CREATE_IN_PROGRESS") {
    return `${name} is ${status}, so its changes are not known yet: run \`aws cloudformation wait change-set-create-complete\` before describing it`;
  }
  if (status === "FAILED") {
    const reason = set.statusReason ?? "";
    if (/didn't contain changes|No updates are to be performed/i.test(reason)) return void 0;
    return `${name} FAILED${reason ? ` (${shown(reason)})` : ""}: fix the template or parameters and create the change set again`;
  }
  if (status?.startsWith("DELETE_")) return `${name} is ${status}: describe a current change set`;
  if (set.executionStatus === "OBSOLETE") {
    return `${name} is OBSOLETE (the stack changed after it was created), so it no longer says what will happen: create a new change set`;
  }
  return void 0;
}
function contextProperties(context, at2, errors) {
  if (context === void 0) return void 0;
  let value = context;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw errors.damaged(`${at2} is not valid JSON`);
    }
    checkDepth(value, errors.file, at2);
  }
  if (!isObject(value)) throw errors.damaged(`${at2} holds ${shown(value)}, not a JSON object`);
  const properties = "Properties" in value ? value.Properties : value;
  if (properties === null) return void 0;
  if (!isObject(properties)) throw errors.damaged(`${at2}: Properties is ${shown(properties)}, not an object`);
  return maskNoEcho(properties);
}
function maskNoEcho(value) {
  if (value === "****") return SENSITIVE;
  if (Array.isArray(value)) return value.map((v) => maskNoEcho(v));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNoEcho(v)]));
  return value;
}

// src/plan/decode.ts
var SHOW_JSON = "run `terraform show -json PLANFILE > plan.json` (or `tofu show -json`)";
function decodePlanBytes(bytes2, source) {
  const { encoding, bom } = planEncoding(bytes2, source);
  if (encoding === "utf8") return bytes2.toString("utf8", bom);
  return decodeUtf16(bytes2.subarray(bom), encoding === "utf16be");
}
function planEncoding(bytes2, source) {
  if (bytes2.length === 0) {
    throw new InputError(source, "the file is empty: the step that writes the plan produced nothing; check that it ran and succeeded (`terraform show -json tfplan > plan.json`, or `aws cloudformation describe-change-set --output json > changes.json`)");
  }
  const b0 = bytes2[0];
  const b1 = bytes2[1];
  if (b0 === 80 && b1 === 75 && bytes2[2] === 3 && bytes2[3] === 4) {
    throw new InputError(source, `this is a binary Terraform planfile (a zip archive), not JSON: ${SHOW_JSON}`);
  }
  if (b0 === 31 && b1 === 139) {
    throw new InputError(source, "the file is gzip-compressed: decompress it first (gunzip) and pass the JSON");
  }
  if (b0 === 239 && b1 === 187 && bytes2[2] === 191) return { encoding: "utf8", bom: 3 };
  if (b0 === 255 && b1 === 254 || b0 === 254 && b1 === 255) {
    if (bytes2[2] === 0 && bytes2[3] === 0 && b0 === 255) {
      throw new InputError(source, "the file is UTF-32, which plangate does not read: save it as UTF-8");
    }
    return { encoding: b0 === 254 ? "utf16be" : "utf16le", bom: 2 };
  }
  if (bytes2.length >= 2 && b0 !== 0 && b1 === 0) return { encoding: "utf16le", bom: 0 };
  if (bytes2.length >= 2 && b0 === 0 && b1 !== 0) return { encoding: "utf16be", bom: 0 };
  if (bytes2.subarray(0, 8192).includes(0)) {
    throw new InputError(source, `this is a binary file, not plan JSON: ${SHOW_JSON}, or for CloudFormation \`aws cloudformation describe-change-set --output json\``);
  }
  return { encoding: "utf8", bom: 0 };
}
function decodeUtf16(bytes2, bigEndian) {
  const even = bytes2.length - bytes2.length % 2;
  if (!bigEndian) return bytes2.toString("utf16le", 0, even);
  const swapped = Buffer.from(bytes2.subarray(0, even));
  swapped.swap16();
  return swapped.toString("utf16le");
}

// src/plan/parse-json.ts
var SHOW_JSON2 = "run `terraform plan -out=tfplan && terraform show -json tfplan > plan.json`";
function parsePlanJson(text, source) {
  const start = firstNonSpace(text);
  if (start === -1) {
    throw new InputError(source, "the file holds only whitespace: the step that writes the plan produced nothing; check it ran and succeeded");
  }
  const wrapper = wrapperProblem(text.slice(start, start + 4096));
  if (wrapper) throw new InputError(source, wrapper);
  const first = text[start];
  if (first !== "{" && first !== "[" && !/^(null|true|false|-?\d[\d.eE+-]*|"[^"\n]*")\s*$/.test(text.slice(start, start + 100))) {
    throw new InputError(source, describeNonJson(text.slice(start, start + 4096)));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(source, concatenatedProblem(text, error) ?? describeJsonError(text, error));
  }
}
var WRAPPER_FIX = "set `terraform_wrapper: false` on hashicorp/setup-terraform (its wrapper adds `[command]` and `::debug::` lines to what terraform writes), then write the plan with `terraform show -json tfplan > plan.json`";
function wrapperProblem(head) {
  if (/^\[command\]/.test(head) || /^::debug::/m.test(head)) return `this is terraform's output through setup-terraform's wrapper, not plain plan JSON: ${WRAPPER_FIX}`;
  return void 0;
}
function concatenatedProblem(text, error) {
  const at2 = /after JSON at position (\d+)/.exec(getErrorMessage(error));
  if (!at2) return void 0;
  const end = Number(at2[1]);
  let first;
  try {
    first = JSON.parse(text.slice(0, end));
  } catch {
    return void 0;
  }
  const rest = text.slice(end, end + 4096);
  if (/^\s*::debug::/.test(rest)) return `this is terraform's output through setup-terraform's wrapper, not plain plan JSON: ${WRAPPER_FIX}`;
  if (!/^\s*[{[]/.test(rest)) return void 0;
  if (isLogMessage(first)) return LOG_STREAM;
  const { line } = lineAndColumn(text, end + (rest.length - rest.trimStart().length));
  return `holds several JSON documents one after another (a second starts at line ${line}), as Terragrunt \`run-all show -json\` writes them: write each plan to its own file (one \`terraform show -json\` per module) and pass every file to plangate`;
}
function isLogMessage(doc) {
  return isObject(doc) && "@level" in doc && "@message" in doc && typeof doc.type === "string";
}
var LOG_STREAM = 'this is the `terraform plan -json` log stream (one JSON message a line, with "@level", "@message" and "type"), not a plan: run `terraform plan -out=tfplan`, then `terraform show -json tfplan > plan.json`';
function firstNonSpace(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
  return -1;
}
function describeNonJson(head) {
  const plain = head.replace(/\u001b\[[0-9;]*m/g, "");
  if (/(Terraform|OpenTofu) (will perform|used the selected providers)|^No changes\.|Plan: \d+ to add|^\S+: (Refreshing state|Reading|Read complete|Preparing import)\.\.\.|^Acquiring state lock/m.test(plain)) {
    return `this is the human-readable plan output, not JSON: ${SHOW_JSON2}`;
  }
  if (/^\s*(#|\/\/|\/\*)|^\s*(terraform|resource|data|module|provider|variable|output|locals|moved|import|removed|check)\b[^\n]*\{/m.test(plain)) {
    return `this is Terraform HCL source, not a plan: ${SHOW_JSON2}`;
  }
  if (/^\s*(---|AWSTemplateFormatVersion\s*:|Resources\s*:|Changes\s*:|[A-Za-z_][\w-]*\s*:(\s|$))/m.test(plain)) {
    if (/^\s*Changes\s*:/m.test(plain)) {
      return "this is a change set in YAML: run `aws cloudformation describe-change-set --output json ...`";
    }
    return "this looks like YAML, not plan JSON: for CloudFormation run `aws cloudformation describe-change-set --output json`, for Terraform `terraform show -json tfplan`";
  }
  const snippet = quote(plain.slice(0, 24));
  return `not JSON (it starts with ${snippet}): ${SHOW_JSON2}, or for CloudFormation \`aws cloudformation describe-change-set --output json\``;
}
function describeJsonError(text, error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) {
    return `too large to parse in this process (${message}); split the configuration into smaller plans`;
  }
  const position = /position (\d+)/.exec(message);
  const offset = position?.[1] !== void 0 ? Number(position[1]) : unexpectedTokenOffset(text, message);
  const truncated = /end of JSON input|Unterminated string/i.test(message) || offset !== void 0 && offset >= text.trimEnd().length;
  if (truncated) {
    const end = lineAndColumn(text, offset ?? text.length);
    return `invalid JSON: the file ends early at line ${end.line} column ${end.column}, so it looks truncated; regenerate it and check the step that writes it completed`;
  }
  const detail = message.replace(/ in JSON at position \d+.*$/, "").replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, "");
  const at2 = offset === void 0 ? void 0 : lineAndColumn(text, offset);
  return `invalid JSON${at2 ? ` at line ${at2.line} column ${at2.column}` : ""}: ${safeLine(detail, 200)}; regenerate it with \`terraform show -json\` or \`aws cloudformation describe-change-set --output json\``;
}
function unexpectedTokenOffset(text, message) {
  const match = /^Unexpected token '([\s\S]+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!match) return void 0;
  const [, token = "", before, context = "", after] = match;
  if (!before && !after) return void 0;
  const start = before ? text.indexOf(context) : 0;
  if (start === -1) return void 0;
  const guess = before ? start + 10 : start + context.length - 10;
  return text.startsWith(token, guess + 1) && !text.startsWith(token, guess) ? guess + 1 : guess;
}
function lineAndColumn(text, offset) {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

// src/plan/detect-format.ts
var SHOW_JSON3 = "`terraform show -json PLANFILE`";
var DESCRIBE2 = "`aws cloudformation describe-change-set --change-set-name ARN --output json`";
var TERRAFORM_KEYS = ["format_version", "terraform_version", "resource_changes", "planned_values", "resource_drift", "deferred_changes", "output_changes", "prior_state", "configuration"];
var CHANGE_SET_KEYS = ["Changes", "NestedChanges", "ChangeSetId", "ChangeSetName", "ParentChangeSetId", "RootChangeSetId"];
var has = (doc, key) => Object.hasOwn(doc, key);
function detectFormat(doc, source) {
  if (isObject(doc)) return readingOf(doc, source, "") ?? refuse(source, describeObject(doc));
  if (Array.isArray(doc)) {
    if (doc.length === 0) throw new InputError(source, `an empty JSON array: no change sets; write ${DESCRIBE2} output, or ${SHOW_JSON3} output for Terraform`);
    for (const [i, item] of doc.entries()) {
      if (!isObject(item) || readingOf(item, source, `[${i}] `) !== "cloudformation") {
        throw new InputError(source, `a JSON array that is not a list of CloudFormation change sets (each needs a "Changes" list; [${i}] has none); pass ${DESCRIBE2} output, or ${SHOW_JSON3} output for Terraform`);
      }
    }
    return "cloudformation";
  }
  if (doc === null) {
    throw new InputError(source, `the JSON document is null, not a plan: the step that wrote it had nothing to write (a \`jq\` filter that matched nothing, or an output that was never set?); pass ${SHOW_JSON3} or ${DESCRIBE2} output`);
  }
  throw new InputError(source, `a bare JSON ${typeof doc}, not a plan: pass ${SHOW_JSON3} or ${DESCRIBE2} output`);
}
function refuse(source, problem) {
  throw new InputError(source, problem);
}
var folded = (key) => key.normalize("NFKC").replace(/[\s\p{Default_Ignorable_Code_Point}]/gu, "").toLowerCase();
var KNOWN = new Map([...TERRAFORM_KEYS, ...CHANGE_SET_KEYS].map((key) => [folded(key), key]));
function readingOf(doc, source, at2) {
  for (const key of Object.keys(doc)) {
    const known2 = KNOWN.get(folded(key));
    if (known2 !== void 0 && known2 !== key) {
      throw new InputError(source, `${at2}has the key ${quote(key)}, which reads as ${quote(known2)} but is not it: the file was edited; write ${SHOW_JSON3} or ${DESCRIBE2} output as written`);
    }
  }
  const terraform2 = TERRAFORM_KEYS.filter((key) => has(doc, key));
  const changeSet = CHANGE_SET_KEYS.filter((key) => has(doc, key));
  const list3 = (keys) => keys.map((k) => `"${k}"`).join(", ");
  if (terraform2.length > 0 && changeSet.length > 0) {
    throw new InputError(
      source,
      `${at2}fits two formats: as a Terraform plan (it has ${list3(terraform2)}) and as a CloudFormation change set (it has ${list3(changeSet)}); plangate will not pick one and miss what the other says: pass ${SHOW_JSON3} or ${DESCRIBE2} output as written`
    );
  }
  if (has(doc, "format_version") && (has(doc, "resource_changes") || has(doc, "planned_values"))) return "terraform";
  if (changeSet.length === 0) return void 0;
  if (Array.isArray(doc.Changes) || !has(doc, "Changes") && Array.isArray(doc.NestedChanges)) {
    if (has(doc, "NestedChanges") && !Array.isArray(doc.NestedChanges)) throw new InputError(source, `${at2}is a change set whose "NestedChanges" is not a list: the file is damaged; regenerate it with ${DESCRIBE2}`);
    return "cloudformation";
  }
  throw new InputError(source, `${at2}has change set keys (${list3(changeSet)}) but no "Changes" list, so it is only part of a change set: write the whole ${DESCRIBE2} output`);
}
function describeObject(doc) {
  if (isLogMessage(doc)) return LOG_STREAM;
  if ("lineage" in doc && "serial" in doc) {
    return `this is a Terraform state file, not a plan: run \`terraform plan -out=tfplan\` then ${SHOW_JSON3.replace("PLANFILE", "tfplan")}`;
  }
  if ("format_version" in doc && "values" in doc) {
    return `this is \`terraform show -json\` of the current state, not of a plan: pass the planfile, ${SHOW_JSON3.replace("PLANFILE", "tfplan")}`;
  }
  if ("resource_changes" in doc) {
    return 'this has "resource_changes" but no "format_version", so it is not `terraform show -json` output (an HCP Terraform redacted plan?): write the plan with `terraform show -json`';
  }
  if ("Resources" in doc || "AWSTemplateFormatVersion" in doc) {
    return `this is a CloudFormation template, not a change set: create a change set with \`aws cloudformation create-change-set\`, then write ${DESCRIBE2}`;
  }
  if (typeof doc.Id === "string" && doc.Id.includes(":changeSet/")) {
    return `this is \`create-change-set\` output (just the id): write ${DESCRIBE2}`;
  }
  if (Array.isArray(doc.Summaries)) {
    return `this is \`list-change-sets\` output: write ${DESCRIBE2} for the change set`;
  }
  if (Array.isArray(doc.Stacks)) {
    return `this is \`describe-stacks\` output, not a change set: write ${DESCRIBE2}`;
  }
  const keys = Object.keys(doc).slice(0, 5).map((k) => quote(k, 40)).join(", ");
  return `JSON that is neither a Terraform plan (no "format_version" with "resource_changes") nor a CloudFormation change set (no "Changes")${keys ? `; its keys are ${keys}` : ""}: pass ${SHOW_JSON3} or ${DESCRIBE2} output`;
}

// src/plan/json-window.ts
var JsonSyntaxError = class extends Error {
  constructor(detail, offset, truncated) {
    super(detail);
    this.detail = detail;
    this.offset = offset;
    this.truncated = truncated;
  }
  detail;
  offset;
  truncated;
};
var ESCAPES = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPES[c.charCodeAt(0)] = 1;
var STOP = new Uint8Array(256);
for (let c = 0; c < 32; c++) STOP[c] = 1;
STOP[34] = 1;
STOP[92] = 1;
var HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;
var JsonWindow = class {
  constructor(readAt, start, window) {
    this.readAt = readAt;
    this.buf = Buffer.alloc(window + 1);
    this.base = start;
  }
  readAt;
  buf;
  /** Next byte to read, and the end of the bytes held, as indexes into buf. */
  pos = 0;
  end = 0;
  /** File offset of buf[0]. */
  base;
  eof = false;
  /** Index in buf of the first byte a caller still needs (a value being captured), or -1. */
  mark = -1;
  /** The file offset of the next byte. */
  get offset() {
    return this.base + this.pos;
  }
  /** Reads more bytes, keeping those from the mark (or pos) on; false at the end of the file. */
  more() {
    if (this.eof) return false;
    const keep = this.mark >= 0 ? this.mark : this.pos;
    if (keep > 0) {
      this.buf.copy(this.buf, 0, keep, this.end);
      this.base += keep;
      this.pos -= keep;
      this.end -= keep;
      if (this.mark >= 0) this.mark -= keep;
    }
    const room = this.buf.length - 1;
    if (this.end === room) {
      const bigger = Buffer.allocUnsafe(room * 2 + 1);
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const n = this.readAt(this.buf, this.end, this.buf.length - 1 - this.end, this.base + this.end);
    this.buf[this.end + n] = 0;
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.end += n;
    return true;
  }
  fail(detail) {
    const truncated = this.pos >= this.end && !this.more();
    throw new JsonSyntaxError(truncated ? "the file ends early" : detail, this.offset, truncated);
  }
  /** The next byte after whitespace, not consumed; -1 at the end of the file. */
  peek() {
    for (; ; ) {
      const b = this.buf;
      const n = this.end;
      let i = this.pos;
      while (i < n) {
        const c = b[i];
        if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
          this.pos = i;
          return c;
        }
        i++;
      }
      this.pos = i;
      if (!this.more()) return -1;
    }
  }
  /** Consumes `c` after whitespace, or fails naming what was expected. */
  expect(c, what) {
    if (this.peek() !== c) this.fail(`expected ${what}`);
    this.pos++;
  }
  /** After a member or element: true for a comma (another follows), false for the closing `close`. */
  next(close) {
    const c = this.peek();
    if (c === 44) {
      this.pos++;
      return true;
    }
    if (c === close) {
      this.pos++;
      return false;
    }
    return this.fail(`expected ',' or '${String.fromCharCode(close)}'`);
  }
  /** Opens a container: true when it has a first member or element, false when empty (and consumed). */
  open(c) {
    this.expect(c, `'${String.fromCharCode(c)}'`);
    const close = c === 123 ? 125 : 93;
    if (this.peek() === close) {
      this.pos++;
      return false;
    }
    return true;
  }
  /** The key whose bytes (quotes included) are buf[start, end), decoded; a key longer than V8's longest string is refused. */
  keyText(start, end) {
    let text;
    try {
      text = this.buf.toString("utf8", start, end);
    } catch {
      throw new JsonSyntaxError(`a key too long to read (${(end - start).toLocaleString("en-US")} bytes)`, this.base + start, false);
    }
    return JSON.parse(text);
  }
  /** True when the bytes from `at` are the ASCII text `text`. */
  bytesAre(at2, text) {
    for (let k = 0; k < text.length; k++) if (this.buf[at2 + k] !== text.charCodeAt(k)) return false;
    return true;
  }
  /** Skips a string starting at pos (a quote), validating its escapes and control characters. */
  string() {
    let b = this.buf;
    let n = this.end;
    let i = this.pos + 1;
    for (; ; ) {
      while (i < n && STOP[b[i]] === 0) i++;
      if (i >= n) {
        this.pos = i;
        if (!this.more()) this.fail("unterminated string");
        b = this.buf;
        n = this.end;
        i = this.pos;
        continue;
      }
      const c = b[i];
      if (c === 34) {
        this.pos = i + 1;
        return;
      }
      if (c === 92) {
        while (i + 6 > n) {
          this.pos = i;
          const more = this.more();
          b = this.buf;
          n = this.end;
          i = this.pos;
          if (!more) break;
        }
        if (i + 1 >= n) this.fail("unterminated string");
        const e = b[i + 1];
        if (e === 117) {
          if (!(HEX[b[i + 2]] && HEX[b[i + 3]] && HEX[b[i + 4]] && HEX[b[i + 5]]) || i + 6 > n) {
            this.pos = i;
            this.fail("bad Unicode escape in a string");
          }
          i += 6;
        } else if (ESCAPES[e]) {
          i += 2;
        } else {
          this.pos = i;
          this.fail("bad escaped character in a string");
        }
        continue;
      }
      this.pos = i;
      this.fail("bad control character in a string");
    }
  }
  /** The next byte, refilling; -1 at the end of the file. */
  byte() {
    if (this.pos >= this.end && !this.more()) return -1;
    return this.buf[this.pos];
  }
  digits() {
    let count = 0;
    for (let c = this.byte(); c >= 48 && c <= 57; c = this.byte()) {
      this.pos++;
      count++;
    }
    return count;
  }
  number() {
    if (this.byte() === 45) this.pos++;
    const first = this.byte();
    if (first === 48) this.pos++;
    else if (first < 49 || first > 57 || this.digits() === 0) this.fail("bad number");
    if (this.byte() === 46) {
      this.pos++;
      if (this.digits() === 0) this.fail("bad number: no digit after the decimal point");
    }
    const e = this.byte();
    if (e === 101 || e === 69) {
      this.pos++;
      const sign = this.byte();
      if (sign === 43 || sign === 45) this.pos++;
      if (this.digits() === 0) this.fail("bad number: no digit in the exponent");
    }
  }
  literal(word) {
    for (let k = 0; k < word.length; k++) {
      if (this.byte() !== word.charCodeAt(k)) this.fail(`unexpected token (expected ${word})`);
      this.pos++;
    }
  }
  /** A scalar value at pos: string, number, true, false or null. */
  scalar(c) {
    if (c === 34) this.string();
    else if (c === 45 || c >= 48 && c <= 57) this.number();
    else if (c === 116) this.literal("true");
    else if (c === 102) this.literal("false");
    else if (c === 110) this.literal("null");
    else this.fail(c === -1 ? "the file ends early" : "unexpected token");
  }
  /** Starts holding bytes at the next value: what the caller reads next stays in the buffer until held(). */
  hold() {
    this.peek();
    this.mark = this.pos;
  }
  /** The bytes read since hold() (valid until the next read); they are no longer held. */
  held() {
    const bytes2 = this.buf.subarray(this.mark, this.pos);
    this.mark = -1;
    return bytes2;
  }
  /** After the document: only whitespace may follow. */
  finish() {
    if (this.peek() !== -1) this.fail("unexpected non-whitespace character after JSON");
  }
};

// src/plan/json-bytes.ts
var OBJECT = 1;
var ARRAY = 2;
var JsonBytes = class extends JsonWindow {
  /** File offset of the first container nested past MAX_DEPTH where depth is checked, or -1. */
  tooDeep = -1;
  stack = new Uint8Array(1024);
  /**
   * Reads an object key and its colon: the key's text when it has escapes
   * (decoded as JSON.parse would) or is one of `known` (returned as that
   * string), else undefined when `all` is false (an unknown plain key).
   */
  key(known2, all) {
    if (this.peek() !== 34) this.fail("expected a string key");
    const b = this.buf;
    const from = this.pos + 1;
    let j = from;
    while (STOP[b[j]] === 0) j++;
    if (b[j] !== 34) return this.heldKey(known2, all);
    let name;
    if (all) name = b.toString("utf8", from, j);
    else name = this.knownAt(known2, from, j);
    this.pos = j + 1;
    if (b[j + 1] === 58) this.pos++;
    else this.expect(58, "':'");
    return name;
  }
  /** key() for a key with escapes, or one the window cuts: read whole, held while read. */
  heldKey(known2, all) {
    const own = this.mark < 0;
    if (own) this.mark = this.pos;
    const from = this.offset;
    this.string();
    const start = from - this.base;
    const end = this.pos;
    let escaped = false;
    for (let i = start + 1; i < end - 1 && !escaped; i++) escaped = this.buf[i] === 92;
    const name = all || escaped ? this.keyText(start, end) : this.knownAt(known2, start + 1, end - 1);
    if (own) this.mark = -1;
    this.expect(58, "':'");
    return name;
  }
  /** The one of `known` whose bytes are buf[from, to), if any. */
  knownAt(known2, from, to) {
    for (const k of known2) if (k.length === to - from && this.bytesAre(from, k)) return k;
    return void 0;
  }
  /** The string value at the scanner when it has no escape and sits in the window (consumed), else undefined (not consumed). */
  plainString() {
    if (this.peek() !== 34) return void 0;
    const b = this.buf;
    let j = this.pos + 1;
    while (STOP[b[j]] === 0) j++;
    if (b[j] !== 34) return void 0;
    const text = b.toString("utf8", this.pos + 1, j);
    this.pos = j + 1;
    return text;
  }
  /**
   * Skips one value, validating it. `depth` is the nesting of the container
   * holding it (the document's top object is 1); past MAX_DEPTH, tooDeep is
   * set unless `anyDepth`. Most of a large plan passes through here, so it is
   * one loop with the common tokens inline: the sentinel after the last byte
   * held (see more()) ends every inner loop without a bounds check, and
   * anything unusual (escapes, a token cut by the window's end, an error) is
   * left to JsonWindow's byte-at-a-time methods, from the token's start.
   */
  skip(depth, anyDepth = false) {
    let b = this.buf;
    let n = this.end;
    let i = this.pos;
    let stack = this.stack;
    let sp = 0;
    let key = false;
    let c;
    for (; ; ) {
      c = b[i];
      if (c <= 32) {
        c = this.token(i);
        ({ buf: b, end: n, pos: i } = this);
      }
      if (key) {
        if (c !== 34) {
          this.pos = i;
          this.fail("expected a string key");
        }
        i = this.stringEnd(i);
        b = this.buf;
        n = this.end;
        if (b[i] === 58) i++;
        else {
          this.pos = i;
          this.expect(58, "':'");
          ({ buf: b, end: n, pos: i } = this);
        }
        key = false;
        continue;
      }
      if (c === 34) {
        i = this.stringEnd(i);
        b = this.buf;
        n = this.end;
      } else if (c === 123 || c === 91) {
        if (sp === stack.length) {
          const bigger = new Uint8Array(sp * 2);
          bigger.set(stack);
          this.stack = stack = bigger;
        }
        stack[sp++] = c === 123 ? OBJECT : ARRAY;
        if (depth + sp > MAX_DEPTH && !anyDepth && this.tooDeep === -1) this.tooDeep = this.base + i;
        this.pos = i + 1;
        const close = c + 2;
        if (this.peek() !== close) {
          key = c === 123;
          ({ buf: b, end: n, pos: i } = this);
          continue;
        }
        sp--;
        i = this.pos + 1;
        b = this.buf;
        n = this.end;
      } else {
        const j = i + (c === 116 || c === 110 ? 4 : c === 102 ? 5 : 0);
        if (j > i && j < n && (c === 116 ? b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101 : c === 110 ? b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108 : b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101)) {
          i = j;
        } else {
          const end = c >= 48 && c <= 57 ? this.plainInteger(i) : -1;
          if (end !== -1) i = end;
          else {
            this.pos = i;
            this.scalar(c);
            ({ buf: b, end: n, pos: i } = this);
          }
        }
      }
      for (; ; ) {
        if (sp === 0) {
          this.pos = i;
          return;
        }
        c = b[i];
        if (c <= 32) {
          c = this.token(i);
          ({ buf: b, end: n, pos: i } = this);
        }
        const kind = stack[sp - 1];
        if (c === 44) {
          i++;
          key = kind === OBJECT;
          break;
        }
        if (c !== (kind === OBJECT ? 125 : 93)) {
          this.pos = i;
          this.fail(`expected ',' or '${kind === OBJECT ? "}" : "]"}'`);
        }
        sp--;
        i++;
      }
    }
  }
  /** The index after the string whose quote is at `i`, validated: most hold no escape and end in the window; the rest are read by string(). */
  stringEnd(i) {
    const b = this.buf;
    let j = i + 1;
    while (STOP[b[j]] === 0) j++;
    if (b[j] === 34) return j + 1;
    this.pos = i;
    this.string();
    return this.pos;
  }
  /** The first byte from `i` on that is not whitespace, with pos at it; read on at the window's end (-1 at the file's end). */
  token(i) {
    const b = this.buf;
    let c = b[i];
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i];
    this.pos = i;
    return i < this.end ? c : this.peek();
  }
  /** The end of the digits-only number at `i` when it ends inside the window, else -1 (left to number()). */
  plainInteger(i) {
    const b = this.buf;
    if (b[i] === 48) i++;
    else while (b[i] >= 48 && b[i] <= 57) i++;
    const c = b[i];
    return i < this.end && c !== 46 && c !== 101 && c !== 69 && !(c >= 48 && c <= 57) ? i : -1;
  }
  /** Skips one value and returns its bytes (valid until the next read), trimmed of whitespace. */
  capture(depth) {
    this.hold();
    this.skip(depth);
    return this.held();
  }
};
var SAMPLE = Buffer.from('{"a\\u0062": [1, -2.5e+3, 0, true, false, null, "x\\"\\n\\u00e9y", {}, [], {"k": {"d": [[]]}}],\r\n	"b": "é", "c": 12345678901234567890, "d": "a long string that crosses the edge of a small window"}');
function warmUp() {
  if (warm) return;
  warm = true;
  for (const window of [3, 7, 64]) {
    for (let round = 0; round < 2; round++) {
      const json = new JsonBytes((into, offset, length, position) => SAMPLE.copy(into, offset, position, Math.min(SAMPLE.length, position + length)), 0, window);
      json.open(123);
      do {
        json.key(["a", "b"], round === 1);
        if (json.plainString() === void 0) json.capture(2);
      } while (json.next(125));
      json.finish();
    }
  }
}
var warm = false;

// src/plan/stream-entry.ts
var OPEN_OBJECT = 123;
var OPEN_LIST = 91;
var CLOSE_OBJECT = 125;
var ENTRY_KEYS = ["change", "mode"];
var CHANGE_KEYS = ["actions", "before", "after", "after_unknown"];
var VALUES = ["before", "after", "after_unknown"];
var DATA = Buffer.from('"data"');
var NO_OP = Buffer.from('["no-op"]');
function readEntry(json, depth, parse2) {
  const { bytes: bytes2, spans: spans2, likelyUnchanged } = entryBytes(json, depth);
  if (spans2.length === 0 || !likelyUnchanged || json.tooDeep !== -1) return parse2(bytes2);
  const light = parse2(standIn(bytes2, spans2));
  return changesNothing(light) ? light : parse2(bytes2);
}
function entryBytes(json, depth) {
  json.hold();
  const start = json.offset;
  const spans2 = [];
  let mode;
  let actions;
  if (json.peek() !== OPEN_OBJECT) json.skip(depth);
  else if (json.open(OPEN_OBJECT)) {
    do {
      const key = json.key(ENTRY_KEYS, false);
      if (key === "mode") mode = skipped(json, depth + 1, start);
      else if (key === "change" && json.peek() === OPEN_OBJECT) actions = changeSpans(json, depth + 1, start, spans2);
      else {
        if (key === "change") actions = void 0;
        json.skip(depth + 1);
      }
    } while (json.next(CLOSE_OBJECT));
  }
  const bytes2 = json.held();
  return { bytes: bytes2, spans: spans2, likelyUnchanged: reads(bytes2, mode, DATA) || reads(bytes2, actions, NO_OP) };
}
function changeSpans(json, depth, start, spans2) {
  let actions;
  if (!json.open(OPEN_OBJECT)) return void 0;
  do {
    const key = json.key(CHANGE_KEYS, false);
    const c = json.peek();
    const span = skipped(json, depth + 1, start);
    if (key === "actions") actions = span;
    else if (key !== void 0 && VALUES.includes(key) && (c === OPEN_OBJECT || c === OPEN_LIST)) spans2.push(...span);
  } while (json.next(CLOSE_OBJECT));
  return actions;
}
function skipped(json, depth, start) {
  json.peek();
  const from = json.offset;
  json.skip(depth);
  return [from - start, json.offset - start];
}
function reads(bytes2, span, text) {
  return span !== void 0 && bytes2.subarray(span[0], span[1]).equals(text);
}
function standIn(bytes2, spans2) {
  const parts = [];
  let at2 = 0;
  for (let k = 0; k < spans2.length; k += 2) {
    const from = spans2[k];
    parts.push(bytes2.subarray(at2, from), bytes2[from] === OPEN_OBJECT ? EMPTY_OBJECT : EMPTY_LIST);
    at2 = spans2[k + 1];
  }
  parts.push(bytes2.subarray(at2));
  return Buffer.concat(parts);
}
var EMPTY_OBJECT = Buffer.from("{}");
var EMPTY_LIST = Buffer.from("[]");
function changesNothing(entry) {
  if (!isObject(entry)) return false;
  if (entry.mode === "data") return true;
  const change = entry.change;
  if (!isObject(change)) return false;
  const actions = change.actions;
  return Array.isArray(actions) && actions.length === 1 && actions[0] === "no-op";
}

// src/plan/redact.ts
function redactSensitive(value, mask) {
  if (mask === true) return SENSITIVE;
  if (typeof mask !== "object" || mask === null || !hasSensitiveLeaf(mask)) return value;
  if (Array.isArray(value)) {
    return value.map((item, i) => redactSensitive(item, Array.isArray(mask) ? mask[i] : void 0));
  }
  if (typeof value === "object" && value !== null) {
    const masks = mask;
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactSensitive(item, masks[key]);
    return out;
  }
  return SENSITIVE;
}
function hasSensitiveLeaf(mask) {
  for (const item of Object.values(mask)) {
    if (item === true) return true;
    if (typeof item === "object" && item !== null && hasSensitiveLeaf(item)) return true;
  }
  return false;
}

// src/plan/terraform-address.ts
var IDENTIFIER = new RegExp("(?!\\p{Default_Ignorable_Code_Point})[\\p{ID_Start}_](?:(?!\\p{Cf}|\\p{Default_Ignorable_Code_Point})[\\p{ID_Continue}-])*", "uy");
var INT_KEY = /(?:0|[1-9][0-9]{0,14})\]/y;
var GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
function parseResourceAddress(address, wildcards = false) {
  const at2 = { moduleEnd: 0, mode: "managed", typeStart: 0, typeEnd: 0, nameEnd: 0, keyStart: -1, keyEnd: -1 };
  const problem = scanAddress(address, wildcards, at2);
  if (problem !== void 0) return problem;
  const parsed = { module: address.slice(0, at2.moduleEnd), mode: at2.mode, type: address.slice(at2.typeStart, at2.typeEnd), name: address.slice(at2.typeEnd + 1, at2.nameEnd) };
  if (at2.keyStart !== -1) {
    const raw = address.slice(at2.keyStart, at2.keyEnd);
    parsed.key = raw === "*" ? { kind: "wildcard" } : raw.startsWith('"') ? { kind: "string", raw } : { kind: "int", value: Number(raw) };
  }
  return parsed;
}
function scanAddress(address, wildcards, spans2) {
  let at2 = 0;
  while (address.startsWith("module.", at2)) {
    at2 += "module.".length;
    const name = identifierEnd(address, at2);
    if (name === at2) return `no module name at character ${at2}`;
    at2 = name;
    if (address[at2] === "[") {
      const end = keyEnd(address, at2, wildcards);
      if (end === -1) return badKey(at2);
      at2 = end;
    }
    if (address[at2] !== ".") return `no "." after the module step ending at character ${at2}`;
    at2++;
  }
  spans2.moduleEnd = at2 === 0 ? 0 : at2 - 1;
  spans2.mode = address.startsWith("data.", at2) ? "data" : "managed";
  if (spans2.mode === "data") at2 += "data.".length;
  spans2.typeStart = at2;
  spans2.typeEnd = identifierEnd(address, at2);
  if (spans2.typeEnd === at2) return `no resource type at character ${at2}`;
  for (let i = at2; i < spans2.typeEnd; i++) if (address.charCodeAt(i) > 127) return `a resource type with a character outside ASCII at character ${i}, which no provider writes`;
  at2 = spans2.typeEnd;
  if (address[at2] !== ".") return `no "." after the resource type at character ${at2}`;
  at2++;
  spans2.nameEnd = identifierEnd(address, at2);
  if (spans2.nameEnd === at2) return `no resource name at character ${at2}`;
  at2 = spans2.nameEnd;
  spans2.keyStart = spans2.keyEnd = -1;
  if (address[at2] === "[") {
    const end = keyEnd(address, at2, wildcards);
    if (end === -1) return badKey(at2);
    spans2.keyStart = at2 + 1;
    spans2.keyEnd = end - 1;
    at2 = end;
  }
  if (at2 !== address.length) return `unexpected text at character ${at2}`;
  return void 0;
}
function badKey(at2) {
  return `an instance key at character ${at2 + 1} that is neither a number nor a quoted string`;
}
function identifierEnd(text, start) {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95;
    if (!(letter || i > start && (c >= 48 && c <= 57 || c === 45))) break;
  }
  if (i < text.length && text.charCodeAt(i) > 127) {
    IDENTIFIER.lastIndex = start;
    return start + (IDENTIFIER.exec(text)?.[0].length ?? 0);
  }
  return i;
}
function keyEnd(text, start, wildcards) {
  const at2 = start + 1;
  if (wildcards && text.startsWith("*]", at2)) return at2 + 2;
  INT_KEY.lastIndex = at2;
  if (INT_KEY.test(text)) return INT_KEY.lastIndex;
  const end = quotedStringEnd(text, at2);
  return end !== void 0 && text[end] === "]" ? end + 1 : -1;
}
function quotedStringEnd(text, start) {
  if (text[start] !== '"') return void 0;
  for (let i = start + 1; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      const escape = ESCAPE.exec(text.slice(i + 1, i + 10));
      if (!escape) return void 0;
      i += 1 + escape[0].length;
      continue;
    }
    if (c >= 32 && c < 127) {
      i++;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i));
    if (!isPrint(char)) return void 0;
    i += char.length;
  }
  return void 0;
}
var ESCAPE = /^(?:[nrt"\\abfv]|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})/;
function isPrint(char) {
  return char === " " || GRAPHIC.test(char);
}
function stringKeyIs(address, start, end, value) {
  if (end - start === value.length + 2 && address.charCodeAt(start) === 34 && address.startsWith(value, start + 1) && isPlain(value)) return true;
  const raw = address.slice(start, end);
  return raw === hclQuote(value) || raw === goQuote(value);
}
function isPlain(value) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 92 || (c === 36 || c === 37) && value.charCodeAt(i + 1) === 123) return false;
  }
  return true;
}
function hex(code, width) {
  return code.toString(16).padStart(width, "0");
}
function nonPrintable(code) {
  return code < 65536 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
}
function hclQuote(value) {
  let out = '"';
  for (let i = 0; i < value.length; ) {
    const code = value.codePointAt(i);
    const char = String.fromCodePoint(code);
    i += char.length;
    if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "	") out += "\\t";
    else if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if ((char === "$" || char === "%") && value[i] === "{") out += char + char;
    else out += isPrint(char) ? char : nonPrintable(code);
  }
  return `${out}"`;
}
var GO_ESCAPES = /* @__PURE__ */ new Map([
  ["\x07", "\\a"],
  ["\b", "\\b"],
  ["\f", "\\f"],
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["	", "\\t"],
  ["\v", "\\v"],
  ['"', '\\"'],
  ["\\", "\\\\"]
]);
function goQuote(value) {
  let out = '"';
  for (let i = 0; i < value.length; ) {
    const code = value.codePointAt(i);
    const char = String.fromCodePoint(code);
    i += char.length;
    const escape = GO_ESCAPES.get(char);
    if (escape !== void 0) out += escape;
    else if (isPrint(char)) out += char;
    else out += code < 32 || code === 127 ? `\\x${hex(code, 2)}` : nonPrintable(code);
  }
  return `${out}"`;
}

// src/plan/terraform-entry.ts
var ACTIONS2 = /* @__PURE__ */ new Map([
  ["no-op", "no-op"],
  ["create", "create"],
  ["read", "read"],
  ["update", "update"],
  ["delete", "delete"],
  ["delete,create", "replace"],
  ["create,delete", "replace"],
  ["forget", "forget"],
  // A replacement whose old object is kept (`lifecycle { destroy = false }`): it is forgotten, not destroyed.
  ["create,forget", "forget"]
]);
var DATA_ACTIONS = /* @__PURE__ */ new Set(["read", "no-op"]);
function actionOf(actions) {
  return ACTIONS2.get(actions.length === 1 ? actions[0] : actions.join(","));
}
var DAMAGED = "the file is damaged or was not written by `terraform show -json`; regenerate it with `terraform show -json`";
var NEWER_MODE = 'plangate reads only "managed" and "data", the modes Terraform and OpenTofu write; if a newer version wrote this, upgrade plangate, else regenerate it with `terraform show -json`';
var NEWER_ACTIONS = "if a newer Terraform wrote them, upgrade plangate";
var spans = { moduleEnd: 0, mode: "managed", typeStart: 0, typeEnd: 0, nameEnd: 0, keyStart: -1, keyEnd: -1 };
function checkResourceChange(rc, file, list3, index, suffix = "") {
  if (!isObject(rc)) throw new InputError(file, `${list3}[${index}]${suffix} is not an object: ${DAMAGED}`);
  const address = rc.address;
  if (typeof address !== "string" || address === "") {
    throw new InputError(file, `${list3}[${index}]${suffix} ${address === void 0 ? 'has no "address"' : `has "address" ${quote(address)}, not an address`}: ${DAMAGED}`);
  }
  const problem = entryProblem(rc, address, list3 === "deferred_changes");
  if (problem !== void 0) {
    const [what, fix] = typeof problem === "string" ? [problem, DAMAGED] : problem;
    throw new InputError(file, `${list3}[${index}]${suffix} ${quote(address)} ${what}: ${fix}`);
  }
}
function entryProblem(rc, address, deferred) {
  const parsed = scanAddress(address, deferred, spans);
  if (parsed !== void 0) return `has an address Terraform does not write (${parsed})`;
  const mode = rc.mode;
  if (mode !== "managed" && mode !== "data") return mode === void 0 ? 'has no "mode"' : [`has mode ${quote(mode)}`, NEWER_MODE];
  if (mode !== spans.mode) return mode === "data" ? 'has mode "data", but its address is not a data source (no "data." before the type)' : 'has mode "managed", but its address is a data source ("data." before the type)';
  return sameAsAddress(rc.type, "type", address, spans.typeStart, spans.typeEnd) ?? sameAsAddress(rc.name, "name", address, spans.typeEnd + 1, spans.nameEnd) ?? moduleProblem(rc.module_address, address, spans.moduleEnd) ?? indexProblem(rc, address, spans) ?? textProblem(rc.provider_name, "provider_name") ?? textProblem(rc.action_reason, "action_reason") ?? otherFieldsProblem(rc, mode) ?? changeProblem(rc.change, mode, rc.action_reason);
}
function isSpan(value, address, start, end) {
  return typeof value === "string" && value.length === end - start && address.startsWith(value, start);
}
function sameAsAddress(value, field, address, start, end) {
  if (isSpan(value, address, start, end)) return void 0;
  return value === void 0 ? `has no "${field}"` : `has ${field} ${quote(value)}, but its address says ${quote(address.slice(start, end))}`;
}
function moduleProblem(value, address, moduleEnd) {
  if (value === void 0 && moduleEnd === 0 || isSpan(value, address, 0, moduleEnd)) return void 0;
  const where2 = moduleEnd === 0 ? "the root module" : `module ${quote(address.slice(0, moduleEnd))}`;
  return value === void 0 ? `has no "module_address", but its address is in ${where2}` : `has module_address ${quote(value)}, but its address is in ${where2}`;
}
function indexProblem(rc, address, at2) {
  const { index, index_unknown: unknown } = rc;
  const wildcard = at2.keyStart !== -1 && address.charCodeAt(at2.keyStart) === 42;
  if (unknown !== void 0 && unknown !== wildcard) return `has "index_unknown" ${quote(unknown)}, which its address contradicts`;
  if (at2.keyStart === -1 || wildcard) return index === void 0 ? void 0 : `has index ${quote(index)}, but its address has no instance key`;
  if (index === void 0) return 'has no "index", but its address has an instance key';
  const agrees = address.charCodeAt(at2.keyStart) === 34 ? typeof index === "string" && stringKeyIs(address, at2.keyStart, at2.keyEnd, index) : typeof index === "number" && isSpan(String(index), address, at2.keyStart, at2.keyEnd);
  return agrees ? void 0 : `has index ${quote(index)}, but its address has the key [${safeLine(address.slice(at2.keyStart, at2.keyEnd), 100)}]`;
}
function textProblem(value, field) {
  if (value === void 0 || typeof value === "string" && value !== "" && isDisplaySafe(value)) return void 0;
  return `has "${field}" ${quote(value)}, not a name Terraform writes`;
}
function replacePathsProblem(paths) {
  if (paths === void 0) return void 0;
  const wrong = 'has a "change.replace_paths" that is not a list of attribute paths (lists of names and indexes)';
  if (!Array.isArray(paths)) return wrong;
  for (const path of paths) {
    if (!Array.isArray(path) || path.length === 0) return wrong;
    for (const step of path) {
      if (typeof step === "number" ? !Number.isSafeInteger(step) || step < 0 : typeof step !== "string" || !isDisplaySafe(step)) return wrong;
    }
  }
  return void 0;
}
function otherFieldsProblem(rc, mode) {
  const { deposed, previous_address: previous } = rc;
  if (deposed !== void 0) {
    if (typeof deposed !== "string" || !/^[0-9a-f]{8}$/.test(deposed)) return `has "deposed" ${quote(deposed)}, not a deposed key (eight hex digits)`;
    if (mode === "data") return 'is a data source with a "deposed" object, which only managed resources have';
  }
  if (previous === void 0) return void 0;
  const parsed = typeof previous === "string" ? parseResourceAddress(previous) : "not a string";
  if (typeof parsed === "string") return `has "previous_address" ${quote(previous)}, which is not an address (${parsed})`;
  if (parsed.mode !== mode) return `was moved from ${quote(previous)}, a ${parsed.mode === "data" ? "data source" : "managed resource"}, which a move cannot change`;
  return void 0;
}
var REASON_ACTIONS = [
  ["replace_", /* @__PURE__ */ new Set(["replace", "delete", "forget"])],
  ["delete_because_", /* @__PURE__ */ new Set(["delete", "forget", "replace", "no-op"])],
  ["read_because_", /* @__PURE__ */ new Set(["read"])]
];
function changeProblem(body, mode, reason) {
  if (!isObject(body)) return body === void 0 ? 'has no "change"' : `has "change" ${quote(body)}, not an object`;
  const actions = body.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !allStrings(actions)) {
    return actions === void 0 ? 'has no "change.actions" list' : `has "change.actions" ${quote(actions)}, not a list of actions`;
  }
  const action = actionOf(actions);
  if (action === void 0) return [`has actions ${quote(actions)}, which plangate does not know`, NEWER_ACTIONS];
  if (mode === "data" && !DATA_ACTIONS.has(action)) return `is a data source with actions ${quote(actions)}, which Terraform never plans for one`;
  if (typeof reason === "string") {
    const family = REASON_ACTIONS.find(([prefix]) => reason.startsWith(prefix));
    if (!family) return [`has action_reason ${quote(reason)}, which plangate does not know`, NEWER_ACTIONS];
    if (!family[1].has(action)) return `has action_reason ${quote(reason)}, yet actions ${quote(actions)}`;
  }
  if (body.after === null && (action === "create" || action === "update" || action === "replace")) return `has actions ${quote(actions)}, yet "change.after" is null, as for a delete`;
  const paths = replacePathsProblem(body.replace_paths);
  if (paths !== void 0) return paths;
  const importing = body.importing;
  if (importing !== void 0 && importing !== null && !isObject(importing)) return `has "change.importing" ${quote(importing)}, not an object`;
  if (!isMask(body.before_sensitive)) return 'has a "change.before_sensitive" that is not a sensitivity mask (true, false, or lists and objects of them)';
  if (!isMask(body.after_sensitive)) return 'has a "change.after_sensitive" that is not a sensitivity mask (true, false, or lists and objects of them)';
  return void 0;
}
function allStrings(list3) {
  for (const item of list3) if (typeof item !== "string") return false;
  return true;
}
function isMask(mask) {
  if (mask === void 0 || mask === null || typeof mask === "boolean") return true;
  if (typeof mask !== "object") return false;
  for (const key in mask) if (!isMask(mask[key])) return false;
  return true;
}

// src/plan/terraform.ts
function checkFormatVersion(version, source) {
  if (typeof version !== "string") {
    throw new InputError(source, `"format_version" is ${quote(version)}, not a version string: write the plan with \`terraform show -json\``);
  }
  const match = /^(\d+)\.(\d+)$/.exec(version);
  const major = Number(match?.[1]);
  const minor = Number(match?.[2]);
  if (match && (major === 1 || major === 0 && (minor === 1 || minor === 2))) return version;
  const newer = match && major > 1;
  throw new InputError(
    source,
    `plan format_version ${/^[\w.+-]{1,20}$/.test(version) ? version : quote(version, 40)} is ${newer ? "newer than" : "not one of"} the versions plangate reads (0.1, 0.2, 1.x): ${newer ? "upgrade plangate" : "write the plan with `terraform show -json`"}`
  );
}
function normaliseTerraform(doc, file) {
  const formatVersion = checkFormatVersion(doc.format_version, file);
  const names2 = /* @__PURE__ */ new Map();
  const collected = new TerraformChanges(file, names2);
  const list3 = entries(doc.resource_changes, "resource_changes", file);
  for (let i = 0; i < list3.length; i++) collected.add(list3[i], i);
  const deferred = entries(doc.deferred_changes, "deferred_changes", file);
  for (let i = 0; i < deferred.length; i++) checkDeferredChange(deferred[i], file, i);
  return terraformPlan(file, formatVersion, collected, terraformDependencies(doc, names2), doc);
}
var TerraformChanges = class {
  /** `names`: a configAddress cache the plan's prior state is read with too (terraformDependencies). */
  constructor(file, names2) {
    this.file = file;
    this.names = names2;
  }
  file;
  names;
  changes = [];
  /** Managed objects the plan leaves as they are (no-op), by configuration address: a dependent among them survives. */
  unchanged = /* @__PURE__ */ new Set();
  seen = /* @__PURE__ */ new Map();
  add(rc, i) {
    const file = this.file;
    checkResourceChange(rc, file, "resource_changes", i);
    const key = rc.deposed === void 0 ? rc.address : `${rc.address}\0${rc.deposed}`;
    const first = this.seen.get(key);
    if (first !== void 0) throw new InputError(file, `resource_changes[${i}] ${quote(rc.address)} repeats resource_changes[${first}], the same object: the file is damaged; regenerate it with \`terraform show -json\``);
    this.seen.set(key, i);
    const change = toChange2(rc, file);
    if (change) this.changes.push(change);
    else if (rc.mode === "managed") this.unchanged.add(this.names ? cachedConfigAddress(rc.address, this.names) : configAddress(rc.address));
  }
};
function checkDeferredChange(item, file, i) {
  if (!isObject(item) || item.reason !== void 0 && typeof item.reason !== "string") {
    throw new InputError(file, `deferred_changes[${i}] is not a deferred change (an object with a "reason" and a "resource_change"): the file is damaged; regenerate it with \`terraform show -json\``);
  }
  checkResourceChange(item.resource_change, file, "deferred_changes", i, ".resource_change");
}
function terraformPlan(file, formatVersion, read, dependencies, top) {
  const plan = { file, format: "terraform", formatVersion, changes: read?.changes ?? [], dependencies, unchangedNodes: read?.unchanged ?? /* @__PURE__ */ new Set() };
  if (top.terraform_version !== void 0) {
    if (typeof top.terraform_version !== "string" || !/^[\w.+-]{1,64}$/.test(top.terraform_version)) {
      throw new InputError(file, `"terraform_version" is ${quote(top.terraform_version)}, not a version: the file is damaged; regenerate it with \`terraform show -json\``);
    }
    plan.toolVersion = top.terraform_version;
  }
  if (top.errored !== void 0 && typeof top.errored !== "boolean") {
    throw new InputError(file, `"errored" is ${quote(top.errored)}, not true or false, so whether planning failed is unknown: regenerate it with \`terraform show -json\``);
  }
  if (top.errored === true) {
    plan.incomplete = 'the plan errored ("errored": true), so its list of changes is incomplete: fix the errors `terraform plan` reported and plan again';
  }
  return plan;
}
function entries(list3, field, file) {
  if (list3 === void 0 || list3 === null) return [];
  if (!Array.isArray(list3)) throw new InputError(file, `"${field}" is not a list: the file is damaged; regenerate it with \`terraform show -json\``);
  return list3;
}
function toChange2(rc, file) {
  if (rc.mode === "data") return void 0;
  const { address, deposed, change: body } = rc;
  const action = actionOf(body.actions);
  const importing = body.importing !== void 0 && body.importing !== null;
  if (action === "no-op" && rc.previous_address === void 0 && !importing) return void 0;
  const change = {
    file,
    format: "terraform",
    address: deposed ? `${address} (deposed ${deposed})` : address,
    resourceAddress: address,
    type: rc.type,
    name: rc.name,
    provider: shortProvider(rc.provider_name, rc.type),
    module: rc.module_address ?? "",
    action
  };
  if (rc.provider_name !== void 0) change.providerSource = rc.provider_name;
  if (rc.index !== void 0) change.index = rc.index;
  if (action === "replace") change.createBeforeDestroy = body.actions[0] === "create";
  if (rc.action_reason !== void 0) change.reason = rc.action_reason;
  if (body.replace_paths !== void 0 && body.replace_paths.length > 0) change.replacePaths = [...new Set(body.replace_paths.map(attributePath))];
  if (rc.previous_address !== void 0 && rc.previous_address !== address) change.previousAddress = rc.previous_address;
  if (importing) change.importing = true;
  if (deposed) change.deposed = deposed;
  if (action !== "no-op") {
    if (body.before !== void 0 && body.before !== null) change.before = redactSensitive(body.before, body.before_sensitive);
    if (body.after !== void 0 && body.after !== null) change.after = redactSensitive(body.after, body.after_sensitive);
  }
  return change;
}
function attributePath(path) {
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(step)) out += out === "" ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}
function shortProvider(providerName, type) {
  if (providerName !== void 0) {
    let short = providerNames.get(providerName);
    if (short === void 0) {
      const last = providerName.split("/").pop() ?? providerName;
      short = last.replace(/^provider\./, "").replace(/\..*$/, "");
      providerNames.set(providerName, short);
    }
    return short;
  }
  return type.split("_")[0] ?? "";
}
var providerNames = /* @__PURE__ */ new Map();

// src/plan/stream-terraform.ts
var OPEN_OBJECT2 = 123;
var OPEN_LIST2 = 91;
var HEAP_PER_KEPT_BYTE = 4;
var Budget = class {
  constructor(file, size2, heapBytes) {
    this.file = file;
    this.size = size2;
    this.heapBytes = heapBytes;
  }
  file;
  size;
  heapBytes;
  kept = 0;
  keep(bytes2) {
    this.kept += bytes2;
    if (this.kept * HEAP_PER_KEPT_BYTE <= this.heapBytes) return;
    const mb = (n) => `${Math.round(n / 1e6).toLocaleString("en-US")} MB`;
    throw new InputError(
      this.file,
      `the file is ${mb(this.size)}, more than this process can hold (limit ${mb(this.heapBytes)} of heap, and its changes alone need more than ${mb(this.kept * HEAP_PER_KEPT_BYTE)}): raise the heap with NODE_OPTIONS=--max-old-space-size=MB, or split the configuration into smaller plans`
    );
  }
};
function streamTerraform(readAt, size2, file, options = {}) {
  const head = Buffer.alloc(Math.min(size2, 8192));
  const { encoding, bom } = planEncoding(head.subarray(0, readFully(readAt, head, 0)), file);
  if (encoding !== "utf8") return void 0;
  warmUp();
  const json = new JsonBytes(readAt, bom, options.window ?? Math.min(8 << 20, Math.max(1 << 16, size2)));
  try {
    if (json.peek() !== OPEN_OBJECT2) return void 0;
    return readDocument(json, readAt, file, new Budget(file, size2, options.heapBytes ?? Infinity));
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new InputError(file, syntaxProblem(error, readAt));
    throw error;
  }
}
function readDocument(json, readAt, file, budget) {
  const top = {};
  const reads2 = /* @__PURE__ */ new Map();
  if (json.open(OPEN_OBJECT2)) {
    do {
      const key = json.key([], true);
      if (CHANGE_SET_KEYS.includes(key)) return void 0;
      json.tooDeep = -1;
      json.peek();
      const start = json.offset;
      const read = readTopValue(json, key, file, budget);
      if (json.tooDeep !== -1 && read.tooDeep === void 0) Object.assign(read, { start, end: json.offset, tooDeep: `${renderPath("$", [key])}…` });
      reads2.set(key, read);
      Object.defineProperty(top, key, { value: read.value, enumerable: true, writable: true, configurable: true });
    } while (json.next(125));
  }
  json.finish();
  for (const [key, read] of reads2) if (read.tooDeep !== void 0) throw tooDeep(readAt, file, key, read);
  if (detectFormat(top, file) !== "terraform") return void 0;
  const formatVersion = checkFormatVersion(top.format_version, file);
  const changes = reads2.get("resource_changes");
  if (changes?.error) throw changes.error;
  const deferred = reads2.get("deferred_changes");
  if (deferred?.error) throw deferred.error;
  const dependencies = configurationDependencies(top.configuration);
  const state = reads2.get("prior_state")?.state;
  if (state) addState(dependencies, state, /* @__PURE__ */ new Map());
  return terraformPlan(file, formatVersion, changes?.changes, dependencies, top);
}
function readTopValue(json, key, file, budget) {
  switch (key) {
    case "resource_changes":
    case "deferred_changes":
      return readEntries(json, key, file, budget);
    case "prior_state": {
      if (json.peek() !== OPEN_OBJECT2) return { value: standIn2(json, 1, file) };
      const read = { value: {} };
      eachMember(json, 1, ["values"], () => {
        read.state = void 0;
        eachMember(json, 2, ["root_module"], () => {
          read.state = readModule(json, 3, file);
        });
      });
      return read;
    }
    case "planned_values":
      return { value: standIn2(json, 1, file, true) };
    case "configuration": {
      const start = json.offset;
      const value = parse(json, 1, file);
      budget.keep(json.offset - start);
      return { value };
    }
    case "format_version":
    case "terraform_version":
    case "errored":
      return { value: parse(json, 1, file) };
    default:
      return { value: standIn2(json, 1, file) };
  }
}
function readEntries(json, key, file, budget) {
  if (json.peek() !== OPEN_LIST2) {
    const value = standIn2(json, 1, file);
    try {
      entries(value, key, file);
    } catch (error) {
      if (!isInputError(error)) throw error;
      return { value, error };
    }
    return { value };
  }
  const read = { value: [] };
  const changes = key === "resource_changes" ? read.changes = new TerraformChanges(file) : void 0;
  eachElement(json, 1, (i) => {
    if (read.error !== void 0 || read.tooDeep !== void 0) return json.skip(2);
    const start = json.offset;
    const entry = changes ? readEntry(json, 2, (bytes2) => parseBytes(bytes2, json, file)) : parse(json, 2, file);
    if (json.tooDeep !== -1) {
      try {
        checkDepth(entry, file, "$", [key, i]);
        read.tooDeep = depthError(file, `${renderPath("$", [key, i])}…`);
      } catch (error) {
        if (!isInputError(error)) throw error;
        read.tooDeep = error;
      }
      return;
    }
    try {
      if (changes) {
        const count = changes.changes.length;
        changes.add(entry, i);
        if (changes.changes.length > count) budget.keep(json.offset - start);
      } else checkDeferredChange(entry, file, i);
    } catch (error) {
      if (!isInputError(error)) throw error;
      read.error = error;
    }
  });
  return read;
}
function tooDeep(readAt, file, key, read) {
  const { start, end, tooDeep: where2 = "" } = read;
  if (where2 instanceof InputError) return where2;
  if (start !== void 0 && end !== void 0 && end - start <= REPARSE_LIMIT) {
    const bytes2 = Buffer.allocUnsafe(end - start);
    try {
      checkDepth(JSON.parse(bytes2.subarray(0, readFully(readAt, bytes2, start)).toString("utf8")), file, "$", [key]);
    } catch (error) {
      if (isInputError(error)) return error;
    }
  }
  return depthError(file, where2);
}
var REPARSE_LIMIT = 64 << 20;
function readModule(json, depth, file) {
  const module = { resources: [], children: [] };
  const isModule = eachMember(json, depth, ["resources", "child_modules"], (key) => {
    if (key === "resources") {
      module.resources = [];
      eachElement(json, depth + 1, () => {
        let address;
        let dependsOn;
        const isObject2 = eachMember(json, depth + 2, ["address", "depends_on"], (field) => {
          if (field === "address") address = parse(json, depth + 3, file);
          else dependsOn = parse(json, depth + 3, file);
        });
        if (isObject2) module.resources.push([address, dependsOn]);
      });
    } else {
      module.children = [];
      eachElement(json, depth + 1, () => {
        const child = readModule(json, depth + 2, file);
        if (child) module.children.push(child);
      });
    }
  });
  return isModule ? module : void 0;
}
function addState(deps, module, names2) {
  for (const [address, dependsOn] of module.resources) addStateResource(deps, address, dependsOn, names2);
  for (const child of module.children) addState(deps, child, names2);
}
function eachMember(json, depth, known2, member) {
  if (json.peek() !== OPEN_OBJECT2 || depth + 1 > MAX_WALK) {
    json.skip(depth);
    return false;
  }
  if (!json.open(OPEN_OBJECT2)) return true;
  do {
    const key = json.key(known2, false);
    if (key !== void 0 && known2.includes(key)) member(key);
    else json.skip(depth + 1);
  } while (json.next(125));
  return true;
}
function eachElement(json, depth, element) {
  if (json.peek() !== OPEN_LIST2 || depth + 1 > MAX_WALK) {
    json.skip(depth);
    return false;
  }
  if (!json.open(OPEN_LIST2)) return true;
  let i = 0;
  do
    element(i++);
  while (json.next(93));
  return true;
}
var MAX_WALK = MAX_DEPTH;
function parse(json, depth, file) {
  return json.plainString() ?? parseBytes(json.capture(depth), json, file);
}
function parseBytes(bytes2, json, file) {
  try {
    if (bytes2[0] === 34 && !bytes2.includes(92)) return bytes2.toString("utf8", 1, bytes2.length - 1);
    return JSON.parse(bytes2.toString("utf8"));
  } catch (error) {
    throw new InputError(file, `has a value too large to parse at byte ${json.offset - bytes2.length} (${error instanceof Error ? error.message : String(error)}); split the configuration into smaller plans`);
  }
}
function standIn2(json, depth, file, anyDepth = false) {
  const c = json.peek();
  if (c !== OPEN_OBJECT2 && c !== OPEN_LIST2) return parse(json, depth, file);
  json.skip(depth, anyDepth);
  return c === OPEN_OBJECT2 ? {} : [];
}
function readFully(readAt, into, position) {
  let got = 0;
  while (got < into.length) {
    const n = readAt(into, got, into.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
function syntaxProblem(error, readAt) {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let line = 1;
  let lineStart = 0;
  for (let position = 0; position < error.offset; ) {
    const n = readAt(chunk, 0, Math.min(chunk.length, error.offset - position), position);
    if (n === 0) break;
    for (let i = chunk.indexOf(10, 0); i !== -1 && i < n; i = chunk.indexOf(10, i + 1)) {
      line++;
      lineStart = position + i + 1;
    }
    position += n;
  }
  const at2 = `line ${line} column ${error.offset - lineStart + 1} (byte ${error.offset})`;
  if (error.truncated) return `invalid JSON: the file ends early at ${at2}, so it looks truncated; regenerate it and check the step that writes it completed`;
  return `invalid JSON at ${at2}: ${error.detail}; regenerate it with \`terraform show -json\` or \`aws cloudformation describe-change-set --output json\``;
}

// src/plan/read-plan.ts
function parsePlan(bytes2, file, streamAbove = Infinity) {
  if (bytes2.length > streamAbove) {
    const plan = streamTerraform((into, offset, length, position) => bytes2.copy(into, offset, position, Math.min(bytes2.length, position + length)), bytes2.length, file);
    if (plan) return plan;
  }
  return parsePlanText(decodePlanBytes(bytes2, file), file);
}
function parsePlanText(text, file) {
  const doc = parsePlanJson(text, file);
  checkDepth(isObject(doc) && "planned_values" in doc ? { ...doc, planned_values: null } : doc, file);
  return detectFormat(doc, file) === "terraform" ? normaliseTerraform(doc, file) : normaliseChangeSets(doc, file);
}
var MAX_STRING = 536870888;
var HEAP_PER_FILE_BYTE = 5;
function planSizeLimit() {
  return Math.min(MAX_STRING, Math.floor(oldGenerationLimit() / HEAP_PER_FILE_BYTE));
}
var MIB = 2 ** 20;
var MAX_YOUNG_GENERATION = 192 * MIB;
var generationLimit;
function oldGenerationLimit() {
  return generationLimit ??= findOldGenerationLimit();
}
function findOldGenerationLimit() {
  const heapLimit = getHeapStatistics().heap_size_limit;
  const flags = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
  const given2 = [...flags.matchAll(/--max[-_]old[-_]space[-_]size[= ](\d+)/g)].map((m) => Number(m[1]) * MIB).at(-1);
  if (given2 !== void 0 && given2 > 0) return Math.min(given2, heapLimit);
  return heapLimit - Math.min(MAX_YOUNG_GENERATION, heapLimit / 2);
}
var STREAM_ABOVE = 64 * MIB;
async function readPlanFile(path, options = {}) {
  const maxBytes = options.maxBytes ?? planSizeLimit();
  if (path !== "-") return readFilePlan(path, maxBytes, Math.min(options.streamAbove ?? STREAM_ABOVE, maxBytes));
  return parsePlan(await readStream(process.stdin, "standard input", maxBytes), "standard input");
}
async function readFilePlan(path, maxBytes, streamAbove) {
  let fd;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(path, openProblem(error));
  }
  let text;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw new InputError(path, "is a directory: pass the plan JSON file inside it (for example plan.json)");
    }
    if (stat.isFile()) {
      if (stat.size > streamAbove) {
        const handle = fd;
        const plan = streamTerraform((into, offset, length, position) => readSync(handle, into, offset, length, position), stat.size, path, { heapBytes: oldGenerationLimit() });
        if (plan) return plan;
      }
      if (stat.size > maxBytes) throw new InputError(path, tooLarge(stat.size, maxBytes, false, "it is not a Terraform plan in UTF-8, the only kind read in parts"));
      text = decodePlanBytes(readWhole(fd, stat.size), path);
    } else {
      text = decodePlanBytes(await readStream(createReadStream("", { fd, autoClose: false }), path, maxBytes), path);
    }
  } catch (error) {
    const code = error.code;
    if (error instanceof InputError || typeof code !== "string" || !/^E[A-Z]+$/.test(code)) throw error;
    throw new InputError(path, `cannot be read (${code}): check the file and its permissions`);
  } finally {
    closeSync(fd);
  }
  return parsePlanText(text, path);
}
var SCRATCH_MAX = 8 * MIB;
var scratch = Buffer.alloc(0);
function readWhole(fd, size2) {
  if (size2 <= SCRATCH_MAX && size2 > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size2, 64 * 1024));
  const buffer = size2 <= SCRATCH_MAX ? scratch.subarray(0, size2) : Buffer.allocUnsafe(size2);
  let offset = 0;
  while (offset < size2) {
    const n = readSync(fd, buffer, offset, size2 - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return offset === size2 ? buffer : buffer.subarray(0, offset);
}
async function readStream(stream, source, maxBytes) {
  const chunks = [];
  let size2 = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size2 += buffer.length;
    if (size2 > maxBytes) throw new InputError(source, tooLarge(size2, maxBytes, true));
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
function openProblem(error) {
  const code = error.code;
  if (code === "ENOENT") return "no such file: check the path, and that the step that writes the plan ran before plangate";
  if (code === "EACCES" || code === "EPERM") return "permission denied: make the file readable by the user running plangate";
  if (code === "EISDIR") return "is a directory: pass the plan JSON file inside it (for example plan.json)";
  return `cannot be opened (${code ?? safeLine(String(error), 300)})`;
}
function tooLarge(size2, maxBytes, atLeast = false, notInParts) {
  const mb = (n) => n >= 1e6 ? `${Math.round(n / 1e6)} MB` : `${Math.ceil(n / 1e3)} kB`;
  const fix = maxBytes >= MAX_STRING ? "the largest text V8 can hold; split the configuration into smaller plans" : "raise the heap with NODE_OPTIONS=--max-old-space-size=MB, or split the configuration into smaller plans";
  return `the file is ${atLeast ? "more than " : ""}${mb(size2)}, more than this process can hold (limit ${mb(maxBytes)})${notInParts ? ` and ${notInParts}` : ""}: ${fix}`;
}

// rules/aws.yml
var aws_default = { "description": "Stateful and hard-to-recreate AWS resources (hashicorp/aws provider).", "rules": [{ "name": "aws-relational-databases", "reason": "Relational database: deleting it destroys its data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["aws_db_instance", "aws_rds_cluster", "aws_dsql_cluster", "aws_lightsail_database"] } }, { "name": "aws-document-graph-databases", "reason": "Document or graph database cluster: deleting it destroys its data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["aws_docdb_cluster", "aws_docdbelastic_cluster", "aws_neptune_cluster"] } }, { "name": "aws-global-databases", "reason": "Global database or cache: deleting it ends the cross-region replication and failover its member clusters rely on.", "severity": "high", "match": { "types": ["aws_rds_global_cluster", "aws_docdb_global_cluster", "aws_neptune_global_cluster", "aws_memorydb_multi_region_cluster", "aws_elasticache_global_replication_group"] } }, { "name": "aws-nosql-databases", "reason": "NoSQL table, keyspace or database: deleting it destroys every item stored in it.", "severity": "critical", "match": { "types": ["aws_dynamodb_table", "aws_dynamodb_global_table", "aws_dynamodb_table_replica", "aws_keyspaces_keyspace", "aws_keyspaces_table", "aws_memorydb_cluster"] } }, { "name": "aws-time-series-databases", "reason": "Time-series database or table: deleting it destroys every record stored in it.", "severity": "critical", "match": { "types": ["aws_timestreamwrite_database", "aws_timestreamwrite_table", "aws_timestreaminfluxdb_db_instance"] } }, { "name": "aws-data-warehouses", "reason": "Data warehouse or table store: deleting it destroys its tables and their data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["aws_redshift_cluster", "aws_redshiftserverless_namespace", "aws_s3tables_table_bucket", "aws_s3tables_table"] } }, { "name": "aws-object-storage", "reason": "Object storage: deleting it destroys every object in it (Terraform empties it first when force_destroy is set).", "severity": "critical", "match": { "types": ["aws_s3_bucket", "aws_s3_directory_bucket", "aws_s3control_bucket", "aws_glacier_vault", "aws_lightsail_bucket"] } }, { "name": "aws-block-volumes", "reason": "Block volume: deleting it destroys the data on it unless a snapshot was taken.", "severity": "critical", "match": { "types": ["aws_ebs_volume", "aws_lightsail_disk"] } }, { "name": "aws-file-systems", "reason": "File system: deleting it destroys every file on it unless a final backup is taken.", "severity": "critical", "match": { "types": ["aws_efs_file_system", "aws_fsx_lustre_file_system", "aws_fsx_windows_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_fsx_ontap_volume", "aws_fsx_openzfs_volume"] } }, { "name": "aws-backups", "reason": "Backup vault or snapshot: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["aws_backup_vault", "aws_backup_logically_air_gapped_vault", "aws_db_snapshot", "aws_db_cluster_snapshot", "aws_docdb_cluster_snapshot", "aws_neptune_cluster_snapshot", "aws_ebs_snapshot", "aws_ebs_snapshot_copy", "aws_fsx_backup"] } }, { "name": "aws-encryption-keys", "reason": "Encryption key: once deleted (after its waiting period) every piece of data encrypted with it is unreadable.", "severity": "critical", "match": { "types": ["aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key", "aws_kms_replica_external_key", "aws_cloudhsm_v2_cluster"] } }, { "name": "aws-certificate-authorities", "reason": "Private certificate authority: deleting it loses its signing key; certificates it issued can no longer be renewed or revoked.", "severity": "high", "match": { "types": ["aws_acmpca_certificate_authority"] } }, { "name": "aws-caches", "reason": "Cache with data: deleting it loses every key in it unless a final snapshot is taken.", "severity": "high", "match": { "types": ["aws_elasticache_replication_group", "aws_elasticache_cluster", "aws_elasticache_serverless_cache"] } }, { "name": "aws-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["aws_route53_zone"] } }, { "name": "aws-secrets", "reason": "Secret: deleting it loses its value after the recovery window, and everything that reads it fails.", "severity": "high", "match": { "types": ["aws_secretsmanager_secret"] } }, { "name": "aws-parameters", "reason": "SSM parameter: deleting it loses its value (SecureString parameters often hold secrets).", "severity": "medium", "match": { "types": ["aws_ssm_parameter"] } }, { "name": "aws-identity", "reason": "User directory or identity pool: deleting it destroys every user, password and identity in it; they cannot be recreated with the same ids.", "severity": "high", "match": { "types": ["aws_cognito_user_pool", "aws_cognito_identity_pool", "aws_directory_service_directory"] } }, { "name": "aws-accounts", "reason": "AWS account: deleting it removes the account from the organization, or closes it when close_on_deletion is set.", "severity": "high", "match": { "types": ["aws_organizations_account"] } }, { "name": "aws-registries", "reason": "Image or package repository: deleting it destroys every image or package version stored in it.", "severity": "high", "match": { "types": ["aws_ecr_repository", "aws_ecrpublic_repository", "aws_codeartifact_repository", "aws_codeartifact_domain"] } }, { "name": "aws-source-repositories", "reason": "Source repository: deleting it destroys its Git history, branches and pull requests.", "severity": "critical", "match": { "types": ["aws_codecommit_repository"] } }, { "name": "aws-search-domains", "reason": "Search domain: deleting it destroys its indexes, which must be rebuilt or restored from a snapshot.", "severity": "high", "match": { "types": ["aws_opensearch_domain", "aws_elasticsearch_domain", "aws_opensearchserverless_collection", "aws_cloudsearch_domain"] } }, { "name": "aws-streams", "reason": "Stream or message broker: deleting it loses every retained record or message not yet consumed.", "severity": "high", "match": { "types": ["aws_kinesis_stream", "aws_kinesis_video_stream", "aws_msk_cluster", "aws_msk_serverless_cluster", "aws_mq_broker"] } }, { "name": "aws-queues", "reason": "Queue: deleting it loses every message waiting in it.", "severity": "medium", "match": { "types": ["aws_sqs_queue"] } }, { "name": "aws-networks", "reason": "Network: deleting or replacing it takes down everything attached to it (instances, load balancers, endpoints, peerings).", "severity": "high", "match": { "types": ["aws_vpc", "aws_subnet", "aws_ec2_transit_gateway"] } }, { "name": "aws-static-ips", "reason": "Elastic IP: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["aws_eip"] } }, { "name": "aws-logs", "reason": "Log store: deleting it destroys the logs or events in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["aws_cloudwatch_log_group", "aws_cloudtrail_event_data_store"] } }] };

// rules/azure.yml
var azure_default = { "description": "Stateful and hard-to-recreate Azure resources (hashicorp/azurerm provider).", "rules": [{ "name": "azure-resource-groups", "reason": "Resource group: deleting it deletes every resource inside it.", "severity": "critical", "match": { "types": ["azurerm_resource_group"] } }, { "name": "azure-relational-databases", "reason": "Relational database or server: deleting it destroys its data, and deleting a server deletes its automatic backups too.", "severity": "critical", "match": { "types": ["azurerm_mssql_server", "azurerm_mssql_database", "azurerm_mssql_managed_instance", "azurerm_mssql_managed_database", "azurerm_postgresql_flexible_server", "azurerm_postgresql_flexible_server_database", "azurerm_mysql_flexible_server", "azurerm_mysql_flexible_database", "azurerm_cosmosdb_postgresql_cluster", "azurerm_postgresql_server", "azurerm_postgresql_database", "azurerm_mysql_server", "azurerm_mysql_database", "azurerm_mariadb_server", "azurerm_mariadb_database", "azurerm_sql_server", "azurerm_sql_database"] } }, { "name": "azure-nosql-databases", "reason": "Cosmos DB or MongoDB account, database or container: deleting it destroys every document, row or graph element in it.", "severity": "critical", "match": { "types": ["azurerm_cosmosdb_account", "azurerm_cosmosdb_sql_database", "azurerm_cosmosdb_sql_container", "azurerm_cosmosdb_mongo_database", "azurerm_cosmosdb_mongo_collection", "azurerm_cosmosdb_cassandra_keyspace", "azurerm_cosmosdb_cassandra_table", "azurerm_cosmosdb_gremlin_database", "azurerm_cosmosdb_gremlin_graph", "azurerm_cosmosdb_table", "azurerm_mongo_cluster"] } }, { "name": "azure-analytics-databases", "reason": "Data Explorer or Synapse store: deleting it destroys the data ingested into it.", "severity": "critical", "match": { "types": ["azurerm_kusto_cluster", "azurerm_kusto_database", "azurerm_synapse_workspace", "azurerm_synapse_sql_pool"] } }, { "name": "azure-storage", "reason": "Storage account, container or table: deleting it destroys every blob, file or entity stored in it.", "severity": "critical", "match": { "types": ["azurerm_storage_account", "azurerm_storage_container", "azurerm_storage_data_lake_gen2_filesystem", "azurerm_storage_table"] } }, { "name": "azure-file-systems", "reason": "File share or file system: deleting it destroys every file on it.", "severity": "critical", "match": { "types": ["azurerm_storage_share", "azurerm_netapp_volume", "azurerm_managed_lustre_file_system"] } }, { "name": "azure-disks", "reason": "Managed disk or SAN volume: deleting it destroys the data on it unless a snapshot was taken.", "severity": "critical", "match": { "types": ["azurerm_managed_disk", "azurerm_elastic_san", "azurerm_elastic_san_volume"] } }, { "name": "azure-backups", "reason": "Backup vault or snapshot: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault", "azurerm_snapshot"] } }, { "name": "azure-key-vaults", "reason": "Key vault, HSM or key: once deleted and purged, every piece of data encrypted with its keys is unreadable.", "severity": "critical", "match": { "types": ["azurerm_key_vault", "azurerm_key_vault_key", "azurerm_key_vault_managed_hardware_security_module", "azurerm_key_vault_managed_hardware_security_module_key"] } }, { "name": "azure-secrets", "reason": "Key Vault secret or certificate: deleting it loses its value or private key, and everything that reads it fails.", "severity": "high", "match": { "types": ["azurerm_key_vault_secret", "azurerm_key_vault_certificate"] } }, { "name": "azure-caches", "reason": "Redis cache: deleting it loses every key in it unless it was exported or persisted.", "severity": "high", "match": { "types": ["azurerm_redis_cache", "azurerm_redis_enterprise_cluster", "azurerm_redis_enterprise_database", "azurerm_managed_redis"] } }, { "name": "azure-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new public zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["azurerm_dns_zone", "azurerm_private_dns_zone"] } }, { "name": "azure-identity", "reason": "Managed identity or directory: deleting it destroys its identities; a recreated one gets new ids, so existing role assignments and sign-ins stop working.", "severity": "high", "match": { "types": ["azurerm_user_assigned_identity", "azurerm_aadb2c_directory", "azurerm_active_directory_domain_service"] } }, { "name": "azure-registries", "reason": "Container registry: deleting it destroys every image and artifact stored in it.", "severity": "high", "match": { "types": ["azurerm_container_registry"] } }, { "name": "azure-search", "reason": "Search service: deleting it destroys its indexes, which must be rebuilt from the source data.", "severity": "high", "match": { "types": ["azurerm_search_service"] } }, { "name": "azure-streams", "reason": "Event Hubs namespace or hub: deleting it loses every retained event not yet consumed.", "severity": "high", "match": { "types": ["azurerm_eventhub_namespace", "azurerm_eventhub"] } }, { "name": "azure-queues", "reason": "Service Bus or storage queue: deleting it loses every message waiting in it.", "severity": "medium", "match": { "types": ["azurerm_servicebus_namespace", "azurerm_servicebus_queue", "azurerm_servicebus_topic", "azurerm_storage_queue"] } }, { "name": "azure-networks", "reason": "Virtual network or subnet: deleting or replacing it takes down everything attached to it (VMs, private endpoints, peerings, gateways).", "severity": "high", "match": { "types": ["azurerm_virtual_network", "azurerm_subnet"] } }, { "name": "azure-static-ips", "reason": "Public IP address or prefix: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["azurerm_public_ip", "azurerm_public_ip_prefix"] } }, { "name": "azure-logs", "reason": "Log Analytics workspace or Application Insights: deleting it destroys the logs and telemetry in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["azurerm_log_analytics_workspace", "azurerm_application_insights"] } }] };

// rules/cloudformation.yml
var cloudformation_default = { "description": "Stateful and hard-to-recreate AWS resources in CloudFormation change sets.", "rules": [{ "name": "cfn-relational-databases", "reason": "Relational database: deleting it destroys its data unless its DeletionPolicy is Snapshot or Retain.", "severity": "critical", "match": { "types": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DSQL::Cluster", "AWS::Lightsail::Database"] } }, { "name": "cfn-document-graph-databases", "reason": "Document or graph database cluster: deleting it destroys its data unless its DeletionPolicy is Snapshot or Retain.", "severity": "critical", "match": { "types": ["AWS::DocDB::DBCluster", "AWS::DocDBElastic::Cluster", "AWS::Neptune::DBCluster"] } }, { "name": "cfn-global-databases", "reason": "Global database or cache: deleting it ends the cross-region replication and failover its member clusters rely on.", "severity": "high", "match": { "types": ["AWS::RDS::GlobalCluster", "AWS::ElastiCache::GlobalReplicationGroup"] } }, { "name": "cfn-nosql-databases", "reason": "NoSQL table, keyspace or database: deleting it destroys every item stored in it.", "severity": "critical", "match": { "types": ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Cassandra::Keyspace", "AWS::Cassandra::Table", "AWS::MemoryDB::Cluster"] } }, { "name": "cfn-time-series-databases", "reason": "Time-series database or table: deleting it destroys every record stored in it.", "severity": "critical", "match": { "types": ["AWS::Timestream::Database", "AWS::Timestream::Table", "AWS::Timestream::InfluxDBInstance"] } }, { "name": "cfn-data-warehouses", "reason": "Data warehouse or table store: deleting it destroys its tables and their data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["AWS::Redshift::Cluster", "AWS::RedshiftServerless::Namespace", "AWS::S3Tables::TableBucket", "AWS::S3Tables::Table"] } }, { "name": "cfn-object-storage", "reason": "Object storage: deleting it destroys every object in it (CloudFormation deletes a bucket only once something has emptied it).", "severity": "critical", "match": { "types": ["AWS::S3::Bucket", "AWS::S3Express::DirectoryBucket", "AWS::S3Outposts::Bucket", "AWS::Lightsail::Bucket"] } }, { "name": "cfn-block-volumes", "reason": "Block volume: deleting it destroys the data on it unless its DeletionPolicy is Snapshot or Retain.", "severity": "critical", "match": { "types": ["AWS::EC2::Volume", "AWS::Lightsail::Disk"] } }, { "name": "cfn-file-systems", "reason": "File system: deleting it destroys every file on it unless a final backup is taken.", "severity": "critical", "match": { "types": ["AWS::EFS::FileSystem", "AWS::FSx::FileSystem", "AWS::FSx::Volume"] } }, { "name": "cfn-backups", "reason": "Backup vault: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["AWS::Backup::BackupVault", "AWS::Backup::LogicallyAirGappedBackupVault"] } }, { "name": "cfn-encryption-keys", "reason": "Encryption key: once deleted (after its waiting period) every piece of data encrypted with it is unreadable.", "severity": "critical", "match": { "types": ["AWS::KMS::Key", "AWS::KMS::ReplicaKey"] } }, { "name": "cfn-certificate-authorities", "reason": "Private certificate authority: deleting it loses its signing key; certificates it issued can no longer be renewed or revoked.", "severity": "high", "match": { "types": ["AWS::ACMPCA::CertificateAuthority"] } }, { "name": "cfn-caches", "reason": "Cache with data: deleting it loses every key in it unless a final snapshot is taken.", "severity": "high", "match": { "types": ["AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ServerlessCache"] } }, { "name": "cfn-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["AWS::Route53::HostedZone"] } }, { "name": "cfn-secrets", "reason": "Secret: deleting it loses its value after the recovery window, and everything that reads it fails.", "severity": "high", "match": { "types": ["AWS::SecretsManager::Secret"] } }, { "name": "cfn-parameters", "reason": "SSM parameter: deleting it loses its value, and everything that reads it fails.", "severity": "medium", "match": { "types": ["AWS::SSM::Parameter"] } }, { "name": "cfn-identity", "reason": "User directory or identity pool: deleting it destroys every user, password and identity in it; they cannot be recreated with the same ids.", "severity": "high", "match": { "types": ["AWS::Cognito::UserPool", "AWS::Cognito::IdentityPool", "AWS::DirectoryService::MicrosoftAD", "AWS::DirectoryService::SimpleAD"] } }, { "name": "cfn-accounts", "reason": "AWS account: deleting it from the stack removes the account from the organization or closes it.", "severity": "high", "match": { "types": ["AWS::Organizations::Account"] } }, { "name": "cfn-registries", "reason": "Image or package repository: deleting it destroys every image or package version stored in it.", "severity": "high", "match": { "types": ["AWS::ECR::Repository", "AWS::ECR::PublicRepository", "AWS::CodeArtifact::Repository", "AWS::CodeArtifact::Domain"] } }, { "name": "cfn-source-repositories", "reason": "Source repository: deleting it destroys its Git history, branches and pull requests.", "severity": "critical", "match": { "types": ["AWS::CodeCommit::Repository"] } }, { "name": "cfn-search-domains", "reason": "Search domain: deleting it destroys its indexes, which must be rebuilt or restored from a snapshot.", "severity": "high", "match": { "types": ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain", "AWS::OpenSearchServerless::Collection"] } }, { "name": "cfn-streams", "reason": "Stream or message broker: deleting it loses every retained record or message not yet consumed.", "severity": "high", "match": { "types": ["AWS::Kinesis::Stream", "AWS::KinesisVideo::Stream", "AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster", "AWS::AmazonMQ::Broker"] } }, { "name": "cfn-queues", "reason": "Queue: deleting it loses every message waiting in it.", "severity": "medium", "match": { "types": ["AWS::SQS::Queue"] } }, { "name": "cfn-networks", "reason": "Network: deleting or replacing it takes down everything attached to it (instances, load balancers, endpoints, peerings).", "severity": "high", "match": { "types": ["AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::TransitGateway"] } }, { "name": "cfn-static-ips", "reason": "Elastic IP: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["AWS::EC2::EIP"] } }, { "name": "cfn-logs", "reason": "Log store: deleting it destroys the logs or events in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["AWS::Logs::LogGroup", "AWS::CloudTrail::EventDataStore"] } }, { "name": "cfn-nested-stacks", "reason": "Nested stack: deleting it deletes every resource inside it, though the change set may show only the stack.", "severity": "high", "match": { "types": ["AWS::CloudFormation::Stack"] } }] };

// rules/google.yml
var google_default = { "description": "Stateful and hard-to-recreate Google Cloud resources (hashicorp/google and google-beta providers).", "rules": [{ "name": "google-relational-databases", "reason": "Relational database: deleting it destroys its data and, unless they are retained, its automatic backups.", "severity": "critical", "match": { "types": ["google_sql_database_instance", "google_sql_database", "google_alloydb_cluster", "google_spanner_instance", "google_spanner_database"] } }, { "name": "google-nosql-databases", "reason": "NoSQL database or table: deleting it destroys every row or document stored in it.", "severity": "critical", "match": { "types": ["google_bigtable_instance", "google_bigtable_table", "google_firestore_database"] } }, { "name": "google-data-warehouses", "reason": "BigQuery dataset or table: deleting it destroys its tables and their data.", "severity": "critical", "match": { "types": ["google_bigquery_dataset", "google_bigquery_table"] } }, { "name": "google-healthcare-stores", "reason": "Healthcare dataset or store: deleting it destroys the patient records, images or messages in it.", "severity": "critical", "match": { "types": ["google_healthcare_dataset", "google_healthcare_fhir_store", "google_healthcare_dicom_store", "google_healthcare_hl7_v2_store"] } }, { "name": "google-object-storage", "reason": "Storage bucket: deleting it destroys every object in it (Terraform empties it first when force_destroy is set).", "severity": "critical", "match": { "types": ["google_storage_bucket"] } }, { "name": "google-disks", "reason": "Persistent disk: deleting it destroys the data on it unless a snapshot was taken.", "severity": "critical", "match": { "types": ["google_compute_disk", "google_compute_region_disk"] } }, { "name": "google-file-systems", "reason": "File system: deleting it destroys every file on it.", "severity": "critical", "match": { "types": ["google_filestore_instance", "google_netapp_volume", "google_parallelstore_instance"] } }, { "name": "google-backups", "reason": "Backup vault, backup or snapshot: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["google_compute_snapshot", "google_filestore_backup", "google_filestore_snapshot", "google_backup_dr_backup_vault", "google_netapp_backup_vault"] } }, { "name": "google-encryption-keys", "reason": "Cloud KMS key: once its versions are destroyed, every piece of data encrypted with them is unreadable.", "severity": "critical", "match": { "types": ["google_kms_key_ring", "google_kms_crypto_key", "google_kms_crypto_key_version"] } }, { "name": "google-caches", "reason": "Memorystore instance: deleting it loses every key in it unless it was exported or backed up.", "severity": "high", "match": { "types": ["google_redis_instance", "google_redis_cluster", "google_memorystore_instance"] } }, { "name": "google-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["google_dns_managed_zone"] } }, { "name": "google-secrets", "reason": "Secret or secret version: deleting it loses its value, and everything that reads it fails.", "severity": "high", "match": { "types": ["google_secret_manager_secret", "google_secret_manager_secret_version", "google_secret_manager_regional_secret", "google_secret_manager_regional_secret_version"] } }, { "name": "google-identity", "reason": "Identity platform, identity pool or service account: deleting it destroys its users or identity, and a recreated one gets new ids that existing grants do not name.", "severity": "high", "match": { "types": ["google_identity_platform_config", "google_identity_platform_tenant", "google_iam_workload_identity_pool", "google_iam_workforce_pool", "google_service_account"] } }, { "name": "google-registries", "reason": "Artifact Registry repository: deleting it destroys every image or package version stored in it.", "severity": "high", "match": { "types": ["google_artifact_registry_repository"] } }, { "name": "google-source-repositories", "reason": "Source repository: deleting it destroys its Git history and branches.", "severity": "critical", "match": { "types": ["google_sourcerepo_repository"] } }, { "name": "google-messaging", "reason": "Topic, subscription or task queue: deleting it loses every retained message or task not yet delivered.", "severity": "medium", "match": { "types": ["google_pubsub_topic", "google_pubsub_subscription", "google_cloud_tasks_queue"] } }, { "name": "google-networks", "reason": "VPC network or subnet: deleting or replacing it takes down everything attached to it (instances, clusters, peerings, private services).", "severity": "high", "match": { "types": ["google_compute_network", "google_compute_subnetwork"] } }, { "name": "google-static-ips", "reason": "Static IP address: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["google_compute_address", "google_compute_global_address"] } }, { "name": "google-logs", "reason": "Log bucket: deleting it destroys the logs stored in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["google_logging_project_bucket_config", "google_logging_folder_bucket_config", "google_logging_organization_bucket_config"] } }, { "name": "google-projects", "reason": "Project: deleting it shuts down every resource in it, and it can be restored for 30 days only.", "severity": "critical", "match": { "types": ["google_project"] } }] };

// rules/kubernetes.yml
var kubernetes_default = { "description": "Stateful Kubernetes objects (hashicorp/kubernetes provider).", "rules": [{ "name": "k8s-persistent-volumes", "reason": "Persistent volume or claim: deleting it can delete the disk behind it (reclaim policy Delete) and the data on it.", "severity": "critical", "match": { "types": ["kubernetes_persistent_volume", "kubernetes_persistent_volume_v1", "kubernetes_persistent_volume_claim", "kubernetes_persistent_volume_claim_v1"] } }, { "name": "k8s-namespaces", "reason": "Namespace: deleting it deletes everything inside it, including volume claims and secrets.", "severity": "high", "match": { "types": ["kubernetes_namespace", "kubernetes_namespace_v1"] } }, { "name": "k8s-stateful-sets", "reason": "Stateful set: deleting or replacing it stops its pods, and deletes their volume claims too when its claim retention policy says Delete.", "severity": "high", "match": { "types": ["kubernetes_stateful_set", "kubernetes_stateful_set_v1"] } }, { "name": "k8s-secrets", "reason": "Secret: deleting it loses its values, and workloads that mount or read it fail to start.", "severity": "high", "match": { "types": ["kubernetes_secret", "kubernetes_secret_v1"] } }] };

// rules/recommended.yml
var recommended_default = { "description": "Stateful and hard-to-recreate resources on every supported platform, and any deletion guard switched off.", "extends": ["aws", "google", "azure", "kubernetes", "cloudformation"], "rules": [{ "name": "deletion-guard-removed", "reason": "Someone turned this guard on to stop deletion; switching it off is the first step of deleting the resource.", "severity": "high", "match": { "types": ["*"], "actions": ["protection-removed"] } }] };

// src/rules/glob-problem.ts
function globProblem(glob, kind) {
  if (glob !== glob.trim()) return "a glob without spaces at its ends (they would have to be in the name)";
  if (glob.startsWith("!")) return "a glob without a leading ! (plangate globs have no negation; leave out what should not match)";
  const brackets = kind === "address" ? indexKeysProblem(glob) : classesProblem(glob);
  if (brackets) return brackets;
  if (!bracesPair(glob, kind)) return "a glob whose { and } pair up, as in {a,b}";
  if (kind === "address") {
    if (splitAddress(glob, "terraform").includes("") || splitAddress(glob, "cloudformation").includes("")) {
      return "an address glob without empty parts (no leading, trailing or doubled . or /)";
    }
  }
  return void 0;
}
function indexKeysProblem(glob) {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true;
    else if (c === "[") depth++;
    else if (c === "]" && --depth < 0) break;
  }
  if (quoted) return 'an address glob whose quoted index keys end, as in module.app["eu"]';
  return depth === 0 ? void 0 : "an address glob whose [ and ] pair up, as in aws_instance.web[0]";
}
function classesProblem(glob) {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === "\\") i++;
    else if (glob[i] === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) return "a glob whose [ and ] pair up, as in db[0-9]";
      i = close;
    }
  }
  return void 0;
}
function bracesPair(glob, kind) {
  let braces = 0;
  let inside = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "\\" && kind !== "address") i++;
    else if (inside) inside = c !== "]";
    else if (c === "[") inside = true;
    else if (c === "{") braces++;
    else if (c === "}" && --braces < 0) return false;
  }
  return braces === 0;
}

// src/rules/validate.ts
function showPath(path) {
  return path.map((part, i) => typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`).join("") || "(top level)";
}
function problemAt(path, text) {
  return { path, text: `${showPath(path)}: ${text}` };
}
function throwProblems(source, problems, offset = () => 0) {
  if (problems.length === 0) return;
  const ordered = problems.map((p, i) => ({ p, at: offset(p.path), i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const [first, ...more] = ordered.map(({ p }) => p.text);
  throw new InputError(source, first, more);
}
function validatePack(raw, source) {
  const v = new Validator();
  const doc = v.check(() => v.object(raw, [])) ?? {};
  v.onlyKeys(doc, [], ["description", "extends", "rules"]);
  const pack = v.pack(doc);
  throwProblems(source, v.problems);
  return pack;
}
var CONFIG_KEYS = ["description", "extends", "rules", "ignore", "override-label", "gate-approvers", "gate-files", "protected-bases", "guard"];
function validateConfig(raw) {
  const v = new Validator();
  const doc = raw === null || raw === void 0 ? {} : v.check(() => v.object(raw, [])) ?? {};
  v.onlyKeys(doc, [], CONFIG_KEYS);
  const pack = v.pack(doc);
  const config = {
    description: pack.description,
    rules: pack.rules,
    ignore: doc.ignore === void 0 ? [] : v.globs(doc.ignore, ["ignore"], "address", true),
    protectedBases: doc["protected-bases"] === void 0 ? [] : v.globs(doc["protected-bases"], ["protected-bases"], "name", true),
    gateFiles: doc["gate-files"] === void 0 ? [] : v.globs(doc["gate-files"], ["gate-files"], "path", true)
  };
  if (doc["gate-approvers"] !== void 0) {
    v.check(() => {
      const approvers = v.approvers(doc["gate-approvers"], ["gate-approvers"]);
      if (approvers.teams.length + approvers.users.length === 0) v.fail(["gate-approvers"], "at least one team or user (leave the key out to use the strictest rule's approvers)");
      config.gateApprovers = approvers;
    });
  }
  if (doc.extends !== void 0) config.extends = pack.extends;
  if (doc.guard !== void 0) config.guard = doc.guard;
  const label = doc["override-label"];
  if (label !== void 0) {
    v.check(() => {
      const name = v.string(label, ["override-label"]);
      if (name.length > 50 || /[,\n]/.test(name)) v.fail(["override-label"], "a GitHub label name: at most 50 characters, no commas or newlines", label);
      config.overrideLabel = name;
    });
  }
  return { config, problems: v.problems };
}
var Abandon = class extends Error {
};
var Validator = class {
  problems = [];
  /** fn's value, or undefined when it found a problem (recorded) and gave up on its value. */
  check(fn) {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Abandon) return void 0;
      throw error;
    }
  }
  /** Checks each item on its own, so one bad item does not hide the problems of the next. */
  each(items, path, fn) {
    return items.flatMap((item, i) => {
      const value = this.check(() => fn(item, [...path, i]));
      return value === void 0 ? [] : [value];
    });
  }
  /** The keys a pack and a config share: description, extends, rules (names unique). */
  pack(doc) {
    const items = this.check(() => this.list(doc.rules === void 0 ? [] : doc.rules, ["rules"])) ?? [];
    const rules = [];
    const seen = /* @__PURE__ */ new Set();
    for (const [i, item] of items.entries()) {
      const rule = this.check(() => this.rule(item, ["rules", i]));
      if (rule === void 0) continue;
      if (seen.has(rule.name)) this.record(["rules", i, "name"], `expected a unique rule name (${JSON.stringify(rule.name)} is used twice)`);
      seen.add(rule.name);
      rules.push(rule);
    }
    return {
      description: doc.description === void 0 ? "" : this.check(() => this.string(doc.description, ["description"])) ?? "",
      extends: this.check(() => this.strings(doc.extends === void 0 ? [] : doc.extends, ["extends"])) ?? [],
      rules
    };
  }
  record(path, text) {
    this.problems.push(problemAt(path, text));
  }
  fail(path, expected, ...got) {
    this.record(path, `expected ${expected}${got.length === 0 ? "" : `, got ${describe(got[0])}`}`);
    throw new Abandon();
  }
  object(value, path) {
    if (!isObject(value)) this.fail(path, "a mapping", value);
    return value;
  }
  /** Records every unknown key; the known ones are still checked. */
  onlyKeys(value, path, allowed) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.record([...path, key], `unknown key ${JSON.stringify(key)}; expected one of ${allowed.join(", ")}`);
    }
  }
  list(value, path) {
    if (!Array.isArray(value)) this.fail(path, "a list", value);
    return value;
  }
  string(value, path) {
    if (typeof value !== "string" || value.trim() === "") this.fail(path, "a non-empty string", value);
    return value;
  }
  /** A list of strings: every bad item is recorded, and then the list is given up. */
  strings(value, path, item = () => {
  }) {
    const items = this.list(value, path);
    const strings = this.each(items, path, (raw, at2) => {
      const text = this.string(raw, at2);
      item(text, at2);
      return text;
    });
    if (strings.length !== items.length) throw new Abandon();
    return strings;
  }
  /** Globs that must parse; `mayBeEmpty` for lists whose absence and emptiness mean the same. */
  globs(value, path, kind, mayBeEmpty = false) {
    return this.check(() => {
      const globs = this.strings(value, path, (glob, at2) => {
        const problem = (kind === "path" ? repositoryPathProblem(glob) : void 0) ?? globProblem(glob, kind);
        if (problem) this.fail(at2, problem, glob);
      });
      if (globs.length === 0 && !mayBeEmpty) this.fail(path, "a non-empty list (leave the key out to match any)");
      return globs;
    }) ?? [];
  }
  oneOf(value, path, allowed) {
    if (typeof value !== "string" || !allowed.includes(value)) this.fail(path, `one of ${allowed.join(", ")}`, value);
    return value;
  }
  rule(raw, path) {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ["name", "reason", "severity", "approvals", "approvers", "match"]);
    const before = this.problems.length;
    const at2 = (key) => [...path, key];
    const name = this.check(() => this.string(doc.name, at2("name")));
    const severity = doc.severity === void 0 ? "high" : this.check(() => this.oneOf(doc.severity, at2("severity"), SEVERITIES));
    const approvals = doc.approvals === void 0 ? 1 : this.check(() => this.count(doc.approvals, at2("approvals")));
    const approvers = doc.approvers === void 0 ? { teams: [], users: [] } : this.check(() => this.approvers(doc.approvers, at2("approvers")));
    const match = this.check(() => this.match(doc.match, at2("match")));
    const reason = doc.reason === void 0 ? void 0 : this.check(() => this.string(doc.reason, at2("reason")));
    if (this.problems.length > before || name === void 0 || severity === void 0 || approvals === void 0 || approvers === void 0 || match === void 0) throw new Abandon();
    const rule = { name, severity, approvals, approvers, match };
    if (reason !== void 0) rule.reason = reason;
    return rule;
  }
  count(value, path) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 20) this.fail(path, "a whole number from 1 to 20", value);
    return value;
  }
  approvers(raw, path) {
    const doc = this.object(raw, path);
    const before = this.problems.length;
    this.onlyKeys(doc, path, ["teams", "users"]);
    const teams = this.check(() => this.strings(doc.teams === void 0 ? [] : doc.teams, [...path, "teams"]));
    const users = this.check(() => this.strings(doc.users === void 0 ? [] : doc.users, [...path, "users"]));
    if (this.problems.length > before || !teams || !users) throw new Abandon();
    return { teams, users };
  }
  match(raw, path) {
    const doc = this.object(raw, path);
    const before = this.problems.length;
    this.onlyKeys(doc, path, ["types", "addresses", "modules", "providers", "tags", "actions"]);
    const actions = doc.actions === void 0 ? [...MATCH_ACTIONS] : this.check(() => this.list(doc.actions, [...path, "actions"])) ?? [];
    const match = { actions: this.each(actions, [...path, "actions"], (a, at2) => this.oneOf(a, at2, MATCH_ACTIONS)) };
    const kinds = { types: "name", addresses: "address", modules: "address", providers: "name" };
    for (const [key, kind] of Object.entries(kinds)) {
      if (doc[key] !== void 0) match[key] = this.globs(doc[key], [...path, key], kind);
    }
    if (doc.tags !== void 0) this.check(() => match.tags = this.tags(doc.tags, [...path, "tags"]));
    if (this.problems.length > before) throw new Abandon();
    if (!match.types && !match.addresses && !match.modules && !match.providers && !match.tags) {
      this.fail(path, 'at least one of types, addresses, modules, providers, tags (a rule for everything says types: ["*"])');
    }
    return match;
  }
  tags(raw, path) {
    const doc = this.object(raw, path);
    const tags = {};
    for (const [key, value] of Object.entries(doc)) {
      this.check(() => {
        const text = typeof value === "number" || typeof value === "boolean" ? String(value) : this.string(value, [...path, key]);
        const problem = globProblem(text, "name");
        if (problem) this.fail([...path, key], problem, text);
        tags[key] = text;
      });
    }
    if (Object.keys(doc).length === 0) this.fail(path, "at least one tag (leave the key out to match any)");
    return tags;
  }
};
function describe(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

// src/rules/packs.ts
var PACKS = { recommended: recommended_default, aws: aws_default, google: google_default, azure: azure_default, cloudformation: cloudformation_default, kubernetes: kubernetes_default };
var PACK_NAMES = Object.keys(PACKS);
function loadPacks(names2, source = "extends") {
  const rules = [];
  const packs = [];
  const visit = (name, trail) => {
    if (packs.includes(name)) return;
    if (trail.includes(name)) throw new InputError(`rules/${name}.yml`, `extends itself through ${[...trail, name].join(" → ")}`);
    const raw = PACKS[name];
    if (raw === void 0) {
      throw new InputError(source, `unknown rule pack ${JSON.stringify(name)}; built-in packs are ${PACK_NAMES.join(", ")}`);
    }
    const pack = validatePack(raw, `rules/${name}.yml`);
    for (const parent of pack.extends) visit(parent, [...trail, name]);
    packs.push(name);
    for (const rule of pack.rules) rules.push({ ...rule, pack: name });
  };
  for (const name of names2) visit(name, []);
  return { rules, packs };
}

// src/rules/config-warnings.ts
var known;
function typesKnown() {
  known ??= [.../* @__PURE__ */ new Set([...knownTypes(), ...loadPacks(PACK_NAMES).rules.flatMap((r) => r.match.types ?? [])])];
  return known;
}
function configWarnings(config, ruleSet) {
  const warnings = [];
  if (ruleSet.rules.length === 0) {
    warnings.push("protects nothing: it has `extends: []` and no rules, so only changes to the gate's own files need approval; add rules or extend a built-in pack");
  }
  const everything = config.ignore.findIndex((glob) => /^(\*\*[./]?)+$/.test(glob));
  if (everything !== -1) warnings.push(`${showPath(["ignore", everything])}: ${JSON.stringify(config.ignore[everything])} ignores every resource, so the config protects nothing but the gate's own files`);
  for (const [i, rule] of config.rules.entries()) {
    const types = rule.match.types;
    if (types === void 0) continue;
    const globs = types.map((glob) => new Minimatch(glob, { nocomment: true, noext: true, nonegate: true, dot: true }));
    if (typesKnown().some((type) => globs.some((glob) => glob.match(type)))) continue;
    warnings.push(
      `${showPath(["rules", i, "match", "types"])}: no resource type plangate knows matches ${types.map((t) => JSON.stringify(t)).join(", ")}: check the spelling (rule ${JSON.stringify(rule.name)} still matches these types if a plan has them)`
    );
  }
  return warnings;
}

// src/rules/gate.ts
var GATE_RULE = "gate-files-changed";
function gateFileGlobs(configPaths2, extra = []) {
  return [...configPaths2, ".github/workflows/**", ".github/actions/**", "CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ...extra];
}
function isGateFile(filename, globs) {
  return globs.some((glob) => new Minimatch(glob, { dot: true }).match(filename));
}
function gateRule(ruleSet, configPaths2) {
  const named = strictestRule(ruleSet.rules.filter((r) => r.approvers.teams.length + r.approvers.users.length > 0));
  const approvers = ruleSet.gateApprovers ?? named?.approvers ?? { teams: [], users: [] };
  return {
    name: GATE_RULE,
    reason: "A change to plangate's config, the workflows or CODEOWNERS can loosen the gate itself, so it needs the approval the strictest rule asks for.",
    severity: "critical",
    approvals: Math.max(1, ...ruleSet.rules.map((r) => r.approvals)),
    approvers: { teams: [...approvers.teams], users: [...approvers.users] },
    // Matched against the pull request's changed files, not against plans.
    match: { addresses: gateFileGlobs(configPaths2, ruleSet.gateFiles), actions: ["protection-removed"] }
  };
}
function isProtectedBase(base, protectedBranches, globs) {
  return protectedBranches.includes(base) || globs.some((glob) => new Minimatch(glob).match(base));
}

// src/rules/config.ts
function configPaths(named) {
  return named === void 0 ? [...DEFAULT_CONFIG_PATHS] : [named];
}
function oneConfig(existing, where2 = "") {
  if (existing.length > 1) {
    throw new InputError(existing[0], `${existing.slice(1).join(" and ")} exists too${where2}: plangate reads only one config; delete one of them`);
  }
  return existing[0];
}
function defaultRuleSet() {
  return { ...loadPacks(["recommended"]), ignore: [], overrideLabel: DEFAULT_OVERRIDE_LABEL, protectedBases: [] };
}
async function parseConfig(text, source, defaults = {}) {
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [yaml, ...moreYaml] = yamlProblems(doc);
  if (yaml !== void 0) throw new InputError(source, yaml, moreYaml);
  const raw = doc.toJS();
  const { config, problems } = validateConfig(raw);
  const packs = config.extends ?? ["recommended"];
  for (const [i, name] of packs.entries()) {
    if (!PACK_NAMES.includes(name)) problems.push(problemAt(["extends", i], `unknown rule pack ${JSON.stringify(name)}; built-in packs are ${PACK_NAMES.join(", ")}`));
  }
  const base = loadPacks(packs.filter((name) => PACK_NAMES.includes(name)));
  const names2 = new Set(base.rules.map((r) => r.name));
  const written = isObject(raw) && Array.isArray(raw.rules) ? raw.rules : [];
  for (const rule of config.rules) {
    const at2 = ["rules", written.findIndex((r) => isObject(r) && r.name === rule.name), "name"];
    if (rule.name === GATE_RULE) problems.push(problemAt(at2, `${JSON.stringify(rule.name)} is the rule for changes to the gate's own files; choose another name`));
    else if (names2.has(rule.name)) problems.push(problemAt(at2, `${JSON.stringify(rule.name)} is already a rule of a built-in pack; choose another name`));
  }
  throwProblems(source, problems, (path) => offsetIn(doc, path));
  const ruleSet = {
    rules: [...base.rules, ...config.rules],
    packs: base.packs,
    ignore: config.ignore,
    overrideLabel: config.overrideLabel ?? defaults.overrideLabel ?? DEFAULT_OVERRIDE_LABEL,
    protectedBases: config.protectedBases
  };
  if (config.gateApprovers) ruleSet.gateApprovers = config.gateApprovers;
  if (config.gateFiles.length > 0) ruleSet.gateFiles = config.gateFiles;
  const warnings = configWarnings(config, ruleSet);
  if (warnings.length > 0) ruleSet.warnings = warnings.map((warning) => `${displayName(source)}: ${warning}`);
  return ruleSet;
}
function offsetIn(doc, path) {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (node && typeof node === "object" && Array.isArray(node.range)) return node.range[0];
  }
  return 0;
}

export {
  analyse,
  repositoryPathProblem,
  throwProblems,
  Validator,
  loadYaml,
  yamlProblem,
  missingNestedChangeSets,
  parsePlan,
  planSizeLimit,
  readPlanFile,
  isGateFile,
  gateRule,
  isProtectedBase,
  configPaths,
  oneConfig,
  defaultRuleSet,
  parseConfig
};
