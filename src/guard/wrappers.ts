/**
 * Commands that run another command: `env`, `sudo`, `xargs`, `timeout`,
 * `find -exec`, `bash -c`, `eval`, `ssh host …`, and any launcher whose
 * arguments name an infrastructure tool or a shell (`aws-vault exec p --
 * terraform …`, `npx cdk …`, `docker run img terraform …`). Arguments that
 * only exist at run time (`xargs`, `find {}`) become dynamic words.
 */

import { commandName, COMMAND_VALUE, INFRA_TOOL, launchedName, stdinText } from './classify-names.js';
import { readShellSafely } from './shell.js';
import type { Stdin } from './shell-word.js';
import { show, type Hit, type Word } from './types.js';

export type Unwrapped =
  /** A command to match against the families; `plain` when no wrapper was removed. */
  | { kind: 'command'; words: Word[]; stdin: Stdin; plain: boolean }
  /** A shell that runs `script` (text), or the script `file`; neither: a script from input the guard cannot read. */
  | { kind: 'shell'; script?: string; file?: Word; words: Word[] }
  | { kind: 'hit'; hit: Hit };

const RUNTIME: Word = { text: '', dynamic: true, quoted: false };
const SHELLS = /^(bash|sh|zsh|dash|ksh|mksh|ash|yash|fish|rbash)$/;
/** Programs that never run their arguments as a command: no launcher scan for them. */
export const INERT = new Set(
  'echo printf grep egrep fgrep rg ag ack cat bat less more head tail ls which type whereis man help info wc sort uniq cut tr diff cmp file stat touch mkdir rmdir cp mv rm ln chmod chown jq yq curl wget tee basename dirname realpath readlink date sleep true false test [ [[ cd pwd pushd popd alias unalias export unset read set history du df tar zip unzip gzip base64 sha256sum md5sum code vim vi nano gh'.split(
    ' ',
  ),
);
/** Options that take a value, per wrapper; every other option is a flag. */
const VALUED: Partial<Record<string, Set<string>>> = {
  env: new Set(['-u', '--unset', '-C', '--chdir', '-P', '-S', '--split-string']),
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir']),
  doas: new Set(['-u', '-C']),
  exec: new Set(['-a']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p', '-P', '-u']),
  stdbuf: new Set(['-i', '-o', '-e']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  time: new Set(['-f', '-o', '--format', '--output']),
  taskset: new Set(['-c']),
  xargs: new Set(['-I', '-L', '-n', '-P', '-d', '-E', '-s', '-a', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--replace']),
  parallel: new Set(['-j', '--jobs', '-S', '--sshlogin', '-I', '--colsep', '-d']),
  watch: new Set(['-n', '--interval', '-q', '--equexit']),
  ssh: new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']),
  caffeinate: new Set(['-t', '-w']),
  chroot: new Set(['--userspec', '--groups']),
};
/** Wrappers whose first positional is theirs (a duration, a lock file, a root, a mask), not the command. */
const TAKES_ONE = new Set(['timeout', 'flock', 'chroot', 'taskset', 'ssh']);
const PLAIN_WRAPPERS = new Set(['nohup', 'setsid', 'unbuffer', 'chronic', 'builtin', 'command', 'exec', 'nice', 'ionice', 'stdbuf', 'time', 'caffeinate', 'doas', 'sudo', 'env', 'timeout', 'flock', 'chroot', 'taskset']);

export function unwrap(words: readonly Word[], stdin: Stdin, depth = 0): Unwrapped[] {
  const name = words[0];
  if (!name || name.dynamic || depth > 20) return name ? [{ kind: 'command', words: [...words], stdin, plain: depth === 0 }] : [];
  const base = commandName(name.text);
  const args = words.slice(1);
  const again = (rest: readonly Word[]) => (rest.length > 0 ? unwrap(rest, stdin, depth + 1) : []);
  if (PLAIN_WRAPPERS.has(base)) {
    if (base === 'command' && args.some((a) => /^-[a-zA-Z]*[vV]/.test(a.text))) return [];
    const split = base === 'env' ? args.findIndex((a) => /^(-S|--split-string(=|$))/.test(a.text)) : -1;
    if (split >= 0) {
      // `env -S 'terraform destroy'`: the string is split into words like a shell line.
      const arg = args[split] as Word;
      const value = arg.text.includes('=') ? { ...arg, text: arg.text.slice(arg.text.indexOf('=') + 1) } : /^-S./.test(arg.text) ? { ...arg, text: arg.text.slice(2) } : args[split + 1];
      if (!value || value.dynamic) return [hit(words, 'the env -S string is only known when it runs')];
      const inner = readShellSafely(value.text).commands[0]?.words ?? [];
      const after = arg.text.includes('=') || /^-S./.test(arg.text) ? split + 1 : split + 2;
      return again([...inner, ...args.slice(after)]);
    }
    if ((base === 'sudo' || base === 'su') && args.some((a) => /^-[a-zA-Z]*[si]/.test(a.text) && !a.text.startsWith('--'))) {
      const rest = dropOptions(args, VALUED.sudo as Set<string>);
      return shellString(words, rest, true);
    }
    let rest = dropOptions(args, (Object.hasOwn(VALUED, base) ? VALUED[base] : undefined) ?? new Set());
    rest = dropAssignments(rest);
    if (TAKES_ONE.has(base)) {
      const c = base === 'flock' ? args.findIndex((a) => a.text === '-c' || a.text === '--command') : -1;
      if (c >= 0) return shellString(words, args.slice(c + 1, c + 2));
      rest = rest.slice(1);
    }
    return again(rest);
  }
  if (base === 'su') {
    const inline = args.find((a) => a.text.startsWith('--command='));
    if (inline) return shellString(words, [{ ...inline, text: inline.text.slice('--command='.length) }]);
    const c = args.findIndex((a) => a.text === '-c' || a.text === '--command');
    return c >= 0 ? shellString(words, args.slice(c + 1, c + 2)) : [{ kind: 'shell', words: [...words], ...scriptFromInput(stdin) }];
  }
  if (base === 'xargs' || base === 'parallel') {
    // The replacement string (`-I X`, `-IX`, `--replace=X`; `{}` otherwise) stands for input read at run time.
    const marks = new Set(['{}']);
    args.forEach((a, i) => {
      const m = /^(?:-I|--replace=)(.+)$/.exec(a.text);
      if (m) marks.add(m[1] as string);
      else if (a.text === '-I' && args[i + 1]) marks.add((args[i + 1] as Word).text);
    });
    const rest = dropOptions(args, VALUED[base] as Set<string>);
    const stop = rest.findIndex((a) => a.text === ':::' || a.text === '::::');
    const command = (stop >= 0 ? rest.slice(0, stop) : rest).map((w) => ([...marks].some((m) => w.text.includes(m)) ? RUNTIME : w));
    return again([...(command.length > 0 ? command : [{ text: 'echo', dynamic: false, quoted: false }]), RUNTIME]);
  }
  if (base === 'find') {
    const out: Unwrapped[] = [];
    args.forEach((a, i) => {
      if (!/^-(exec|execdir|ok|okdir)$/.test(a.text)) return;
      const end = args.findIndex((b, j) => j > i && (b.text === ';' || b.text === '+'));
      const command = args.slice(i + 1, end < 0 ? undefined : end).map((w) => (w.text.includes('{}') ? RUNTIME : w));
      out.push(...again(command));
    });
    return [{ kind: 'command', words: [...words], stdin, plain: false }, ...out];
  }
  if (base === 'watch') {
    const rest = dropOptions(args, VALUED.watch as Set<string>);
    return args.some((a) => a.text === '-x' || a.text === '--exec') ? again(rest) : shellString(words, rest, true);
  }
  if (base === 'ssh') {
    // `-o ProxyCommand=…`, `-o LocalCommand=…`: a command line run on this machine.
    if (args.some((a, i) => (a.text.startsWith('-o') || args[i - 1]?.text === '-o') && COMMAND_VALUE.test(a.text))) return [hit(words, 'an ssh option holds a command line (ProxyCommand, LocalCommand)')];
    const rest = dropOptions(args, VALUED.ssh as Set<string>).slice(1);
    return rest.length > 0 ? shellString(words, rest, true) : [{ kind: 'shell', words: [...words], ...scriptFromInput(stdin) }];
  }
  if (base === 'eval') return shellString(words, args, true);
  // `trap 'CMD' EXIT`: the string runs later, in this shell.
  if (base === 'trap' && args[0] && !args[0].text.startsWith('-')) return shellString(words, args.slice(0, 1));
  if (base === 'source' || base === '.') return [{ kind: 'shell', words: [...words], file: args[0] ?? RUNTIME }];
  if (SHELLS.test(base) || base === 'busybox' && SHELLS.test(args[0]?.text ?? '')) return shell(base === 'busybox' ? args : words, stdin);
  if (base === 'git' && args.some((a) => /^alias\.[^=]*=\s*!/.test(a.text) && INFRA_TOOL.test(a.text))) return [hit(words, 'a git alias that runs a shell command')];
  const plain: Unwrapped = { kind: 'command', words: [...words], stdin, plain: depth === 0 };
  if (INERT.has(base)) return [plain];
  // A launcher: `aws-vault exec p -- terraform destroy`, `npx cdk destroy`, `docker run img terraform destroy`.
  const at = args.findIndex((a) => !a.dynamic && isLaunched(launchedName(a.text)));
  if (at < 0) return [plain];
  const launched = args.slice(at);
  const first = launched[0] as Word;
  launched[0] = { ...first, text: launchedName(first.text) };
  return [plain, ...unwrap(launched, stdin, depth + 1)];
}

function isLaunched(name: string): boolean {
  return INFRA_TOOL.exec(name)?.[2] === name || SHELLS.test(name) || ['env', 'sudo', 'xargs', 'eval', 'timeout'].includes(name);
}

/** `bash [options] -c STRING`, `bash FILE`, or `bash` reading its script from its input. */
function shell(words: readonly Word[], stdin: Stdin): Unwrapped[] {
  const args = words.slice(1);
  let command = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Word;
    if (a.dynamic && !command) return [hit(words, 'a shell option or script is only known when it runs')];
    if (a.text === '--' || a.text === '-') continue;
    if (/^[-+][a-zA-Z]+$/.test(a.text)) {
      if (a.text.startsWith('-') && a.text.includes('c')) command = true;
      if (/^[-+][oO]$/.test(a.text)) i++;
      continue;
    }
    if (/^--(rcfile|init-file)$/.test(a.text)) {
      i++;
      continue;
    }
    if (a.text.startsWith('--')) continue;
    if (command) return a.dynamic ? [hit(words, 'the shell command string is only known when it runs')] : [{ kind: 'shell', script: a.text, words: [...words] }];
    return [{ kind: 'shell', file: a, words: [...words] }];
  }
  if (command) return [hit(words, 'a shell -c without a command string')];
  return [{ kind: 'shell', words: [...words], ...scriptFromInput(stdin) }];
}

/** The command string of `eval`, `ssh host …`, `watch …`, `su -c`: its words joined, as the shell does. */
function shellString(words: readonly Word[], parts: readonly Word[], joined = false): Unwrapped[] {
  if (parts.some((p) => p.dynamic)) return [hit(words, 'the command string is only known when it runs')];
  const text = joined ? parts.map((p) => p.text).join(' ') : (parts[0]?.text ?? '');
  return [{ kind: 'shell', script: text, words: [...words] }];
}

function scriptFromInput(stdin: Stdin): { script?: string } {
  const text = stdinText(stdin);
  return text === undefined ? {} : { script: text };
}

function dropOptions(args: readonly Word[], valued: ReadonlySet<string>): Word[] {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as Word;
    if (a.dynamic) break;
    if (a.text === '--') {
      i++;
      break;
    }
    if (!a.text.startsWith('-') || a.text === '-') break;
    if (!a.text.includes('=') && valued.has(a.text)) i++;
  }
  return args.slice(i);
}

function dropAssignments(args: readonly Word[]): Word[] {
  let i = 0;
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test((args[i] as Word).text) && !(args[i] as Word).dynamic) i++;
  return args.slice(i);
}

function hit(words: readonly Word[], why: string): Unwrapped {
  return { kind: 'hit', hit: { kind: 'unreadable', command: show(words), why } };
}
