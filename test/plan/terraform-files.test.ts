import { describe, expect, it } from 'vitest';
import { filesLoaded, isIgnoredName, isOverrideFile, isTerraformSource, loadedConfigFiles } from '../../src/plan/terraform-files.js';

const filesOpenTofuLoads = (names: readonly string[]) => filesLoaded(names, 'opentofu');

describe('isTerraformSource', () => {
  it.each([
    ['main.tf', true],
    ['infra/prod/main.tf', true],
    ['main.tf.json', true],
    ['infra/main.tofu', true],
    ['infra/main.tofu.json', true],
    ['override.tofu', true],
    ['infra/terraform.tfvars', false],
    ['infra/prod.tfvars.json', false],
    ['infra/main.tftest.hcl', false],
    ['infra/main.tofutest.hcl', false],
    ['infra/.terraform.lock.hcl', false],
    ['infra/main.tf.bak', false],
    ['infra/main.TF', false],
    ['infra/tofu', false],
    ['infra/main.json', false],
    ['infra.tf/README.md', false],
  ])('%s → %s', (path, expected) => {
    expect(isTerraformSource(path)).toBe(expected);
  });
});

describe('isOverrideFile', () => {
  it.each([
    ['override.tf', true],
    ['override.tofu.json', true],
    ['infra/db_override.tofu', true],
    ['infra/db_override.tf.json', true],
    ['infra/dboverride.tf', false],
    ['infra/override-db.tofu', false],
    ['override/main.tf', false],
    ['override.tfvars', false],
  ])('%s → %s', (path, expected) => {
    expect(isOverrideFile(path)).toBe(expected);
  });
});

describe('filesOpenTofuLoads', () => {
  it('is every .tf and .tf.json file in lexical order, overrides last, for a Terraform-only directory', () => {
    expect(filesOpenTofuLoads(['variables.tf', 'override.tf', 'main.tf', 'README.md', 'a_override.tf.json', 'data.tf.json', 'terraform.tfvars'])).toEqual([
      'data.tf.json',
      'main.tf',
      'variables.tf',
      'a_override.tf.json',
      'override.tf',
    ]);
  });

  it('drops x.tf for x.tofu and x.tf.json for x.tofu.json, override files included', () => {
    expect(
      filesOpenTofuLoads(['main.tf', 'main.tofu', 'vars.tf.json', 'vars.tofu.json', 'outputs.tf', 'db_override.tf', 'db_override.tofu', 'override.tf.json', 'override.tofu.json', 'net.tofu']),
    ).toEqual(['main.tofu', 'net.tofu', 'outputs.tf', 'vars.tofu.json', 'db_override.tofu', 'override.tofu.json']);
  });

  it('does not let x.tofu hide x.tf.json, nor x.tofu.json hide x.tf', () => {
    expect(filesOpenTofuLoads(['a.tofu', 'a.tf.json', 'b.tofu.json', 'b.tf'])).toEqual(['a.tf.json', 'a.tofu', 'b.tf', 'b.tofu.json']);
  });

  it('compares names within the directory, whatever prefix the paths carry', () => {
    expect(filesOpenTofuLoads(['infra/main.tf', 'infra/main.tofu', 'infra/b.tf'])).toEqual(['infra/b.tf', 'infra/main.tofu']);
  });

  it('selects objects by their path with loadedConfigFiles', () => {
    const files = [
      { path: 'x/main.tf', contents: 'tf' },
      { path: 'x/main.tofu', contents: 'tofu' },
      { path: 'x/notes.txt', contents: '' },
    ];
    expect(loadedConfigFiles(files, (f) => f.path, 'opentofu')).toEqual([{ path: 'x/main.tofu', contents: 'tofu' }]);
  });
});

describe('filesLoaded for Terraform, and names both tools skip', () => {
  it('Terraform reads no .tofu file and lets none hide a .tf file', () => {
    expect(filesLoaded(['main.tf', 'main.tofu', 'vars.tf.json', 'vars.tofu.json', 'override.tofu', 'override.tf'], 'terraform')).toEqual(['main.tf', 'vars.tf.json', 'override.tf']);
  });

  it.each(['.keep.tf', '.hidden.tofu', 'main.tf~', '#main.tf#', 'dir/.guard.tf.json'])('%s is skipped by both tools', (name) => {
    expect(isIgnoredName(name)).toBe(true);
    expect(filesLoaded([name], 'terraform')).toEqual([]);
    expect(filesLoaded([name], 'opentofu')).toEqual([]);
  });

  it('a name merely containing those characters is read', () => {
    expect(filesLoaded(['a.b.tf', 'x#y.tf', 'main.tf'], 'terraform')).toEqual(['a.b.tf', 'main.tf', 'x#y.tf']);
  });
});
