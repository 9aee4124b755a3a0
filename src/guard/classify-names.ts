/** Names and inputs the classifier and the wrappers share. */

import type { Stdin } from './shell-word.js';

/** An infrastructure tool named in text: inline code, a launcher's argument, a script. */
export const INFRA_TOOL = /(^|[^\w.-])(terraform|tofu|terragrunt|pulumi|cdktf|cdk|kubectl|helmfile|helm|gcloud|gsutil|bq|aws|az|sam|serverless|sls|eksctl)(?![\w-])/;

/** A value that reads as a command line naming a tool (`GIT_SSH_COMMAND='terraform destroy'`, `ProxyCommand=terraform destroy`, `!terraform destroy`). */
export const COMMAND_VALUE = /(^|[\s;&|(`'"=!])(terraform|tofu|terragrunt|pulumi|cdktf|cdk|kubectl|helmfile|helm|gcloud|gsutil|bq|aws|az)\s+-*[a-z]/;

/** `/usr/local/bin/terraform.exe` → `terraform`. */
export function commandName(path: string): string {
  // Lower case: macOS and Windows file systems run `Terraform` as `terraform`.
  const name = (path.split('/').pop() ?? path).replace(/\.exe$/i, '').toLowerCase();
  return CONVENTIONAL.get(name) ?? name;
}

/** Short names people give the tools in their shells (aliases the guard cannot see, or links). */
const CONVENTIONAL = new Map([
  ['tf', 'terraform'],
  ['tg', 'terragrunt'],
  ['k', 'kubectl'],
  ['aws2', 'aws'],
  ['kubecolor', 'kubectl'],
]);

/** A container image or package naming a tool: `hashicorp/terraform:1.9` → `terraform`, `aws-cdk@2` → `cdk`. */
export function launchedName(word: string): string {
  const name = commandName(word.replace(/[@:][^/]*$/, ''));
  return name === 'aws-cdk' ? 'cdk' : name === 'cdktf-cli' ? 'cdktf' : name;
}

/** The text a command reads on its input, when it is certain: none, a here-document, or `echo`/`printf` piped in. */
export function stdinText(stdin: Stdin): string | undefined {
  if (stdin.kind === 'text') return stdin.dynamic ? undefined : stdin.text;
  if (stdin.kind !== 'pipe') return stdin.kind === 'none' ? '' : undefined;
  const [name, ...args] = stdin.from.words;
  if (!name || name.dynamic || args.some((a) => a.dynamic)) return undefined;
  if (name.text === 'echo' && !args.some((a) => a.text.startsWith('-'))) return `${args.map((a) => a.text).join(' ')}\n`;
  if (name.text === 'printf' && args.length === 1 && !/[%\\]/.test(args[0]?.text ?? '')) return args[0]?.text;
  if (name.text === 'cat' && args.length === 0) return stdinText(stdin.from.stdin);
  return undefined;
}
