import { parseArgs } from 'node:util';
import { getErrorMessage, InputError, isInputError } from '../errors.js';
import { RestDecisionApi } from '../github/decision-api.js';
import { createFetchClient } from '../github/fetch-client.js';
import { Refusal, verifyCommit } from '../github/verify.js';
import { planLabel } from '../plan/label.js';
import { safeLine } from '../quote.js';
import { repositoryPathProblem } from '../rules/repository-path.js';
import type { CliIo } from './run-cli.js';

export const VERIFY_USAGE = `Usage: plangate verify --plan FILE [--plan FILE...] [--commit SHA] [options]

At apply time, after merge: exits 0 only if every protected change in the
plans about to be applied (deleted, replaced, forgotten or unguarded, under
the rules on the default branch) was approved by the last decision plangate
recorded on the pull request that merged COMMIT. Fewer changes are fine.

Options:
  --plan FILE            a plan to apply (terraform/tofu show -json, or a CloudFormation
                         change set); named by its path from the working directory, as the gate named it
  --commit SHA           the merge commit being deployed (default: $GITHUB_SHA)
  --repo OWNER/NAME      the repository (default: $GITHUB_REPOSITORY)
  --config PATH          the rules file in the repository (default: .github/plangate.yml or .yaml)
  --poster LOGIN         the account the gate posts as, e.g. github-actions[bot] or
                         my-app[bot]; needed when GITHUB_TOKEN is an app's token (default: the token's user)
  --status-context NAME  the gate's status-context input (default: plangate)
  --override-label NAME  the gate's override-label input (default: plangate-override)
  -h, --help             show this help

Environment: GITHUB_TOKEN (read access to contents and pull requests), GITHUB_API_URL.

Exit status: 0 approved, 1 not approved (a protected change no decision covered,
no merged pull request, no recorded decision, a blocked decision), 2 error
(GitHub API trouble, an unreadable plan or input).
`;

/** `plangate verify`, as a function of its arguments and streams; returns the exit code. */
export async function runVerify(args: string[], io: CliIo): Promise<number> {
  try {
    const values = parseOptions(args);
    if (values.help) {
      io.stdout(VERIFY_USAGE);
      return 0;
    }
    const plans = values.plan ?? [];
    if (plans.length === 0) throw new InputError('--plan', 'give the plan about to be applied: --plan plan.json');
    const commit = values.commit ?? io.env.GITHUB_SHA ?? '';
    if (!/^[0-9a-f]{40}$/.test(commit)) throw new InputError('--commit', `expected the 40-hex merge commit being deployed, got ${JSON.stringify(commit)} (set --commit or GITHUB_SHA)`);
    const [owner, repo, extra] = (values.repo ?? io.env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || extra !== undefined) throw new InputError('--repo', `expected OWNER/NAME, got ${JSON.stringify(values.repo ?? io.env.GITHUB_REPOSITORY ?? '')} (set --repo or GITHUB_REPOSITORY)`);
    const token = io.env.GITHUB_TOKEN ?? '';
    if (token === '') throw new InputError('GITHUB_TOKEN', 'unset: verify reads the pull request and its comments through the API; pass a token with contents: read and pull-requests: read');
    const config = values.config;
    const configProblem = config === undefined ? undefined : repositoryPathProblem(config);
    if (configProblem) throw new InputError('--config', `expected ${configProblem}, got ${JSON.stringify(config)}`);

    const retryBaseMs = Number(io.env.PLANGATE_RETRY_BASE_MS) || undefined;
    const client = createFetchClient({ token, baseUrl: io.env.GITHUB_API_URL || 'https://api.github.com', ...(retryBaseMs ? { retryBaseMs } : {}) });
    const api = new RestDecisionApi(client, owner, repo);
    const poster = values.poster ?? (await api.tokenLogin());
    if (!poster) throw new InputError('--poster', 'the token is an app installation token, which GitHub does not name: give the account the gate posts as, e.g. --poster github-actions[bot]');
    const statusContext = values['status-context'] ?? 'plangate';
    const check = { plans: plans.map((p) => planLabel(p)), config, overrideLabel: values['override-label'] ?? 'plangate-override' };
    const verified = await verifyCommit(api, commit, { poster, statusContext }, check);
    if (verified.analysis.decision === 'error') {
      for (const error of verified.analysis.errors) io.stderr(`plangate verify: ${safeLine(error)}\n`);
      return 2;
    }
    io.stdout(`plangate verify: ${safeLine(verified.message)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof Refusal) {
      io.stderr(`plangate verify: ${safeLine(error.message)}\n`);
      return 1;
    }
    // GitHub API trouble, a bad input, a bug: never a 0 or a 1.
    io.stderr(`plangate verify: ${isInputError(error) ? '' : 'error: '}${safeLine(getErrorMessage(error))}\n`);
    if (io.env.PLANGATE_DEBUG && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return 2;
  }
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: false,
      options: {
        plan: { type: 'string', multiple: true },
        commit: { type: 'string' },
        repo: { type: 'string' },
        config: { type: 'string' },
        poster: { type: 'string' },
        'status-context': { type: 'string' },
        'override-label': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new InputError('plangate verify', `${safeLine(getErrorMessage(error), 300)}; see plangate verify --help`);
  }
}
