// Hostile plans against the streamed reader: each must give the whole-file reader's report.
import { describe, expect, it } from 'vitest';
import { streamTerraform } from '../../src/plan/stream-terraform.js';
import { DELETE_DB, plan, reportOf } from './stream-report.js';

const nestedModules = (n: number) => `,"prior_state":{"values":{"root_module":${'{"child_modules":['.repeat(n)}{"resources":[{"address":"aws_instance.app","depends_on":["aws_db_instance.main"]}]}${']}'.repeat(n)}}}`;

const GUARD_OFF = '{"address":"aws_db_instance.main","mode":"managed","type":"aws_db_instance","name":"main","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["update"],"before":{"deletion_protection":true},"after":{"deletion_protection":false},"after_unknown":{},"before_sensitive":{},"after_sensitive":{}}}';

describe('hostile plans read in parts give the whole-file report', () => {
  it.each([
    ['prior-state child modules nested 200 deep (within the depth limit)', plan(nestedModules(200))],
    ['prior-state child modules nested 252 deep (at the depth limit)', plan(nestedModules(252))],
    ['prior-state child modules nested 253 deep (past the depth limit)', plan(nestedModules(253))],
    ['resource_changes twice, the first deleting', `{"format_version":"1.2","resource_changes":[${DELETE_DB}],"resource_changes":[]}`],
    ['resource_changes twice, the last deleting', `{"format_version":"1.2","resource_changes":[],"resource_changes":[${DELETE_DB}]}`],
    ['resource_changes escaped twice', `{"format_version":"1.2","resource_changes":[${DELETE_DB}],"resource\\u005fchanges":[]}`],
    ['resource_changes escaped first', `{"format_version":"1.2","resource\\u005fchanges":[${DELETE_DB}],"resource_changes":[]}`],
    ['entry keys repeated', plan('', DELETE_DB.replace('"actions":["delete"]', '"actions":["delete"],"actions":["no-op"]'))],
    ['entry keys repeated escaped', plan('', DELETE_DB.replace('"actions":["delete"]', '"actions":["no-op"],"\\u0061ctions":["delete"]'))],
    ['resource_changes inside a skipped object', `{"format_version":"1.2","planned_values":{"resource_changes":[${DELETE_DB}]},"resource_changes":[]}`],
    ['__proto__ top', `{"format_version":"1.2","__proto__":{"resource_changes":[]},"resource_changes":[${DELETE_DB}]}`],
    ['__proto__ escaped', `{"format_version":"1.2","\\u005f_proto__":{"resource_changes":[]},"resource_changes":[${DELETE_DB}]}`],
    ['format_version twice', `{"format_version":"9.9","resource_changes":[${DELETE_DB}],"format_version":"1.2"}`],
    ['errored twice', plan(',"errored":"x","errored":false')],
    ['terraform_version escaped', plan(',"terraform\\u005fversion":"1.2.3"')],
    ['nbsp whitespace', plan().replace(',"resource_changes"', ',\u00a0"resource_changes"')],
    ['u2028 whitespace', plan().replace(',"resource_changes"', ',\u2028"resource_changes"')],
    ['vertical tab', plan().replace(',"resource_changes"', ',\u000b"resource_changes"')],
    ['form feed', plan().replace(',"resource_changes"', ',\u000c"resource_changes"')],
    ['trailing nul', `${plan()}\u0000`],
    ['trailing nbsp', `${plan()}\u00a0`],
    ['trailing BOM', `${plan()}\ufeff`],
    ['leading BOM then space', `\ufeff ${plan()}`],
    ['two BOMs', `\ufeff\ufeff${plan()}`],
    ['leading whitespace', `\n\t ${plan()}`],
    ['lone surrogate escape in address', plan('', DELETE_DB.replace('aws_db_instance.main"', 'aws_db_instance.main\\ud800"'))],
    ['surrogate pair in skipped', plan(',"variables":{"\\ud83d\\ude00":1}')],
    ['raw DEL in string', plan(',"variables":{"a":"\u007f"}')],
    ['exponent numbers', plan(',"variables":{"a":1E+999,"b":-0.0e-0,"c":1e00001}')],
    ['big number in errored', plan(',"errored":1e999')],
    ['deep in variables 511', plan(`,"variables":${'['.repeat(510)}${']'.repeat(510)}`)],
    ['deep in variables 512', plan(`,"variables":${'['.repeat(511)}${']'.repeat(511)}`)],
    ['deep in variables 513', plan(`,"variables":${'['.repeat(512)}${']'.repeat(512)}`)],
    ['deep in resource_changes 511', plan('', DELETE_DB.replace('"id":"db-1"', `"id":${'['.repeat(506)}${']'.repeat(506)}`))],
    ['deep in resource_changes 512', plan('', DELETE_DB.replace('"id":"db-1"', `"id":${'['.repeat(507)}${']'.repeat(507)}`))],
    ['deep in resource_changes 513', plan('', DELETE_DB.replace('"id":"db-1"', `"id":${'['.repeat(508)}${']'.repeat(508)}`))],
    ['deep in configuration 512', plan(`,"configuration":${'['.repeat(511)}${']'.repeat(511)}`)],
    ['deep in configuration 513', plan(`,"configuration":${'['.repeat(512)}${']'.repeat(512)}`)],
    ['deep in prior_state 512', plan(`,"prior_state":{"values":${'['.repeat(510)}${']'.repeat(510)}}`)],
    ['deep in prior_state 513', plan(`,"prior_state":{"values":${'['.repeat(511)}${']'.repeat(511)}}`)],
    ['deep in prior_state resources 513', plan(`,"prior_state":{"values":{"root_module":{"resources":[{"address":"a.b","values":${'['.repeat(508)}${']'.repeat(508)}}]}}}`)],
    ['deep in prior_state resources 512', plan(`,"prior_state":{"values":{"root_module":{"resources":[{"address":"a.b","values":${'['.repeat(507)}${']'.repeat(507)}}]}}}`)],
    ['deep in deferred 513', plan(`,"deferred_changes":[${'['.repeat(511)}${']'.repeat(511)}]`)],
    ['deep in deferred 512', plan(`,"deferred_changes":[${'['.repeat(510)}${']'.repeat(510)}]`)],
    ['deep resource_changes after an error', plan('', `${DELETE_DB},1,${'['.repeat(520)}${']'.repeat(520)}`)],
    ['deep in planned_values then resource_changes', `{"format_version":"1.2","planned_values":${'['.repeat(600)}${']'.repeat(600)},"resource_changes":[${DELETE_DB}]}`],
    ['deep top-level repeated key, last shallow', `{"format_version":"1.2","variables":${'['.repeat(600)}${']'.repeat(600)},"variables":1,"resource_changes":[${DELETE_DB}]}`],
    ['deep resource_changes repeated, last fine', `{"format_version":"1.2","resource_changes":[${'['.repeat(600)}${']'.repeat(600)}],"resource_changes":[${DELETE_DB}]}`],
    ['error resource_changes repeated, last fine', `{"format_version":"1.2","resource_changes":[1],"resource_changes":[${DELETE_DB}]}`],
    ['prior_state repeated deep first', `{"format_version":"1.2","prior_state":{"values":${'['.repeat(600)}${']'.repeat(600)}},"prior_state":{},"resource_changes":[${DELETE_DB}]}`],
    ['prior_state values repeated', plan(',"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}]}},"values":{}}')],
    ['prior_state root_module repeated', plan(',"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}]},"root_module":1}}')],
    ['prior_state resources repeated', plan(',"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}],"resources":{}}}}')],
    ['prior_state child_modules repeated', plan(',"prior_state":{"values":{"root_module":{"child_modules":[{"resources":[{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}]}],"child_modules":5}}}')],
    ['prior_state resource not an object', plan(',"prior_state":{"values":{"root_module":{"resources":[1,[],{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}]}}}')],
    ['prior_state escaped keys', plan(',"prior_state":{"values":{"root_\\u006dodule":{"resource\\u0073":[{"addres\\u0073":"aws_instance.a","depends\\u005fon":["aws_db_instance.main"]}]}}}')],
    ['prior_state __proto__', plan(',"prior_state":{"values":{"__proto__":{"root_module":{"resources":[{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}]}}}}')],
    ['prior_state address escaped value', plan(',"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_instance.\\u0061","depends_on":["aws_db_instance.main"]}]}}}')],
    ['configuration repeated', plan(',"configuration":{"root_module":{"resources":[{"address":"aws_instance.a","depends_on":["aws_db_instance.main"]}]}},"configuration":null')],
    ['Changes escaped', plan(',"\\u0043hanges":[]')],
    ['changes lowercase', plan(',"changes":[]')],
    ['empty key', plan(',"":1')],
    ['key with invalid utf8 replaced', plan(',"resource_changes\u00ff":[]')],
    ['only planned_values', `{"format_version":"1.2","planned_values":{}}`],
    ['long string in skipped', plan(`,"variables":{"a":"${'x'.repeat(300)}\\"${'y'.repeat(300)}"}`)],
    ['escape at end of string', plan(',"variables":{"a":"\\\\","b":"\\""}')],
    ['resource_changes not list', `{"format_version":"1.2","resource_changes":"x"}`],
    ['resource_changes true', `{"format_version":"1.2","resource_changes":true}`],
    ['top-level with numbers', plan(',"x":-0,"y":0e1,"z":12.5E-3')],
    // A no-op's values stand in as {} or [] while it is read (stream-entry.ts): nothing may make a change read as one.
    // GUARD_OFF blocks only through its values: deletion_protection true before, false after.
    ['guard switched off', plan('', GUARD_OFF)],
    ['change twice, a no-op then the guard switched off', plan('', GUARD_OFF.replace('"change":{', '"change":{"actions":["no-op"],"before":{"a":[1,{"b":2}]},"after":{"a":1}},"change":{'))],
    ['change twice, the guard switched off then a no-op', plan('', GUARD_OFF.replace('"change":{', '"change":{"actions":["no-op"],"before":{},"after":{}},"change":{').replace('"change":{"actions":["no-op"],"before":{},"after":{}}', '"change":{"actions":["update"],"before":{"deletion_protection":true},"after":{"deletion_protection":false}}'))],
    ['actions after the values', plan('', GUARD_OFF.replace('"actions":["update"],', '').replace('"after_sensitive":{}', '"after_sensitive":{},"actions":["update"]'))],
    ['actions twice in change, no-op last', plan('', GUARD_OFF.replace('"after_sensitive":{}', '"after_sensitive":{},"actions":["no-op"]'))],
    ['actions twice in change, update last', plan('', GUARD_OFF.replace('"actions":["update"]', '"actions":["no-op"],"actions":["update"]'))],
    ['escaped before and after keys', plan('', GUARD_OFF.replace('"before":', '"bef\\u006fre":').replace('"after":', '"\\u0061fter":'))],
    ['before repeated', plan('', GUARD_OFF.replace('"before":{', '"before":[1,2],"before":{'))],
    ['before repeated, a list last', plan('', GUARD_OFF.replace('"before":{"deletion_protection":true}', '"before":{"deletion_protection":true},"before":[{"deletion_protection":true}]'))],
    ['mode repeated, data first', plan('', GUARD_OFF.replace('"mode":"managed"', '"mode":"data","mode":"managed"'))],
    ['no-op with values of every kind', plan('', `${DELETE_DB},${GUARD_OFF.replace('["update"]', '["no-op"]').replace('"after":{"deletion_protection":false}', '"after":[{"x":"\\"}"}],"after_unknown":"s"')}`)],
    ['data source read with values', plan('', `${DELETE_DB},{"address":"data.aws_iam_policy.p","mode":"data","type":"aws_iam_policy","name":"p","change":{"actions":["read"],"before":{"a":{"b":[1]}},"after":{"c":2},"after_unknown":{}}}`)],
    ['data source create (refused) with values', plan('', `{"address":"data.aws_iam_policy.p","mode":"data","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"before":null,"after":{"c":2}}}`)],
    ['no-op nested too deep in before', plan('', GUARD_OFF.replace('["update"]', '["no-op"]').replace('"deletion_protection":true', `"deletion_protection":${'['.repeat(508)}${']'.repeat(508)}`))],
    ['update nested too deep in before', plan('', GUARD_OFF.replace('"deletion_protection":true', `"deletion_protection":${'['.repeat(508)}${']'.repeat(508)}`))],
    ['top-level with numbers', plan(',"x":-0,"y":0e1,"z":12.5E-3')],
    // A no-op's values stand in as {} or [] while it is read (stream-entry.ts): nothing may make a change read as one.
    ['change twice, a no-op then a delete', plan('', DELETE_DB.replace('"change":{', '"change":{"actions":["no-op"],"before":{"a":[1,{"b":2}]},"after":{"a":1}},"change":{'))],
    ['change twice, a delete then a no-op', plan('', DELETE_DB.replace('"change":{', '"change":{"actions":["delete"],"before":{"a":1},"after":null},"change":{').replace('"actions":["delete"],"before":{"id"', '"actions":["no-op"],"before":{"id"'))],
    ['actions after the values, delete', plan('', DELETE_DB.replace('"actions":["delete"],', '').replace('"after_sensitive":false', '"after_sensitive":false,"actions":["delete"]'))],
    ['actions twice in change, no-op last', plan('', DELETE_DB.replace('"after_sensitive":false', '"after_sensitive":false,"actions":["no-op"]'))],
    ['escaped before key on a delete', plan('', DELETE_DB.replace('"before":', '"bef\\u006fre":'))],
    ['before repeated on a delete', plan('', DELETE_DB.replace('"before":{', '"before":[1,2],"before":{'))],
    ['no-op with values of every kind', plan('', `${DELETE_DB},${DELETE_DB.replace('aws_db_instance.main', 'aws_db_instance.other').replace('"main"', '"other"').replace('["delete"]', '["no-op"]').replace('"after":null', '"after":[{"x":"\\"}"}],"after_unknown":"s"')}`)],
    ['no-op after null on an update-looking entry', plan('', DELETE_DB.replace('["delete"]', '["update"]'))],
    ['data source read with values', plan('', `${DELETE_DB},{"address":"data.aws_iam_policy.p","mode":"data","type":"aws_iam_policy","name":"p","change":{"actions":["read"],"before":{"a":{"b":[1]}},"after":{"c":2},"after_unknown":{}}}`)],
    ['data source create (refused) with values', plan('', `{"address":"data.aws_iam_policy.p","mode":"data","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"before":null,"after":{"c":2}}}`)],
    ['no-op nested too deep in before', plan('', DELETE_DB.replace('["delete"]', '["no-op"]').replace('"id":"db-1"', `"id":${'['.repeat(508)}${']'.repeat(508)}`))],
    ['no-op whose mode is data in a repeated key', plan('', DELETE_DB.replace('"mode":"managed"', '"mode":"data","mode":"managed"'))],
  ])('%s', (_what, text) => {
    const bytes = Buffer.from(text, 'utf8');
    const whole = reportOf(bytes, 'odd.json');
    for (const window of [undefined, 1, 2, 3, 5, 7, 64]) {
      const streamed = reportOf(bytes, 'odd.json', 0, window);
      if (whole.startsWith('refused: ')) expect(streamed, `window ${window}`).toMatch(/^refused: /);
      else expect(streamed, `window ${window}`).toBe(whole);
    }
  });
});

describe('escapes at the end of a window', () => {
  // An entry that starts a byte into a fresh window, with a \u escape in the window's last bytes: one more
  // read (keeping the entry) leaves the escape short of its hex digits, and a valid plan was refused.
  it.each(['\\u0041', '\\ud83d\\ude00', '\\n'])('%s in an entry read in parts gives the whole-file report', (escape) => {
    for (let window = 260; window < 270; window++) {
      for (let shift = 1; shift < 6; shift++) {
        const head = '{"format_version":"1.2","v":"';
        const mid = '","resource_changes":';
        const prefix = head + 'y'.repeat(window - head.length - mid.length) + mid;
        const text = `${prefix}[${DELETE_DB.replace('"db-1"', `"${'x'.repeat(window - DELETE_DB.indexOf('db-1') - shift)}${escape}"`)}]}`;
        expect(text.indexOf('['), 'the list opens a window').toBe(window);
        const bytes = Buffer.from(text, 'utf8');
        const whole = reportOf(bytes, 'edge.json');
        expect(whole).toMatch(/^blocked/);
        expect(reportOf(bytes, 'edge.json', 0, window), `window ${window}, shift ${shift}`).toBe(whole);
      }
    }
  });
});

// A key longer than V8's longest string, in a file past the whole-file reader's limit: the one-line
// refusal, not a RangeError thrown past the reader (a crash with a stack). Gigabytes of memory, so opt-in.
describe.skipIf(process.env.PLANGATE_BIG !== '1')('a key too long to be a string', () => {
  it('is refused with the file named', () => {
    const head = Buffer.from('{"format_version":"1.2","');
    const tail = Buffer.from('":1,"resource_changes":[]}');
    const keyBytes = 0x20000000;
    const size = head.length + keyBytes + tail.length;
    const readAt = (into: Buffer, offset: number, length: number, position: number): number => {
      const n = Math.max(0, Math.min(length, size - position));
      for (let k = 0; k < n; k++) {
        const at = position + k;
        into[offset + k] = at < head.length ? head[at]! : at < head.length + keyBytes ? 0x61 : tail[at - head.length - keyBytes]!;
      }
      return n;
    };
    expect(() => streamTerraform(readAt, size, 'long-key.json')).toThrow(/^long-key\.json: .*key too long/);
  }, 600_000);
});

describe('tokens cut at the end of a window', () => {
  // skip() reads whole tokens in place, up to a 0 byte kept after the last byte held, and falls back to
  // reading a byte at a time from the token's start: every token, valid or not, at every offset of a window.
  const TOKENS = ['12.5', '1e5', '-0', '0', '1E+5', 'true', 'false', 'null', '"a\\u0062"', '{"\\u0061":[]}', '12.', '1e', '01', 'tru', 'nul', 'truex', '"\u0000"', '\u0000', '1\u0000', '"a\\u00g0"'];
  const NO_OP = (value: string) => GUARD_OFF.replace('["update"]', '["no-op"]').replace('"deletion_protection":true', `"deletion_protection":true,"k\\u0065y":${value}`);
  const PLACES: [string, (value: string) => string][] = [
    ['a skipped top-level value', (value) => plan(`,"variables":{"key":${value}}`)],
    ['a no-op value standing in', (value) => plan('', `${NO_OP(value)},${DELETE_DB}`)],
    ['the guard switched off', (value) => plan('', GUARD_OFF.replace('"deletion_protection":true', `"key":${value},"deletion_protection":true`))],
  ];
  it.each(PLACES)('in %s', (_where, place) => {
    for (const token of TOKENS) {
      for (let pad = 0; pad < 6; pad++) {
        const bytes = Buffer.from(place(token).replace('"format_version"', `${' '.repeat(pad)}"format_version"`), 'utf8');
        const whole = reportOf(bytes, 'edge.json');
        for (let window = 1; window < 10; window++) {
          const streamed = reportOf(bytes, 'edge.json', 0, window);
          if (whole.startsWith('refused: ')) expect(streamed, `${token}, pad ${pad}, window ${window}`).toMatch(/^refused: /);
          else expect(streamed, `${token}, pad ${pad}, window ${window}`).toBe(whole);
        }
      }
    }
  });
});
