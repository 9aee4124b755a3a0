import { InputError } from '../errors.js';
import { configPaths, defaultRuleSet, oneConfig, parseConfig } from '../rules/config.js';
import type { RuleSet, RulesSource } from '../rules/types.js';
import { GitHubApiError, type DirEntry, type RepositoryApi } from './api.js';
import { listedAt, listedButMissing } from './listings.js';

export interface GateRules {
  ruleSet: RuleSet;
  source: RulesSource;
  defaultBranch: string;
}

/**
 * The rules come from the default branch (or the protected branch the
 * `config-ref` input names), never from the pull request's base, which its
 * author picks: a base branch of their own could hold a config that lets
 * anything through.
 */
export async function readRules(api: RepositoryApi, options: { path?: string; ref?: string; overrideLabel: string }): Promise<GateRules> {
  const head = await api.defaultBranchHead();
  const defaultBranch = head.name;
  const branch = options.ref ?? defaultBranch;
  const sha = options.ref === undefined ? head.sha : await api.branchSha(branch);
  if (sha === undefined) {
    if (options.ref !== undefined) throw new InputError('config-ref', `no branch ${JSON.stringify(branch)} in ${api.owner}/${api.repo}: name the protected branch plangate reads its config from, or leave the input out to use the default branch`);
    throw new GitHubApiError(`GitHub answered 404 for the default branch ${JSON.stringify(branch)} of ${api.owner}/${api.repo}: plangate cannot read its config; check that the token has contents: read`);
  }
  const where = `${branch} (${sha.slice(0, 7)})`;
  // Every name is read: with two configs on the branch, which one applies would be a guess.
  const searched = configPaths(options.path);
  const texts = new Map<string, string>();
  const listings = new Map<string, Promise<DirEntry[] | undefined>>();
  // Listed first: a name the complete listings lack is absent without a read of its own.
  for (const path of searched) {
    const listed = await listedAt(api, path, sha, where, listings);
    if (listed === undefined) continue;
    const text = await api.fileAt(path, sha);
    if (text === undefined) throw listedButMissing(listed, where);
    texts.set(path, text);
  }
  const path = oneConfig([...texts.keys()], ` on ${where}`);
  const text = path === undefined ? undefined : texts.get(path);
  const ruleSet =
    path === undefined || text === undefined
      ? { ...defaultRuleSet(), overrideLabel: options.overrideLabel }
      : await parseConfig(text, `${path} (on ${where})`, { overrideLabel: options.overrideLabel });
  return { ruleSet, source: { path: path ?? (searched[0] as string), searched, branch, sha, found: path !== undefined }, defaultBranch };
}
