import type { CommitPerson, Identity, PullRequestFacts } from './types.js';

/**
 * Coding agents and automation that must never count as the second person,
 * whatever their account type says. Logins compare case-insensitively with
 * and without `[bot]`; ids are GitHub's numeric account ids.
 */
export const KNOWN_AGENTS: ReadonlyArray<{ login: string; id?: number }> = [
  { login: 'github-actions', id: 41898282 },
  { login: 'Copilot', id: 198982749 },
  { login: 'copilot-swe-agent', id: 198982749 },
  { login: 'dependabot', id: 49699333 },
  { login: 'renovate', id: 29139614 },
  { login: 'devin-ai-integration' },
  { login: 'claude' },
  { login: 'claude-code' },
  { login: 'cursor' },
  { login: 'cursor-agent' },
  { login: 'chatgpt-codex-connector' },
  { login: 'codex' },
  { login: 'google-labs-jules' },
  { login: 'gemini-code-assist' },
  { login: 'amazon-q-developer' },
  { login: 'sweep-ai' },
  { login: 'openhands-agent' },
  { login: 'coderabbitai' },
];

/** Emails agents and GitHub itself put on commits and Co-authored-by trailers. */
export const KNOWN_AGENT_EMAILS: readonly string[] = [
  // GitHub's own committer (web-flow) on commits made in the web UI and merges: not a person.
  'noreply@github.com',
  'noreply@anthropic.com',
  'cursoragent@cursor.com',
  'openhands@all-hands.dev',
  'aider@aider.chat',
  'noreply@openai.com',
];

const normalise = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** `123+login@users.noreply.github.com` → { id: 123, login }; `login@users.noreply.github.com` → { login }. */
export function noreplyIdentity(email: string): { login: string; id?: number } | undefined {
  const match = /^(?:(\d+)\+)?([^@+]+)@users\.noreply\.github\.com$/i.exec(email.trim());
  if (!match?.[2]) return undefined;
  return match[1] ? { login: match[2], id: Number(match[1]) } : { login: match[2] };
}

/** GitHub's own committer on web commits and merges: the one unlinked email taken as nobody, and only as committer. */
const WEB_FLOW_EMAIL = 'noreply@github.com';

type AuthoringFacts = Pick<PullRequestFacts, 'author' | 'people'> & Partial<Pick<PullRequestFacts, 'emailAccounts' | 'pushers' | 'assignments'>>;

/**
 * The authoring identity of a pull request: its author, every author,
 * committer and co-author of its commits (by login, id and email), whoever
 * pushed to its branch or assigned an agent to it, known agents and the
 * configured agent identities. None of them may approve.
 */
export class AuthoringIdentity {
  /** Why each login or id is part of the authoring identity. */
  private readonly roles = new Map<string | number, string>();
  private readonly agents = new Set<string>();
  private readonly agentIds = new Set<number>();
  private readonly agentEmails = new Set<string>();
  private readonly configuredEmails = new Set<string>();

  constructor(facts: AuthoringFacts, agentIdentities: readonly string[] = []) {
    for (const agent of KNOWN_AGENTS) {
      this.agents.add(normalise(agent.login));
      if (agent.id !== undefined) this.agentIds.add(agent.id);
    }
    for (const entry of agentIdentities) {
      const noreply = entry.includes('@') ? noreplyIdentity(entry) : undefined;
      if (noreply) {
        this.agents.add(normalise(noreply.login));
        if (noreply.id !== undefined) this.agentIds.add(noreply.id);
      } else if (entry.includes('@')) {
        this.configuredEmails.add(normaliseEmail(entry));
      } else {
        this.agents.add(normalise(entry));
      }
    }
    for (const email of [...KNOWN_AGENT_EMAILS, ...this.configuredEmails]) this.agentEmails.add(normaliseEmail(email));
    // An agent named by its email is every account GitHub links to that email.
    const linked = [...facts.people.flatMap((p) => (p.login !== undefined ? [{ email: p.email, login: p.login, id: p.id }] : [])), ...(facts.emailAccounts ?? [])];
    for (const account of linked) {
      if (!this.agentEmails.has(normaliseEmail(account.email))) continue;
      this.agents.add(normalise(account.login));
      if (account.id !== undefined) this.agentIds.add(account.id);
    }

    this.add(facts.author.login, facts.author.id, 'the pull request author');
    for (const person of facts.people) {
      const role = `${person.role === 'co-author' ? 'a co-author' : `the ${person.role}`} of commit ${person.sha.slice(0, 7)}`;
      if (person.login !== undefined) this.add(person.login, person.id, role);
      // A noreply address only ever excludes: it names an account without proving the link.
      const noreply = noreplyIdentity(person.email);
      if (noreply) this.add(noreply.login, noreply.id, role);
    }
    for (const pusher of facts.pushers ?? []) this.add(pusher.login, pusher.id, 'a pusher to its branch');
    for (const { by, to } of facts.assignments ?? []) if (this.isAgent(to)) this.add(by.login, by.id, `who assigned ${to.login} to it`);
  }

  private add(login: string, id: number | undefined, role: string): void {
    if (!this.roles.has(normalise(login))) this.roles.set(normalise(login), role);
    if (id !== undefined && !this.roles.has(id)) this.roles.set(id, role);
  }

  /** A bot, an app, a known coding agent or a configured one. */
  isAgent(who: Identity): boolean {
    return who.type !== 'User' || /\[bot\]$/i.test(who.login) || this.agents.has(normalise(who.login)) || this.agentIds.has(who.id);
  }

  /** Why this identity may not approve, or undefined when nothing rules it out. */
  excludes(who: Identity): string | undefined {
    if (who.type !== 'User') return `${who.login} is a ${who.type}, not a person`;
    if (/\[bot\]$/i.test(who.login)) return `${who.login} is a bot`;
    if (this.isAgent(who)) return `${who.login} is a coding agent`;
    const role = this.roles.get(normalise(who.login)) ?? this.roles.get(who.id);
    return role ? `${who.login} is part of the authoring identity (${role})` : undefined;
  }

  /**
   * Commit authors and committers no account is linked to: they could be
   * anyone, an approver included. Only GitHub's own link counts: a noreply
   * address GitHub links to no account proves nothing, and anyone can write
   * an agent's email on a commit. Only the emails the agent-identities input
   * names (and GitHub's web-flow as committer) are taken as nobody.
   * Co-authors only ever exclude, so an unlinked one changes nothing.
   */
  unlinked(people: readonly CommitPerson[]): CommitPerson[] {
    return people.filter(
      (p) =>
        p.role !== 'co-author' &&
        p.login === undefined &&
        !this.configuredEmails.has(normaliseEmail(p.email)) &&
        !(p.role === 'committer' && normaliseEmail(p.email) === WEB_FLOW_EMAIL),
    );
  }
}
