import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Analysis } from '../analysis/analyse.js';
import { checkPlans, type CheckOptions } from '../check.js';
import { parseTemplateOption } from '../plan/cloudformation-stacks.js';
import { templateDependencies } from '../plan/cloudformation-template.js';
import { checkLabels, parsePlanSpec } from '../plan-spec.js';
import { errorLines, getErrorMessage, InputError, isInputError } from '../errors.js';
import { displayName, quote, safeLine } from '../quote.js';
import { configPaths, defaultRuleSet, DEFAULT_CONFIG_PATHS, oneConfig, parseConfig } from '../rules/config.js';
import type { RuleSet } from '../rules/types.js';
import { batched, terminated } from '../report/chunks.js';
import { VERSION } from '../version.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Standard input, whole (`plangate guard` reads the hook JSON there). */
  readStdin?: () => Promise<string>;
  cwd?: string;
}

export const EXIT = { pass: 0, blocked: 1, error: 2 } as const;

const USAGE = `Usage: plangate check [--format text|markdown|json|sarif] [--config FILE] [LABEL=]FILE...
       plangate verify --plan FILE [--commit SHA]   (see plangate verify --help)
       plangate guard [--agent claude|codex]   (a coding agent's PreToolUse hook; see plangate guard --help)

Reads Terraform/OpenTofu plan JSON (terraform show -json PLANFILE) and
CloudFormation change sets (aws cloudformation describe-change-set --output json),
and reports every protected resource they would delete, replace or forget.
FILE may be - for standard input. LABEL=FILE (prod=plans/prod.json) names the plan
in the report; the path is still shown in each plan's heading and in the JSON report.

Options:
  --format FORMAT  text (default), markdown, json, or sarif (SARIF 2.1.0 for code scanning)
  --config FILE    rules file (default: ${DEFAULT_CONFIG_PATHS.join(' or ')} if one
                   exists, else the recommended pack); stderr names the one used
  --cfn-template [STACK=]FILE
                   a stack's current CloudFormation template (JSON or YAML): its
                   Ref, Fn::GetAtt, Fn::Sub and DependsOn add to the dependents of
                   that stack's findings; repeat as STACK=FILE for each stack
  --tf-base DIR --tf-head DIR
                   the Terraform root module before and after the change: a
                   lifecycle { prevent_destroy = true } removed between them is a finding
  -h, --help       show this help
  -V, --version    show plangate's version

Exit status: 0 nothing protected is lost, 1 blocked, 2 error (any file unreadable,
malformed or unsupported fails the whole run).
`;

const FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;

const VERSION_LINE = `plangate ${VERSION}\n`;

/** The whole CLI as a function of its arguments and streams; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? EXIT.error : EXIT.pass;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      io.stdout(VERSION_LINE);
      return EXIT.pass;
    }
    if (command === 'guard') {
      const { runGuard } = await import('./guard-command.js');
      return await runGuard(rest, { ...io, readStdin: io.readStdin ?? (() => Promise.resolve('')), cwd: io.cwd ?? process.cwd() });
    }
    // Loaded only when asked for: check never pays for the GitHub client.
    if (command === 'verify') return await (await import('./verify-cli.js')).runVerify(rest, io);
    if (command !== 'check') throw new InputError('plangate', `unknown command ${quote(command)}; the commands are \`plangate check FILE...\`, \`plangate verify --plan FILE\` and \`plangate guard\``);
    const { values, positionals } = parseOptions(rest);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.pass;
    }
    if (values.version) {
      io.stdout(VERSION_LINE);
      return EXIT.pass;
    }
    const format = values.format ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new InputError('--format', `expected one of ${FORMATS.join(', ')}, got ${quote(format)}`);
    }
    const ruleSet = await loadRuleSet(values.config, io);
    const options: CheckOptions = {};
    const templates = values['cfn-template'] ?? [];
    if (templates.length > 0) {
      options.templates = await Promise.all(
        templates.map(async (value) => {
          const { stack, file } = parseTemplateOption(value);
          const dependencies = await templateDependencies(readInput(file, 'template'), file);
          return stack === undefined ? { file, dependencies } : { stack, file, dependencies };
        }),
      );
    }
    const specs = positionals.map(parsePlanSpec);
    checkLabels(specs, 'plangate check');
    options.labels = Object.fromEntries(specs.flatMap((s) => (s.label === undefined ? [] : [[s.pattern, s.label]])));
    const [base, head] = [values['tf-base'], values['tf-head']];
    if ((base === undefined) !== (head === undefined)) {
      throw new InputError(base === undefined ? '--tf-base' : '--tf-head', 'give both --tf-base DIR and --tf-head DIR: the Terraform sources before and after the change');
    }
    if (base !== undefined && head !== undefined) {
      // Loaded only when asked for: the HCL parser is a 1.7 MB WebAssembly module.
      const { readPreventDestroy, removedUnderEitherTool } = await import('../plan/terraform-source.js');
      options.sourceWeakenings = await removedUnderEitherTool(async (tool) => [await readPreventDestroy(base, tool), await readPreventDestroy(head, tool)]);
    }
    const analysis = await checkPlans(specs.map((s) => s.pattern), ruleSet, options);
    for (const chunk of batched(await render(analysis, format as (typeof FORMATS)[number], io))) io.stdout(chunk);
    for (const error of analysis.errors) io.stderr(`plangate: ${safeLine(error)}\n`);
    return EXIT[analysis.decision];
  } catch (error) {
    // Messages quote their input already; safeLine is the last guard that each stays one line.
    if (isInputError(error)) {
      for (const line of errorLines(error)) io.stderr(`plangate: ${safeLine(line)}\n`);
    } else {
      io.stderr(`plangate: internal error: ${safeLine(getErrorMessage(error))} (please report it; PLANGATE_DEBUG=1 shows the stack)\n`);
      if (io.env.PLANGATE_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    }
    return EXIT.error;
  }
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  'cfn-template': { type: 'string', multiple: true },
  'tf-base': { type: 'string' },
  'tf-head': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new InputError('plangate check', `${optionProblem(args, error)}; see plangate check --help`);
  }
}

/** What is wrong with the options, in plangate's words: node's own message quotes them in a tangle. */
function optionProblem(args: string[], error: unknown): string {
  const known = Object.entries(OPTIONS).map(([name, option]) => ('short' in option ? `-${option.short}/--${name}` : `--${name}`));
  const { tokens } = parseArgs({ args, allowPositionals: true, options: OPTIONS, strict: false, tokens: true });
  const unknown = tokens.find((token) => token.kind === 'option' && !Object.hasOwn(OPTIONS, token.name));
  if (unknown?.kind === 'option') {
    return `unknown option ${quote(unknown.rawName)}; the options are ${known.join(', ')} (a plan file whose name starts with - goes after --)`;
  }
  const misused = tokens.find((token) => token.kind === 'option' && (OPTIONS[token.name as keyof typeof OPTIONS].type === 'string') !== (token.value !== undefined));
  if (misused?.kind === 'option') {
    return OPTIONS[misused.name as keyof typeof OPTIONS].type === 'string'
      ? `option ${quote(misused.rawName)} needs a value, as in --${misused.name} VALUE`
      : `option ${quote(misused.rawName)} takes no value`;
  }
  // The message repeats the argument, which may hold a newline: escaped whole, not cut at it.
  return safeLine(getErrorMessage(error), 300);
}

/** The rules: the --config file, else the one default config that exists, else the recommended pack. */
async function loadRuleSet(configPath: string | undefined, io: CliIo): Promise<RuleSet> {
  const path = oneConfig(configPaths(configPath).filter((candidate) => candidate === configPath || existsSync(candidate)));
  if (path === undefined) return defaultRuleSet();
  const ruleSet = await parseConfig(readInput(path, 'config'), path);
  // Which file applied, so a config in another directory, or a second name, is no surprise.
  io.stderr(`plangate: rules from ${displayName(path)}\n`);
  for (const warning of ruleSet.warnings ?? []) io.stderr(`plangate: warning: ${safeLine(warning)}\n`);
  return ruleSet;
}

/** A small text file named by an option; a missing or unreadable one is the user's to fix. */
function readInput(path: string, what: 'config' | 'template'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const option = what === 'config' ? '--config' : '--cfn-template';
    throw new InputError(path, code === 'ENOENT' ? `no such ${what} file: check the ${option} path` : `cannot read the ${what} file (${code ?? getErrorMessage(error)})`);
  }
}

/**
 * The report in pieces: JSON and text can be longer than one string may be.
 * Only the asked format's code is loaded: every run pays for what it loads (SARIF's node:crypto alone costs ~6 ms).
 */
async function render(analysis: Analysis, format: (typeof FORMATS)[number], io: CliIo): Promise<Iterable<string>> {
  if (format === 'json') return (await import('../report/json.js')).jsonChunks(analysis);
  if (format === 'sarif') return (await import('../report/sarif.js')).sarifChunks(analysis);
  if (format === 'markdown') return [(await import('../report/markdown.js')).renderMarkdown(analysis)];
  const { textLines } = await import('../report/text.js');
  return terminated(textLines(analysis, { color: io.isTTY && !io.env.NO_COLOR, listErrors: false }));
}
