/**
 * Command line → what it would do to infrastructure. Every simple command the
 * reader finds is looked through its wrappers (`env`, `sudo`, `xargs`,
 * `bash -c`, `eval`, `ssh host …`, …), aliases defined on the same line and
 * shell scripts it runs, then matched against the families. Whatever cannot be
 * read with confidence is a hit of kind `unreadable`.
 */

import { aws, cloudDelete, deployTool, helm, kubectl, stackTool, terraform, terraformTool, terragrunt, type FamilyResult } from './families.js';
import { commandName, COMMAND_VALUE, INFRA_TOOL, stdinText } from './classify-names.js';
import { readShellSafely } from './shell.js';
import type { ShellReading, SimpleCommand, Stdin } from './shell-word.js';
import { show, type Classification, type ClassifyOptions, type Hit, type Word } from './types.js';
import { INERT, unwrap, type Unwrapped } from './wrappers.js';

const MAX_NESTING = 8;
/** Inline code of these programs is scanned for infrastructure tools: a static reader cannot follow it further. */
const INTERPRETERS = /^(python[\d.]*|pypy[\d.]*|node|nodejs|deno|bun|perl|ruby|php|lua|awk|gawk|mawk|nawk|sed|gsed|pwsh|powershell|osascript|tclsh|expect|r|rscript|julia|groovy|make|gmake|just)$/;

/** Longer than any command an agent types: read as unreadable rather than parsed at length. */
export const MAX_COMMAND = 100_000;
/** Nested readings (`bash -c`, `eval`, aliases, scripts) followed per command line. */
const MAX_READINGS = 2_000;

export function classify(command: string, options: ClassifyOptions): Classification {
  const result: Classification = { hits: [], planfiles: [] };
  if (command.length > MAX_COMMAND) {
    result.hits.push({ kind: 'unreadable', command: `${command.slice(0, 80)}…`, why: `the command line is over ${MAX_COMMAND} characters` });
    return result;
  }
  // A backtick inside `${…}` runs a command the reader does not follow there.
  if (hasBacktickInBraces(command)) result.hits.push({ kind: 'unreadable', command: command.slice(0, 80), why: 'a `…` command inside ${…} cannot be read' });
  const reading = readShellSafely(command);
  new Walker(options, result, command).reading(reading, 0, true);
  return result;
}

/**
 * Whether a backtick follows a `${` with no `}` between (what /\$\{[^}]*`/
 * matches), in one pass: the pattern retries from every `${`, quadratic on a
 * long line of them, and a guard slower than the agent's hook timeout lets
 * the command run.
 */
export function hasBacktickInBraces(command: string): boolean {
  let open = false;
  for (let i = 0; i < command.length; i++) {
    const c = command.charCodeAt(i);
    if (c === 0x24 && command.charCodeAt(i + 1) === 0x7b) open = true;
    else if (c === 0x7d) open = false;
    else if (c === 0x60 && open) return true;
  }
  return false;
}

/** The tools the families know, by command name. */
function isTool(base: string): boolean {
  return terraformTool(base) !== undefined || INFRA_TOOL.exec(base)?.[2] === base;
}


/** Programs the wrapper reader counts as inert that still run a command line given in an option (`vim -c '!…'`, `tar --checkpoint-action=exec=…`). */
const RUNS_OPTION_STRINGS = new Set(['vim', 'vi', 'tar', 'less', 'more', 'man']);

/** Copying or linking a tool, or changing PATH, can give it a name the guard does not know. */
const RENAMES = new Set(['cp', 'ln', 'install', 'mv', 'rsync']);

class Walker {
  constructor(
    private readonly options: ClassifyOptions,
    private readonly result: Classification,
    /** The whole command line, as the agent sent it. */
    private readonly line: string,
  ) {}

  reading(reading: ShellReading, depth: number, top: boolean, inherited: ReadonlyMap<string, string | undefined> = new Map()): void {
    for (const problem of reading.problems) this.result.hits.push({ kind: 'unreadable', command: '', why: `the command line has ${problem}` });
    for (const a of reading.assignments) {
      // Variables the shell itself runs as code, or that hold a command line for some program to run later.
      if (/^(BASH_ENV|ENV|PROMPT_COMMAND)$|^BASH_FUNC_/.test(a.name) || COMMAND_VALUE.test(a.value.text)) {
        this.hit({ kind: 'unreadable', command: `${a.name}=${a.value.text}`, why: 'sets a variable that holds code the shell or a program may run' });
      }
    }
    if (INFRA_TOOL.test(this.line)) {
      if (reading.assignments.some((a) => a.name === 'PATH')) this.hit({ kind: 'unreadable', command: 'PATH=…', why: 'changes PATH on a line that names an infrastructure tool, so the name may run something else' });
      const locates = /\b(which|whereis|command\s+-v|type\s+-[pP])\s/.test(this.line);
      const rename = reading.commands.find((c) => !c.words[0]?.dynamic && RENAMES.has(commandName(c.words[0]?.text ?? '')) && (locates || c.words.slice(1).some((w) => INFRA_TOOL.test(w.text))));
      if (rename) this.hit({ kind: 'unreadable', command: show(rename.words), why: 'copies, moves or links files on a line that names an infrastructure tool: the tool may run under another name' });
    }
    // Aliases defined here hold for what this shell runs later, `eval` included; their text is read as commands too.
    const aliases = new Map(inherited);
    for (const cmd of reading.commands) {
      const [name, ...args] = cmd.words;
      if (name?.text === 'alias' && !name.dynamic) {
        for (const a of args) {
          const m = /^([^=\s]+)=(.*)$/s.exec(a.text);
          if (!m) continue;
          aliases.set(m[1] as string, a.dynamic ? undefined : m[2]);
          if (!a.dynamic) this.nested(m[2] as string, depth, aliases);
        }
      }
    }
    this.aliases = aliases;
    for (const cmd of reading.commands) this.simple(cmd, aliases, depth, top ? reading : undefined);
  }

  /** Aliases in force in the reading being walked: `eval` and `source` run in the same shell. */
  private aliases: ReadonlyMap<string, string | undefined> = new Map();

  private readings = 0;

  private nested(text: string, depth: number, aliases: ReadonlyMap<string, string | undefined> = this.aliases): void {
    if (depth >= MAX_NESTING || ++this.readings > MAX_READINGS) {
      this.result.hits.push({ kind: 'unreadable', command: text, why: 'commands nested too deep, or too many, to follow' });
      return;
    }
    const saved = this.aliases;
    this.reading(readShellSafely(text), depth + 1, false, aliases);
    this.aliases = saved;
  }

  private simple(cmd: SimpleCommand, aliases: Map<string, string | undefined>, depth: number, top: ShellReading | undefined): void {
    let words = cmd.words;
    if (!words[0]) return;
    // An alias is expanded, and so is an alias it expands to (bash stops at one it already expanded).
    const expandedNames = new Set<string>();
    for (let first: Word | undefined = words[0]; first && !first.dynamic && !first.quoted && aliases.has(first.text) && !expandedNames.has(first.text); first = words[0]) {
      expandedNames.add(first.text);
      const value = aliases.get(first.text);
      if (value === undefined) return this.hit({ kind: 'unreadable', command: show(words), why: `the alias ${first.text} is only known when it runs` });
      // The alias's own commands, and its last command with these arguments.
      const expanded = readShellSafely(value);
      const last = expanded.commands.at(-1);
      this.reading({ ...expanded, commands: expanded.commands.slice(0, -1) }, depth + 1, false, aliases);
      words = last ? [...last.words, ...words.slice(1)] : words.slice(1);
    }
    const unwrapped = unwrap(words, cmd.stdin);
    for (const step of unwrapped) this.step(step, cmd, depth, top && unwrapped.length === 1 && step.kind === 'command' && step.plain ? top : undefined);
  }

  private step(step: Unwrapped, cmd: SimpleCommand, depth: number, top: ShellReading | undefined): void {
    if (step.kind === 'hit') return this.hit(step.hit);
    if (step.kind === 'shell') {
      if (step.script !== undefined) return this.nested(step.script, depth);
      return this.script(step.file, step.words, depth);
    }
    const words = step.words;
    const name = words[0];
    if (!name) return;
    if (name.dynamic) return this.hit({ kind: 'unreadable', command: show(words), why: 'the command name is only known when it runs' });
    const base = commandName(name.text);
    for (const extra of this.options.extraCommands) {
      if (extra.length <= words.length && extra.every((e, i) => (i === 0 ? commandName(e) === base : words[i]?.text === e) && !words[i]?.dynamic)) {
        this.hit({ kind: 'command', command: show(words), why: `the config lists ${JSON.stringify(extra.join(' '))} as destructive` });
      }
    }
    // `./deploy.sh`: a file run directly is read like `bash deploy.sh`.
    if (name.text.includes('/') && !isTool(base)) return this.program(name, words, depth);
    if (INTERPRETERS.test(base.toLowerCase())) return this.interpreter(words, step.stdin);
    if ((!INERT.has(base) || RUNS_OPTION_STRINGS.has(base)) && !isTool(base)) {
      // `script -c 'terraform destroy'`, `tmux new 'terraform destroy'`, `git -c core.pager='terraform destroy' log`, `at now <<< 'terraform destroy'`.
      const handed = base === 'git' ? gitSettings(words) : [...words.slice(1).map((w) => w.text), stdinText(step.stdin) ?? ''];
      const found = handed.find((t) => COMMAND_VALUE.test(t));
      if (found !== undefined) return this.hit({ kind: 'unreadable', command: show(words), why: `hands ${base} a command line (${found}) it may run, which a static reader cannot follow` });
    }
    const tool = terraformTool(base);
    const answer: FamilyResult = tool
      ? terraform(words)
      : base === 'terragrunt'
        ? terragrunt(words)
        : base === 'aws'
          ? aws(words)
          : base === 'kubectl' || base === 'oc'
            ? kubectl(words)
            : base === 'helm' || base === 'helmfile'
              ? helm(words, base)
              : base === 'gcloud' || base === 'gsutil' || base === 'bq' || base === 'az'
              ? cloudDelete(words, base)
              : base === 'cdk' || base === 'cdktf' || base === 'pulumi'
                ? stackTool(words, base)
                : base === 'sam' || base === 'serverless' || base === 'sls' || base === 'eksctl'
                  ? deployTool(words, base === 'sls' ? 'serverless' : base)
                  : undefined;
    if (!answer) return;
    const lone = top ? loneDirectories(top, cmd) : undefined;
    if ('kind' in answer) {
      if (tool && answer.kind !== 'unreadable') {
        const named = cmd.assignments.find((a) => a.name === 'TF_WORKSPACE');
        const chdir = words.find((w) => w.text.startsWith('-chdir='))?.text.slice('-chdir='.length);
        if (named && !named.value.dynamic) answer.workspace = named.value.text;
        else if (!named && lone && name.text === base) answer.workspaceFrom = chdir === undefined ? lone : [...lone, chdir];
      }
      return this.hit(answer);
    }
    const command = show(words);
    if (!lone) return this.hit({ kind: 'apply', command, why: 'applies a plan file in a command line that does more (it could write the plan file first); run the apply on its own' });
    if (name.text !== base) return this.hit({ kind: 'apply', command, why: `runs ${name.text}, not ${base} from PATH, so the guard cannot read its plan file the same way` });
    const directories = answer.chdir === undefined ? lone : [...lone, answer.chdir];
    this.result.planfiles.push({ tool: tool as 'terraform' | 'tofu', planfile: answer.planfile, directories, command });
  }

  /** Inline code of another language: a mention of an infrastructure tool cannot be followed, so it counts. */
  private interpreter(words: readonly Word[], stdin: Stdin): void {
    const texts = [...words.slice(1).map((w) => w.text), stdinText(stdin) ?? ''];
    const found = texts.map((t) => INFRA_TOOL.exec(t)?.[2]).find((t) => t !== undefined);
    if (found) this.hit({ kind: 'unreadable', command: show(words), why: `runs ${commandName((words[0] as Word).text)} code that mentions ${found}, which a static reader cannot follow` });
    // `… | python3`: the program itself comes from input the guard cannot read.
    if (stdinText(stdin) === undefined && words.slice(1).every((w) => w.text.startsWith('-'))) {
      this.hit({ kind: 'unreadable', command: show(words), why: 'runs a program from its input, which the guard cannot read' });
    }
  }

  private script(file: Word | undefined, words: readonly Word[], depth: number): void {
    const command = show(words);
    if (!file) return this.hit({ kind: 'unreadable', command, why: 'runs a script from its input, which the guard cannot read' });
    if (file.dynamic) return this.hit({ kind: 'unreadable', command, why: 'runs a script whose path is only known when it runs' });
    const name = file.text.split('/').pop() ?? file.text;
    // `echo … > t.sh && bash t.sh`: the file on disk now is not the one that will run.
    if (this.line.split(name).length > 2) return this.hit({ kind: 'unreadable', command, why: `the same command line may write the script ${file.text} it runs` });
    const text = this.options.readScript?.(file.text);
    if (text === undefined) return this.hit({ kind: 'unreadable', command, why: `runs the script ${file.text}, which the guard cannot read` });
    if (INFRA_TOOL.test(text)) this.nested(text, depth);
  }

  /** A program run by its path: a shell script is read, another script's text is scanned, a binary is not followed. */
  private program(path: Word, words: readonly Word[], depth: number): void {
    const text = this.options.readScript?.(path.text);
    if (text === undefined || text.slice(0, 8192).includes('\0')) {
      if (text === undefined) this.script(path, words, depth);
      return;
    }
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
    const interpreter = shebang ? commandName(shebang[1]?.endsWith('/env') ? (shebang[2] ?? '') : (shebang[1] ?? '')) : 'sh';
    if (/^(ba|z|da|k|mk|a)?sh$/.test(interpreter)) return this.script(path, words, depth);
    const found = INFRA_TOOL.exec(text)?.[2];
    if (found) this.hit({ kind: 'unreadable', command: show(words), why: `runs a ${interpreter} script that mentions ${found}, which a static reader cannot follow` });
  }

  private hit(hit: Hit): void {
    this.result.hits.push(hit);
  }
}

/** What a git command line configures (`-c NAME=VALUE`, `git config NAME VALUE`): aliases, pagers, editors and ssh commands run shell. */
function gitSettings(words: readonly Word[]): string[] {
  return words.filter((_w, i) => i > 0 && (['-c', '--config-env'].includes(words[i - 1]?.text ?? '') || words.slice(1, i).some((p) => p.text === 'config'))).map((w) => w.text);
}

/**
 * When the whole line is `[cd DIR &&]… terraform apply PLANFILE` and nothing
 * else, the directories to change into; undefined for any other shape, where
 * the plan file on disk now may not be the one applied.
 */
function loneDirectories(reading: ShellReading, target: SimpleCommand): string[] | undefined {
  if (reading.compound || reading.problems.length > 0) return undefined;
  const commands = reading.commands;
  if (commands.at(-1) !== target) return undefined;
  const directories: string[] = [];
  for (const c of commands.slice(0, -1)) {
    const [name, dir, ...more] = c.words;
    if (c.assignments.length > 0 || c.writes.length > 0 || name?.text !== 'cd' || name.dynamic || !dir || dir.dynamic || more.length > 0 || dir.text === '-') return undefined;
    directories.push(dir.text);
  }
  for (const c of commands.slice(1)) if (c.connector !== '&&') return undefined;
  if (target.writes.length > 0 || target.stdin.kind !== 'none') return undefined;
  // Variables that change what terraform reads or applies make the plan file on disk a different question.
  if (target.assignments.some((a) => /^TF_(CLI_ARGS|DATA_DIR|WORKSPACE)/.test(a.name))) return undefined;
  return directories;
}
