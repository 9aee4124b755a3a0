// REST route: GET /repos/{owner}/{repo}/activity ("List repository activities"),
// for the state's repository or any other full name `state.activity` holds (a
// fork). Cursor pagination: `before`/`after` cursors in Link headers, no pages.
import type { Ctx, Route } from './context.js';
import { fail, linkBase, nodeId, now, ok, R, requirePermission } from './context.js';
import { userByLogin } from './shapes.js';
import type { FakeActivity } from './types.js';

const PERIOD_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 91, year: 365 };

function cursorOf(activity: FakeActivity): string {
  return Buffer.from(`cursor:${activity.id}`).toString('base64');
}

function activityJson(ctx: Ctx, activity: FakeActivity): Record<string, unknown> {
  return {
    id: activity.id,
    node_id: nodeId('RepositoryActivity', activity.id),
    before: activity.before,
    after: activity.after,
    ref: activity.ref,
    timestamp: activity.timestamp,
    activity_type: activity.activity_type,
    actor: activity.actor === null ? null : userByLogin(ctx, activity.actor),
  };
}

export const ACTIVITY_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/activity$`),
    doc: 'https://docs.github.com/rest/repos/repos#list-repository-activities',
    handler: (ctx, [owner = '', name = '']) => {
      const full = `${owner}/${name}`.toLowerCase();
      const base = `${ctx.state.repo.owner}/${ctx.state.repo.name}`.toLowerCase();
      const key = Object.keys(ctx.state.activity).find((k) => k.toLowerCase() === full);
      if (full !== base && key === undefined) throw fail(ctx, 404, 'Not Found');
      requirePermission(ctx, ['contents'], 'read');
      const q = ctx.url.searchParams;
      const ref = q.get('ref');
      const fullRef = ref === null ? undefined : ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
      const type = q.get('activity_type');
      const actor = q.get('actor')?.toLowerCase();
      const days = PERIOD_DAYS[q.get('time_period') ?? ''];
      const since = days === undefined ? undefined : Date.parse(now(ctx.state)) - days * 86_400_000;
      const asc = q.get('direction') === 'asc';
      const items = (key === undefined ? [] : (ctx.state.activity[key] ?? []))
        .filter((a) => (fullRef === undefined || a.ref === fullRef) && (!type || a.activity_type === type))
        .filter((a) => (actor === undefined || a.actor?.toLowerCase() === actor) && (since === undefined || Date.parse(a.timestamp) >= since))
        .sort((a, b) => (asc ? 1 : -1) * (a.timestamp.localeCompare(b.timestamp) || a.id - b.id));
      const asked = Number.parseInt(q.get('per_page') ?? '', 10);
      const perPage = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 100) : 30;
      const position = (cursor: string): number => {
        const index = items.findIndex((a) => cursorOf(a) === cursor);
        if (index < 0) throw fail(ctx, 422, 'Validation Failed', { errors: [{ resource: 'Activity', field: 'cursor', code: 'invalid' }] });
        return index;
      };
      const after = q.get('after');
      const before = q.get('before');
      let start = after ? position(after) + 1 : 0;
      let end = Math.min(items.length, start + perPage);
      if (before && !after) {
        end = position(before);
        start = Math.max(0, end - perPage);
      }
      const page = items.slice(start, end);
      const links: string[] = [];
      const link = (param: 'before' | 'after', cursor: string, rel: string): void => {
        const params = new URLSearchParams(q);
        params.delete('before');
        params.delete('after');
        params.set(param, cursor);
        links.push(`<${linkBase(ctx)}?${params.toString()}>; rel="${rel}"`);
      };
      const first = page[0];
      const last = page[page.length - 1];
      if (start > 0 && first) link('before', cursorOf(first), 'prev');
      if (end < items.length && last) link('after', cursorOf(last), 'next');
      if (links.length > 0) ctx.replyHeaders.link = links.join(', ');
      return ok(page.map((a) => activityJson(ctx, a)));
    },
  },
];
