// Every command family of issue 13, point 1: a destructive form asks (or denies) and a harmless form is allowed.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/guard/classify.js';
import type { GuardKind } from '../../src/guard/types.js';

const kinds = (command: string) => classify(command, { extraCommands: [], readScript: () => undefined }).hits.map((h) => h.kind);
const planfiles = (command: string) => classify(command, { extraCommands: [], readScript: () => undefined }).planfiles;

const FAMILIES: Array<[family: string, destructive: string, kind: GuardKind, harmless: string]> = [
  ['terraform apply', 'terraform apply -auto-approve', 'apply', 'terraform plan'],
  ['terraform apply (no flag)', 'terraform apply', 'apply', 'terraform plan -out=tfplan'],
  ['terraform destroy', 'terraform destroy -auto-approve', 'destroy', 'terraform plan -destroy'],
  ['terraform apply -destroy', 'terraform apply -destroy', 'destroy', 'terraform show tfplan'],
  ['tofu apply', 'tofu apply -auto-approve', 'apply', 'tofu plan'],
  ['tofu destroy', 'tofu destroy', 'destroy', 'tofu validate'],
  ['terraform import', 'terraform import aws_s3_bucket.b b', 'state', 'terraform init'],
  ['terraform state rm', 'terraform state rm aws_db_instance.main', 'state', 'terraform state list'],
  ['terraform state mv', 'tofu state mv a b', 'state', 'tofu state show a'],
  ['terraform workspace delete', 'terraform workspace delete prod', 'state', 'terraform workspace list'],
  ['terragrunt apply', 'terragrunt apply', 'apply', 'terragrunt plan'],
  ['terragrunt run-all destroy', 'terragrunt run-all destroy', 'destroy', 'terragrunt run-all plan'],
  ['terragrunt run --all apply', 'terragrunt run --all apply', 'apply', 'terragrunt run --all plan'],
  ['aws cloudformation delete-stack', 'aws cloudformation delete-stack --stack-name prod', 'destroy', 'aws cloudformation describe-stacks'],
  ['aws cloudformation execute-change-set', 'aws cloudformation execute-change-set --change-set-name x', 'apply', 'aws cloudformation describe-change-set --change-set-name x'],
  ['aws cloudformation deploy', 'aws cloudformation deploy --template-file t.yml --stack-name s', 'apply', 'aws cloudformation validate-template --template-body file://t.yml'],
  ['aws cloudformation update-stack', 'aws --region eu-west-1 cloudformation update-stack --stack-name s', 'apply', 'aws cloudformation list-stacks'],
  ['cdk destroy', 'cdk destroy --force', 'destroy', 'cdk diff'],
  ['cdk deploy', 'npx cdk deploy', 'apply', 'npx cdk synth'],
  ['pulumi destroy', 'pulumi destroy --yes', 'destroy', 'pulumi preview'],
  ['pulumi up', 'pulumi up --yes', 'apply', 'pulumi stack ls'],
  ['kubectl delete namespace', 'kubectl delete namespace prod', 'delete', 'kubectl get namespaces'],
  ['kubectl delete pv', 'kubectl delete pv data-1', 'delete', 'kubectl delete pod web-1'],
  ['kubectl delete pvc', 'kubectl -n db delete pvc/data-postgres-0', 'delete', 'kubectl describe pvc data'],
  ['kubectl delete statefulset', 'kubectl delete sts,svc postgres', 'delete', 'kubectl delete deployment web'],
  ['aws s3 rb', 'aws s3 rb s3://orders --force', 'delete', 'aws s3 ls'],
  ['aws s3 rm --recursive', 'aws s3 rm s3://orders/ --recursive', 'delete', 'aws s3 rm s3://orders/one-key.json'],
  ['aws rds delete-db-instance', 'aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot', 'delete', 'aws rds describe-db-instances'],
  ['aws rds delete-db-cluster', 'aws rds delete-db-cluster --db-cluster-identifier prod', 'delete', 'aws rds describe-db-clusters'],
  ['aws dynamodb delete-table', 'aws dynamodb delete-table --table-name orders', 'delete', 'aws dynamodb describe-table --table-name orders'],
  ['gcloud delete', 'gcloud sql instances delete prod-db --quiet', 'delete', 'gcloud sql instances list'],
  ['gcloud storage', 'gcloud storage rm --recursive gs://orders', 'delete', 'gcloud storage ls gs://orders'],
  ['az delete', 'az group delete --name prod-rg --yes', 'delete', 'az group list'],
  ['aws s3 sync --delete', 'aws s3 sync ./build s3://site --delete', 'delete', 'aws s3 sync ./build s3://site'],
  ['sam delete', 'sam delete --stack-name prod --no-prompts', 'destroy', 'sam build'],
  ['serverless remove', 'npx serverless remove --stage prod', 'destroy', 'npx serverless package'],
  ['eksctl delete cluster', 'eksctl delete cluster --name prod', 'destroy', 'eksctl get cluster'],
  ['terraform force-unlock', 'terraform force-unlock -force 1234', 'state', 'terraform providers'],
  ['terraform taint', 'terraform taint aws_db_instance.main', 'state', 'terraform output'],
  ['terragrunt destroy-all', 'terragrunt destroy-all', 'destroy', 'terragrunt plan-all'],
  ['terragrunt apply-all', 'terragrunt apply-all', 'apply', 'terragrunt output-all'],
  ['aws s3api delete-objects', 'aws s3api delete-objects --bucket orders --delete file://keys.json', 'delete', 'aws s3api list-objects --bucket orders'],
  ['kubectl -v N delete', 'kubectl -v 9 delete ns prod', 'delete', 'kubectl -v 9 get ns'],
  ['kubectl delete --raw', 'kubectl delete --raw /api/v1/namespaces/prod', 'delete', 'kubectl get --raw /api/v1/namespaces'],
  ['kubectl apply --prune', 'kubectl apply --prune -f x.yaml -l app=x', 'delete', 'kubectl apply --dry-run=client -f x.yaml'],
  ['helm uninstall', 'helm uninstall db', 'delete', 'helm list'],
  ['helm delete', 'helm --namespace db delete postgres', 'delete', 'helm status postgres'],
  ['kubectl global option with a value', 'kubectl --certificate-authority ca.crt delete ns prod', 'delete', 'kubectl --certificate-authority ca.crt get ns'],
  ['kubectl --cache-dir', 'kubectl --cache-dir /tmp delete pvc data', 'delete', 'kubectl --cache-dir /tmp get pvc'],
  ['kubectl delete custom resource', 'kubectl delete clusters.postgresql.cnpg.io prod', 'delete', 'kubectl delete deployments.apps web'],
  ['terraform by another case (macOS)', 'Terraform destroy', 'destroy', 'Terraform plan'],
  ['aws2', 'aws2 cloudformation delete-stack --stack-name x', 'destroy', 'aws2 cloudformation list-stacks'],
  ['aws dynamodb delete-item', 'aws dynamodb delete-item --table-name t --key k', 'delete', 'aws dynamodb get-item --table-name t --key k'],
  ['pulumi global option with a value', 'pulumi --color never up', 'apply', 'pulumi --color never preview'],
  ['kubecolor', 'kubecolor delete ns prod', 'delete', 'kubecolor get ns'],
  ['helmfile destroy', 'helmfile destroy', 'delete', 'helmfile diff'],
  ['az sql delete', 'az sql db delete -g rg -s srv -n orders', 'delete', 'az sql db show -g rg -s srv -n orders'],
];

describe('each command family: destructive asks, harmless is allowed', () => {
  it.each(FAMILIES)('%s', (_family, destructive, kind, harmless) => {
    expect(kinds(destructive)).toEqual([kind]);
    expect(kinds(harmless)).toEqual([]);
  });

  it('terraform apply PLANFILE is a plan file to check, with its directories', () => {
    expect(kinds('terraform apply tfplan')).toEqual([]);
    expect(planfiles('cd infra/prod && terraform -chdir=stack apply -auto-approve -input=false tfplan')).toEqual([
      { tool: 'terraform', planfile: 'tfplan', directories: ['infra/prod', 'stack'], command: 'terraform -chdir=stack apply -auto-approve -input=false tfplan' },
    ]);
    expect(planfiles('tofu apply out.plan')[0]?.tool).toBe('tofu');
  });

  it('a plan file that may not be the one on disk is not checked but asked', () => {
    for (const command of [
      'terraform plan -destroy -out=tfplan && terraform apply tfplan',
      'terraform apply tfplan; terraform destroy',
      'cd infra; terraform apply tfplan',
      'TF_DATA_DIR=/tmp/x terraform apply tfplan',
      'terraform apply -var x=1 tfplan',
      'terraform apply tfplan other',
      './terraform apply tfplan',
      'terraform apply tfplan < /dev/null',
      'sudo terraform apply tfplan',
      'cd $DIR && terraform apply tfplan',
    ]) {
      expect(planfiles(command), command).toEqual([]);
      expect(kinds(command).length, command).toBeGreaterThan(0);
    }
  });

  it('non-infrastructure commands are allowed', () => {
    for (const command of ['npm test', 'git status && git diff', 'ls -la | grep tf', 'echo terraform destroy', 'git commit -m "terraform destroy later"', 'grep -r destroy .', 'cat main.tf', 'make build', 'aws sts get-caller-identity', 'kubectl logs web-1']) {
      expect(kinds(command), command).toEqual([]);
    }
  });
});
