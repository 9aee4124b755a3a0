import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  VERSION
} from "./chunk-BXALZ5YX.js";
import {
  clip,
  describeAction,
  ruleRequirements,
  sanitize
} from "./chunk-P6DTNAEQ.js";

// src/report/sarif.ts
import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
var LEVEL = {
  critical: { level: "error", score: "9.5" },
  high: { level: "error", score: "8.0" },
  medium: { level: "warning", score: "5.5" },
  low: { level: "note", score: "3.0" }
};
function* sarifChunks(analysis) {
  const rules = ruleRequirements(analysis.findings).map((req) => {
    const severity = analysis.findings.find((f) => f.rule === req.rule).severity;
    const text = sanitize(req.reason ?? `Protected by the plangate rule ${req.rule}.`);
    return {
      id: req.rule,
      shortDescription: { text: clip(text, 200) },
      fullDescription: { text },
      defaultConfiguration: { level: LEVEL[severity].level },
      properties: { tags: ["security", "infrastructure"], "security-severity": LEVEL[severity].score, severity }
    };
  });
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const notifications = analysis.errors.map((error) => ({ level: "error", message: { text: sanitize(error) } }));
  const head = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "plangate", version: VERSION, semanticVersion: VERSION, rules } }, invocations: [{ executionSuccessful: analysis.decision !== "error", toolExecutionNotifications: notifications }] }]
  };
  const [before, after] = JSON.stringify(head).split(/(?=\}\]\}$)/);
  yield `${before},"results":[`;
  for (const [i, finding] of analysis.findings.entries()) yield `${i === 0 ? "" : ","}${JSON.stringify(result(finding, index.get(finding.rule)))}`;
  yield `]${after}
`;
}
function result(finding, ruleIndex) {
  const reason = finding.reason ?? `protected by the rule ${finding.rule}`;
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity].level,
    message: { text: sanitize(`${finding.address}: ${describeAction(finding)}. ${reason}`) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: fileUri(finding.file) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: finding.address, kind: "resource" }]
      }
    ],
    // The same resource, action and rule is the same alert from one run to the next.
    partialFingerprints: { "plangateFinding/v1": createHash("sha256").update(JSON.stringify([finding.rule, finding.action, finding.address])).digest("hex") },
    properties: { type: finding.type, action: finding.action, approvals: finding.approvals, rules: finding.rules }
  };
}
function fileUri(file) {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}

export {
  sarifChunks,
  fileUri
};
