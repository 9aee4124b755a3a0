import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/quote.ts
var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
var QUOTE_MAX = 200;
function escapeUnsafe(text) {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function isDisplaySafe(text) {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}
function cut(text, max) {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}
function quote(value, max = QUOTE_MAX) {
  if (typeof value === "string") {
    const shown = cut(value, max);
    const rest = value.length - shown.length;
    return escapeUnsafe(JSON.stringify(shown)) + (rest > 0 ? `… (${rest} more characters)` : "");
  }
  if (typeof value !== "object" || value === null) return scalar(value);
  const text = escapeUnsafe(preview(value, max, 0));
  return text.length > max ? `${cut(text, max)}…` : text;
}
function scalar(value) {
  if (value === null) return "null";
  if (value === void 0) return "nothing";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return `a ${typeof value}`;
}
function preview(value, max, depth) {
  if (typeof value === "string") return JSON.stringify(cut(value, max));
  if (typeof value !== "object" || value === null) return scalar(value);
  if (depth >= 3) return Array.isArray(value) ? "[…]" : "{…}";
  const parts = [];
  let length = 0;
  const add = (part) => {
    parts.push(part);
    length += part.length + 1;
    return length < max;
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!add(preview(value[i], max, depth + 1))) {
        if (i < value.length - 1) parts.push("…");
        break;
      }
    }
    return `[${parts.join(",")}]`;
  }
  for (const key in value) {
    if (!add(`${JSON.stringify(cut(key, max))}:${preview(value[key], max, depth + 1)}`)) {
      parts.push("…");
      break;
    }
  }
  return `{${parts.join(",")}}`;
}
function displayName(name, max = QUOTE_MAX) {
  return name !== "" && name.length <= max && isDisplaySafe(name) ? name : quote(name, max);
}
function safeLine(text, max = 4e3) {
  const shown = cut(text, max);
  const rest = text.length - shown.length;
  return escapeUnsafe(shown) + (rest > 0 ? `… (${rest} more characters)` : "");
}

export {
  isDisplaySafe,
  quote,
  displayName,
  safeLine
};
