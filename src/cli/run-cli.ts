import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Analysis } from '../analysis/analyse.js';
import { checkPlans, type CheckOptions } from '../check.js';
import { parseTemplateOption } from '../plan/cloudformation-stacks.js';
import { templateDependencies } from '../plan/cloudformation-template.js';
import { checkLabels, parsePlanSpec } from '../plan-spec.js';
import { getErrorMessage, InputError, isInputError } from '../errors.js';
import { quote, safeLine } from '../quote.js';
import { DEFAULT_CONFIG_PATH, defaultRuleSet, parseConfig } from '../rules/config.js';
import type { RuleSet } from '../rules/types.js';
import { batched, terminated } from '../report/chunks.js';
import { jsonChunks } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { textLines } from '../report/text.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { pass: 0, blocked: 1, error: 2 } as const;

const USAGE = `Usage: plangate check [--format text|markdown|json] [--config FILE] [LABEL=]FILE...

Reads Terraform/OpenTofu plan JSON (terraform show -json PLANFILE) and
CloudFormation change sets (aws cloudformation describe-change-set --output json),
and reports every protected resource they would delete, replace or forget.
FILE may be - for standard input. LABEL=FILE (prod=plans/prod.json) names the plan
in the report; the path is still shown in each plan's heading and in the JSON report.

Options:
  --format FORMAT  text (default), markdown or json
  --config FILE    rules file (default: ${DEFAULT_CONFIG_PATH} if it exists, else the recommended pack)
  --cfn-template [STACK=]FILE
                   a stack's current CloudFormation template (JSON or YAML): its
                   Ref, Fn::GetAtt, Fn::Sub and DependsOn add to the dependents of
                   that stack's findings; repeat as STACK=FILE for each stack
  --tf-base DIR --tf-head DIR
                   the Terraform root module before and after the change: a
                   lifecycle { prevent_destroy = true } removed between them is a finding
  -h, --help       show this help

Exit status: 0 nothing protected is lost, 1 blocked, 2 error (any file unreadable,
malformed or unsupported fails the whole run).
`;

const FORMATS = ['text', 'markdown', 'json'] as const;

/** The whole CLI as a function of its arguments and streams; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? EXIT.error : EXIT.pass;
    }
    if (command !== 'check') throw new InputError('plangate', `unknown command ${quote(command)}; the command is \`plangate check FILE...\``);
    const { values, positionals } = parseOptions(rest);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.pass;
    }
    const format = values.format ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new InputError('--format', `expected one of ${FORMATS.join(', ')}, got ${quote(format)}`);
    }
    const ruleSet = await loadRuleSet(values.config);
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
    for (const chunk of batched(render(analysis, format as (typeof FORMATS)[number], io))) io.stdout(chunk);
    for (const error of analysis.errors) io.stderr(`plangate: ${safeLine(error)}\n`);
    return EXIT[analysis.decision];
  } catch (error) {
    // Messages quote their input already; safeLine is the last guard that each stays one line.
    if (isInputError(error)) {
      io.stderr(`plangate: ${safeLine(error.message)}\n`);
    } else {
      io.stderr(`plangate: internal error: ${safeLine(getErrorMessage(error))} (please report it; PLANGATE_DEBUG=1 shows the stack)\n`);
      if (io.env.PLANGATE_DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    }
    return EXIT.error;
  }
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'cfn-template': { type: 'string', multiple: true },
        'tf-base': { type: 'string' },
        'tf-head': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // The message repeats the argument, which may hold a newline: escaped whole, not cut at it.
    throw new InputError('plangate check', `${safeLine(getErrorMessage(error), 300)}; see plangate check --help`);
  }
}

async function loadRuleSet(configPath: string | undefined): Promise<RuleSet> {
  const path = configPath ?? (existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : undefined);
  if (path === undefined) return defaultRuleSet();
  return await parseConfig(readInput(path, 'config'), path);
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

/** The report in pieces: JSON and text can be longer than one string may be. */
function render(analysis: Analysis, format: (typeof FORMATS)[number], io: CliIo): Iterable<string> {
  if (format === 'json') return jsonChunks(analysis);
  if (format === 'markdown') return [renderMarkdown(analysis)];
  return terminated(textLines(analysis, { color: io.isTTY && !io.env.NO_COLOR, listErrors: false }));
}
