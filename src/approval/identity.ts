import type { CommitPerson, EmailAccount, Identity, PullRequestFacts } from './types.js';

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

/**
 * The authoring identity of a pull request: its author, every author,
 * committer and co-author of its commits (by login, id and email), known
 * agents and the configured agent identities. None of them may approve.
 */
export class AuthoringIdentity {
  private readonly logins = new Set<string>();
  private readonly ids = new Set<number>();
  private readonly agents = new Set<string>();
  private readonly agentIds = new Set<number>();
  private readonly agentEmails = new Set<string>();

  constructor(facts: Pick<PullRequestFacts, 'author' | 'people'> & { emailAccounts?: readonly EmailAccount[] }, agentIdentities: readonly string[] = []) {
    this.addPerson(facts.author.login, facts.author.id);
    for (const person of facts.people) {
      if (person.login !== undefined) this.addPerson(person.login, person.id);
      // A noreply address only ever excludes: it names an account without proving the link.
      const noreply = noreplyIdentity(person.email);
      if (noreply) this.addPerson(noreply.login, noreply.id);
    }
    for (const agent of KNOWN_AGENTS) {
      this.agents.add(normalise(agent.login));
      if (agent.id !== undefined) this.agentIds.add(agent.id);
    }
    for (const entry of agentIdentities) {
      const noreply = entry.includes('@') ? noreplyIdentity(entry) : undefined;
      if (noreply) {
        this.agents.add(normalise(noreply.login));
        if (noreply.id !== undefined) this.agentIds.add(noreply.id);
      } else if (!entry.includes('@')) {
        this.agents.add(normalise(entry));
      }
    }
    for (const email of [...KNOWN_AGENT_EMAILS, ...agentIdentities.filter((e) => e.includes('@'))]) this.agentEmails.add(normaliseEmail(email));
    // An agent named by its email is every account GitHub links to that email.
    const linked = [...facts.people.flatMap((p) => (p.login !== undefined ? [{ email: p.email, login: p.login, id: p.id }] : [])), ...(facts.emailAccounts ?? [])];
    for (const account of linked) {
      if (!this.agentEmails.has(normaliseEmail(account.email))) continue;
      this.agents.add(normalise(account.login));
      if (account.id !== undefined) this.agentIds.add(account.id);
    }
  }

  /** Emails that name an agent (known ones and the configured ones), lower-cased. */
  get emails(): ReadonlySet<string> {
    return this.agentEmails;
  }

  private addPerson(login: string, id: number | undefined): void {
    this.logins.add(normalise(login));
    if (id !== undefined) this.ids.add(id);
  }

  /** Why this identity may not approve, or undefined when nothing rules it out. */
  excludes(who: Identity): string | undefined {
    const login = normalise(who.login);
    if (who.type !== 'User') return `${who.login} is a ${who.type}, not a person`;
    if (/\[bot\]$/i.test(who.login)) return `${who.login} is a bot`;
    if (this.agents.has(login) || this.agentIds.has(who.id)) return `${who.login} is a coding agent`;
    if (this.logins.has(login) || this.ids.has(who.id)) return `${who.login} is part of the authoring identity (the pull request author or a commit author, committer or co-author)`;
    return undefined;
  }

  /**
   * Commit authors and committers no account is linked to: they could be
   * anyone, an approver included. Only GitHub's own link counts: a noreply
   * address that GitHub links to no account proves nothing. An agent's own
   * email is not a person. Co-authors only ever exclude, so an unlinked one
   * changes nothing.
   */
  unlinked(people: readonly CommitPerson[]): CommitPerson[] {
    return people.filter((p) => p.role !== 'co-author' && p.login === undefined && !this.agentEmails.has(normaliseEmail(p.email)));
  }
}
