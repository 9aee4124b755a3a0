/**
 * Reading a resource's values for data-at-risk lines: only plain numbers,
 * booleans and identifiers checked here, so no other value from the plan is
 * ever printed.
 */

import { isObject, type JsonObject } from '../../json.js';

/** A resource's attribute values (Terraform) or Properties (CloudFormation). */
export type Values = Readonly<JsonObject>;

/** An attribute, or a path to one; Terraform nested blocks are lists, so `['settings', 0, 'disk_size']`. */
export type Path = string | readonly (string | number)[];

/** The values, or undefined when there are none. */
export function objectValues(value: unknown): Values | undefined {
  return isObject(value) && Object.keys(value).length > 0 ? value : undefined;
}

export function at(values: unknown, path: Path): unknown {
  let value = values;
  for (const key of typeof path === 'string' ? [path] : path) {
    if (typeof key === 'number') value = Array.isArray(value) ? (value[key] as unknown) : undefined;
    else value = isObject(value) ? value[key] : undefined;
  }
  return value;
}

/** true/false; CloudFormation writes them as strings. Anything else (sensitive, unknown) is undefined. */
export function flag(values: unknown, path: Path): boolean | undefined {
  const value = at(values, path);
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** A non-negative number; CloudFormation writes them as strings. */
export function amount(values: unknown, path: Path): number | undefined {
  const value = at(values, path);
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Whether the attribute holds a non-empty value of any kind (a sensitive one included). */
export function isSet(values: unknown, path: Path): boolean {
  const value = at(values, path);
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** Whether the attribute is there but empty (null or ""): unset, as opposed to unknown. */
export function isEmpty(values: unknown, path: Path): boolean {
  const value = at(values, path);
  return value === null || value === '';
}

/** An identifier safe to print: a snapshot name, an ARN, a device or volume type. Never "(sensitive)". */
export function identifier(values: unknown, path: Path): string | undefined {
  const value = at(values, path);
  return typeof value === 'string' && /^[A-Za-z0-9][\w.:/-]{0,254}$/.test(value) ? value : undefined;
}

/** A block device name: `/dev/sdf`, `xvdb`. */
export function deviceName(values: unknown, path: Path): string | undefined {
  const value = at(values, path);
  return typeof value === 'string' && /^(\/dev\/)?[a-z][a-z0-9]{1,15}$/.test(value) ? value : undefined;
}

export function list(values: unknown, key: string): unknown[] {
  const value = at(values, key);
  return Array.isArray(value) ? value : [];
}

export const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;

export function bytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit] as string}`;
}
