import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  Refusal,
  RestDecisionApi,
  planLabel,
  verifyCommit
} from "./chunk-GI26ZDE6.js";
import "./chunk-YIEIAWBB.js";
import {
  repositoryPathProblem
} from "./chunk-LAGU6ED4.js";
import "./chunk-TF6VJPZR.js";
import "./chunk-RV6XDSCG.js";
import "./chunk-7UZFWUSD.js";
import {
  InputError,
  getErrorMessage,
  isInputError
} from "./chunk-KIBWKCE4.js";
import {
  safeLine
} from "./chunk-QCJK5ES2.js";
import "./chunk-2V6Z5KAE.js";
import "./chunk-P6DTNAEQ.js";
import "./chunk-2VKIUJFN.js";
import "./chunk-WR6YQ4W5.js";
import "./chunk-5UHFVSEM.js";
import "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";

// src/cli/verify-cli.ts
import { parseArgs } from "node:util";

// src/github/fetch-client.ts
function createFetchClient({ token, baseUrl, retryBaseMs = 1e3 }) {
  const root = baseUrl.replace(/\/$/, "");
  const origin = new URL(root).origin;
  const headers = { authorization: `token ${token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "plangate" };
  async function send(method, url2, body) {
    for (let attempt = 0; ; attempt++) {
      let response;
      try {
        if (new URL(url2).origin !== origin) throw new Error(`${url2} is not on ${origin}`);
        const init = { method, headers: body === void 0 ? headers : { ...headers, "content-type": "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) };
        response = await fetch(url2, body === void 0 ? init : { ...init, body: JSON.stringify(body) });
      } catch (error) {
        if (attempt < RETRIES) {
          await wait(retryBaseMs * (attempt + 1) ** 2);
          continue;
        }
        throw Object.assign(new Error(`no answer from ${url2} (${error instanceof Error ? error.message : String(error)})`), { status: void 0 });
      }
      const text = await response.text();
      let data = text;
      try {
        data = text === "" ? void 0 : JSON.parse(text);
      } catch {
      }
      if (response.ok) return { data, status: response.status, ...nextLink(response.headers.get("link")) };
      const waitMs = retryWait(response, attempt, retryBaseMs);
      if (waitMs !== void 0) {
        await wait(waitMs);
        continue;
      }
      const message = typeof data === "object" && data !== null && typeof data.message === "string" ? data.message : response.statusText;
      throw Object.assign(new Error(message), { status: response.status, response: { data } });
    }
  }
  function url(route, parameters) {
    const [method = "GET", template = ""] = route.split(" ");
    const rest = { ...parameters };
    const path = template.replace(/\{(\+?)(\w+)\}/g, (_, raw, key) => {
      const value = rest[key];
      delete rest[key];
      return raw ? String(value) : encodeURIComponent(String(value));
    });
    if (method !== "GET") return { method, url: `${root}${path}`, body: rest };
    const query = new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)])).toString();
    return { method, url: `${root}${path}${query ? `?${query}` : ""}` };
  }
  return {
    async request(route, parameters = {}) {
      const call = url(route, parameters);
      const { data, status } = await send(call.method, call.url, call.body);
      return { data, status };
    },
    paginate: {
      async *iterator(route, parameters = {}) {
        let next = url(route, parameters).url;
        while (next !== void 0) {
          const page = await send("GET", next);
          yield { data: page.data, status: page.status };
          next = page.next;
        }
      }
    },
    async graphql(query, variables = {}) {
      const { data } = await send("POST", `${root.replace(/\/api\/v3$/, "/api")}/graphql`, { query, variables });
      const answer = typeof data === "object" && data !== null ? data : {};
      const said = Array.isArray(answer.errors) ? answer.errors[0]?.message : void 0;
      if (Array.isArray(answer.errors) && answer.errors.length > 0) throw new Error(typeof said === "string" ? said : "GraphQL error");
      return answer.data;
    }
  };
}
var RETRIES = 3;
var TIMEOUT_MS = 6e4;
function retryWait(response, attempt, baseMs) {
  if (attempt >= RETRIES) return void 0;
  if (response.status >= 500) return baseMs * (attempt + 1) ** 2;
  const limited = response.status === 429 || response.status === 403 && (response.headers.get("retry-after") !== null || response.headers.get("x-ratelimit-remaining") === "0");
  if (!limited) return void 0;
  const after = Number(response.headers.get("retry-after"));
  const reset = Number(response.headers.get("x-ratelimit-reset")) * 1e3 - Date.now();
  const seconds = Number.isFinite(after) && after > 0 ? after : Number.isFinite(reset) && reset > 0 ? Math.ceil(reset / 1e3) : 1;
  return seconds <= 60 ? seconds * baseMs : void 0;
}
function nextLink(link) {
  const match = /<([^>]+)>;\s*rel="next"/.exec(link ?? "");
  return match?.[1] ? { next: match[1] } : {};
}
function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// src/cli/verify-cli.ts
var VERIFY_USAGE = `Usage: plangate verify --plan FILE [--plan FILE...] [--commit SHA] [options]

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
async function runVerify(args, io) {
  try {
    const values = parseOptions(args);
    if (values.help) {
      io.stdout(VERIFY_USAGE);
      return 0;
    }
    const plans = values.plan ?? [];
    if (plans.length === 0) throw new InputError("--plan", "give the plan about to be applied: --plan plan.json");
    const commit = values.commit ?? io.env.GITHUB_SHA ?? "";
    if (!/^[0-9a-f]{40}$/.test(commit)) throw new InputError("--commit", `expected the 40-hex merge commit being deployed, got ${JSON.stringify(commit)} (set --commit or GITHUB_SHA)`);
    const [owner, repo, extra] = (values.repo ?? io.env.GITHUB_REPOSITORY ?? "").split("/");
    if (!owner || !repo || extra !== void 0) throw new InputError("--repo", `expected OWNER/NAME, got ${JSON.stringify(values.repo ?? io.env.GITHUB_REPOSITORY ?? "")} (set --repo or GITHUB_REPOSITORY)`);
    const token = io.env.GITHUB_TOKEN ?? "";
    if (token === "") throw new InputError("GITHUB_TOKEN", "unset: verify reads the pull request and its comments through the API; pass a token with contents: read and pull-requests: read");
    const config = values.config;
    const configProblem = config === void 0 ? void 0 : repositoryPathProblem(config);
    if (configProblem) throw new InputError("--config", `expected ${configProblem}, got ${JSON.stringify(config)}`);
    const retryBaseMs = Number(io.env.PLANGATE_RETRY_BASE_MS) || void 0;
    const client = createFetchClient({ token, baseUrl: io.env.GITHUB_API_URL || "https://api.github.com", ...retryBaseMs ? { retryBaseMs } : {} });
    const api = new RestDecisionApi(client, owner, repo);
    const poster = values.poster ?? await api.tokenLogin();
    if (!poster) throw new InputError("--poster", "the token is an app installation token, which GitHub does not name: give the account the gate posts as, e.g. --poster github-actions[bot]");
    const statusContext = values["status-context"] ?? "plangate";
    const check = { plans: plans.map((p) => planLabel(p)), config, overrideLabel: values["override-label"] ?? "plangate-override" };
    const verified = await verifyCommit(api, commit, { poster, statusContext }, check);
    if (verified.analysis.decision === "error") {
      for (const error of verified.analysis.errors) io.stderr(`plangate verify: ${safeLine(error)}
`);
      return 2;
    }
    io.stdout(`plangate verify: ${safeLine(verified.message)}
`);
    return 0;
  } catch (error) {
    if (error instanceof Refusal) {
      io.stderr(`plangate verify: ${safeLine(error.message)}
`);
      return 1;
    }
    io.stderr(`plangate verify: ${isInputError(error) ? "" : "error: "}${safeLine(getErrorMessage(error))}
`);
    if (io.env.PLANGATE_DEBUG && error instanceof Error) io.stderr(`${error.stack ?? ""}
`);
    return 2;
  }
}
function parseOptions(args) {
  try {
    return parseArgs({
      args,
      allowPositionals: false,
      options: {
        plan: { type: "string", multiple: true },
        commit: { type: "string" },
        repo: { type: "string" },
        config: { type: "string" },
        poster: { type: "string" },
        "status-context": { type: "string" },
        "override-label": { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }).values;
  } catch (error) {
    throw new InputError("plangate verify", `${safeLine(getErrorMessage(error), 300)}; see plangate verify --help`);
  }
}
export {
  VERIFY_USAGE,
  runVerify
};
