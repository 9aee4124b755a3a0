import { describe, expect, it } from 'vitest';
import { AWS } from '../../src/analysis/resources/aws.js';
import { AZURE } from '../../src/analysis/resources/azure.js';
import { CLOUDFORMATION } from '../../src/analysis/resources/cloudformation.js';
import { GOOGLE } from '../../src/analysis/resources/google.js';
import { entryOf, guardsOf, nounOf, type Guard } from '../../src/analysis/resources/index.js';

describe('resource entries', () => {
  it.each([
    ['terraform', [AWS, GOOGLE, AZURE]],
    ['cloudformation', [CLOUDFORMATION]],
  ] as const)('%s: a guard name is checked one way, whichever entry names it', (_, modules) => {
    const byName = new Map<string, Guard['weakened']>();
    for (const entries of modules) {
      for (const entry of Object.values(entries)) {
        for (const guard of entry.guards ?? []) {
          expect(byName.get(guard.name) ?? guard.weakened, guard.name).toBe(guard.weakened);
          byName.set(guard.name, guard.weakened);
        }
      }
    }
  });

  it('checks the guards in the order reports list them: by kind, then as first named', () => {
    expect(guardsOf('terraform').map((g) => g.name)).toEqual([
      'deletion_protection',
      'deletion_protection_enabled',
      'enable_deletion_protection',
      'disable_api_termination',
      'purge_protection_enabled',
      'soft_delete_enabled',
      'skip_destroy',
      'settings.deletion_protection_enabled',
      'force_destroy',
      'force_delete',
      'skip_final_snapshot',
      'final_snapshot_identifier',
      'soft_delete_retention_days',
      'recovery_window_in_days',
      'deletion_window_in_days',
      'deletion_policy',
    ]);
    expect(guardsOf('cloudformation').map((g) => g.name)).toEqual([
      'DeletionProtection',
      'DeletionProtectionEnabled',
      'DisableApiTermination',
      'LoadBalancerAttributes.deletion_protection.enabled',
    ]);
  });

  it('looks types up by format, and never finds an Object property', () => {
    expect(entryOf('terraform', 'aws_db_instance')).toBeDefined();
    expect(entryOf('cloudformation', 'aws_db_instance')).toBeUndefined();
    expect(entryOf('terraform', 'constructor')).toBeUndefined();
    expect(entryOf('cloudformation', '__proto__')).toBeUndefined();
  });

  it('names a type without an entry from the words of its name', () => {
    expect(nounOf('terraform', 'aws_db_instance')).toBe('the database');
    expect(nounOf('terraform', 'aws_memorydb_cluster')).toBe('the cluster');
    expect(nounOf('cloudformation', 'AWS::Logs::LogGroup')).toBe('the resource');
  });
});
