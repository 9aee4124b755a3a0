// REST routes: users, collaborators' permissions and teams.
import type { Ctx, Route } from './context.js';
import { checkRepo, fail, findUser, hashNumber, nodeId, notFound, ok, R, requirePermission, StateError } from './context.js';
import { ownerUser, userJson } from './shapes.js';
import { timeAt } from './state.js';
import type { BaseRole, FakeTeam, FakeUser, GitHubState, Login } from './types.js';

export const PEOPLE_ROUTES: Route[] = [
  {
    // A public profile: `email` is the public email (null unless the user made one public).
    method: 'GET',
    pattern: /^\/users\/([^/]+)$/,
    doc: 'https://docs.github.com/rest/users/users#get-a-user',
    handler: (ctx, [username = '']) => {
      const user = findUser(ctx.state, username);
      if (!user) throw notFound(ctx);
      return ok(profileJson(ctx, user));
    },
  },
  {
    method: 'GET',
    pattern: /^\/user$/,
    doc: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
    handler: (ctx) => {
      // An installation token (GITHUB_TOKEN) is not a user.
      if (ctx.state.authenticatedAs.type === 'Bot') throw fail(ctx, 403, 'Resource not accessible by integration');
      return ok(profileJson(ctx, ctx.state.authenticatedAs));
    },
  },
  {
    // permission: legacy admin|write|read|none (maintain→write, triage→read, custom → its base); role_name: the role itself.
    method: 'GET',
    pattern: new RegExp(`^${R}/collaborators/([^/]+)/permission$`),
    doc: 'https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user',
    handler: (ctx, [owner = '', name = '', username = '']) => {
      checkRepo(ctx, owner, name);
      requirePermission(ctx, ['metadata'], 'read');
      const user = findUser(ctx.state, username);
      if (!user) throw notFound(ctx);
      const roleName = Object.entries(ctx.state.collaborators).find(([login]) => login.toLowerCase() === user.login.toLowerCase())?.[1];
      // Not a collaborator: everybody can read a public repository; nobody else can see a private one.
      const role: BaseRole | 'none' = roleName === undefined ? (ctx.state.repo.private ? 'none' : 'read') : baseRoleOf(ctx.state, roleName);
      const shownRole = roleName ?? role;
      return ok({
        permission: role === 'none' ? 'none' : LEGACY_PERMISSION[role],
        role_name: shownRole,
        user: { ...userJson(ctx.base, user), permissions: permissionsHash(role), role_name: shownRole },
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/orgs\/([^/]+)\/teams\/([^/]+)$/,
    doc: 'https://docs.github.com/rest/teams/teams#get-a-team-by-name',
    handler: (ctx, [org = '', slug = '']) => {
      const team = visibleTeam(ctx, org, slug);
      const id = team.id ?? 40_000 + hashNumber(slug, 9_999);
      const orgUser = ownerUser(ctx.state, ctx.state.org);
      const api = `${ctx.base}/organizations/${orgUser.id}/team/${id}`;
      return ok({
        id,
        node_id: nodeId('Team', id),
        url: api,
        html_url: `https://github.com/orgs/${ctx.state.org}/teams/${slug}`,
        name: team.name ?? slug,
        slug,
        description: null,
        privacy: team.privacy ?? 'closed',
        notification_setting: 'notifications_enabled',
        permission: 'pull',
        members_url: `${api}/members{/member}`,
        repositories_url: `${api}/repos`,
        parent: null,
        members_count: new Set([...team.members, ...(team.maintainers ?? [])]).size,
        repos_count: 1,
        created_at: timeAt(-60 * 24 * 400),
        updated_at: timeAt(-60 * 24),
        organization: organizationJson(ctx, orgUser),
        type: 'organization',
        organization_id: orgUser.id,
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/,
    doc: 'https://docs.github.com/rest/teams/members#get-team-membership-for-a-user',
    handler: (ctx, [org = '', slug = '', username = '']) => {
      const team = visibleTeam(ctx, org, slug);
      const is = (list: Login[] | undefined): boolean => (list ?? []).some((l) => l.toLowerCase() === username.toLowerCase());
      const url = `${ctx.base}/organizations/${ownerUser(ctx.state, ctx.state.org).id}/team/${team.id ?? 40_000 + hashNumber(slug, 9_999)}/memberships/${username}`;
      if (is(team.maintainers)) return ok({ url, role: 'maintainer', state: 'active' });
      if (is(team.members)) return ok({ url, role: 'member', state: 'active' });
      if (is(team.pending)) return ok({ url, role: 'member', state: 'pending' });
      throw notFound(ctx);
    },
  },
];

function visibleTeam(ctx: Ctx, org: string, slug: string): FakeTeam {
  if (org.toLowerCase() !== ctx.state.org.toLowerCase()) throw notFound(ctx);
  const team = ctx.state.teams[slug.toLowerCase()] ?? ctx.state.teams[slug];
  if (!team || !team.visible) throw notFound(ctx);
  return team;
}

export const LEGACY_PERMISSION: Record<BaseRole, string> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read' };

export const ROLE_RANK: BaseRole[] = ['read', 'triage', 'write', 'maintain', 'admin'];

export function baseRoleOf(state: GitHubState, roleName: string): BaseRole {
  if ((ROLE_RANK as string[]).includes(roleName)) return roleName as BaseRole;
  const base = state.customRoles[roleName];
  if (!base) throw new StateError(`custom role "${roleName}" has no base role in state.customRoles`);
  return base;
}

export function permissionsHash(role: BaseRole | 'none'): Record<string, boolean> {
  const rank = role === 'none' ? -1 : ROLE_RANK.indexOf(role);
  return { admin: rank >= 4, maintain: rank >= 3, push: rank >= 2, triage: rank >= 1, pull: rank >= 0 };
}

/** The `team-organization` object: an organization's profile under its /orgs/ URLs. */
function organizationJson(ctx: Ctx, org: FakeUser): Record<string, unknown> {
  const api = `${ctx.base}/orgs/${org.login}`;
  const user = userJson(ctx.base, org);
  return {
    login: org.login,
    id: org.id,
    node_id: user.node_id,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: user.avatar_url,
    description: null,
    name: org.name ?? org.login,
    html_url: `https://github.com/${org.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: timeAt(-60 * 24 * 2000),
    updated_at: timeAt(-60 * 24 * 10),
    archived_at: null,
  };
}

/** A public profile (public-user): what GET /users/{username} and, for a token's user, GET /user answer. */
function profileJson(ctx: Ctx, user: FakeUser): Record<string, unknown> {
  return {
    ...userJson(ctx.base, user),
    name: user.name ?? null,
    company: null,
    blog: '',
    location: null,
    email: user.publicEmail ?? null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: timeAt(-60 * 24 * 1000),
    updated_at: timeAt(-60 * 24),
  };
}
